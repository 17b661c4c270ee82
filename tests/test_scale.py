"""Parallel, distributed and incremental builds give the graph a single build gives, byte for byte."""

from __future__ import annotations

import copy
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kgraph.cli import main
from kgraph.export.graphml import GraphmlExporter
from kgraph.export.rdf import KG, PREFIXES, XSD, RdfExporter, TurtleWriter
from kgraph.ingest.read import read_paths
from kgraph.pipeline import Pipeline
from kgraph.resolve import Resolution, Resolver

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("graph.ttl", "graph.html", "graph.graphml")


def build(out: Path, *paths, extra: tuple[str, ...] = ()) -> int:
    return main(["build", *map(str, paths), "-o", str(out), *extra])


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def full_build(tmp_path_factory, samples_dir, seeds_dir) -> Path:
    """The samples and the seed pages in one serial build: what every other way must reproduce."""
    out = tmp_path_factory.mktemp("full")
    assert build(out, samples_dir, seeds_dir) == 0
    return out


def test_two_workers_write_the_same_bytes_as_one(tmp_path, full_build, samples_dir, seeds_dir):
    assert build(tmp_path, samples_dir, seeds_dir, extra=("--workers", "2")) == 0
    assert outputs(tmp_path) == outputs(full_build)


def test_a_dask_cluster_writes_the_same_bytes_as_a_local_build(tmp_path, full_build, samples_dir, seeds_dir):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        assert build(tmp_path, samples_dir, seeds_dir,
                     extra=("--engine", "dask", "--scheduler", cluster.scheduler_address)) == 0
    assert outputs(tmp_path) == outputs(full_build)


def test_the_resolution_does_not_depend_on_the_order_articles_arrive(samples_dir, seeds_dir):
    pipe = Pipeline()
    extractions = [x for d in read_paths([samples_dir, seeds_dir]) for x in pipe.extract_document(d)]
    expected = list(RdfExporter().lines(_graph(Resolver()(extractions))))
    shares = [s for d in read_paths([samples_dir, seeds_dir]) for s in pipe.share_document(d)]
    for seed in range(3):
        random.Random(seed).shuffle(shares)
        r = Resolution()
        for s in shares:
            r.add(s)
        assert list(RdfExporter().lines(_graph(r.corpus()))) == expected


def _graph(corpus):
    from kgraph.graph import KnowledgeGraph

    return KnowledgeGraph.from_corpus(corpus)


# ---- writers and the rest ------------------------------------------------------------------------

def test_turtle_is_what_pyoxigraph_writes(full_build):
    """The Turtle writer is kgraph's own (for speed): pyoxigraph, given the same triples, writes the same bytes."""
    triples = list(ox.parse(path=str(full_build / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(triples) > 1000
    ours = (full_build / "graph.ttl").read_bytes()
    assert ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) == ours


def test_turtle_of_awkward_literals_and_iris_is_what_pyoxigraph_writes():
    s = "<https://w3id.org/kgraph/id/statement/x>"
    objects = ['"引号\\"与\\\\反斜杠"@zh', '"一行\\n二行\\t制表"@zh', '"\\u0001控制"', f'"140"^^<{XSD}decimal>',
               f'"6.1"^^<{XSD}decimal>', f'"-0.5"^^<{XSD}decimal>', f'"2025"^^<{XSD}gYear>',
               "<https://w3id.org/kgraph/id/a-b.c>", "<https://w3id.org/kgraph/id/region/360681/geometry>",
               "<http://example.org/other#x>"]
    pairs = sorted({(f"<{KG}p>", o) for o in objects} | {(f"<{KG}q>", objects[0])})
    lines = "".join(f"{s} {p} {o} .\n" for p, o in pairs)
    triples = list(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES))

    class Sink:
        data = b""

        def write(self, b: bytes) -> None:
            self.data += b

    sink = Sink()
    TurtleWriter(PREFIXES).write(iter([("DEFAULT", s, pairs)]), sink)
    back = set(ox.parse(sink.data, format=ox.RdfFormat.TURTLE))
    assert back == set(triples)
    expected = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    # an IRI with - or . in its local part is written whole (pyoxigraph abbreviates it): the only difference
    assert sink.data.replace(b"<https://w3id.org/kgraph/id/a-b.c>", b"kgr:a-b.c") == expected


def test_graphml_is_what_networkx_writes(seeds_graph, tmp_path):
    from kgraph.export.graphml import _xml

    kg = copy.deepcopy(seeds_graph)  # the session's graph stays as it is
    kg.nx.add_node("Person/控制\x01符", cls="Person", name="控制\x01符", aliases=["别&名"], adcode=None, mentions=1)
    g = nx.MultiDiGraph()
    for key, d in sorted(kg.nx.nodes(data=True)):
        g.add_node(_xml(key), label=_xml(d["name"]), cls=d["cls"], aliases=_xml("、".join(d["aliases"])),
                   adcode=d["adcode"] or "", mentions=d["mentions"])
    for s, p, o, statements in kg.relations():
        g.add_edge(_xml(s), _xml(o), key=p, predicate=p, statements=len(statements),
                   evidence=_xml(" | ".join(sorted({st.evidence for st in statements})[:3])))
    GraphmlExporter().write(kg, tmp_path / "g.graphml")
    assert (tmp_path / "g.graphml").read_text(encoding="utf-8") == "\n".join(nx.generate_graphml(g)) + "\n"


def test_extraction_leaves_no_reference_cycles(samples_dir, seeds_dir):
    """Builds run without the cycle collector (kgraph build, and the fold): that is safe only while this holds.

    In a process of its own: other tests' threads (dask's) make garbage of their own.
    """
    code = f"""if True:
        import gc
        from kgraph.ingest.read import read_paths
        from kgraph.pipeline import Pipeline
        pipe = Pipeline()
        docs = list(read_paths([{str(samples_dir)!r}, {str(seeds_dir)!r}]))
        for d in docs:  # what loads once (tables, the towns) may leave some: it is not per document
            pipe.share_document(d)
        gc.collect()
        gc.disable()
        for d in docs:
            pipe.share_document(d)
        print(gc.collect())
    """
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.strip() == "0"


def test_jieba_keeps_its_cache_in_kgraph_cache_folder(tmp_path):
    env = {**os.environ, "KGRAPH_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    code = "from kgraph.nlp.tokenize import jieba_module; print(jieba_module().lcut('贵溪市铜产业'))"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    assert (tmp_path / "cache" / "jieba.cache").is_file()
    assert not any((tmp_path / "tmp").iterdir())


def test_the_generated_corpus_is_reproducible_and_builds(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import write_corpus

    write_corpus(30, tmp_path / "a", per_file=10)
    write_corpus(30, tmp_path / "b", per_file=10)
    write_corpus(10, tmp_path / "c", start=20, per_file=10)
    a = sorted((tmp_path / "a").iterdir())
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in sorted((tmp_path / "b").iterdir())]
    assert (tmp_path / "c" / "part-00002.jsonl").read_bytes() == a[2].read_bytes()  # article i depends on i only
    records = [json.loads(line) for p in a for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 30 and all(1000 < len(r["text"]) < 2500 for r in records)
    kg = Pipeline().build([tmp_path / "a"]).graph
    summary = kg.summary()
    assert summary["articles"] == 30
    assert summary["per_class"]["Enterprise"] >= 30 and summary["statements"] >= 100 and summary["figures"] >= 60
