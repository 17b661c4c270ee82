"""A very long article and a folder of many small files: time and peak memory, each in a fresh process.

    .venv/bin/python benchmarks/long_input.py [--sizes 100000,1000000] [--files 10000] [--commas]

The long article is the bodies of the bundled sample articles, repeated to each size as one
article (dense news text: every sentence names something). Each size is extracted in its own
child process (read → normalise → segment → extract → resolve), which reports its time and peak
RSS (wall and CPU seconds: on a shared machine the CPU time is the one to compare); the ratio of times
between sizes shows whether the cost grows linearly. With --commas each
size is also run as the same text with every 。！？ and line break made a ， (one line, one
"sentence": kgraph cuts it at clause marks, so it should take about the time of the text with
full stops). The many-files case runs `kgraph build --no-html` over a generated folder of small
articles.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
from kgraph.model import Document
from kgraph.pipeline import Pipeline
text = open(sys.argv[1], encoding="utf-8").read()
pipe = Pipeline()
pipe.extract_document(Document(source="warm", text="石城县推进改革\\n\\n石城县完成改造12个。", format="txt"))
t, cpu = time.perf_counter(), time.process_time()
extractions = pipe.extract_document(Document(source="long.txt", text=text, format="txt"))
pipe.resolve(extractions)
print(json.dumps({"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - cpu,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "mentions": sum(len(x.mentions) for x in extractions)}))
"""


def sample_bodies() -> str:
    """The sample articles' body lines (no headings, bylines or JSON), as one text."""
    lines = []
    for f in sorted((ROOT / "kgraph" / "data" / "samples").glob("*.md")) + \
            sorted((ROOT / "kgraph" / "data" / "samples").glob("*.txt")):
        text = f.read_bytes().decode("utf-8", "ignore")
        lines += [ln.strip() for ln in text.splitlines() if len(ln.strip()) > 40 and re.search("[，。]", ln)]
    return "\n".join(lines) + "\n"


def _run(f: Path, text: str) -> dict:
    """Extract ``text`` as one article in a fresh process: its time, peak RSS and mentions."""
    f.write_text("长文\n\n" + text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", CHILD, str(f)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000", help="article lengths in characters")
    ap.add_argument("--files", type=int, default=10_000, help="small files in the folder (0: skip)")
    ap.add_argument("--commas", action="store_true", help="also run each size as one comma-spliced line")
    a = ap.parse_args()
    body = sample_bodies()
    with tempfile.TemporaryDirectory() as tmp:
        results = []
        for size in [int(s) for s in a.sizes.split(",")]:
            text = (body * (size // len(body) + 1))[:size]
            r = _run(Path(tmp) / f"long-{size}.txt", text)
            results.append((size, r))
            print(f"article of {size:>9,} chars: {r['seconds']:6.1f} s ({r['cpu_seconds']:.1f} s CPU), "
                  f"{size / r['seconds']:>8,.0f} chars/s, peak {r['peak_mb']:.0f} MB, {r['mentions']:,} mentions")
            if a.commas:
                c = _run(Path(tmp) / f"commas-{size}.txt", re.sub(r"[。！？!?\n]", "，", text))
                print(f"  the same, commas only: {c['seconds']:6.1f} s ({c['cpu_seconds']:.1f} s CPU, "
                      f"{c['cpu_seconds'] / r['cpu_seconds']:.2f}× the CPU), peak {c['peak_mb']:.0f} MB, "
                      f"{c['mentions']:,} mentions")
        for (s0, r0), (s1, r1) in zip(results, results[1:], strict=False):
            print(f"{s1 / s0:.0f}× the characters took {r1['seconds'] / r0['seconds']:.1f}× the time")
        if a.files:
            folder = Path(tmp) / "many"
            folder.mkdir()
            for i in range(a.files):
                (folder / f"{i:05d}.txt").write_text(f"简讯{i}\n\n石城县今日第{i}条消息，完成改造{i % 50}个。",
                                                     encoding="utf-8")
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "kgraph.cli", "build", str(folder), "-o", str(Path(tmp) / "out"),
                            "--no-html"], check=True, capture_output=True)
            print(f"{a.files:,} small files: kgraph build --no-html in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
