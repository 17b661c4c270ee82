"""Extraction throughput, as a ratio against jieba.lcut on the same text in the same run.

    .venv/bin/python benchmarks/throughput.py [--repeat N] [--rounds R] [--corpus PATH]

The text is the bundled samples plus the seed pages (when ../shared/seeds is there), repeated N
times, or the articles under ``--corpus`` (a folder or file kgraph reads, e.g. one written by
``benchmarks/make_corpus.py``, or an NER set's JSONL). Each round times every stage (CPU time of
this process) and the medians are reported, in characters per second and as the ratio to jieba.lcut
within a round: jieba.lcut (HMM on), rjieba.cut (the tokenizer kgraph uses), and kgraph's whole
extraction (normalise → segment → extract → resolve, export
excluded; the documents are read before the clock starts). The first document is extracted once
before timing (tables, automata and dictionaries load); the rounds after the first find kgraph's
per-word memories (name shapes, weights, region chains) filled, as a long build does.

``--instructions`` counts instead the machine instructions one round of each stage executes
(valgrind's cachegrind, the run with two rounds minus the run with one): a measure the load of a
shared machine does not move, at some 30 times the run time.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("jieba.lcut (HMM on)", "rjieba.cut (kgraph's tokenizer)", "kgraph extraction (read→resolve)")


def cpu_seconds(fn) -> float:
    """The CPU time of one call (the machine is shared: time spent waiting for a core is not counted)."""
    t = time.process_time()
    fn()
    return time.process_time() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20, help="copies of the corpus (default 20)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--corpus", type=Path, help="time these articles instead of the samples and seeds")
    ap.add_argument("--instructions", action="store_true", help="count instructions (valgrind) instead of time")
    ap.add_argument("--only", help=argparse.SUPPRESS)  # the child of --instructions: run one stage, report nothing
    a = ap.parse_args()
    if a.instructions:
        return count_instructions(a)

    import rjieba

    from kgraph.ingest.normalise import Normaliser
    from kgraph.ingest.read import Skipped, read_paths
    from kgraph.nlp.tokenize import jieba_module
    from kgraph.pipeline import Pipeline

    if a.corpus:
        corpus = [d for d in read_paths([a.corpus]) if not isinstance(d, Skipped)]
    else:
        paths = [ROOT / "kgraph" / "data" / "samples"]
        seeds = ROOT.parent / "shared" / "seeds"
        if seeds.is_dir():
            paths.append(seeds)
        docs = [d for d in read_paths(paths) if not isinstance(d, Skipped)]
        # distinct copies, so that nothing is deduplicated as the same article
        corpus = [d.__class__(**{**d.__dict__, "text": d.text.replace("。", "。" + " " * (i % 2), 1)})
                  for i in range(a.repeat) for d in docs]
    chars = sum(len(d.text) for d in corpus)
    texts = [Normaliser()(d).text for d in corpus]
    jieba = jieba_module()  # its dictionary cache in kgraph's cache folder, not the shared temp folder
    jieba.initialize()
    pipe = Pipeline()
    pipe.extract_document(corpus[0])  # tables, automata and dictionaries load once, outside the timing
    pipe.extract.gazetteer.towns_named("")

    def kgraph_all():
        extractions = []
        for d in corpus:
            extractions.extend(pipe.extract_document(d))
        pipe.resolve(extractions)

    stages = dict(zip(STAGES, (lambda: [jieba.lcut(t) for t in texts], lambda: [rjieba.cut(t) for t in texts],
                               kgraph_all), strict=True))
    if a.only:
        for _ in range(a.rounds):
            stages[a.only]()
        return 0
    # each round times every stage, one after the other: a ratio is taken within a round, where the
    # load of a shared machine is most alike, and the median of the rounds' ratios is reported
    times: dict[str, list[float]] = {name: [] for name in stages}
    for _ in range(a.rounds):
        for name, fn in stages.items():
            times[name].append(cpu_seconds(fn))
    jieba_times = times[STAGES[0]]
    print(f"corpus: {len(corpus)} documents, {chars:,} characters; median of {a.rounds} rounds, CPU time of one core")
    print(f"{'stage':40} {'chars/s':>12} {'vs jieba.lcut':>14}")
    for name, ts in times.items():
        ratio = statistics.median(j / t for j, t in zip(jieba_times, ts, strict=True))
        print(f"{name:40} {chars / statistics.median(ts):12,.0f} {ratio:13.2f}x")
    return 0



def count_instructions(a: argparse.Namespace) -> int:
    if shutil.which("valgrind") is None:
        print("--instructions needs valgrind", file=sys.stderr)
        return 2
    source = ["--corpus", str(a.corpus)] if a.corpus else ["--repeat", str(a.repeat)]

    def instructions(stage: str, rounds: int) -> int:
        run = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                              sys.executable, __file__, *source, "--only", stage, "--rounds", str(rounds)],
                             capture_output=True, text=True, check=True)
        return int(re.search(r"I\s+refs:\s+([\d,]+)", run.stderr).group(1).replace(",", ""))

    counts = {stage: instructions(stage, 2) - instructions(stage, 1) for stage in STAGES}
    print(f"corpus: {' '.join(source)}; instructions of one round (valgrind cachegrind)")
    print(f"{'stage':40} {'instructions':>16} {'vs jieba.lcut':>14}")
    for stage, n in counts.items():
        print(f"{stage:40} {n:16,} {counts[STAGES[0]] / n:13.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
