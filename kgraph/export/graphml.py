"""The graph as GraphML, for Gephi and Cytoscape (attributes flattened to strings)."""

from __future__ import annotations

import os

import networkx as nx

from kgraph.fsutil import atomic_write
from kgraph.graph import KnowledgeGraph


class GraphmlExporter:
    def write(self, kg: KnowledgeGraph, path: str | os.PathLike) -> None:
        g = nx.MultiDiGraph()
        for key, d in sorted(kg.nx.nodes(data=True)):
            g.add_node(key, label=d["name"], cls=d["cls"], aliases="、".join(d["aliases"]), adcode=d["adcode"] or "",
                       mentions=d["mentions"])
        for s, p, o, statements in kg.relations():
            g.add_edge(s, o, key=p, predicate=p, statements=len(statements),
                       evidence=" | ".join(sorted({st.evidence for st in statements})[:3]))
        with atomic_write(path, "w", encoding="utf-8") as f:
            f.write("\n".join(nx.generate_graphml(g)) + "\n")
