"""Adding articles to a kept build: the state and the graph store change only where the new articles touch them.

A build kept in a folder (``kgraph build --update DIR``) holds its state in SQLite
(``kgraph.state``) and its graph in a pyoxigraph store (``kgraph.store``). An update folds the new
articles' shares into the rows they name (``Update.add``), then works out what changed
(``Update.commit``): the entities the articles touch, the statements and figures they add, and
what those change elsewhere — a place more specific than one an old statement gave (the old one
goes), an entity that now exists (statements about it, kept aside until then, come in), a
figure said again earlier (the earlier sentence's one is kept). Each change is a set of triples
to remove and to add, written to the state's journal in the same transaction as the rows: the
commit. The store then takes the journal (``bring_store_up_to_date``) and a snapshot is published
for readers; a process killed in between leaves the journal, which the next update applies
first (applying it twice changes nothing).

So an update costs what its articles touch, and its result is the graph one build of all the
articles gives: the store holds the same triples, and the flat files exported from the state are
the same bytes (tests/test_incremental.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import sqlite3
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

from kgraph.export.rdf import (
    RdfExporter,
    Terms,
    article_pairs,
    entity_head_pairs,
    entity_iri,
    geometry_pairs,
    geometry_term,
    mentioned_pair,
    nt_lines,
    observation_pairs,
    relation_pair,
    statement_pairs,
)
from kgraph.graph import KnowledgeGraph, has_parent_edge
from kgraph.kept_outputs import KeptOutputs, journal_subjects, stamps
from kgraph.model import Article, Entity, Figure, Statement
from kgraph.resolve import (
    ArticleShare,
    MergedEntity,
    distinct_figures,
    figure_group,
    figure_order,
    join_project,
    most_specific_places,
    renamed_figure,
    renamed_statement,
    self_relation,
)
from kgraph.state import IMPLIED, Meta, Places, State, StoredStatement, figure_of, statement_of
from kgraph.store import LiveStore

# What extraction and resolution depend on: a change in any of these makes a kept state stale.
EXTRACTION_CODE = ("model.py", "resolve.py", "pipeline.py", "ingest", "extract", "nlp", "gazetteer", "tables")
EXTRACTION_LIBRARIES = ("rjieba", "jieba", "ahocorasick-rs", "charset-normalizer")
# What turns the state into triples: a change here only means the store is rebuilt from the state.
GRAPH_CODE = ("graph.py", "export", "incremental.py", "kept_outputs.py", "state.py", "store.py")
GRAPH_LIBRARIES = ("pyoxigraph",)
LOCATED_IN, SUBDIVISION_OF, PARK = "locatedIn", "subdivisionOf", "IndustrialPark"


def _fingerprint(names: Iterable[str], libraries: Iterable[str]) -> str:
    root = Path(__file__).parent
    h = hashlib.sha256()
    for name in names:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*")
                                                     if p.is_file() and "__pycache__" not in p.parts)
        for f in files:
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    for lib in libraries:
        with contextlib.suppress(metadata.PackageNotFoundError):
            h.update(f"{lib}={metadata.version(lib)}\0".encode())
    return h.hexdigest()[:16]


def code_fingerprint() -> str:
    """A digest of the extraction code, tables, gazetteer and the libraries' versions."""
    return _fingerprint(EXTRACTION_CODE, EXTRACTION_LIBRARIES)


def graph_fingerprint() -> str:
    """A digest of the code that turns a state into triples."""
    return _fingerprint(GRAPH_CODE, GRAPH_LIBRARIES)


