"""Whether a change left kgraph's results alone: outputs recorded before it, compared after it.

    .venv/bin/python benchmarks/same_output.py record /tmp/golden [--corpus DIR]
    .venv/bin/python benchmarks/same_output.py check /tmp/golden [--corpus DIR]

``record`` runs ``kgraph build`` on the bundled samples, on the seed pages (/work/shared/seeds
or ../shared/seeds) and on a generated corpus (``--corpus``, e.g. one written by
``benchmarks/make_corpus.py 300 -o DIR``), and ``kgraph extract --jsonl`` on the first 2,000
lines of MSRA's test set; it keeps graph.ttl, graph.graphml and the JSONL. ``check`` does the
same into a temporary folder and names every output that differs from the recorded one
(exit 1). Meant for optimisations: they must give byte-identical output.
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = next((p for p in (Path("/work/shared"), ROOT.parent / "shared") if p.is_dir()), None)
KGRAPH = [sys.executable, "-m", "kgraph"]
BUILD_OUTPUTS = ("graph.ttl", "graph.graphml")
NER_LINES = 2000


def inputs(corpus: Path | None) -> dict[str, Path]:
    out = {"samples": ROOT / "kgraph" / "data" / "samples"}
    if SHARED and (SHARED / "seeds").is_dir():
        out["seeds"] = SHARED / "seeds"
    if corpus:
        out["corpus"] = corpus
    return out


def produce(into: Path, corpus: Path | None) -> list[Path]:
    """Every output, written under ``into``; returns their paths."""
    files = []
    for name, path in inputs(corpus).items():
        t = time.perf_counter()
        subprocess.run([*KGRAPH, "build", str(path), "-o", str(into / name), "--no-html"], check=False,
                       stdout=subprocess.DEVNULL)
        files += [into / name / f for f in BUILD_OUTPUTS]
        print(f"  built {name} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    msra = SHARED / "bench" / "msra" / "test.jsonl" if SHARED else None
    if msra and msra.is_file():
        head = into / "msra-head.jsonl"
        with msra.open(encoding="utf-8") as f:
            head.write_text("".join(islice(f, NER_LINES)), encoding="utf-8")
        t = time.perf_counter()
        subprocess.run([*KGRAPH, "extract", "--jsonl", str(head), "-o", str(into / "msra.jsonl")], check=True)
        head.unlink()
        files.append(into / "msra.jsonl")
        print(f"  extracted msra in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=("record", "check"))
    ap.add_argument("golden", type=Path, help="folder of the recorded outputs")
    ap.add_argument("--corpus", type=Path, help="a generated corpus to build as well")
    a = ap.parse_args()
    if a.action == "record":
        a.golden.mkdir(parents=True, exist_ok=True)
        files = produce(a.golden, a.corpus)
        print(f"recorded {len(files)} outputs in {a.golden}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        files = produce(Path(tmp), a.corpus)
        differ = [f.relative_to(tmp) for f in files
                  if not (a.golden / f.relative_to(tmp)).is_file()
                  or not filecmp.cmp(f, a.golden / f.relative_to(tmp), shallow=False)]
    for f in differ:
        print(f"differs: {f}")
    print(f"{len(files) - len(differ)} of {len(files)} outputs identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
