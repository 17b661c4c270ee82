"""A kept build's flat files (graph.ttl, graph.html, graph.graphml …), rewritten after an update from
what it changed: the same bytes one build of all the articles writes.

- graph.ttl and graph.nt: the blocks of the subjects whose triples changed (the journal's lines
  name them) are written again from the graph store; the others are copied as bytes
  (``kgraph.export.splice``).
- graph.graphml: the nodes and relations the update touched, from the state; the rest copied.
- graph.html: shows at most ``html.MAX_NODES`` entities, the most connected, so it is made from those
  (the state keeps every entity's degree), whatever the size of the graph.
- graph.nq, graph.trig, graph.jsonld (if the build writes them): written whole from the state,
  in time proportional to the whole graph.

A file that is missing or not in the layout expected is written whole.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

from kgraph.export import html, write_file
from kgraph.export.graphml import GraphmlExporter, edge_lines, encoded, node_lines
from kgraph.export.html import HtmlExporter
from kgraph.export.rdf import PREFIXES, TurtleWriter
from kgraph.export.splice import (
    GRAPHML_RECORD,
    NT_LINE,
    TURTLE_BLOCK,
    SortedRecords,
    graphml_key,
    mapped,
    nt_subject,
    turtle_subject,
    write_spliced,
)
from kgraph.fsutil import replace_together
from kgraph.graph import KnowledgeGraph, has_parent_edge
from kgraph.model import DATED, STAGE
from kgraph.state import State

SUBDIVISION_OF = "subdivisionOf"
GRAPH_OPEN = b'  <graph edgedefault="directed">\n'
GRAPH_CLOSE = b"  </graph>\n"


def stamps(folder: str | os.PathLike, names: Iterable[str]) -> dict[str, list[int]]:
    """Each file's [size, mtime_ns]: a file changed since the build wrote it (another build into the folder, a
    hand edit) is not the one an update can change in place."""
    out = {}
    for name in names:
        with contextlib.suppress(OSError):
            st = (Path(folder) / name).stat()
            out[name] = [st.st_size, st.st_mtime_ns]
    return out


def journal_subjects(journal: Iterable[tuple[int, str, bytes]]) -> set[str]:
    """The subjects (N-Triples terms) of the triples the journal removes or adds."""
    out = set()
    for _, op, lines in journal:
        if op in ("remove", "add"):
            out.update(line[:line.index(b" ")].decode("utf-8") for line in lines.splitlines() if line)
    return out


class KeptOutputs:
    """Rewrites the flat files of the build in ``folder``, all replaced together (``fsutil.replace_together``)."""

    def __init__(self, folder: str | os.PathLike, state: State, store_path: Path,
                 whole_graph: Callable[[], KnowledgeGraph], lap: Callable[[str], None] = lambda _: None):
        self.folder, self.state, self.store_path, self.lap = Path(folder), state, store_path, lap
        self._whole_graph, self._kg = whole_graph, None

    def whole(self) -> KnowledgeGraph:
        """The whole graph, made once, for the files that are written whole."""
        if self._kg is None:
            self._kg = self._whole_graph()
        return self._kg

    def write_whole(self, names: list[str]) -> list[Path]:
        """Write each of ``names`` whole, from the whole graph."""
        with replace_together():
            for name in names:
                write_file(self.whole(), self.folder / name, self.state.meta.base)
                self.lap(name)
        return [self.folder / name for name in names]

    def write(self, names: list[str], subjects: set[str], touched: list[tuple[str, str, str]]) -> list[Path]:
        """Write each of ``names`` with the changes given: the subjects whose triples changed, the nodes
        (``(key, "", "")``) and relations whose GraphML records did."""
        written = []
        as_written = self.state.meta.files
        now = stamps(self.folder, names)
        with replace_together():
            for name in names:
                path = self.folder / name
                fmt = path.suffix[1:]
                done = name in now and now[name] == as_written.get(name) and (
                    self._rdf(path, fmt, subjects) if fmt in ("ttl", "nt") else
                    self._graphml(path, touched) if fmt == "graphml" else
                    self._page(path) if fmt == "html" else False)
                if not done:
                    write_file(self.whole(), path, self.state.meta.base)
                written.append(path)
                self.lap(name)
        return written

    # ---- graph.ttl, graph.nt: from the store -------------------------------------------------------

    def _rdf(self, path: Path, fmt: str, subjects: set[str]) -> bool:
        store = ox.Store.read_only(str(self.store_path))
        default = ox.DefaultGraph()

        def pairs(subject: str) -> list[tuple[str, str]]:
            quads = store.quads_for_pattern(ox.NamedNode(subject[1:-1]), None, None, default)
            return sorted({(str(q.predicate), str(q.object)) for q in quads})

        with mapped(path) as data:
            if fmt == "ttl":
                writer = TurtleWriter(PREFIXES)
                head = writer.header.encode("utf-8")
                if data[:len(head)] != head:
                    return False
                records = SortedRecords(data, len(head), len(data), TURTLE_BLOCK,
                                        turtle_subject(PREFIXES))

                def record(s: str) -> bytes:
                    p = pairs(s)
                    return writer.block(s, p).encode("utf-8") if p else b""
            else:
                head = b""
                records = SortedRecords(data, 0, len(data), NT_LINE, nt_subject)

                def record(s: str) -> bytes:
                    return "".join(f"{s} {p} {o} .\n" for p, o in pairs(s)).encode("utf-8")

            write_spliced(path, data, head, records, [(s, record(s)) for s in sorted(subjects)], len(data))
        return True  # the store closes as it goes: the update publishes it next

    # ---- graph.graphml: from the state ------------------------------------------------------------

    def _graphml(self, path: Path, touched: list[tuple[str, str, str]]) -> bool:
        state = self.state
        with mapped(path) as data:
            start, end = data.find(GRAPH_OPEN), data.rfind(GRAPH_CLOSE)
            if start < 0 or end < 0 or data.find(b"&#65533;") >= 0:  # a name made XML-safe: not read back exactly
                return False
            start += len(GRAPH_OPEN)
            has_edges = state.meta.summary.get("relations", 0) > 0
            head = encoded(GraphmlExporter().head(has_edges))
            changes = []
            for key in sorted((0, n) if not p else (1, n, o, p) for n, p, o in touched):
                if key[0] == 0:
                    e = state.node(key[1])  # a project's other written form is part of its node: no record
                    lines = node_lines(e.key, e.name, e.cls, sorted(e.aliases), e.adcode, e.mention_count) if e else []
                else:
                    _, s, o, p = key
                    statements = state.kept_statements(s, p, o)
                    lines = edge_lines(s, p, o, statements) if statements or self._parent_edge(s, p, o) else []
                changes.append((key, encoded(lines) if lines else b""))
            records = SortedRecords(data, start, end, GRAPHML_RECORD, graphml_key)
            write_spliced(path, data, head, records, changes, end)
        return True

    def _parent_edge(self, s: str, p: str, o: str) -> bool:
        """Whether the graph has ``s subdivisionOf o`` for ``s``'s parent (KnowledgeGraph.from_corpus)."""
        if p != SUBDIVISION_OF or not has_parent_edge(s, o, lambda k: self.state.entity_class(k) is not None):
            return False
        row = self.state.entity(s)
        return row is not None and row[1].parent_key == o

    # ---- graph.html: the most connected part, from the state ---------------------------------------

    def _page(self, path: Path) -> bool:
        HtmlExporter().write_data(page_of_state(self.state), path)
        return True


