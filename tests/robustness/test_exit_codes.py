"""The exit status says whether anything was skipped; --strict makes any skip fatal (README, `build --help`)."""

from __future__ import annotations

import pytest
from robust_util import article, kgraph, skip_lines

from kgraph.cli import EXIT_FAILED, EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, make_parser


def test_exit_status_of_build(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(article(1), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert (EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SKIPPED) == (0, 1, 2, 3)
    assert kgraph("build", good, "-o", tmp_path / "a").code == EXIT_OK
    skipped = kgraph("build", good, empty, "-o", tmp_path / "b")
    assert skipped.code == EXIT_SKIPPED and "(1 skipped)" in skipped.out
    nothing = kgraph("build", empty, "-o", tmp_path / "c")
    assert nothing.code == EXIT_FAILED and not (tmp_path / "c").exists()
    assert kgraph("build", good, "-o", tmp_path / "d", "--base", "not an iri").code == EXIT_USAGE
    assert kgraph("build", good, "-o", tmp_path / "d", "--max-file-mb", "-1").code == EXIT_USAGE
    assert not (tmp_path / "d").exists()


def test_strict_fails_on_any_skip_and_keeps_the_previous_build(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(article(1), encoding="utf-8")
    out = tmp_path / "out"
    assert kgraph("build", folder, "-o", out, "--strict").code == EXIT_OK
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "new.txt").write_text(article(2), encoding="utf-8")
    (folder / "feed.jsonl").write_text('{"id": 1, "text": "石城县完成改造。"}\n{"id": 1', encoding="utf-8")
    run = kgraph("build", folder, "-o", out, "--strict")
    assert run.code == EXIT_FAILED
    assert len(skip_lines(run)) == 1 and "feed.jsonl:2: skipped: not JSON" in skip_lines(run)[0]
    assert run.err[-1] == "kgraph: 1 input skipped and --strict given: nothing written"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_output_folder_that_cannot_be_written_is_one_line(tmp_path):
    (tmp_path / "good.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "taken").write_text("a file where the output folder should be", encoding="utf-8")
    run = kgraph("build", tmp_path / "good.txt", "-o", tmp_path / "taken")
    assert run.code == EXIT_FAILED
    assert run.err == [f"kgraph: {tmp_path / 'taken'}: a file is there, not a folder"]


def test_a_crash_on_one_document_skips_it_and_the_batch_goes_on(tmp_path, monkeypatch):
    from kgraph.pipeline import Pipeline

    real = Pipeline.extract_document

    def flaky(self, doc, *rest):
        if "宁都县" in doc.text:
            raise IndexError("string index out of range")
        return real(self, doc, *rest)

    monkeypatch.setattr(Pipeline, "extract_document", flaky)
    (tmp_path / "a.txt").write_text(article(1, "宁都县"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(article(2, "石城县"), encoding="utf-8")
    run = kgraph("build", tmp_path / "a.txt", tmp_path / "b.txt", "-o", tmp_path / "out")
    assert run.code == EXIT_SKIPPED
    assert skip_lines(run) == [f"kgraph: {tmp_path / 'a.txt'}: skipped: could not be processed, a bug in kgraph: "
                               "IndexError: string index out of range"]
    assert run.out.splitlines()[0] == "read 1 document, 1 article (1 skipped)"


def test_help_states_the_exit_codes_and_the_cap():
    text = " ".join(make_parser()._subparsers._group_actions[0].choices["build"].format_help().split())
    assert "0 all read, 3 built but some inputs skipped, 1 failed (or --strict and something skipped)" in text
    assert "--max-file-mb MB" in text


@pytest.mark.parametrize("command", ["viz", "extract"])
def test_an_unknown_class_is_a_usage_error_that_lists_the_classes(command, tmp_path):
    from kgraph.model import ENTITY_CLASSES

    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    assert kgraph("build", tmp_path / "a.txt", "-o", tmp_path / "out").code == EXIT_OK
    where = (["--graph", tmp_path / "out" / "graph.ttl"] if command == "viz"
             else ["--jsonl", tmp_path / "in.jsonl"])
    (tmp_path / "in.jsonl").write_text('{"id": 1, "text": "石城县完成改造。"}\n', encoding="utf-8")
    run = kgraph(command, *where, "--classes", "County,Foo,person", "-o", tmp_path / "part.out")
    assert run.code == 2 and len(run.err) == 1
    assert run.err[0].startswith("kgraph: --classes: no such class: Foo, person (did you mean Person?)")
    assert all(c in run.err[0] for c in ENTITY_CLASSES)
    assert not (tmp_path / "part.out").exists()
