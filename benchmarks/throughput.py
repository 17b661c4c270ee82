"""Extraction throughput, as a ratio against jieba.lcut on the same text in the same run.

    .venv/bin/python benchmarks/throughput.py [--repeat N] [--rounds R]

The text is the bundled samples plus the seed pages (when ../shared/seeds is there), repeated N
times. Each stage is timed over R rounds and the median is reported, in characters per second:
jieba.lcut (HMM on), rjieba.cut (the tokenizer kgraph uses), and kgraph's whole extraction
(read → normalise → segment → extract → resolve, export excluded).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20, help="copies of the corpus (default 20)")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()

    import rjieba

    from kgraph.ingest.normalise import Normaliser
    from kgraph.ingest.read import Skipped, read_paths
    from kgraph.nlp.tokenize import jieba_module
    from kgraph.pipeline import Pipeline

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

    t_jieba = timed(lambda: [jieba.lcut(t) for t in texts], a.rounds)
    t_rjieba = timed(lambda: [rjieba.cut(t) for t in texts], a.rounds)
    t_kgraph = timed(kgraph_all, a.rounds)
    print(f"corpus: {len(corpus)} documents, {chars:,} characters; median of {a.rounds} rounds, one core")
    print(f"{'stage':40} {'chars/s':>12} {'vs jieba.lcut':>14}")
    for name, t in [("jieba.lcut (HMM on)", t_jieba), ("rjieba.cut (kgraph's tokenizer)", t_rjieba),
                    ("kgraph extraction (read→resolve)", t_kgraph)]:
        print(f"{name:40} {chars / t:12,.0f} {t_jieba / t:13.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