def page_of_state(state: State, max_nodes: int | None = None) -> dict:
    """The page's data, read from the state for the entities it shows only (html.page_data of the whole graph).
    A project's other written form is part of its node (``State.node``), and its rows are filed under it."""
    max_nodes = max_nodes or html.MAX_NODES
    total = state.entity_count()
    keep = sorted(state.degrees_top(max_nodes)) if total > max_nodes else state.entity_keys()
    kept = set(keep)
    nodes, titles = {}, {}
    evidence: dict[tuple[str, str, str], list[str]] = {}
    for key in keep:
        e = state.node(key)
        nodes[key] = {"cls": e.cls, "name": e.name, "mentions": e.mention_count, "aliases": sorted(e.aliases),
                      "adcode": e.adcode, "sentences": e.sentences, "point": e.point}
        for aid, _ in e.sentences:
            if aid not in titles:
                titles[aid] = state.article(aid).title
        if has_parent_edge(key, e.parent, kept.__contains__):
            evidence.setdefault((key, e.parent, SUBDIVISION_OF), [])
    relations, shown = state.page_part(keep, html.EVIDENCE_SHOWN, html.FIGURES_SHOWN)
    for s, o, p, text in relations:
        if not p.startswith((STAGE, DATED)):  # a stage or an event's date is no edge to draw
            evidence.setdefault((s, o, p), []).append(text)
    figures: dict[str, list[list[str]]] = {}
    for subject, *row in shown:
        figures.setdefault(subject, []).append(row)
    # a project's stages (kg:stage statements: their object is a word, not an entity), as html.page_data finds them
    stages: dict[str, list[str]] = {}
    for s, p in state.conn.execute("SELECT DISTINCT subject, predicate FROM statements WHERE predicate LIKE ? "
                                   "AND kept = 1 ORDER BY subject, predicate", (STAGE + "%",)):
        if s in kept and nodes[s]["cls"] == "Project":
            stages.setdefault(s, []).append(p[len(STAGE):])
    return html.page_of(keep, total, nodes, titles, figures,
                        [(s, o, p, sorted(texts)) for (s, o, p), texts in evidence.items()], stages)
