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


def test_unlinked_nodes_lie_apart_below_the_graph(pipeline, samples_dir):
    data = page_data(pipeline.build([samples_dir]).graph)
    alone = set(data["alone"])
    linked = [n for n in data["nodes"] if n["id"] not in alone]
    assert alone and linked
    assert min(n["y"] for n in data["nodes"] if n["id"] in alone) > max(n["y"] for n in linked)
    linked_ids = {k for e in data["edges"] for k in (e["from"], e["to"])}
    assert alone == {n["id"] for n in data["nodes"]} - linked_ids


def test_map_markers_count_what_lies_in_each_county(pipeline, samples_dir):
    data = page_data(pipeline.build([samples_dir]).graph)
    markers = {m["id"]: m for m in data["map"]["markers"]}
    ganxian = markers["region/360704"]  # enterprises in 赣州高新区, a park in 赣县区, count for 赣县区
    assert ganxian["count"]["Enterprise"] >= 1 and "IndustrialPark/赣州高新区" in ganxian["items"]
    assert "region/360000" in markers  # things said to be in the province itself are on its marker
    assert data["map"]["provinces"].keys() >= {"360000", "440000", "110000"}  # the whole country's outlines
    assert set(data["map"]["cities"]) and all(c[:2] in {"36", "44"} for c in data["map"]["cities"])
    guixi = next(n for n in data["nodes"] if n["id"] == "region/360681")
    assert guixi["point"][0] == pytest.approx(117.2, abs=0.2)


def _project_graph():
    """A county, a project in it with its 总投资 and stage, and a county with figures over three years."""
    from kgraph.graph import KnowledgeGraph
    from kgraph.model import Article, Corpus, Entity, Figure, Observation, Statement

    ents = {
        "region/360735": Entity("region/360735", "County", "石城县", adcode="360735", point=(116.35, 26.33),
                                articles={"a"}, mention_count=3),
        "Project/p": Entity("Project/p", "Project", "新能源电池项目", articles={"a"}, mention_count=1),
        "Enterprise/e": Entity("Enterprise/e", "Enterprise", "石城某科技有限公司", articles={"a"}, mention_count=1),
    }
    sts = [Statement("Project/p", "locatedIn", "region/360735", "a", "新能源电池项目落户石城县。"),
           Statement("Enterprise/e", "investsIn", "Project/p", "a", "石城某科技有限公司投资建设新能源电池项目。"),
           Statement("Project/p", "stage:开工", "Project/p", "a", "新能源电池项目日前开工。")]
    figs = [Figure(Observation("Project/p", "总投资", "12", "亿元", 0), "a", "新能源电池项目总投资12亿元。")]
    figs += [Figure(Observation("region/360735", "地区生产总值", v, "亿元", 0, year=y, indicator="gdp"), "a",
                    f"{y}年石城县地区生产总值{v}亿元。")
             for y, v in (("2022", "112.5"), ("2023", "121.8"), ("2024", "130.4"))]
    # one indicator written two ways (全社会固定资产投资, 固投) is one line; a metric of no indicator is its own
    figs += [Figure(Observation("region/360735", m, v, "亿元", 0, year=y, indicator="fixed-asset-investment"), "a",
                    f"{y}年石城县{m}{v}亿元。") for y, m, v in (("2023", "全社会固定资产投资", "60.2"),
                                                         ("2024", "固投", "66.9"))]
    figs += [Figure(Observation("region/360735", "脐橙种植面积", v, "万亩", 0, year=y), "a",
                    f"{y}年石城县脐橙种植面积{v}万亩。") for y, v in (("2023", "8.1"), ("2024", "8.6"))]
    # a part of a year and a target are no points of a year's line
    figs += [Figure(Observation("region/360735", "地区生产总值", "101.7", "亿元", 0, year="2025", period="1-9月",
                                indicator="gdp"), "a", "2025年1-9月，石城县地区生产总值101.7亿元。"),
             Figure(Observation("region/360735", "固定资产投资", "75", "亿元", 0, year="2025", status="target",
                                indicator="fixed-asset-investment"), "a", "2025年石城县力争固定资产投资75亿元。")]
    return KnowledgeGraph.from_corpus(Corpus(ents, {"a": Article("a", "g", "g", "标题", "")}, sts, figs))


def test_a_projects_amount_and_stage_reach_its_panel_and_the_map():
    from kgraph.model import STAGE

    data = page_data(_project_graph())
    project = next(n for n in data["nodes"] if n["cls"] == "Project")
    assert project["project"] == {"invest": "12", "stages": ["开工"]}
    assert "开工" not in {n["id"] for n in data["nodes"]}  # a stage is no node of its own
    assert not any(STAGE in str(e) for e in data.get("edges", []))  # nor an edge drawn as a loop
    [marker] = data["map"]["markers"]
    assert marker["count"] == {"Project": 1} and marker["invest"] == "12"  # its investor lies elsewhere


