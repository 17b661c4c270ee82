"""Time to interactive of the page for generated graphs of 500, 2,000 and 5,000 nodes, in headless Chromium.

    .venv/bin/python benchmarks/viz_bench.py [--sizes 500,2000,5000]

Needs Debian's chromium and the playwright package (the test extra). For each size it writes a
graph of that many entities (about 1.5 relations each; the counties have coordinates in Jiangxi
and two years of one figure, so the page has its map and charts), then opens the page with the
network blocked and measures, from navigation start: the page script done (search and filters
usable) and vis-network's first drawing of the canvas, and the page's main-thread CPU time until it is
ready (Chromium's ThreadTime: what the page costs even on a busy machine); then the time to switch to the map view
(drawn) and to open a county's panel with its chart. Also reports the Python time to write the page.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kgraph.export.html import HtmlExporter
from kgraph.graph import KnowledgeGraph
from kgraph.model import Article, Corpus, Entity, Figure, Observation, Statement

CLASSES = ["County", "Enterprise", "Person", "IndustrialPark", "Honor", "GovernmentBody"]


def generated(n: int, seed: int = 7) -> KnowledgeGraph:
    rnd = random.Random(seed)
    art = Article(id="a", source="gen", page="gen", title="生成的文章", body="")
    entities = {}
    figures = []
    for i in range(n):
        cls = CLASSES[i % len(CLASSES)]
        key = f"{cls}/e{i}"
        point = (round(rnd.uniform(114.0, 118.0), 4), round(rnd.uniform(24.6, 29.8), 4)) if cls == "County" else None
        entities[key] = Entity(key, cls, f"实体{i}", adcode=f"36{i % 100:02d}{i % 7:02d}" if point else None,
                               point=point, articles={"a"}, mention_count=rnd.randint(1, 9))
        if point:
            figures += [Figure(Observation(key, "地区生产总值", str(100 + y * 7 + i % 13), "亿元", 0,
                                           year=str(2022 + y)), "a", f"{2022 + y}年实体{i}地区生产总值。")
                        for y in range(2)]
    keys = sorted(entities)
    statements = [Statement(rnd.choice(keys), rnd.choice(["locatedIn", "partnerOf", "awarded"]), rnd.choice(keys),
                            "a", f"第{i}句证据。") for i in range(int(n * 1.5))]
    return KnowledgeGraph.from_corpus(Corpus(entities=entities, articles={"a": art}, statements=statements,
                                             figures=figures))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="500,2000,5000")
    a = ap.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        print("needs Debian's chromium (apt-get install chromium)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp())
    print(f"{'nodes':>6} {'edges':>6} {'write page (s)':>15} {'page size (MB)':>15} {'script ready (s)':>17} "
          f"{'CPU to ready (s)':>11} {'ready + redrawn (s)':>19} {'map shown (s)':>13} {'chart shown (s)':>15}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        for n in map(int, a.sizes.split(",")):
            kg = generated(n)
            path = tmp / f"g{n}.html"
            t = time.perf_counter()
            HtmlExporter().write(kg, path)
            write = time.perf_counter() - t
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120000)
            ready = page.evaluate("performance.now()") / 1000
            # the renderer's CPU time until then: what the page costs, whatever else the machine is doing
            cpu = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}["ThreadTime"]
            # the first drawing may be over already: time a full redraw after the page is ready
            drawn = page.evaluate("""Promise.race([
                new Promise(ok => { kgraph.network.once('afterDrawing', () => ok(performance.now()));
                                    kgraph.network.redraw(); }),
                new Promise(ok => setTimeout(() => ok(NaN), 60000))])""") / 1000
            edges = page.evaluate("kgraph.edges.length")
            if not page.evaluate("typeof kgraph.showView === 'function'"):  # a page from before the map
                page.close()
                print(f"{n:6} {edges:6} {write:15.2f} {path.stat().st_size / 1e6:15.1f} {ready:17.2f} {cpu:11.2f} "
                      f"{drawn:19.2f}")
                continue
            shown = page.evaluate("""new Promise(ok => { const t = performance.now(); kgraph.showView('map');
                kgraph.map().once('afterDrawing', () => ok(performance.now() - t)); kgraph.map().redraw(); })""") / 1000
            chart = page.evaluate("""(() => { const t = performance.now();
                kgraph.select(kgraph.data.nodes.find(n => n.cls === 'County').id);
                if (!document.querySelector('.chart canvas')) throw new Error('no chart');
                return performance.now() - t; })()""") / 1000
            page.close()
            print(f"{n:6} {edges:6} {write:15.2f} {path.stat().st_size / 1e6:15.1f} {ready:17.2f} {cpu:11.2f} "
                  f"{drawn:19.2f} {shown:13.2f} {chart:15.2f}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
