"""Helpers for the robustness suite: run `kgraph build` and read what it wrote."""

from __future__ import annotations

import contextlib
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kgraph.cli import main

# Counties of 赣州市 and 鹰潭市, with their codes: generated articles name them so a test can tell
# that each file was read (and decoded) right by the region it finds.
COUNTIES = {"石城县": "360735", "宁都县": "360730", "于都县": "360731", "兴国县": "360732", "会昌县": "360733",
            "寻乌县": "360734", "安远县": "360726", "信丰县": "360722", "大余县": "360723", "上犹县": "360724",
            "崇义县": "360725", "定南县": "360728", "全南县": "360729", "贵溪市": "360681", "余江区": "360603"}


REGION = "https://w3id.org/kgraph/id/region/"


def article(i: int, county: str | None = None) -> str:
    """A short article of our own, different for every ``i``."""
    county = county or list(COUNTIES)[i % len(COUNTIES)]
    return (f"{county}推进老旧小区改造第{i}期\n\n"
            f"{county}今年完成老旧小区改造{i % 90 + 10}个，惠及居民{i * 7 + 100}户。"
            f"{county}住房和城乡建设局表示，下一步将建立长效管理机制。\n")


# Plain reporting prose (ours), naming nothing: most of a long article reads like this.
PROSE = ("记者在走访中了解到，当地群众对这项工作的评价很高，大家纷纷表示生活越来越方便了。",
         "近年来，这里坚持把群众的小事当作自己的大事来办，一件接着一件干，一年接着一年干。",
         "走进社区服务中心，工作人员正在耐心地为前来办事的居民解答问题，现场秩序井然。",
         "据介绍，下一步还将继续完善配套设施，进一步提升服务水平，让群众有更多获得感。",
         "一位正在散步的老人告诉记者，过去这里道路狭窄，如今环境变好了，心情也舒畅了。")


def long_body(paragraphs: int) -> str:
    """An article body of ~115 characters a paragraph; one paragraph in 20 names a county and a figure."""
    out = []
    for i in range(paragraphs):
        if i % 20 == 0:
            out.append(article(i).split("\n\n", 1)[1])
        else:
            out.append("".join(PROSE[(i + k) % len(PROSE)] for k in range(3)) + "\n")
    return "".join(out)


@dataclass
class Run:
    code: int
    out: str
    err: list[str]  # stderr, line by line


def kgraph(*args: str | Path) -> Run:
    """`kgraph ARGS…` in this process (the pipeline's tables load once per session)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as e:  # argparse on bad usage
            code = e.code
    return Run(code, out.getvalue(), err.getvalue().splitlines())


def skip_lines(run: Run) -> list[str]:
    return [line for line in run.err if ": skipped: " in line]


def skipped_for(run: Run, name: str) -> str:
    """The one stderr line about the input ``name`` (a file name or path:line)."""
    lines = [line for line in skip_lines(run) if f"{name}: skipped: " in line]
    assert len(lines) == 1, f"expected one line about {name!r} in {run.err}"
    return lines[0].split(": skipped: ", 1)[1]


def _triples(out: Path) -> list[ox.Triple]:
    return list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))


def labels(out: Path) -> dict[str, str]:
    """rdfs:label → entity IRI in the Turtle written to ``out``."""
    return {t.object.value: t.subject.value for t in _triples(out) if t.predicate.value == str(rdflib.RDFS.label)}


def article_count(out: Path) -> int:
    article = "https://w3id.org/kgraph/ontology#Article"
    return sum(1 for t in _triples(out) if t.predicate.value == str(rdflib.RDF.type) and t.object.value == article)


def page_data(html: str) -> dict:
    """The graph data a page carries (the JSON in its DATA script)."""
    m = re.search(r"<script>const DATA = (.*?);</script>", html, re.S)
    assert m, "no DATA script in the page"
    return json.loads(m.group(1))


def read_outputs(out: Path) -> dict[str, object]:
    """Parse every output of a build; fails if any is missing, truncated or not well formed."""
    ttl = (out / "graph.ttl").read_bytes()
    triples = set(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
    assert len(rdflib.Graph().parse(data=ttl, format="turtle")) == len(triples)
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>")
    ET.parse(out / "graph.graphml")
    return {"triples": triples, "data": page_data(html)}
