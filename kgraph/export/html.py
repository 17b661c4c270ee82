"""The interactive page: one self-contained HTML file (vis-network inlined from pyvis), offline."""

from __future__ import annotations

import json
import os
from importlib import resources

from kgraph.fsutil import atomic_write
from kgraph.graph import KnowledgeGraph

# Colours by class, and the Chinese label of each relation drawn on edges.
CLASS_STYLE = {
    "Province": ("#1f77b4", "省"), "City": ("#4a98d3", "市"), "County": ("#7fb8e6", "县区"),
    "Town": ("#a9d0f0", "乡镇"), "Community": ("#cfe5f7", "社区"), "Region": ("#9ecae1", "区域"),
    "Enterprise": ("#ff7f0e", "企业"), "Hospital": ("#d62728", "医院"),
    "GovernmentBody": ("#8c564b", "政府机构"), "Organization": ("#c49c94", "组织"),
    "IndustrialPark": ("#2ca02c", "园区"), "Project": ("#98df8a", "项目"),
    "IndustryCluster": ("#9467bd", "产业集群"), "Person": ("#e377c2", "人物"),
    "Event": ("#bcbd22", "活动"), "Honor": ("#f7b6d2", "荣誉"),
}
PREDICATE_LABEL = {
    "subdivisionOf": "隶属", "locatedIn": "位于", "awarded": "获评", "memberOf": "成员",
    "holdsPositionIn": "任职", "partnerOf": "合作", "investsIn": "投资", "heldIn": "举办地",
    "organizedBy": "主办", "relatedTo": "相关",
}


def _vis_js() -> str:
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return lib.read_text(encoding="utf-8")


def _json_for_script(data: object) -> str:
    # Safe inside <script>: no "</script>" or "<!--" can close or confuse the element.
    return (json.dumps(data, ensure_ascii=False, sort_keys=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def page_data(kg: KnowledgeGraph) -> dict:
    nodes, edges = [], []
    for e in kg.entities():
        color, label = CLASS_STYLE.get(e["cls"], ("#999999", e["cls"]))
        nodes.append({"id": e["key"], "label": e["name"], "group": e["cls"], "color": color,
                      "value": max(1, e["mentions"]), "aliases": e["aliases"], "adcode": e["adcode"],
                      "classLabel": label})
    for s, p, o, statements in kg.relations():
        edges.append({"from": s, "to": o, "label": PREDICATE_LABEL.get(p, p), "predicate": p,
                      "arrows": "to", "evidence": sorted({st.evidence for st in statements})})
    legend = [{"cls": c, "color": col, "label": lab} for c, (col, lab) in CLASS_STYLE.items()]
    return {"nodes": nodes, "edges": edges, "legend": legend}


TEMPLATE = """<!DOCTYPE html>
<html lang="zh">
<head><meta charset="utf-8"><title>kgraph</title>
<style>
body{margin:0;font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif}
#net{position:absolute;left:0;top:0;right:300px;bottom:0}
#side{position:absolute;right:0;top:0;width:290px;bottom:0;overflow:auto;padding:5px;border-left:1px solid #ccc}
.sw{display:inline-block;width:12px;height:12px;margin-right:4px}
</style></head>
<body><div id="net"></div><div id="side"><div id="legend"></div><div id="info"></div></div>
<script>__VIS__</script>
<script>
const DATA = __DATA__;
const nodes = new vis.DataSet(DATA.nodes), edges = new vis.DataSet(DATA.edges);
const net = new vis.Network(document.getElementById("net"), {nodes, edges},
  {nodes:{shape:"dot",scaling:{min:8,max:30}}, edges:{font:{size:10},smooth:false},
   physics:{stabilization:{iterations:200}}});
net.once("stabilizationIterationsDone", () => net.setOptions({physics:false}));
const legend = document.getElementById("legend");
for (const l of DATA.legend) {
  const d = document.createElement("div"); const s = document.createElement("span");
  s.className = "sw"; s.style.background = l.color; d.appendChild(s);
  d.appendChild(document.createTextNode(l.label + " " + l.cls)); legend.appendChild(d);
}
net.on("click", p => {
  const info = document.getElementById("info"); info.textContent = "";
  if (p.nodes.length) { const n = nodes.get(p.nodes[0]);
    info.textContent = n.label + " (" + n.classLabel + ")" + (n.adcode ? " " + n.adcode : ""); }
});
</script></body></html>
"""


class HtmlExporter:
    def write(self, kg: KnowledgeGraph, path: str | os.PathLike) -> None:
        html = TEMPLATE.replace("__VIS__", _vis_js().replace("</script", "<\\/script")) \
                       .replace("__DATA__", _json_for_script(page_data(kg)))
        with atomic_write(path, "w", encoding="utf-8") as f:
            f.write(html)
