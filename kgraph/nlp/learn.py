"""Learn the person-name model from a labelled NER set (CLUENER's training set) and ship it.

    python -m kgraph.nlp.learn ../shared/bench/cluener/train.jsonl [--check] [--threshold T] [-o MODEL.tsv]

Every name-shaped span of every sentence (``person_candidates``) that the recogniser asks the model
about (not a place, a kind or an anonymous form: ``LexicalRecogniser.never_a_person``) is an
example, positive when the set labels exactly that span a person (``name`` / ``PER``). A logistic regression over
``person_features`` (L2, AdaGrad, fixed epochs: deterministic) learns the weights. ``--check``
first learns on one half and reports precision and recall on the other at several thresholds;
the threshold written is the one with the best F0.5 on the held-out half (precision counts
double: a wrong person costs the graph more than a missed one), unless ``--threshold`` is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from kgraph.fsutil import atomic_write
from kgraph.nlp.lexicon import lexicon
from kgraph.nlp.names import MODEL_FILE, PersonModel, person_candidates, person_features
from kgraph.nlp.tokenize import default_tokenizer

PERSON_LABELS = ("name", "PER")
MIN_COUNT = 2  # a feature seen once says nothing general
L2 = 1e-4


def examples(path: Path) -> list[tuple[list[str], int, str, int]]:
    """(features, label, sentence id, number of gold names in the sentence) per candidate."""
    from kgraph.extract.lexical import LexicalRecogniser  # imported here: it reads the name model this writes
    from kgraph.gazetteer import load_gazetteer

    tokenize, tags = default_tokenizer(), lexicon().tags
    asked = LexicalRecogniser(load_gazetteer())
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            gold = {(e["start"], e["end"]) for e in rec["entities"] if e["type"] in PERSON_LABELS}
            tokens = tokenize(rec["text"])
            words = [t.text for t in tokens]
            cands = [c for c in person_candidates(tokens) if not asked.never_a_person(words, c)]
            if not cands:
                out.append(([], -1, rec["id"], len(gold)))  # keeps the sentence's gold count
            for c in cands:
                span = (tokens[c.first].start, tokens[c.last - 1].end)
                out.append((person_features(tokens, c, tags), int(span in gold), rec["id"], len(gold)))
    return out


def fit(rows: list[tuple[list[str], int]], epochs: int = 30, l2: float = L2, rate: float = 0.3) -> PersonModel:
    counts: dict[str, int] = {}
    for feats, _ in rows:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(names)}
    xs = [np.array(sorted({index[f] for f in feats if f in index}), dtype=np.int64) for feats, _ in rows]
    ys = np.array([y for _, y in rows], dtype=np.float64)
    w = np.zeros(len(names) + 1)  # the last weight is the bias
    g2 = np.full(len(names) + 1, 1e-8)
    order = np.random.default_rng(0).permutation(len(rows))
    for _ in range(epochs):
        for k in order:
            x = xs[k]
            z = w[x].sum() + w[-1]
            p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
            err = p - ys[k]
            idx = np.append(x, len(names))
            grad = err + l2 * w[idx]
            g2[idx] += grad * grad
            w[idx] -= rate * grad / np.sqrt(g2[idx])
    return PersonModel({f: float(w[i]) for f, i in index.items()}, float(w[-1]), 0.5)


def evaluate(model: PersonModel, rows: list, thresholds: list[float]) -> list[tuple[float, float, float, float]]:
    """(threshold, precision, recall, F0.5) of the candidates of held-out sentences, against all their names."""
    gold = sum(n for _, n in {(sid, n) for _, _, sid, n in rows})
    out = []
    for th in thresholds:
        tp = fp = 0
        for feats, y, _, _ in rows:
            if y < 0:
                continue
            if model.probability(feats) >= th:
                tp += y
                fp += 1 - y
        p = tp / max(1, tp + fp)
        r = tp / max(1, gold)
        f = 1.25 * p * r / max(1e-9, 0.25 * p + r)
        out.append((th, p, r, f))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train", type=Path)
    ap.add_argument("-o", "--output", type=Path, default=Path(__file__).parent / "data" / MODEL_FILE)
    ap.add_argument("--check", action="store_true", help="report held-out precision/recall first")
    ap.add_argument("--threshold", type=float, help="write this threshold instead of the held-out best")
    a = ap.parse_args(argv)
    rows = examples(a.train)
    threshold = 0.5
    if a.check:
        ids = sorted({sid for _, _, sid, _ in rows})
        held = set(ids[1::2])
        learn = [(f, y) for f, y, sid, _ in rows if sid not in held and y >= 0]
        model = fit(learn)
        table = evaluate(model, [r for r in rows if r[2] in held], [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
        for th, p, r, f in table:
            print(f"threshold {th:.1f}: precision {p:.3f} recall {r:.3f} F0.5 {f:.3f}", file=sys.stderr)
        threshold = max(table, key=lambda t: t[3])[0]
    model = fit([(f, y) for f, y, _, _ in rows if y >= 0])
    model.threshold = threshold if a.threshold is None else a.threshold
    a.output.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(a.output) as out:
        out.write(f"# person-name model: python -m kgraph.nlp.learn {a.train.name} (features: nlp/names.py)\n")
        out.write("\n".join(model.dump()) + "\n")
    print(f"wrote {a.output}: {len(model.weights)} weights, threshold {model.threshold}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
