"""`kgraph build --update DIR`: articles added to a kept build give, in every output, the bytes one build of
all the articles writes; articles already in change nothing; a failed or killed update leaves the build whole."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgraph.cli import main
from kgraph.export.splice import SortedRecords, nt_subject
from kgraph.pipeline import Pipeline
from kgraph.state import State, locked
from kgraph.store import open_snapshot

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("graph.ttl", "graph.nt", "graph.nq", "graph.html", "graph.graphml")
FORMATS = ("--rdf-format", "nt", "--rdf-format", "nq")


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def update(folder: Path, *paths, extra: tuple[str, ...] = ()) -> int:
    return main(["build", "--update", str(folder), *map(str, paths), *FORMATS, *extra])


def generation(folder: Path) -> int:
    state = State.open(folder, read_only=True)
    try:
        return state.meta.generation
    finally:
        state.close()


def store_triples(folder: Path) -> set[str]:
    path, _ = open_snapshot(folder)
    return {str(q.triple) for q in ox.Store.read_only(str(path))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    """Three batches of generated articles: enterprises, people and places recur across them."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import write_corpus

    root = tmp_path_factory.mktemp("corpus")
    batches = [root / "a", root / "b", root / "c"]
    write_corpus(40, batches[0], per_file=20)
    write_corpus(15, batches[1], start=40, per_file=15)
    write_corpus(15, batches[2], start=55, per_file=15, seed=3)  # another seed: other names, same places
    return batches


@pytest.fixture(scope="module")
def full(tmp_path_factory, corpus, samples_dir, seeds_dir) -> Path:
    """Everything in one build, without a kept state: what every update must end with."""
    out = tmp_path_factory.mktemp("full")
    assert main(["build", *map(str, [*corpus, samples_dir, seeds_dir]), "-o", str(out), *FORMATS]) == 0
    return out


@pytest.fixture
def kept(tmp_path, corpus, samples_dir) -> Path:
    """A kept build of the first batch and the samples."""
    folder = tmp_path / "kept"
    assert update(folder, corpus[0], samples_dir) == 0
    return folder


