"""The graph as GraphML, for Gephi and Cytoscape (attributes flattened to strings)."""

from __future__ import annotations

import os
import re

import networkx as nx

from kgraph.fsutil import atomic_write
from kgraph.graph import KnowledgeGraph

# What XML 1.0 cannot hold at all, even escaped (control characters, U+FFFE, lone surrogates).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class GraphmlExporter:
    def write(self, kg: KnowledgeGraph, path: str | os.PathLike) -> None:
        g = nx.MultiDiGraph()
        for key, d in sorted(kg.nx.nodes(data=True)):
            g.add_node(_xml(key), label=_xml(d["name"]), cls=d["cls"], aliases=_xml("、".join(d["aliases"])),
                       adcode=d["adcode"] or "", mentions=d["mentions"])
        for s, p, o, statements in kg.relations():
            g.add_edge(_xml(s), _xml(o), key=p, predicate=p, statements=len(statements),
                       evidence=_xml(" | ".join(sorted({st.evidence for st in statements})[:3])))
        with atomic_write(path, "w", encoding="utf-8") as f:
            f.write("\n".join(nx.generate_graphml(g)) + "\n")
