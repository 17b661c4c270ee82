"""Parallel, distributed and incremental builds give the graph a single build gives, byte for byte."""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kgraph.cli import main
from kgraph.export.graphml import GraphmlExporter
from kgraph.export.rdf import KG, PREFIXES, XSD, RdfExporter, TurtleWriter
from kgraph.incremental import StateError, load_state
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


# ---- incremental --------------------------------------------------------------------------------

def test_an_update_gives_the_graph_of_a_full_rebuild(tmp_path, full_build, samples_dir, seeds_dir):
    build_dir = tmp_path / "build"
    assert main(["build", "--update", str(build_dir), str(samples_dir)]) == 0
    first = (build_dir / "graph.ttl").read_bytes()
    assert main(["build", "--update", str(build_dir), str(seeds_dir)]) == 0
    assert outputs(build_dir) == outputs(full_build)
    assert (build_dir / "graph.ttl").read_bytes() != first
    state = load_state(build_dir)
    assert len(state.resolution) == 21 and state.generation == 2


def test_adding_articles_already_built_changes_nothing(tmp_path, samples_dir, capsys):
    build_dir = tmp_path / "build"
    assert main(["build", "--update", str(build_dir), str(samples_dir)]) == 0
    before = outputs(build_dir)
    manifest = (build_dir / ".kgraph" / "manifest.json").read_bytes()
    # the same articles again, from the same files and from a copy elsewhere
    copy = tmp_path / "copy"
    shutil.copytree(samples_dir, copy)
    capsys.readouterr()
    assert main(["build", "--update", str(build_dir), str(samples_dir), str(copy)]) == 0
    assert "nothing new" in capsys.readouterr().out
    assert outputs(build_dir) == before
    assert (build_dir / ".kgraph" / "manifest.json").read_bytes() == manifest


def test_an_update_killed_before_its_commit_leaves_the_previous_state(tmp_path, full_build, samples_dir,
                                                                      seeds_dir, monkeypatch):
    import kgraph.incremental

    build_dir = tmp_path / "build"
    assert main(["build", "--update", str(build_dir), str(samples_dir)]) == 0

    def killed(*_):
        raise KeyboardInterrupt  # as if the process died while committing

    monkeypatch.setattr(kgraph.incremental, "_write_manifest", killed)
    with pytest.raises(KeyboardInterrupt):
        main(["build", "--update", str(build_dir), str(seeds_dir)])
    monkeypatch.undo()
    state = load_state(build_dir)
    assert state.generation == 1 and len(state.resolution) == 10  # the batch is not in
    assert main(["build", "--update", str(build_dir), str(seeds_dir)]) == 0  # and can be applied again
    assert outputs(build_dir) == outputs(full_build)
    assert sorted(p.name for p in (build_dir / ".kgraph").iterdir()) == ["lock", "manifest.json",
                                                                         "state-000002.pickle"]


def test_an_update_killed_while_extracting_writes_nothing(tmp_path, samples_dir, seeds_dir, monkeypatch):
    build_dir = tmp_path / "build"
    assert main(["build", "--update", str(build_dir), str(samples_dir)]) == 0
    before = outputs(build_dir)
    manifest = (build_dir / ".kgraph" / "manifest.json").read_bytes()
    calls = []

    def killed_on_the_second(self, doc, known=()):
        calls.append(doc)
        if len(calls) == 2:
            raise KeyboardInterrupt  # a bug on one document only skips it; an interrupt stops the update
        return original(self, doc, known)

    original = Pipeline.share_document
    monkeypatch.setattr(Pipeline, "share_document", killed_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        main(["build", "--update", str(build_dir), str(seeds_dir)])
    assert outputs(build_dir) == before
    assert (build_dir / ".kgraph" / "manifest.json").read_bytes() == manifest


def test_a_state_built_by_other_extraction_code_is_refused(tmp_path, samples_dir, monkeypatch, capsys):
    import kgraph.incremental

    build_dir = tmp_path / "build"
    assert main(["build", "--update", str(build_dir), str(samples_dir)]) == 0
    monkeypatch.setattr(kgraph.incremental, "code_fingerprint", lambda: "0" * 16)
    with pytest.raises(StateError, match="different extraction code"):
        load_state(build_dir)
    assert main(["build", "--update", str(build_dir), str(samples_dir)]) == 1
    assert str(build_dir) in capsys.readouterr().err


def test_an_update_keeps_the_home_region_it_was_built_with(tmp_path, samples_dir, seeds_dir, capsys):
    build_dir = tmp_path / "build"
    assert main(["build", "--update", str(build_dir), str(samples_dir), "--home-region", "江西省"]) == 0
    assert main(["build", "--update", str(build_dir), str(seeds_dir), "--home-region", "广东省"]) == 2
    assert "江西省" in capsys.readouterr().err
    assert main(["build", "--update", str(build_dir), str(seeds_dir)]) == 0  # the kept one is used
    full = tmp_path / "full"
    assert build(full, samples_dir, seeds_dir, extra=("--home-region", "江西省")) == 0
    assert outputs(build_dir) == outputs(full)


def test_update_and_output_folder_cannot_disagree(tmp_path, samples_dir):
    assert main(["build", "--update", str(tmp_path / "a"), str(samples_dir), "-o", str(tmp_path / "b")]) == 2
    assert main(["build", str(samples_dir), "--engine", "dask"]) == 2
    assert main(["build", str(samples_dir), "--workers", "0"]) == 2


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
