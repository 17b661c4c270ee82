"""The graph as GraphML, for Gephi and Cytoscape (attributes flattened to strings).

Written as a stream, element by element, in the layout networkx's GraphML writer gives (the
same bytes), without holding an XML tree of the whole graph.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from kgraph.fsutil import atomic_write
from kgraph.graph import KnowledgeGraph
from kgraph.model import Statement

NODE_KEYS = (("label", "string"), ("cls", "string"), ("aliases", "string"), ("adcode", "string"),
             ("mentions", "long"))
EDGE_KEYS = (("predicate", "string"), ("statements", "long"), ("evidence", "string"))
# What XML 1.0 cannot hold at all, even escaped (control characters, U+FFFE, lone surrogates).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                       "\t": "&#09;"})


def _data(key: str, value: object) -> str:
    text = str(value).translate(_TEXT)
    return f'      <data key="{key}">{text}</data>' if text else f'      <data key="{key}" />'


def node_lines(key: str, name: str, cls: str, aliases: list[str], adcode: str | None, mentions: int) -> list[str]:
    """One node's element (``aliases`` sorted)."""
    out = [f'    <node id="{_xml(key).translate(_ATTR)}">']
    for i, value in enumerate((_xml(name), cls, _xml("、".join(aliases)), adcode or "", mentions)):
        out.append(_data(f"d{i}", value))
    out.append("    </node>")
    return out


def edge_lines(s: str, p: str, o: str, statements: list[Statement]) -> list[str]:
    """One relation's element."""
    out = [f'    <edge source="{_xml(s).translate(_ATTR)}" target="{_xml(o).translate(_ATTR)}" '
           f'id="{p.translate(_ATTR)}">']
    evidence = _xml(" | ".join(sorted({st.evidence for st in statements})[:3]))
    for i, value in enumerate((p, len(statements), evidence), len(NODE_KEYS)):
        out.append(_data(f"d{i}", value))
    out.append("    </edge>")
    return out


def encoded(lines: list[str]) -> bytes:
    """Lines as the file holds them: ASCII with character references, as networkx writes it (any viewer reads it)."""
    return ("\n".join(lines) + "\n").encode("ascii", "xmlcharrefreplace")


class GraphmlExporter:
    def head(self, has_edges: bool) -> list[str]:
        """The lines before the first node (the edge keys are declared only if the graph has edges)."""
        out = ['<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
               'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
               'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
               'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
        keys = [("node", name, kind) for name, kind in NODE_KEYS]
        if has_edges:
            keys += [("edge", name, kind) for name, kind in EDGE_KEYS]
        for i in reversed(range(len(keys))):  # the newest key first, as networkx writes them
            scope, name, kind = keys[i]
            out.append(f'  <key id="d{i}" for="{scope}" attr.name="{name}" attr.type="{kind}" />')
        out.append('  <graph edgedefault="directed">')
        return out

    def lines(self, kg: KnowledgeGraph) -> Iterator[str]:
        yield from self.head(kg.nx.number_of_edges() > 0)
        for key, d in sorted(kg.nx.nodes(data=True)):
            yield from node_lines(key, d["name"], d["cls"], d["aliases"], d["adcode"], d["mentions"])
        for s, p, o, statements in kg.relations():
            yield from edge_lines(s, p, o, statements)
        yield "  </graph>"
        yield "</graphml>"

    def write(self, kg: KnowledgeGraph, path: str | os.PathLike) -> None:
        with atomic_write(path, "wb") as f:
            batch: list[str] = []
            for line in self.lines(kg):
                batch.append(line)
                if len(batch) >= 10_000:
                    f.write(encoded(batch))
                    batch = []
            f.write(encoded(batch))
