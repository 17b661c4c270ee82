"""The interactive page: one self-contained HTML file that works offline.

vis-network (the library pyvis ships) is inlined; positions are computed here with a seeded
networkx layout, so the page shows at once with physics off; the node, edge and evidence data is
JSON with every character that could close the script escaped. Search, class filters, a
neighbourhood mode and the evidence panel are plain JavaScript in ``page.js``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from importlib import resources

import networkx as nx

from kgraph.fsutil import atomic_write
from kgraph.graph import KnowledgeGraph
from kgraph.model import Figure

# Colour, shape and Chinese label of each class; the Chinese label of each relation.
CLASS_STYLE = {
    "Province": ("#1f4e9c", "dot", "省"), "City": ("#2f6fd0", "dot", "市"), "County": ("#5b9be6", "dot", "县区"),
    "Town": ("#8dbcf0", "dot", "乡镇街道"), "Community": ("#bcd8f7", "dot", "社区"),
    "Region": ("#7fa7c9", "dot", "区域"), "AreaRegion": ("#7fa7c9", "dot", "区域"),
    "OtherPlace": ("#9fb7c9", "dot", "地点"),
    "Enterprise": ("#ef7d22", "square", "企业"), "Hospital": ("#d62728", "square", "医院"),
    "GovernmentBody": ("#8c564b", "triangle", "政府机构"), "Organization": ("#b08f7c", "triangle", "组织"),
    "IndustrialPark": ("#2ca02c", "diamond", "园区"), "Project": ("#8fd17f", "diamond", "项目"),
    "IndustryCluster": ("#9467bd", "hexagon", "产业集群"), "Person": ("#e377c2", "ellipse", "人物"),
    "Event": ("#bcbd22", "star", "活动"), "Honor": ("#f5b800", "star", "荣誉"),
}
PREDICATE_LABEL = {
    "subdivisionOf": "隶属", "locatedIn": "位于", "awarded": "获评", "memberOf": "属于",
    "holdsPositionIn": "任职", "partnerOf": "合作", "investsIn": "投资", "heldIn": "举办地",
    "organizedBy": "主办", "relatedTo": "相关",
}
MAX_NODES = 5000  # above this the page shows the most connected part and says what it left out
SPRING_LIMIT = 400  # nodes laid out by force; above it, positions are scattered (use `kgraph viz --focus`)


def _asset(name: str) -> str:
    return (resources.files("kgraph.export") / name).read_text(encoding="utf-8")


def _vis_js() -> str:
    return (resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(encoding="utf-8")


def json_for_script(data: object) -> str:
    """JSON that cannot end or confuse the <script> element it sits in."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _layout(keep: list[str], pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Deterministic positions of the nodes ``keep`` (sorted) joined by ``pairs`` (a seeded spring layout; a
    cheaper one for very large graphs)."""
    if not keep:
        return {}
    h = nx.Graph()
    h.add_nodes_from(keep)
    h.add_edges_from(sorted((u, v) for u, v in pairs if u != v))
    if h.number_of_nodes() <= SPRING_LIMIT:
        pos = nx.spring_layout(h, seed=7, iterations=60)
    else:  # networkx's spring layout needs scipy past 500 nodes; a seeded scatter keeps the page instant
        pos = nx.random_layout(h, seed=7)
    scale = 120 * max(1.0, h.number_of_nodes() ** 0.5)
    return {k: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for k, (x, y) in pos.items()}


Relation = tuple[str, str, str, list[str]]  # (subject, object, predicate, its first evidence: sorted, distinct)
EVIDENCE_SHOWN, FIGURES_SHOWN = 5, 20


def page_data(kg: KnowledgeGraph, max_nodes: int | None = None) -> dict:
    max_nodes = max_nodes or MAX_NODES
    g = kg.nx
    keep = sorted(g.nodes)
    if len(keep) > max_nodes:
        degree = dict(g.degree())
        keep = sorted(sorted(keep, key=lambda k: (-degree[k], k))[:max_nodes])
    kept = set(keep)
    figures: dict[str, list] = {}
    for f in kg.figures:
        if f.observation.subject in kept:  # a large graph shows a part: gather nothing for the rest
            figures.setdefault(f.observation.subject, []).append(figure_row(f))
    relations = [(u, v, p, sorted({st.evidence for st in g.edges[u, v, p]["statements"]})[:EVIDENCE_SHOWN])
                 for u in keep for v, keyed in g.succ[u].items() if v in kept for p in keyed]
    titles = {a.id: a.title for a in kg.articles.values()}
    return page_of(keep, g.number_of_nodes(), g.nodes, titles, figures, relations)


def figure_row(f: Figure) -> list[str]:
    """A figure as the page lists it (and sorts it)."""
    o = f.observation
    return [o.year or "", o.metric, o.value, o.unit, o.growth_percent or "", f.evidence]


def page_of(keep: list[str], total: int, nodes: Mapping[str, dict], titles: Mapping[str, str],
            figures: Mapping[str, list[list[str]]], relations: list[Relation]) -> dict:
    """The page's data: the nodes ``keep`` (sorted) of a graph of ``total``, with their attributes (as
    KnowledgeGraph nodes have them), the titles of the articles their sentences quote, their figures
    (rows of ``figure_row``: at least the first FIGURES_SHOWN of each in order) and the relations among them."""
    pos = _layout(keep, [(s, o) for s, o, _, _ in relations])
    out = []
    for key in keep:
        d = nodes[key]
        color, shape, label = CLASS_STYLE.get(d["cls"], ("#999999", "dot", d["cls"]))
        x, y = pos.get(key, (0.0, 0.0))
        out.append({
            "id": key, "label": d["name"], "cls": d["cls"], "classLabel": label, "color": color, "shape": shape,
            "value": max(1, d["mentions"]), "x": x, "y": y, "aliases": d["aliases"], "adcode": d["adcode"] or "",
            "sentences": [[titles.get(a, ""), s] for a, s in d.get("sentences", [])],
            "figures": sorted(figures.get(key, []))[:FIGURES_SHOWN],
        })
    edges = [{"id": f"{s}|{p}|{o}", "from": s, "to": o, "label": PREDICATE_LABEL.get(p, p), "predicate": p,
              "evidence": evidence} for s, o, p, evidence in sorted(relations)]  # kg.relations() order
    legend = [{"cls": c, "color": col, "shape": shape, "label": lab} for c, (col, shape, lab) in CLASS_STYLE.items()
              if any(n["cls"] == c for n in out)]
    return {"nodes": out, "edges": edges, "legend": legend, "leftOut": total - len(keep), "total": total}


class HtmlExporter:
    """KnowledgeGraph → graph.html (UTF-8, written atomically, the same bytes for the same graph)."""

    def __init__(self, max_nodes: int | None = None):
        self.max_nodes = max_nodes  # None: MAX_NODES

    def render(self, kg: KnowledgeGraph) -> str:
        return self.render_data(page_data(kg, self.max_nodes))

    def render_data(self, data: dict) -> str:
        page = _asset("page.html")
        parts = {
            "/*VIS*/": _vis_js().replace("</script", "<\\/script"),
            "/*CSS*/": _asset("page.css"),
            "/*DATA*/": json_for_script(data),
            "/*APP*/": _asset("page.js"),
        }
        for marker, text in parts.items():
            page = page.replace(marker, text, 1)
        return page

    def write(self, kg: KnowledgeGraph, path: str | os.PathLike) -> None:
        self.write_data(page_data(kg, self.max_nodes), path)

    def write_data(self, data: dict, path: str | os.PathLike) -> None:
        html = self.render_data(data)
        with atomic_write(path, "w", encoding="utf-8") as f:
            f.write(html)
