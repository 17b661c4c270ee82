"""A learned baseline: a character CRF trained on CLUENER train (coarse PER/LOC/ORG), scored on the three sets.

    .venv/bin/pip install python-crfsuite      # not a kgraph dependency: this script only
    .venv/bin/python benchmarks/crf_baseline.py [--bench ../shared/bench] [--iterations 120]

What a model learned in CLUENER's conventions gives, on CLUENER and on the news sets, to set
beside kgraph's rules (docs/benchmarks.md "NER"). Features: the character, two either side, and
the four character bigrams around it; L-BFGS with L1 0.1 and L2 0.01, a fixed number of
iterations (deterministic). CLUENER's other labels (book, game, movie, position, scene) are O.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COARSE = {"name": "PER", "address": "LOC", "company": "ORG", "government": "ORG", "organization": "ORG",
          "PER": "PER", "LOC": "LOC", "ORG": "ORG"}
SETS = {"cluener": ("cluener/dev.jsonl", ["--types", "PER,LOC,ORG", "--gold-map", "name=PER", "address=LOC",
                                          "company=ORG", "government=ORG", "organization=ORG"]),
        "msra": ("msra/test.jsonl", []), "pd": ("peoples_daily/test.jsonl", [])}


def features(text: str) -> list[list[str]]:
    def at(j: int) -> str:
        return text[j] if 0 <= j < len(text) else "#"

    out = []
    for i, c in enumerate(text):
        f = ["bias", f"c={c}", *(f"c{k}={at(i + k)}" for k in (-2, -1, 1, 2)),
             *(f"b{a}{b}={at(i + a)}{at(i + b)}" for a, b in ((-1, 0), (0, 1), (-2, -1), (1, 2)))]
        if c.isdigit():
            f.append("digit")
        out.append(f)
    return out


def labels(rec: dict) -> list[str]:
    tags = ["O"] * len(rec["text"])
    for e in rec["entities"]:
        label = COARSE.get(e["type"])
        if label:
            tags[e["start"]] = f"B-{label}"
            tags[e["start"] + 1:e["end"]] = [f"I-{label}"] * (e["end"] - e["start"] - 1)
    return tags


def spans(text: str, tags: list[str]) -> list[dict]:
    out, i = [], 0
    while i < len(tags):
        if tags[i].startswith("B-"):
            label, j = tags[i][2:], i + 1
            while j < len(tags) and tags[j] == f"I-{label}":
                j += 1
            out.append({"start": i, "end": j, "type": label, "text": text[i:j]})
            i = j
        else:
            i += 1
    return out


def main() -> int:
    import pycrfsuite

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--iterations", type=int, default=120)
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="crf-baseline-"))
    trainer = pycrfsuite.Trainer(verbose=False)
    with (a.bench / "cluener" / "train.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            trainer.append(features(rec["text"]), labels(rec))
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": a.iterations,
                        "feature.possible_transitions": True})
    t = time.process_time()
    trainer.train(str(work / "crf.model"))
    print(f"trained on CLUENER train in {time.process_time() - t:.0f} s CPU", file=sys.stderr)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(work / "crf.model"))
    for name, (rel, extra) in SETS.items():
        pred, chars = work / f"{name}.jsonl", 0
        t = time.process_time()
        with (a.bench / rel).open(encoding="utf-8") as f, pred.open("w", encoding="utf-8") as out:
            for line in f:
                rec = json.loads(line)
                chars += len(rec["text"])
                ents = spans(rec["text"], tagger.tag(features(rec["text"])))
                out.write(json.dumps({"id": rec["id"], "entities": ents}, ensure_ascii=False) + "\n")
        took = time.process_time() - t
        print(f"\n## {name} ({rel}): {chars:,} characters tagged in {took:.1f} s CPU")
        subprocess.run([sys.executable, str(a.bench / "score_ner.py"), str(a.bench / rel), str(pred), *extra],
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
