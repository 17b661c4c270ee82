"""A build's state, kept in SQLite so that an update reads and writes only what its articles touch.

``DIR/.kgraph/state.sqlite`` holds the fold of every article's share (``kgraph.resolve``) one row
per key: each article (without its body), each entity as merged so far, which articles mention
which entity, each statement and each figure, with whether the graph keeps it (``kept``: the
resolver's choice of the most specific place and of one figure among repeats), each figure with the
fields the page lists and charts it by (``html.figure_row``), and which projects' written forms are one
node of the graph (``variants``: the rows keep both forms, as the fold does). Beside them: the
build's options and generation (``meta``), the batches added, and the journal of changes the
graph store and the flat files have still to take (``kgraph.store``, ``kgraph.kept_outputs``): the
triples, and the nodes and relations (``touched``) whose records in graph.graphml change. Each
entity's degree in the graph is kept too: the page shows the most connected. One SQLite transaction is one update: it
commits all of a batch or none of it.

Rows are JSON (UTF-8, a file name's lone surrogate kept), so the state can be read without
trusting the folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kgraph.export.html import figure_row as shown_row
from kgraph.model import Article, Entity, Figure, Observation, Statement
from kgraph.resolve import (
    MergedEntity,
    Resolution,
    figure_group,
    join_project,
    node_variants,
    renamed_figure,
    renamed_statement,
)

STATE_DIR = ".kgraph"
STATE_FILE = "state.sqlite"
FORMAT = 3  # 3: figures' indicator, period and status (the page charts by them); projects' variants
IMPLIED = ("basis", "article")  # a statement's qualifier: the article implies it, no sentence says it

SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE batches (generation INTEGER PRIMARY KEY, info TEXT NOT NULL);
CREATE TABLE articles (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, data BLOB NOT NULL);
CREATE TABLE entities (n INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, cls TEXT NOT NULL, parent TEXT,
                       degree INTEGER NOT NULL DEFAULT 0, data BLOB NOT NULL);
CREATE INDEX entities_parent ON entities (parent) WHERE parent IS NOT NULL;
CREATE INDEX entities_degree ON entities (degree DESC, key);
CREATE TABLE mentions (entity INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (entity, article))
    WITHOUT ROWID;
CREATE TABLE statements (digest TEXT PRIMARY KEY, subject TEXT NOT NULL, predicate TEXT NOT NULL,
                         object TEXT NOT NULL, implied INTEGER NOT NULL, kept INTEGER NOT NULL, evidence TEXT NOT NULL,
                         data BLOB NOT NULL) WITHOUT ROWID;
CREATE INDEX statements_spo ON statements (subject, predicate, object);
CREATE INDEX statements_object ON statements (object, predicate);
CREATE TABLE figures (digest TEXT PRIMARY KEY, grp TEXT NOT NULL, subject TEXT NOT NULL, kept INTEGER NOT NULL,
                      data BLOB NOT NULL, year TEXT NOT NULL, metric TEXT NOT NULL, value TEXT NOT NULL,
                      unit TEXT NOT NULL, growth TEXT NOT NULL, evidence TEXT NOT NULL, indicator TEXT NOT NULL,
                      period TEXT NOT NULL, status TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX figures_grp ON figures (grp);
CREATE INDEX figures_subject ON figures (subject);
CREATE TABLE journal (generation INTEGER NOT NULL, seq INTEGER NOT NULL, op TEXT NOT NULL, lines BLOB NOT NULL,
                      PRIMARY KEY (generation, seq)) WITHOUT ROWID;
CREATE TABLE variants (short TEXT PRIMARY KEY, long TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX variants_long ON variants (long);
CREATE TABLE touched (generation INTEGER NOT NULL, node TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT NOT NULL,
                      PRIMARY KEY (generation, node, predicate, object)) WITHOUT ROWID;
"""


class StateError(Exception):
    """The folder's state cannot be used (one line for the user)."""