def test_figures_reach_the_page_with_their_indicator_and_its_label():
    data = page_data(_project_graph())
    county = next(n for n in data["nodes"] if n["label"] == "石城县")
    assert {(row[1], *row[6:]) for row in county["figures"]} == {
        ("地区生产总值", "gdp", "", ""), ("全社会固定资产投资", "fixed-asset-investment", "", ""),
        ("固投", "fixed-asset-investment", "", ""), ("脐橙种植面积", "", "", ""), ("地区生产总值", "gdp", "1-9月", ""),
        ("固定资产投资", "fixed-asset-investment", "", "target")}
    assert data["indicators"] == {"gdp": "地区生产总值", "fixed-asset-investment": "固定资产投资"}  # for the charts


def test_viz_of_a_graph_file_charts_by_indicator_as_the_build_does(tmp_path):
    from kgraph.cli import main
    from kgraph.export.rdf import RdfExporter

    RdfExporter().write(_project_graph(), tmp_path / "graph.ttl")
    assert main(["viz", "--graph", str(tmp_path / "graph.ttl"), "-o", str(tmp_path / "page.html")]) == 0
    data = page_json((tmp_path / "page.html").read_text(encoding="utf-8"))
    county = next(n for n in data["nodes"] if n["label"] == "石城县")
    assert {(row[1], *row[6:]) for row in county["figures"]} >= {
        ("固投", "fixed-asset-investment", "", ""), ("地区生产总值", "gdp", "1-9月", ""),
        ("固定资产投资", "fixed-asset-investment", "", "target")}
    assert data["indicators"]["fixed-asset-investment"] == "固定资产投资"


def test_a_projects_investment_is_read_from_its_indicator_whatever_the_metric_says():
    from kgraph.export.html import investment_yi

    assert investment_yi([["2026", "计划投入", "8", "亿元", "", "", "total-investment"]]) == 8
    assert investment_yi([["2026", "完成投资", "3", "亿元", "", "", "completed-investment"]]) is None


def test_viz_map_writes_the_map_of_one_region(sample_build, tmp_path):
    from kgraph.cli import main

    out = tmp_path / "map.html"
    assert main(["viz", "--graph", str(sample_build / "graph.ttl"), "--map", "--focus", "赣州市", "-o", str(out)]) == 0
    data = page_json(out.read_text(encoding="utf-8"))
    assert data["view"] == "map" and data["mapOnly"] is True
    codes = {n["adcode"] for n in data["nodes"] if n["adcode"]}
    assert "360704" in codes and all(c.startswith("3607") for c in codes)  # 赣县区 and the rest of 赣州市 only
    assert {m["id"].rsplit("/", 1)[-1] for m in data["map"]["markers"]} >= {"360704", "360700"}  # keys are IRIs
    labels = {n["label"] for n in data["nodes"]}
    assert "赣州高新区" in labels and "贵溪市" not in labels


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
        assert "贵溪" in page.inner_text("#info blockquote:not(.picked) >> nth=0")
        # a class filter hides what it should
        before = page.evaluate("kgraph.visibleNodeIds().length")
        persons = page.evaluate("kgraph.visibleNodeIds().filter(id => id.startsWith('Person/')).length")
        assert persons > 0
        page.uncheck("#legend input[data-cls='Person']")
        assert page.evaluate("kgraph.visibleNodeIds().length") == before - persons
        page.check("#legend input[data-cls='Person']")
        # nodes with no relation open hidden, apart from the graph; one tick shows them
        alone = page.evaluate("kgraph.data.alone")
        assert alone and not set(alone) & set(page.evaluate("kgraph.visibleNodeIds()"))
        page.check("#alone")
        assert set(alone) <= set(page.evaluate("kgraph.visibleNodeIds()"))
        page.uncheck("#alone")
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
        # the neighbourhood is laid out afresh around its focus, which is highlighted; no two nodes pile up
        pos = page.evaluate("kgraph.network.getPositions(kgraph.visibleNodeIds())")
        assert pos["region/360681"] == {"x": 0, "y": 0}
        points = sorted((p["x"], p["y"]) for p in pos.values())
        assert min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
                   for i, a in enumerate(points) for b in points[i + 1:]) > 80
        assert page.evaluate("kgraph.focusId()") == "region/360681"
        assert page.evaluate("kgraph.nodes.get('region/360681').borderWidth") > 1
        page.click("#reset")
        assert page.evaluate("kgraph.focusId()") is None
        assert page.evaluate("kgraph.nodes.get('region/360681').borderWidth") == 1
        home = page.evaluate("kgraph.data.nodes.find(n => n.id === 'region/360681')")
        back = page.evaluate("kgraph.network.getPositions(['region/360681'])['region/360681']")
        assert back == {"x": pytest.approx(home["x"], abs=1), "y": pytest.approx(home["y"], abs=1)}  # back home
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
        assert page.evaluate("kgraph.visibleNodeIds().length") == 2500 - page.evaluate(
            "kgraph.data.alone.filter(id => id.startsWith('County/')).length")
        browser.close()