def crash_point(name: str) -> None:
    """Where the tests kill an update (``KGRAPH_CRASH_AT=name``): SIGKILL, as a power cut or the OOM killer would."""
    if os.environ.get("KGRAPH_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


class KnownArticles(Collection[str]):
    """The article ids of a kept build, looked up in its state: what the engines need not extract again.

    Picklable (as the state's path) and safe after fork: each process opens the state read-only itself.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = str(path)
        self._conn: sqlite3.Connection | None = None
        self._pid = 0

    def __reduce__(self):
        return KnownArticles, (self.path,)

    def _db(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._conn

    def __contains__(self, aid: object) -> bool:
        return self._db().execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        return (aid for (aid,) in self._db().execute("SELECT id FROM articles"))

    def __len__(self) -> int:
        return self._db().execute("SELECT COUNT(*) FROM articles").fetchone()[0]


@dataclass
class Changes:
    """Triples to remove and to add (N-Triples lines); removals are applied first."""

    remove: list[str] = field(default_factory=list)
    add: list[str] = field(default_factory=list)

    def diff(self, subject: str, before: Iterable[tuple[str, str]], after: Iterable[tuple[str, str]]) -> None:
        old, new = set(before), set(after)
        self.remove += nt_lines(subject, sorted(old - new))
        self.add += nt_lines(subject, sorted(new - old))


def _head(subject: str, d: Entity | None) -> list[tuple[str, str]]:
    return entity_head_pairs(subject, d.cls, d.name, sorted(d.aliases), d.adcode, d.point is not None) if d else []


class Update:
    """One batch of articles folded into a kept state; ``commit`` writes it and what it changes, all at once."""

    def __init__(self, state: State):
        self.state = state
        self.terms = Terms(state.meta.base)
        self.articles: dict[str, Article] = {}
        self.entities: dict[str, MergedEntity] = {}  # every entity the batch names, as folded now
        self.before: dict[str, tuple[int, MergedEntity] | None] = {}  # the same, as committed (None: new)
        self.mentions: list[tuple[str, str]] = []  # (entity key, article id)
        self.statements: set[Statement] = set()
        self.figures: set[Figure] = set()
        # the same, about the graph's nodes (a project's other written form is part of its node: State.variants)
        self.filed_statements: set[Statement] = set()
        self.filed_figures: set[Figure] = set()
        self._size = len(state)

    def __contains__(self, aid: str) -> bool:
        return aid in self.articles or self.state.has_article(aid)

    def __len__(self) -> int:
        return self._size + len(self.articles)

    def add(self, share: ArticleShare) -> bool:
        """Fold one article in (as ``Resolution.add``); an article already in the build is left out: False."""
        aid = share.article.id
        if aid in self:
            return False
        self.articles[aid] = share.article
        for s in share.entities:
            e = self.entities.get(s.key)
            if e is None:
                row = self.before[s.key] = self.state.entity(s.key)
                e = self.entities[s.key] = replace(row[1], articles=[]) if row else MergedEntity.of(s, aid)
            e.fold(s, aid)
            if s.in_article:
                self.mentions.append((s.key, aid))
        self.statements.update(share.statements)
        self.figures.update(share.figures)
        return True

    # ---- the commit ------------------------------------------------------------------------------

    def commit(self, batch: dict) -> Meta:
        """Write the batch, the kept flags it changes and the store's changes, in one transaction."""
        state = self.state
        with state.transaction():
            variants_before = dict(state.variants())
            self._write_rows()
            variants = state.variants()
            crash_point("rows-written")
            look = _Lookup(state, self)
            below = self._below(self._structural(look), look)
            statement_flags = self._statement_flags(below, look)
            figure_flags = self._figure_flags(look)
            edges = self._edges(statement_flags, look)
            old_edges = {e: look.edge(*e, before=True) for e in edges}
            state.set_statements_kept((s.digest, kept) for s, kept in statement_flags)
            state.set_figures_kept((f.digest, kept) for f, kept in figure_flags)
            new_edges = {e: look.edge(*e, before=False) for e in edges}
            meta = replace(state.meta, generation=state.meta.generation + 1)
            # an entity's IRI changed with its class: every triple naming it would; or a project's two written
            # forms are joined into one node or parted: rebuild the store (and the files) from the state
            rebuild = variants != variants_before or any(entity_iri(k, b[1].cls) != entity_iri(k, self.entities[k].cls)
                                                         for k, b in self.before.items() if b)
            if rebuild:
                state.add_journal(meta.generation, "rebuild", [])
            else:
                changes = self._changes(statement_flags, figure_flags, old_edges, new_edges, look)
                state.add_journal(meta.generation, "remove", changes.remove)
                state.add_journal(meta.generation, "add", changes.add)
                meta.triples += len(changes.add) - len(changes.remove)
            degrees: Counter[str] = Counter()  # each relation that appears or goes counts at both ends
            for edge, was in old_edges.items():
                if was != new_edges[edge]:
                    step = 1 if new_edges[edge] else -1
                    degrees[edge[0]] += step
                    degrees[edge[2]] += step
            state.add_degrees(degrees.items())
            state.add_touched(meta.generation, {variants.get(k, k) for k in self.entities}, edges)
            meta.summary = self._summary(statement_flags, figure_flags, old_edges, new_edges)
            state.add_batch(meta.generation, batch)
            state.write_meta(meta)
            crash_point("before-commit")
        crash_point("committed")
        return meta

    def _write_rows(self) -> None:
        """The batch's rows; which projects' forms are joined, worked out from the entities now (a join or a
        parting files the rows of the forms again); the statements and figures filed under their nodes."""
        state = self.state
        article_numbers = {aid: state.add_article(a) for aid, a in self.articles.items()}
        numbers = {}
        for key, e in self.entities.items():
            before = self.before[key]
            numbers[key] = state.put_entity(before[0] if before else None, key, e)
        state.add_mentions((numbers[k], article_numbers[aid]) for k, aid in self.mentions)
        variants = state.node_variants()
        if variants != state.variants():
            state.set_variants(variants)
        state.add_statements(self.statements)
        state.add_figures(self.figures)
        self.filed_statements = {renamed_statement(st, variants) for st in self.statements}
        self.filed_figures = {renamed_figure(f, variants) for f in self.figures}

    def _node(self, key: str, before: bool) -> Entity | None:
        """The graph's node ``key`` before the batch or after it: the entity joined with its project's other
        written forms (they are the same before and after: a batch that joins or parts them rebuilds)."""
        def entity(k: str) -> Entity | None:
            if k in self.entities:
                row = self.before[k] if before else (0, self.entities[k])
                return row[1].entity(k) if row else None
            row = self.state.entity(k)
            return row[1].entity(k) if row else None

        e = entity(key)
        for short in self.state.forms(key) if e is not None else ():
            other = entity(short)
            if other is not None:
                join_project(e, other)
        return e

    def _structural(self, look: _Lookup) -> set[str]:
        """Entities whose change can change which places are kept below them: new ones, a new class or
        parent, a park in a place it was not in."""
        out = set()
        for key, e in self.entities.items():
            before = self.before[key]
            if before is None or before[1].cls != e.cls or before[1].parent_key != e.parent_key:
                out.add(key)
        new_places = Counter((st.subject, st.object) for st in self.filed_statements if st.predicate == LOCATED_IN)
        for park in {s for s, _ in new_places if look.cls(s) == PARK} - out:
            for p in self.state.places(park, LOCATED_IN):
                if p.statements == new_places[park, p.object] and look.exists(p.object):
                    out.add(park)
        return out

    def _below(self, keys: set[str], look: _Lookup) -> set[str]:
        """``keys`` and every place below them: the entities whose parent they are, the parks in them, and so on."""
        out, todo = set(keys), list(keys)
        while todo:
            key = todo.pop()
            lower = set(self.state.children(key))
            lower |= {s for s in self.state.subjects_to(key, LOCATED_IN) if look.cls(s) == PARK}
            for k in lower - out:
                out.add(k)
                todo.append(k)
        return out

    def _statement_flags(self, below: set[str], look: _Lookup) -> list[tuple[StoredStatement, bool]]:
        """The statements whose kept flag changes, with the new flag.

        A statement is kept when both its entities exist and, for locatedIn, the resolver keeps the place;
        so the flag is the same for every statement of one (subject, predicate, object), and what is
        worked out is the flag of each triple the batch can change.
        """
        created = {k for k, b in self.before.items() if b is None}
        triples = {(st.subject, st.predicate, st.object) for st in self.filed_statements}
        for key in created:
            triples |= self.state.triples(key)
        placed = {s for s, p, _ in triples if p == LOCATED_IN}
        placed |= {s for key in below for s in self.state.subjects_to(key, LOCATED_IN)}
        dropped: set[tuple[str, str]] = set()
        for subject in placed:
            places = self.state.places(subject, LOCATED_IN)
            triples |= {(subject, LOCATED_IN, p.object) for p in places}
            dropped |= self._dropped_places(subject, places, look)
        out = []
        for s, p, o in sorted(triples):
            kept = (look.exists(s) and look.exists(o) and not self_relation(s, p, o)
                    and (p != LOCATED_IN or (s, o) not in dropped))
            out += [(stored, kept) for stored in self.state.flipping(s, p, o, kept)]
        return out

    def _dropped_places(self, subject: str, places: list[Places], look: _Lookup) -> set[tuple[str, str]]:
        """The (subject, place) pairs the resolver drops: ``most_specific_places`` over one statement of
        each kind per place, and what it reads above them (the regions' chains, the parks' places)."""
        if not look.exists(subject):
            return set()
        statements = set(_representatives(subject, [p for p in places if look.exists(p.object)]))
        entities: dict[str, Entity] = {}
        todo = [st.object for st in statements]
        seen = set(todo)
        while todo:
            key = todo.pop()
            e = look.entity(key)
            if e is None:
                continue
            entities[key] = e
            nxt = {e.parent} if e.parent else set()
            if e.cls == PARK:
                park_places = [p for p in self.state.places(key, LOCATED_IN) if look.exists(p.object)]
                statements.update(_representatives(key, park_places))
                nxt |= {p.object for p in park_places}
            for k in nxt - seen:
                seen.add(k)
                todo.append(k)
        kept = {(st.subject, st.object) for st in most_specific_places(sorted(statements, key=repr), entities)}
        return {(subject, st.object) for st in statements if st.subject == subject} - kept

    def _figure_flags(self, look: _Lookup) -> list[tuple[object, bool]]:
        """The figures whose kept flag changes: of each group a new figure joins or whose subject is new,
        the one the resolver keeps (``distinct_figures``)."""
        created = {k for k, b in self.before.items() if b is None}
        groups = {figure_group(f) for f in self.filed_figures}
        for key in created:
            groups |= {figure_group(sf.figure) for sf in self.state.figures(subject=key)}
        out = []
        for group in groups:
            members = self.state.figures(group=group)
            keep = None
            if look.exists(group[0]):
                ordered = sorted(members, key=lambda sf: (figure_order(sf.figure), sf.digest))
                first = distinct_figures([sf.figure for sf in ordered])[0]
                keep = next(sf.digest for sf in ordered if sf.figure == first)
            out += [(sf, sf.digest == keep) for sf in members if (sf.digest == keep) != sf.kept]
        return out

    def _edges(self, statement_flags: list[tuple[StoredStatement, bool]], look: _Lookup) -> set[tuple[str, str, str]]:
        """The relations (subject, predicate, object) that may appear or go."""
        out = {(s.statement.subject, s.statement.predicate, s.statement.object) for s, _ in statement_flags}
        for key, e in self.entities.items():
            before = self.before[key]
            parents = {e.parent_key, before[1].parent_key if before else None} - {None}
            out |= {(key, SUBDIVISION_OF, p) for p in parents}
            if before is None:
                out |= {(child, SUBDIVISION_OF, key) for child in self.state.children(key)}
        return out

    def _changes(self, statement_flags, figure_flags, old_edges, new_edges, look: _Lookup) -> Changes:
        terms, changes = self.terms, Changes()
        for aid, a in self.articles.items():
            changes.add += nt_lines(terms.article(aid), article_pairs(a))
        variants = self.state.variants()
        for key in sorted({variants.get(k, k) for k in self.entities}):  # a project's forms: its one node
            before, after = self._node(key, True), self._node(key, False)
            subject = terms.entity(key, after.cls)
            changes.diff(subject, _head(subject, before), _head(subject, after))
            old_point = before.point if before else None
            new_point = after.point
            if old_point != new_point:
                geometry = geometry_term(subject)
                changes.diff(geometry, geometry_pairs(old_point) if old_point else (),
                             geometry_pairs(new_point) if new_point else ())
        for key, aid in sorted({(variants.get(k, k), aid) for k, aid in self.mentions}):
            changes.add += nt_lines(look.term(key), [mentioned_pair(terms.article(aid))])
        for s, kept in statement_flags:
            st = s.statement
            lines = nt_lines(terms.statement(st), statement_pairs(st, look.term(st.subject), look.term(st.object),
                                                                  terms.article(st.article)))
            (changes.add if kept else changes.remove).extend(lines)
        for sf, kept in figure_flags:
            f = sf.figure
            lines = nt_lines(terms.observation(f), observation_pairs(f, look.term(f.observation.subject),
                                                                     terms.article(f.article)))
            (changes.add if kept else changes.remove).extend(lines)
        for edge in sorted(old_edges):
            if old_edges[edge] != new_edges[edge]:
                s, p, o = edge
                lines = nt_lines(look.term(s), [relation_pair(p, look.term(o))])
                (changes.add if new_edges[edge] else changes.remove).extend(lines)
        return changes

    def _summary(self, statement_flags, figure_flags, old_edges, new_edges) -> dict:
        """KnowledgeGraph.summary() of the new graph, from the old one and what changed."""
        s = self.state.meta.summary
        per_class = dict(s["per_class"])
        for key, e in self.entities.items():
            before = self.before[key]
            if before is None or before[1].cls != e.cls:
                per_class[e.cls] = per_class.get(e.cls, 0) + 1
            if before is not None and before[1].cls != e.cls:
                per_class[before[1].cls] -= 1
        return {"articles": s["articles"] + len(self.articles),
                "entities": s["entities"] + sum(b is None for b in self.before.values()),
                "per_class": dict(sorted((k, v) for k, v in per_class.items() if v)),
                "relations": s["relations"] + sum(new_edges[e] - old_edges[e] for e in old_edges),
                "statements": s["statements"] + sum(1 if kept else -1 for _, kept in statement_flags),
                "figures": s["figures"] + sum(1 if kept else -1 for _, kept in figure_flags)}


def _representatives(subject: str, places: list[Places]) -> list[Statement]:
    """One locatedIn statement per place and kind (stated, implied): all most_specific_places tells apart."""
    out = []
    for p in places:
        if p.stated:
            out.append(Statement(subject, LOCATED_IN, p.object, "", ""))
        if p.implied:
            out.append(Statement(subject, LOCATED_IN, p.object, "", "", (IMPLIED,)))
    return out


class _Lookup:
    """The state as the open transaction sees it (the batch's rows written), with what it needs cached."""

    def __init__(self, state: State, update: Update):
        self.state, self.update = state, update
        self._cls: dict[str, str | None] = {k: e.cls for k, e in update.entities.items()}
        self._entities: dict[str, Entity | None] = {}

    def cls(self, key: str) -> str | None:
        if key not in self._cls:
            self._cls[key] = self.state.entity_class(key)
        return self._cls[key]

    def exists(self, key: str) -> bool:
        return self.cls(key) is not None

    def existed(self, key: str) -> bool:
        """Whether the entity was in the build before this batch."""
        return self.update.before[key] is not None if key in self.update.before else self.exists(key)

    def entity(self, key: str) -> Entity | None:
        """The entity's class and parent, as most_specific_places reads them."""
        if key not in self._entities:
            e = self.update.entities.get(key)
            if e is None:
                row = self.state.entity(key)
                e = row[1] if row else None
            self._entities[key] = Entity(key, e.cls, e.name, parent=e.parent_key) if e else None
        return self._entities[key]

    def term(self, key: str) -> str:
        return self.update.terms.entity(key, self.cls(key))

    def parent(self, key: str, before: bool) -> str | None:
        if key in self.update.entities:
            if not before:
                return self.update.entities[key].parent_key
            b = self.update.before[key]
            return b[1].parent_key if b else None
        e = self.entity(key)
        return e.parent if e else None

    def edge(self, subject: str, predicate: str, obj: str, before: bool) -> bool:
        """Whether the graph has the relation: a statement kept for it, or for subdivisionOf the subject's parent.

        ``before``: in the graph as committed (asked before the batch's flags are written).
        """
        exists = self.existed if before else self.exists
        if not (exists(subject) and exists(obj)):
            return False
        if predicate == SUBDIVISION_OF and self.parent(subject, before) == obj \
                and has_parent_edge(subject, obj, exists):
            return True
        return self.state.has_kept_statement(subject, predicate, obj)


# ---- the store: brought up to date from the state --------------------------------------------------

def graph_of_state(state: State) -> KnowledgeGraph:
    """The whole graph of a kept build, as one build of all its articles makes it."""
    return KnowledgeGraph.from_corpus(state.load_resolution().corpus(release=True))


def rebuild_store(folder: str | os.PathLike, state: State) -> tuple[KnowledgeGraph, int]:
    """A new live store, every kept flag and degree, from the whole state: (the graph, its triples)."""
    corpus = state.load_resolution().corpus(release=True)
    kept_statements, kept_figures = set(corpus.statements), set(corpus.figures)
    kg = KnowledgeGraph.from_corpus(corpus)
    del corpus
    variants = state.variants()  # a row about a project's other written form is kept as its node's is
    with state.transaction():
        flags = ((d, bool(kept), renamed_statement(statement_of(data), variants) in kept_statements)
                 for d, kept, data in state.conn.execute("SELECT digest, kept, data FROM statements").fetchall())
        state.set_statements_kept((d, new) for d, old, new in flags if old != new)
        flags = ((d, bool(kept), renamed_figure(figure_of(data), variants) in kept_figures)
                 for d, kept, data in state.conn.execute("SELECT digest, kept, data FROM figures").fetchall())
        state.set_figures_kept((d, new) for d, old, new in flags if old != new)
        state.set_degrees(kg.nx.degree())
    return kg, write_live_store(folder, kg, state.meta.base)


def write_live_store(folder: str | os.PathLike, kg: KnowledgeGraph, base: str) -> int:
    """The live store holding ``kg``'s triples (as graph.nt has them); returns how many."""
    count = 0

    def counted():
        nonlocal count
        for q in RdfExporter(base=base).quads(kg):
            count += 1
            yield q

    LiveStore(folder).rebuild(counted())
    return count


def bring_up_to_date(folder: str | os.PathLike, state: State,
                     lap: Callable[[str], None] = lambda _: None) -> list[Path]:
    """Give the store and the flat files what the committed state holds and they lack: apply the journal to
    the store (or rebuild it from the state), rewrite the flat files where it changed them, publish the
    store for readers, clear the journal. Each step can be done again: a run killed part-way is finished
    by the next. Returns the files written; ``lap(step)`` is called as each step ends."""
    live, meta = LiveStore(folder), state.meta
    journal = state.journal()
    whole = None
    rebuild = (any(op == "rebuild" for _, op, _ in journal) or not live.exists()
               or meta.graph_code != graph_fingerprint())
    if not (rebuild or journal or meta.exported != meta.generation or not live.published(meta.generation)):
        return []  # nothing left to do
    if rebuild:
        whole, triples = rebuild_store(folder, state)
        meta = replace(state.meta, triples=triples, summary=whole.summary(), graph_code=graph_fingerprint())
    elif journal:
        live.apply((op, lines) for _, op, lines in journal)
    lap("store")
    crash_point("store-applied")
    written: list[Path] = []
    if meta.exported != meta.generation or whole is not None:
        outputs = KeptOutputs(folder, state, live.path, lambda: whole or graph_of_state(state), lap)
        if whole is not None:
            written = outputs.write_whole(meta.outputs)
        else:
            written = outputs.write(meta.outputs, journal_subjects(journal), state.touched())
        meta = replace(meta, exported=meta.generation, files=stamps(folder, meta.outputs))
    crash_point("outputs-written")
    live.publish(meta.generation)
    crash_point("published")
    if journal or meta != state.meta:
        with state.transaction():
            state.clear_journal(meta.generation)
            state.write_meta(meta)
    lap("publish")
    return written