def state_dir(folder: str | os.PathLike) -> Path:
    return Path(folder) / STATE_DIR


@contextlib.contextmanager
def locked(folder: str | os.PathLike) -> Iterator[None]:
    """Hold the folder's lock for the whole update: two updates of one build never interleave."""
    d = state_dir(folder)
    d.mkdir(parents=True, exist_ok=True)
    with open(d / "lock", "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StateError(f"{folder}: another kgraph build is updating it") from None
        yield


# ---- rows ---------------------------------------------------------------------------------------

def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _load(data: bytes) -> object:
    return json.loads(data.decode("utf-8", "surrogatepass"))


def _text(value: str) -> str:
    """A string SQLite can hold as text (a lone surrogate, from a file name, as U+FFFD)."""
    return value.encode("utf-8", "replace").decode("utf-8")


def _digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:32]


def _tuples(value: object) -> object:
    """JSON lists back into the tuples they were (nested)."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def article_row(a: Article) -> bytes:
    return _dump(asdict(a))


def article_of(data: bytes) -> Article:
    fields = _load(data)
    return Article(**{k: _tuples(v) for k, v in fields.items()})


def entity_row(e: MergedEntity) -> bytes:
    """The merged entity without its articles (they are rows of ``mentions``)."""
    return _dump([e.first, e.cls, e.name, e.adcode, e.context_adcode, e.parent, e.point, e.aliases, e.mentions,
                  e.sentences])


def entity_of(data: bytes) -> MergedEntity:
    first, cls, name, adcode, context_adcode, parent, point, aliases, mentions, sentences = _load(data)
    return MergedEntity(_tuples(first), cls, name, adcode, _tuples(context_adcode), _tuples(parent),
                        _tuples(point), _tuples(aliases), [], mentions, [tuple(s) for s in sentences])


def statement_row(s: Statement) -> bytes:
    return _dump([s.subject, s.predicate, s.object, s.article, s.evidence, s.qualifiers])


def statement_of(data: bytes) -> Statement:
    subject, predicate, obj, article, evidence, qualifiers = _load(data)
    return Statement(subject, predicate, obj, article, evidence, _tuples(qualifiers))


def figure_row(f: Figure) -> bytes:
    return _dump([asdict(f.observation), f.article, f.evidence])


def figure_of(data: bytes) -> Figure:
    observation, article, evidence = _load(data)
    return Figure(Observation(**observation), article, evidence)


def _group_digest(f: Figure) -> str:
    return _digest(_dump(figure_group(f)))


@dataclass
class StoredStatement:
    statement: Statement
    digest: str
    kept: bool


@dataclass(frozen=True)
class Places:
    """One place of an entity, over all its statements (the resolver keeps or drops them all together)."""

    object: str
    stated: bool  # a sentence says it
    implied: bool  # an article implies it (basis article)
    kept: bool  # flagged kept (the batch's new statements are not yet)
    statements: int


@dataclass
class StoredFigure:
    figure: Figure
    digest: str
    kept: bool


@dataclass
class Meta:
    """The build's options and counts, as committed."""

    generation: int = 0  # 0: nothing committed yet
    code: str = ""  # the extraction code's fingerprint (kgraph.incremental.code_fingerprint)
    graph_code: str = ""  # the fingerprint of the code that turns the state into triples
    home_region: str | None = None
    base: str = ""
    exported: int = 0  # the generation the flat files (graph.ttl …) were written from
    outputs: list[str] = field(default_factory=list)  # the flat files the build writes
    files: dict[str, list[int]] = field(default_factory=dict)  # each file's [size, mtime_ns] as last written
    summary: dict = field(default_factory=dict)  # KnowledgeGraph.summary() of the current graph
    triples: int = 0  # in the graph store


# ---- the state ----------------------------------------------------------------------------------