def _launch(p, chromium):
    return p.chromium.launch(executable_path=chromium, args=[
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"])


def _open(browser, path):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    requests, errors = [], []
    page.route("**/*", lambda route: (requests.append(route.request.url),
                                      route.continue_() if route.request.url.startswith("file:")
                                      else route.abort()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    return page, requests, errors


def _click_at(page, net: str, node: str) -> None:
    """A real mouse click on a node of the network ``net`` (a kgraph expression)."""
    xy = page.evaluate(f"""(() => {{ const n = {net}; const p = n.getPositions(['{node}'])['{node}'];
                          const d = n.canvasToDOM(p);
                          const r = n.body.container.querySelector('canvas').getBoundingClientRect();
                          return [r.left + d.x, r.top + d.y]; }})()""")
    page.mouse.click(xy[0], xy[1])


def test_the_map_view_and_a_markers_panel_in_a_browser(sample_build):
    chromium, sync_api = _browser()
    with sync_api.sync_playwright() as p:
        browser = _launch(p, chromium)
        page, requests, errors = _open(browser, sample_build / "graph.html")
        assert page.evaluate("kgraph.view()") == "graph" and page.is_visible("#net") and not page.is_visible("#map")
        page.click("#views button[data-view='map']")
        assert page.evaluate("kgraph.view()") == "map" and page.is_visible("#map") and not page.is_visible("#net")
        assert page.locator("#map canvas").count() == 1
        markers = page.evaluate("kgraph.mapNodes.getIds()")
        assert "region/360704" in markers and "Person" not in " ".join(markers)
        _click_at(page, "kgraph.map()", "region/360704")
        assert page.inner_text("#info h3") == "赣县区"
        assert "赣州高新区" in page.inner_text("#info ul.items")
        page.click("#info ul.items a[data-id='IndustrialPark/赣州高新区']")  # what lies there, a click away
        assert page.inner_text("#info h3") == "赣州高新区"
        page.click("#views button[data-view='graph']")
        assert page.evaluate("kgraph.view()") == "graph" and page.is_visible("#net")
        browser.close()
    assert errors == [] and all(u.startswith("file:") for u in requests)


def test_a_chart_of_a_countys_figures_and_a_projects_panel_in_a_browser(tmp_path):
    chromium, sync_api = _browser()
    out = tmp_path / "page.html"
    HtmlExporter().write(_project_graph(), out)
    with sync_api.sync_playwright() as p:
        browser = _launch(p, chromium)
        page, requests, errors = _open(browser, out)
        page.fill("#search", "石城县")
        charts = page.locator("#info .chart")
        # one chart per indicator and unit, titled by the indicator: 全社会固定资产投资 (2023) and 固投 (2024) are
        # one line of 固定资产投资; a metric of no indicator is charted as written; 2025's 1-9月 and its target
        # are in no line
        assert [(charts.nth(i).locator(".chart-title").inner_text(), charts.nth(i).get_attribute("data-points"))
                for i in range(charts.count())] == [("地区生产总值 (亿元)", "3"), ("固定资产投资 (亿元)", "2"),
                                                    ("脐橙种植面积 (万亩)", "2")]
        # a click on the chart at 2023's value shows that value's sentence
        u = page.evaluate("""(() => { const o = document.querySelector('#info .chart .u-over').getBoundingClientRect();
                                      return [o.left, o.top, o.width, o.height]; })()""")
        page.mouse.move(u[0] + u[2] / 2, u[1] + u[3] / 2)
        page.mouse.click(u[0] + u[2] / 2, u[1] + u[3] / 2)
        assert "2023年石城县地区生产总值121.8亿元" in page.inner_text("#info blockquote.picked")
        page.click("#info table.figures tr >> nth=0")  # and every row of the table
        assert "2022年" in page.inner_text("#info blockquote.picked")
        rows = page.locator("#info table.figures tr").all_inner_texts()
        assert any(r.startswith("2025 1-9月\t地区生产总值\t101.7亿元") for r in rows), rows
        assert any("固定资产投资 (目标)" in r for r in rows), rows
        page.fill("#search", "新能源电池项目")
        panel = page.inner_text("#info .project")
        assert "总投资 12 亿元" in panel and "开工" in panel
        page.fill("#search", "")
        page.click("#legend a.only[data-only='Project']", force=True)  # projects alone, a click away
        assert page.evaluate("kgraph.visibleNodeIds()") == ["Project/p"]
        browser.close()
    assert errors == [] and all(u.startswith("file:") for u in requests)
