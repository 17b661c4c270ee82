"""A build killed at any moment leaves the previous outputs whole; outputs replace each other only together."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from robust_util import article, kgraph, read_outputs

from kgraph.fsutil import atomic_write, replace_together

OUTPUTS = ("graph.ttl", "graph.nt", "graph.html", "graph.graphml")


def write_corpus(folder: Path, start: int, count: int) -> None:
    """``count`` articles as JSONL exports of 250 records each (quick to write, as a crawler would)."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(start, start + count, 250):
        records = [json.dumps({"id": f"r{i}", "title": f"简讯{i}", "text": article(i)}, ensure_ascii=False)
                   for i in range(k, min(k + 250, start + count))]
        (folder / f"feed-{k:05d}.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def start_build(corpus: Path, out: Path) -> subprocess.Popen:
    code = "import sys; from kgraph.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, "build", str(corpus), "-o", str(out), "--rdf-format", "nt"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_when(proc: subprocess.Popen, ready, timeout: float = 300) -> None:
    """SIGKILL ``proc`` as soon as ``ready()`` holds; fail if it ended first (the test would prove nothing)."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, "the build ended before the moment to kill it"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL


def reading(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has ``path`` open (a JSONL file stays open while its records are built)."""
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}") == str(path) for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """A first build of 300 articles, and a larger corpus (900) for the builds that get killed."""
    root = tmp_path_factory.mktemp("kill")
    corpus, out = root / "corpus", root / "out"
    write_corpus(corpus, 0, 300)
    assert kgraph("build", corpus, "-o", out, "--rdf-format", "nt").code == 0
    write_corpus(corpus, 300, 600)
    return corpus, out, snapshot(out)


def test_killed_while_reading_and_extracting(builds):
    corpus, out, before = builds
    proc = start_build(corpus, out)
    last = sorted(corpus.iterdir())[-1]
    kill_when(proc, lambda: reading(proc.pid, last))  # part-way through the articles
    assert snapshot(out) == before
    read_outputs(out)


def test_killed_while_writing_the_outputs(builds):
    corpus, out, before = builds
    proc = start_build(corpus, out)
    # killed once the Turtle and N-Triples are written and the page is being written
    kill_when(proc, lambda: any(p.name.startswith(".graph.html.") for p in out.iterdir()))
    assert snapshot(out) == before  # not one output replaced: not even those written in full
    read_outputs(out)
    assert [p for p in out.iterdir() if p.name.endswith(".tmp")]  # the killed run's leftovers, until…


def test_the_next_build_replaces_everything_and_clears_leftovers(builds):
    corpus, out, before = builds
    assert kgraph("build", corpus, "-o", out, "--rdf-format", "nt").code == 0
    after = snapshot(out)
    assert all(after[name] != before[name] for name in OUTPUTS)
    assert len(read_outputs(out)["data"]["nodes"]) > 0
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_outputs_replace_together_or_not_at_all(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), replace_together():
        with atomic_write(tmp_path / "a.txt") as f:
            f.write("new")
        assert (tmp_path / "a.txt").read_text() == "old"  # written, not yet in place
        raise RuntimeError("the build fails before b.txt is written")
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {"a.txt": "old", "b.txt": "old"}
    with replace_together():
        for name in ("a.txt", "b.txt"):
            with atomic_write(tmp_path / name) as f:
                f.write("new")
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {"a.txt": "new", "b.txt": "new"}