class State:
    """One build's SQLite state: reads anywhere, writes inside ``transaction()``."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self.meta = self._read_meta()
        self._variants: dict[str, str] | None = None  # the table, read once

    @classmethod
    def open(cls, folder: str | os.PathLike, create: bool = False, read_only: bool = False) -> State | None:
        """The state of the build in ``folder``; None if it has none (and ``create`` is false)."""
        path = state_dir(folder) / STATE_FILE
        if not path.exists():
            if (state_dir(folder) / "manifest.json").exists():
                raise StateError(f"{folder}: kept by an earlier version of kgraph (state format 1); "
                                 f"build into a new folder")
            if not create or read_only:
                return None
        try:
            if read_only:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")  # readers (KnownArticles in the workers) beside one writer
                conn.execute("PRAGMA synchronous=FULL")  # a commit survives a power cut, not only a killed process
                conn.execute("PRAGMA cache_size=-262144")  # 256 MiB of pages: a first build writes every row
                if not conn.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone():
                    conn.executescript("BEGIN; " + SCHEMA + f"INSERT INTO meta VALUES ('format', '{FORMAT}'); COMMIT;")
            fmt = conn.execute("SELECT value FROM meta WHERE name='format'").fetchone()
        except sqlite3.DatabaseError as e:
            raise StateError(f"{path}: cannot read the kept state ({e})") from None
        if fmt is None or fmt[0] != str(FORMAT):
            # an older state lacks what the outputs are made from (format 2: figures' indicators): read as
            # it is, it would give another page than a build of its articles; its rows cannot be made again
            # without the articles' text, which the state does not keep
            raise StateError(f"{folder}: kept by another version of kgraph (state format {fmt and fmt[0]}, this "
                             f"kgraph keeps format {FORMAT}); build into a new folder (or remove {folder}/"
                             f"{STATE_DIR}) to rebuild from all the articles")
        return cls(path, conn)

    def close(self) -> None:
        self.conn.close()

    def _read_meta(self) -> Meta:
        rows = dict(self.conn.execute("SELECT name, value FROM meta WHERE name != 'format'"))
        return Meta(**{k: json.loads(v) for k, v in rows.items()})

    def write_meta(self, meta: Meta) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                              [(k, json.dumps(v, ensure_ascii=False)) for k, v in asdict(meta).items()])
        self.meta = meta

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back if it raises (or the process dies)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            self.meta = self._read_meta()
            self._variants = None
            raise
        self.conn.execute("COMMIT")

    # ---- reading ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def has_article(self, aid: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone() is not None

    def entity(self, key: str) -> tuple[int, MergedEntity] | None:
        """(row number, entity) of ``key``, or None if no article has named it."""
        row = self.conn.execute("SELECT n, data FROM entities WHERE key = ?", (key,)).fetchone()
        return (row[0], entity_of(row[1])) if row else None

    def entity_class(self, key: str) -> str | None:
        row = self.conn.execute("SELECT cls FROM entities WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def children(self, key: str) -> list[str]:
        """The entities whose parent is ``key``."""
        return [k for (k,) in self.conn.execute("SELECT key FROM entities WHERE parent = ?", (key,))]

    def triples(self, key: str) -> set[tuple[str, str, str]]:
        """The (subject, predicate, object) of the statements naming ``key``, either way."""
        out = set(self.conn.execute("SELECT DISTINCT subject, predicate, object FROM statements WHERE subject = ?",
                                    (key,)))
        return out | set(self.conn.execute("SELECT DISTINCT subject, predicate, object FROM statements "
                                           "WHERE object = ?", (key,)))

    def subjects_to(self, obj: str, predicate: str) -> list[str]:
        """The subjects of the statements ``? predicate obj``."""
        return [s for (s,) in self.conn.execute("SELECT DISTINCT subject FROM statements WHERE object = ? AND "
                                                "predicate = ?", (obj, predicate))]

    def places(self, subject: str, predicate: str) -> list[Places]:
        """The objects of ``subject``'s statements with ``predicate`` (locatedIn), one row each."""
        rows = self.conn.execute("SELECT object, MIN(implied), MAX(implied), MAX(kept), COUNT(*) FROM statements "
                                 "WHERE subject = ? AND predicate = ? GROUP BY object", (subject, predicate))
        return [Places(o, not low, bool(high), bool(kept), n) for o, low, high, kept, n in rows]

    def flipping(self, subject: str, predicate: str, obj: str, kept: bool) -> list[StoredStatement]:
        """The statements ``subject predicate obj`` not flagged ``kept``."""
        rows = self.conn.execute("SELECT digest, data FROM statements WHERE subject = ? AND predicate = ? AND "
                                 "object = ? AND kept != ?", (subject, predicate, obj, int(kept)))
        variants = self.variants()
        return [StoredStatement(renamed_statement(statement_of(data), variants), digest, not kept)
                for digest, data in rows]

    def has_kept_statement(self, subject: str, predicate: str, obj: str) -> bool:
        return self.conn.execute("SELECT 1 FROM statements WHERE subject = ? AND predicate = ? AND object = ? "
                                 "AND kept = 1 LIMIT 1", (subject, predicate, obj)).fetchone() is not None

    def figures(self, group: tuple | None = None, subject: str | None = None) -> list[StoredFigure]:
        """The figures of one group (``figure_group``), or of one subject."""
        if group is not None:
            rows = self.conn.execute("SELECT digest, kept, data FROM figures WHERE grp = ?",
                                     (_digest(_dump(group)),))
        else:
            rows = self.conn.execute("SELECT digest, kept, data FROM figures WHERE subject = ?", (subject,))
        variants = self.variants()
        out = [StoredFigure(renamed_figure(figure_of(data), variants), digest, bool(kept))
               for digest, kept, data in rows]
        return [f for f in out if group is None or figure_group(f.figure) == group]  # a digest is not the group

    def load_resolution(self) -> Resolution:
        """The whole fold, as the Resolution a build of all the articles would hold (for the flat exports)."""
        numbers: dict[int, str] = {}
        articles: dict[str, Article] = {}
        for n, aid, data in self.conn.execute("SELECT n, id, data FROM articles"):
            numbers[n] = aid
            articles[aid] = article_of(data)
        entities: dict[str, MergedEntity] = {}
        by_number: dict[int, MergedEntity] = {}
        for n, key, data in self.conn.execute("SELECT n, key, data FROM entities"):
            by_number[n] = entities[key] = entity_of(data)
        for entity, article in self.conn.execute("SELECT entity, article FROM mentions"):
            by_number[entity].articles.append(numbers[article])
        statements = (statement_of(data) for (data,) in self.conn.execute("SELECT data FROM statements"))
        figures = (figure_of(data) for (data,) in self.conn.execute("SELECT data FROM figures"))
        return Resolution.restore(articles, entities, statements, figures)

    def degrees_top(self, n: int) -> list[str]:
        """The ``n`` nodes of highest degree (ties by key), as the page picks them."""
        return [k for (k,) in self.conn.execute("SELECT key FROM entities WHERE key NOT IN (SELECT short FROM "
                                                "variants) ORDER BY degree DESC, key LIMIT ?", (n,))]

    def entity_count(self) -> int:
        """The graph's nodes: the entities but a project's other written forms (``variants``)."""
        return self.conn.execute("SELECT (SELECT COUNT(*) FROM entities) - (SELECT COUNT(*) FROM variants)"
                                 ).fetchone()[0]

    def entity_keys(self) -> list[str]:
        """The graph's nodes, by key."""
        return [k for (k,) in self.conn.execute("SELECT key FROM entities WHERE key NOT IN (SELECT short FROM "
                                                "variants) ORDER BY key")]

    def kept_statements(self, subject: str, predicate: str, obj: str) -> list[Statement]:
        """The statements the graph keeps of the relation (subject, predicate, obj)."""
        rows = self.conn.execute("SELECT data FROM statements WHERE subject = ? AND predicate = ? AND object = ? "
                                 "AND kept = 1", (subject, predicate, obj))
        variants = self.variants()
        return [renamed_statement(statement_of(data), variants) for (data,) in rows]

    def variants(self) -> dict[str, str]:
        """The projects' other written forms as the graph joins them (``resolve.project_variants``): short key →
        the key of the node it is part of. The statements and figures of a short form are filed (their columns
        subject, object, grp) under that node, as the graph has them; their data is as the fold has it."""
        if self._variants is None:
            self._variants = dict(self.conn.execute("SELECT short, long FROM variants ORDER BY short"))
        return self._variants

    def node(self, key: str) -> Entity | None:
        """The graph's node ``key``: the entity, joined with the project's other written forms; None for such a
        form (it is part of another node) or a key no article named."""
        if key in self.variants():
            return None
        row = self.entity(key)
        if row is None:
            return None
        e = row[1].entity(key)
        for short in self.forms(key):
            join_project(e, self.entity(short)[1].entity(short))
        return e

    def forms(self, key: str) -> list[str]:
        """The other written forms of the project ``key`` that are part of its node."""
        return [k for (k,) in self.conn.execute("SELECT short FROM variants WHERE long = ? ORDER BY short", (key,))]

    def node_variants(self) -> dict[str, str]:
        """``resolve.node_variants`` over the entities as they are now (the batch's rows written)."""
        # read by the key's index (model.entity_key), not the whole table: projects, parks, hospitals, provinces
        entities = {}
        for low, high in (("Project/", "Project0"), ("IndustrialPark/", "IndustrialPark0"), ("Hospital/", "Hospital0"),
                          ("region/", "region0")):
            for key, data in self.conn.execute("SELECT key, data FROM entities WHERE key >= ? AND key < ? AND cls IN"
                                               " ('Project', 'IndustrialPark', 'Hospital', 'Province')", (low, high)):
                entities[key] = entity_of(data)
        return node_variants(entities)

    def page_part(self, keys: Iterable[str], evidence: int, figures: int
                  ) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, ...]]]:
        """What the page shows of the entities ``keys``: the relations among them that statements support, as
        (subject, object, predicate, evidence) for each relation's first ``evidence`` distinct evidences in
        order, and the first ``figures`` figures of each entity in the page's order, as (subject, *its row).
        Sorted and cut by SQLite (its text order is Python's): Python reads no more than the page shows."""
        c = self.conn
        c.execute("CREATE TEMP TABLE IF NOT EXISTS chosen (key TEXT PRIMARY KEY) WITHOUT ROWID")
        c.execute("DELETE FROM chosen")
        c.executemany("INSERT OR IGNORE INTO chosen VALUES (?)", ((k,) for k in keys))
        relations = list(c.execute(
            "SELECT subject, object, predicate, evidence FROM (SELECT subject, object, predicate, evidence, "
            "ROW_NUMBER() OVER (PARTITION BY subject, object, predicate ORDER BY evidence) AS n FROM "
            "(SELECT DISTINCT s.subject, s.object, s.predicate, s.evidence FROM chosen a "
            "JOIN statements s ON s.subject = a.key WHERE s.kept = 1 AND s.object IN (SELECT key FROM chosen))) "
            "WHERE n <= ?", (evidence,)))
        columns = "year, metric, value, unit, growth, evidence, indicator, period, status"  # html.figure_row
        shown = list(c.execute(
            f"SELECT subject, {columns} FROM (SELECT f.subject, {columns}, ROW_NUMBER() OVER (PARTITION BY "
            f"f.subject ORDER BY {columns}) AS n FROM chosen a JOIN figures f ON f.subject = a.key "
            f"WHERE f.kept = 1) WHERE n <= ?", (figures,)))
        c.execute("DELETE FROM chosen")
        return relations, shown

    def article(self, aid: str) -> Article | None:
        row = self.conn.execute("SELECT data FROM articles WHERE id = ?", (aid,)).fetchone()
        return article_of(row[0]) if row else None

    def touched(self) -> list[tuple[str, str, str]]:
        """The nodes (``(key, "", "")``) and relations (subject, predicate, object) changed since the flat files
        were written."""
        return list(self.conn.execute("SELECT DISTINCT node, predicate, object FROM touched"))

    def journal(self) -> list[tuple[int, str, bytes]]:
        """The changes the graph store has still to take: (generation, op, N-Triples lines), in order."""
        return list(self.conn.execute("SELECT generation, op, lines FROM journal ORDER BY generation, seq"))

    # ---- writing (inside a transaction) ----------------------------------------------------------

    def add_article(self, a: Article) -> int:
        return self.conn.execute("INSERT INTO articles (id, data) VALUES (?, ?)", (a.id, article_row(a))).lastrowid

    def put_entity(self, number: int | None, key: str, e: MergedEntity) -> int:
        """Write an entity (a new one when ``number`` is None); returns its row number."""
        if number is None:
            return self.conn.execute("INSERT INTO entities (key, cls, parent, data) VALUES (?, ?, ?, ?)",
                                     (key, e.cls, e.parent_key, entity_row(e))).lastrowid
        self.conn.execute("UPDATE entities SET cls = ?, parent = ?, data = ? WHERE n = ?",
                          (e.cls, e.parent_key, entity_row(e), number))
        return number

    def add_mentions(self, pairs: Iterable[tuple[int, int]]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO mentions VALUES (?, ?)", pairs)

    def add_statements(self, statements: Iterable[Statement], kept: set[Statement] | None = None) -> None:
        """Insert statements (kept if in ``kept``), filed under the nodes they are about (``variants``); one already
        in the state is left as it is."""
        variants = self.variants()
        rows = ((statement_row(s), s, renamed_statement(s, variants)) for s in statements)
        self.conn.executemany("INSERT OR IGNORE INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              ((_digest(data), n.subject, s.predicate, n.object, int(IMPLIED in s.qualifiers),
                                int(kept is not None and s in kept), _text(s.evidence), data)
                               for data, s, n in rows))

    def add_figures(self, figures: Iterable[Figure], kept: set[Figure] | None = None) -> None:
        variants = self.variants()
        rows = ((figure_row(f), f, renamed_figure(f, variants)) for f in figures)
        self.conn.executemany("INSERT OR IGNORE INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              ((_digest(data), _group_digest(n), n.observation.subject,
                                int(kept is not None and f in kept), data, *map(_text, shown_row(f)))
                               for data, f, n in rows))

    def set_statements_kept(self, changes: Iterable[tuple[str, bool]]) -> None:
        self.conn.executemany("UPDATE statements SET kept = ? WHERE digest = ?", [(int(k), d) for d, k in changes])

    def set_figures_kept(self, changes: Iterable[tuple[str, bool]]) -> None:
        self.conn.executemany("UPDATE figures SET kept = ? WHERE digest = ?", [(int(k), d) for d, k in changes])

    def write_resolution(self, resolution: Resolution, kept_statements: set[Statement],
                         kept_figures: set[Figure]) -> None:
        """Write a whole fold (a first build) into an empty state. A row is kept when the graph keeps it, about
        the node a project's other written form is part of (``kept_statements`` and ``kept_figures`` are the
        corpus's, joined)."""
        variants = node_variants(resolution.entities)
        self.set_variants(variants)
        if variants:
            kept_statements = {s for s in resolution.statements if renamed_statement(s, variants) in kept_statements}
            kept_figures = {f for f in resolution.figures if renamed_figure(f, variants) in kept_figures}
        numbers = {}
        for aid, a in resolution.articles.items():
            numbers[aid] = self.add_article(a)
        mentions = []
        for key, e in resolution.entities.items():
            n = self.put_entity(None, key, e)
            mentions += [(n, numbers[aid]) for aid in e.articles]
        self.add_mentions(mentions)
        self.add_statements(resolution.statements, kept_statements)
        self.add_figures(resolution.figures, kept_figures)

    def set_variants(self, variants: dict[str, str]) -> None:
        """Record which forms are joined now, and file the rows of the forms joined or parted under their node."""
        before = self.variants()
        changed = {k for k in set(before) | set(variants) if before.get(k) != variants.get(k)}
        self.conn.execute("DELETE FROM variants")
        self.conn.executemany("INSERT INTO variants VALUES (?, ?)", sorted(variants.items()))
        self._variants = dict(sorted(variants.items()))
        if changed:
            self._refile(changed | {before[k] for k in changed if k in before} | {variants[k] for k in changed
                                                                                  if k in variants})

    def _refile(self, keys: set[str]) -> None:
        """File again, under the nodes they are part of now, the statements and figures filed under ``keys``."""
        c, variants = self.conn, self.variants()
        c.execute("CREATE TEMP TABLE IF NOT EXISTS refiled (key TEXT PRIMARY KEY) WITHOUT ROWID")
        c.execute("DELETE FROM refiled")
        c.executemany("INSERT OR IGNORE INTO refiled VALUES (?)", ((k,) for k in keys))
        rows = c.execute("SELECT digest, data FROM statements WHERE subject IN (SELECT key FROM refiled) "
                         "OR object IN (SELECT key FROM refiled)").fetchall()
        filed = ((d, renamed_statement(statement_of(data), variants)) for d, data in rows)
        c.executemany("UPDATE statements SET subject = ?, object = ? WHERE digest = ?",
                      [(st.subject, st.object, d) for d, st in filed])
        rows = c.execute("SELECT digest, data FROM figures WHERE subject IN (SELECT key FROM refiled)").fetchall()
        figures = ((d, renamed_figure(figure_of(data), variants)) for d, data in rows)
        c.executemany("UPDATE figures SET subject = ?, grp = ? WHERE digest = ?",
                      [(f.observation.subject, _group_digest(f), d) for d, f in figures])
        c.execute("DELETE FROM refiled")

    def add_batch(self, generation: int, info: dict) -> None:
        self.conn.execute("INSERT INTO batches VALUES (?, ?)", (generation, json.dumps(info, ensure_ascii=False)))

    def add_journal(self, generation: int, op: str, lines: list[str], chunk: int = 20_000) -> None:
        """Changes for the graph store: ``op`` is remove or add (N-Triples lines), or rebuild (no lines)."""
        seq = self.conn.execute("SELECT COUNT(*) FROM journal WHERE generation = ?", (generation,)).fetchone()[0]
        if op == "rebuild":
            self.conn.execute("INSERT INTO journal VALUES (?, ?, ?, ?)", (generation, seq, op, b""))
            return
        for i in range(0, len(lines), chunk):
            self.conn.execute("INSERT INTO journal VALUES (?, ?, ?, ?)",
                              (generation, seq, op, "".join(lines[i:i + chunk]).encode("utf-8", "surrogatepass")))
            seq += 1

    def add_touched(self, generation: int, nodes: Iterable[str], relations: Iterable[tuple[str, str, str]]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO touched VALUES (?, ?, ?, ?)",
                              [(generation, k, "", "") for k in nodes] + [(generation, *r) for r in relations])

    def add_degrees(self, deltas: Iterable[tuple[str, int]]) -> None:
        self.conn.executemany("UPDATE entities SET degree = degree + ? WHERE key = ?", [(d, k) for k, d in deltas])

    def set_degrees(self, degrees: Iterable[tuple[str, int]]) -> None:
        self.conn.executemany("UPDATE entities SET degree = ? WHERE key = ?", [(d, k) for k, d in degrees])

    def clear_journal(self, up_to: int) -> None:
        self.conn.execute("DELETE FROM journal WHERE generation <= ?", (up_to,))
        self.conn.execute("DELETE FROM touched WHERE generation <= ?", (up_to,))