def test_updates_write_every_file_as_one_build_of_all_the_articles(kept, full, corpus, seeds_dir):
    first = outputs(kept)
    assert update(kept, corpus[1]) == 0
    assert update(kept, corpus[2], seeds_dir) == 0
    assert outputs(kept) == outputs(full)  # graph.ttl, .nt, .nq, the page and the GraphML, byte for byte
    assert outputs(kept)["graph.ttl"] != first["graph.ttl"]
    nt = {str(t) for t in ox.parse(path=str(full / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert store_triples(kept) == nt  # and `kgraph query --store DIR` sees the same graph
    assert generation(kept) == 3


def test_the_order_of_the_batches_does_not_show(tmp_path, full, corpus, samples_dir, seeds_dir):
    folder = tmp_path / "other"
    for batch in ([seeds_dir, corpus[2]], [corpus[1]], [samples_dir, corpus[0]]):
        assert update(folder, *batch) == 0
    assert outputs(folder) == outputs(full)


def test_adding_articles_already_built_changes_nothing(kept, tmp_path, corpus, samples_dir, capsys):
    before = outputs(kept)
    copy = tmp_path / "copy"  # the same articles from another path
    shutil.copytree(samples_dir, copy)
    capsys.readouterr()
    assert update(kept, samples_dir, copy, corpus[0]) == 0
    assert "nothing new" in capsys.readouterr().out
    assert outputs(kept) == before
    assert generation(kept) == 1


def test_a_batch_with_old_and_new_articles_adds_the_new_ones_once(kept, tmp_path, corpus, samples_dir):
    assert update(kept, corpus[1], corpus[0]) == 0
    once = tmp_path / "once"
    assert main(["build", str(corpus[0]), str(samples_dir), str(corpus[1]), "-o", str(once), *FORMATS]) == 0
    assert outputs(kept) == outputs(once)


CRASH = ("rows-written", "before-commit", "committed", "store-applied", "outputs-written", "published")


@pytest.mark.parametrize("point", CRASH)
def test_an_update_killed_anywhere_leaves_a_whole_build_and_the_next_one_finishes(kept, full, corpus, seeds_dir,
                                                                                 samples_dir, point):
    """SIGKILL (as the OOM killer or a power cut would) at each step of an update."""
    before = outputs(kept)
    env = {**os.environ, "KGRAPH_CRASH_AT": point}
    done = subprocess.run([sys.executable, "-m", "kgraph", "build", "--update", str(kept), str(corpus[1]), *FORMATS],
                          env=env, capture_output=True)
    assert done.returncode == -9
    committed = CRASH.index(point) >= CRASH.index("committed")
    assert generation(kept) == (2 if committed else 1)
    if CRASH.index(point) < CRASH.index("outputs-written"):
        assert outputs(kept) == before  # each file whole, and as it was: the files are replaced together
    # the next update (the same batch again, then the rest) finishes what the killed one left
    assert update(kept, corpus[1]) == 0
    assert update(kept, corpus[2], seeds_dir) == 0
    assert outputs(kept) == outputs(full)
    assert not [p for p in kept.iterdir() if p.name.endswith(".tmp")]


def test_an_update_that_fails_while_committing_leaves_the_build_as_it_was(kept, corpus, monkeypatch, capsys):
    import kgraph.incremental

    before = outputs(kept)
    triples = store_triples(kept)

    def failing(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kgraph.incremental.Update, "_write_rows", failing)
    capsys.readouterr()
    assert update(kept, corpus[1]) == 1
    assert "No space left on device" in capsys.readouterr().err  # one line, no traceback
    monkeypatch.undo()
    assert outputs(kept) == before and store_triples(kept) == triples and generation(kept) == 1
    state = State.open(kept, read_only=True)
    assert len(state) == 52  # 40 generated articles and the samples' 12; the batch is not in
    state.close()


def test_an_update_stopped_while_extracting_writes_nothing(kept, corpus, monkeypatch):
    before = outputs(kept)
    calls = []
    original = Pipeline.share_document

    def stopped_on_the_second(self, doc, known=()):
        calls.append(doc)
        if len(calls) == 2:
            raise KeyboardInterrupt  # a bug on one document only skips it; an interrupt stops the update
        return original(self, doc, known)

    monkeypatch.setattr(Pipeline, "share_document", stopped_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        update(kept, corpus[1], corpus[2])
    assert outputs(kept) == before and generation(kept) == 1


def test_a_state_built_by_other_extraction_code_is_refused(kept, samples_dir, monkeypatch, capsys):
    import kgraph.incremental

    monkeypatch.setattr(kgraph.incremental, "code_fingerprint", lambda: "0" * 16)
    assert update(kept, samples_dir) == 1
    err = capsys.readouterr().err
    assert str(kept) in err and "different extraction code" in err


def test_an_update_keeps_the_home_region_it_was_built_with(tmp_path, samples_dir, seeds_dir, capsys):
    folder = tmp_path / "build"
    assert update(folder, samples_dir, extra=("--home-region", "江西省")) == 0
    assert update(folder, seeds_dir, extra=("--home-region", "广东省")) == 2
    assert "江西省" in capsys.readouterr().err
    assert update(folder, seeds_dir) == 0  # the kept one is used
    whole = tmp_path / "whole"
    assert main(["build", str(samples_dir), str(seeds_dir), "-o", str(whole), "--home-region", "江西省",
                 *FORMATS]) == 0
    assert outputs(folder) == outputs(whole)


def test_update_and_output_folder_cannot_disagree(tmp_path, samples_dir):
    assert main(["build", "--update", str(tmp_path / "a"), str(samples_dir), "-o", str(tmp_path / "b")]) == 2
    assert main(["build", str(samples_dir), "--engine", "dask"]) == 2
    assert main(["build", str(samples_dir), "--workers", "0"]) == 2


def test_records_of_a_sorted_file_are_replaced_added_and_removed_in_place():
    lines = [f"<s{i:03d}> <p> <o{j}> .\n" for i in range(0, 200, 2) for j in range(3)]
    data = "".join(lines).encode()
    records = SortedRecords(data, 0, len(data), rb".", nt_subject)
    changes = [("<s000>", b""), ("<s001>", b"<s001> <p> <new> .\n"), ("<s100>", b"<s100> <q> <x> .\n"),
               ("<s199>", b"<s199> <p> <last> .\n")]
    got = b"".join(bytes(p) for p in records.pieces(changes)).decode()
    expected = [ln for ln in lines if not ln.startswith(("<s000>", "<s100>"))]
    expected += ["<s001> <p> <new> .\n", "<s100> <q> <x> .\n", "<s199> <p> <last> .\n"]
    assert got == "".join(sorted(expected))


def test_the_page_of_an_update_shows_the_most_connected_entities_as_a_full_build_does(tmp_path, corpus, samples_dir,
                                                                                      monkeypatch):
    """Above MAX_NODES entities the page shows the most connected: the update reads their degrees from its state."""
    import kgraph.export.html

    monkeypatch.setattr(kgraph.export.html, "MAX_NODES", 150)
    whole = tmp_path / "whole"
    assert main(["build", str(corpus[0]), str(samples_dir), str(corpus[1]), "-o", str(whole)]) == 0
    folder = tmp_path / "kept"
    assert main(["build", "--update", str(folder), str(corpus[0]), str(samples_dir)]) == 0
    assert main(["build", "--update", str(folder), str(corpus[1])]) == 0
    page = (folder / "graph.html").read_bytes()
    assert b'"leftOut":' in page and b'"leftOut":0' not in page  # the page shows a part of the graph
    assert page == (whole / "graph.html").read_bytes()


def test_the_kept_build_answers_sparql_as_its_graph_file_does(kept, corpus, capsys):
    assert update(kept, corpus[1]) == 0
    query = "SELECT ?e ?name WHERE { ?e a kg:Enterprise ; rdfs:label ?name } ORDER BY ?e"
    capsys.readouterr()
    assert main(["query", query, "--store", str(kept), "--format", "csv"]) == 0
    from_store = capsys.readouterr().out
    assert main(["query", query, "--graph", str(kept / "graph.ttl"), "--format", "csv"]) == 0
    from_file = capsys.readouterr().out
    assert from_store == from_file and from_store.count("\n") > 50


HOSTILE = '<script>"&amp;</script> ]]> \\ \\" ; . @prefix \u2028 \x01'


def test_hostile_text_is_kept_in_place_as_a_full_build_writes_it(tmp_path, samples_dir):
    """Titles, names and sentences with what closes or escapes something in Turtle, XML or a script."""
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "a.txt").write_text(f"石城县{HOSTILE}新闻\n\n江西瑞鑫{HOSTILE}电子有限公司落户石城县{HOSTILE}。"
                               f"该公司投资5亿元。\n", encoding="utf-8")
    (two / "b.txt").write_text(f"瑞金市“{HOSTILE}”报道\n\n江西瑞鑫电子有限公司在瑞金市{HOSTILE}投资3亿元，"
                               f"与赣州{HOSTILE}&lt;康达&gt;有限公司合作。\n", encoding="utf-8")
    whole = tmp_path / "whole"
    assert main(["build", str(samples_dir), str(one), str(two), "-o", str(whole), *FORMATS]) == 0
    folder = tmp_path / "kept"
    assert update(folder, samples_dir, one) == 0
    assert update(folder, two) == 0
    assert outputs(folder) == outputs(whole)


def test_a_file_written_over_by_another_build_is_written_whole(kept, full, tmp_path, corpus, seeds_dir, samples_dir):
    """`kgraph build -o DIR` into a kept folder: the next update does not change those files in place."""
    assert main(["build", str(seeds_dir), "-o", str(kept), *FORMATS]) == 0  # another graph in the kept folder
    assert update(kept, corpus[1]) == 0
    assert update(kept, corpus[2], seeds_dir) == 0
    assert outputs(kept) == outputs(full)


def test_a_build_kept_by_other_graph_code_has_its_store_and_files_made_again(kept, full, corpus, seeds_dir,
                                                                             monkeypatch):
    """What turns the state into triples changed (a new kgraph): the state is kept, the rest made whole from it."""
    import kgraph.incremental

    monkeypatch.setattr(kgraph.incremental, "graph_fingerprint", lambda: "1" * 16)
    assert update(kept, corpus[1]) == 0
    assert update(kept, corpus[2], seeds_dir) == 0
    assert outputs(kept) == outputs(full)
    nt = {str(t) for t in ox.parse(path=str(full / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert store_triples(kept) == nt


def test_a_second_update_while_one_runs_is_refused(corpus, tmp_path, capsys):
    kept = tmp_path / "kept"
    assert update(kept, corpus[0]) == 0
    before = outputs(kept)
    with locked(kept):  # an update in progress holds this lock
        assert update(kept, corpus[1]) == 1
    assert "another kgraph build is updating it" in capsys.readouterr().err
    assert outputs(kept) == before and generation(kept) == 1
    assert update(kept, corpus[1]) == 0 and generation(kept) == 2
