"""The interactive page: self-contained, safe with hostile text, deterministic; in a browser when one is here."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from kgraph.export.html import HtmlExporter, json_for_script, page_data
from kgraph.pipeline import Pipeline

HOSTILE = "</script><script>alert(1)</script>公司"


def page_json(html: str) -> dict:
    m = re.search(r"const DATA = (\{.*?\});</script>", html, re.S)
    return json.loads(m.group(1))


def test_page_is_self_contained(sample_build):
    html = (sample_build / "graph.html").read_text(encoding="utf-8")
    # no script, style, image or frame is fetched from anywhere
    assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=", html)
    assert "vis.Network" in html and "const DATA" in html


def test_nodes_carry_class_colour_legend_and_evidence(sample_build, pipeline, samples_dir):
    html = (sample_build / "graph.html").read_text(encoding="utf-8")
    data = page_json(html)
    kg = pipeline.build([samples_dir]).graph
    assert len(data["nodes"]) == len(kg)
    guixi = next(n for n in data["nodes"] if n["label"] == "贵溪市")
    assert guixi["adcode"] == "360681" and guixi["cls"] == "County" and guixi["figures"]
    assert any("贵溪" in s for _, s in guixi["sentences"])
    assert {c["cls"] for c in data["legend"]} >= {"County", "Enterprise", "Person"}
    located = [e for e in data["edges"] if e["predicate"] == "locatedIn"]
    assert located and all(e["label"] == "位于" and e["evidence"] for e in located)


def test_markup_in_names_and_sentences_cannot_run(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(f"标题\n\n赣州市发布消息：{HOSTILE}，“引号”和 & 符号与反斜杠\\都在。", encoding="utf-8")
    kg = Pipeline().build([src]).graph
    out = tmp_path / "graph.html"
    HtmlExporter().write(kg, out)
    html = out.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "</script><script>alert" not in html
    data = page_json(html)
    assert any("<script>alert(1)</script>" in s for n in data["nodes"] for _, s in n["sentences"])
    assert "<" not in json_for_script({"x": "<b>&"}) and json.loads(json_for_script({"x": "<b>&"})) == {"x": "<b>&"}


def test_large_graphs_are_capped_with_a_note(pipeline, samples_dir):
    kg = pipeline.build([samples_dir]).graph
    data = page_data(kg, max_nodes=10)
    assert len(data["nodes"]) == 10 and data["leftOut"] == len(kg) - 10


def test_viz_writes_the_part_around_a_focus(sample_build, tmp_path, capsys):
    from kgraph.cli import main

    out = tmp_path / "part.html"
    assert main(["viz", "--graph", str(sample_build / "graph.ttl"), "--focus", "贵溪市", "--hops", "1",
                 "-o", str(out)]) == 0
    labels = {n["label"] for n in page_json(out.read_text(encoding="utf-8"))["nodes"]}
    assert {"贵溪市", "鹰潭市", "贵溪经开区"} <= labels and "赣县区" not in labels
    assert main(["viz", "--graph", str(sample_build / "graph.ttl"), "--classes", "County",
                 "-o", str(out)]) == 0
    classes = {n["cls"] for n in page_json(out.read_text(encoding="utf-8"))["nodes"]}
    assert classes == {"County"}
    assert main(["viz", "--graph", str(sample_build / "graph.ttl"), "--focus", "不存在", "-o", str(out)]) == 2


def _browser():
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    return chromium, sync_api


def test_page_works_in_a_real_browser_offline(sample_build):
    chromium, sync_api = _browser()
    page_url = (sample_build / "graph.html").as_uri()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page()
        requests = []
        page.route("**/*", lambda route: (requests.append(route.request.url),
                                          route.continue_() if route.request.url.startswith("file:")
                                          else route.abort()))
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_url)
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=10000)
        assert page.locator("#net canvas").count() == 1
        total = page.evaluate("kgraph.data.nodes.length")
        assert page.evaluate("kgraph.nodes.length") == total > 20
        page.fill("#search", "贵溪市")
        assert page.evaluate("kgraph.network.getSelectedNodes()") == ["region/360681"]
        assert "360681" in page.inner_text("#info")
        assert "贵溪" in page.inner_text("#info blockquote >> nth=0")
        # a class filter hides what it should
        before = page.evaluate("kgraph.visibleNodeIds().length")
        persons = page.evaluate("kgraph.data.nodes.filter(n => n.cls === 'Person').length")
        page.uncheck("#legend input[data-cls='Person']")
        assert page.evaluate("kgraph.visibleNodeIds().length") == before - persons
        page.check("#legend input[data-cls='Person']")
        # a real click on an edge-free spot of the canvas at a node shows its evidence; with hops
        # set, the neighbourhood of the clicked node is all that stays visible
        page.fill("#search", "")
        page.fill("#hops", "1")
        xy = page.evaluate("""(() => { const p = kgraph.network.getPositions(['region/360681'])['region/360681'];
                              kgraph.network.moveTo({position: p, scale: 1.5, animation: false});
                              const d = kgraph.network.canvasToDOM(p);
                              const r = document.querySelector('#net canvas').getBoundingClientRect();
                              return [r.left + d.x, r.top + d.y]; })()""")
        page.mouse.click(xy[0], xy[1])
        assert page.inner_text("#info h3") == "贵溪市"
        near = set(page.evaluate("kgraph.visibleNodeIds()"))
        assert "region/360681" in near and len(near) < total
        assert near == {"region/360681", *page.evaluate("kgraph.network.getConnectedNodes('region/360681')")}
        page.screenshot(path=str(sample_build / "screenshot.png"))
        browser.close()
    assert errors == []
    assert all(u.startswith("file:") for u in requests)


def test_a_five_thousand_node_page_is_usable(tmp_path):
    chromium, sync_api = _browser()
    import random

    from kgraph.graph import KnowledgeGraph
    from kgraph.model import Article, Corpus, Entity, Statement

    rnd = random.Random(3)
    ents = {f"County/e{i}" if i % 2 else f"Enterprise/e{i}":
            Entity(f"County/e{i}" if i % 2 else f"Enterprise/e{i}", "County" if i % 2 else "Enterprise",
                   f"实体{i}", articles={"a"}, mention_count=1) for i in range(5000)}
    keys = sorted(ents)
    sts = [Statement(rnd.choice(keys), "relatedTo", rnd.choice(keys), "a", f"句{i}。") for i in range(7000)]
    kg = KnowledgeGraph.from_corpus(Corpus(ents, {"a": Article("a", "g", "g", "标题", "")}, sts, []))
    out = tmp_path / "big.html"
    HtmlExporter().write(kg, out)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(out.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=30000)
        assert page.evaluate("kgraph.nodes.length") == 5000
        page.fill("#search", "实体4321")
        assert page.evaluate("kgraph.network.getSelectedNodes()") == ["County/e4321"]
        page.uncheck("#legend input[data-cls='Enterprise']")
        assert page.evaluate("kgraph.visibleNodeIds().length") == 2500
        browser.close()
