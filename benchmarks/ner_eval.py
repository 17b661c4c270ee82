"""Entity extraction on public Chinese NER sets, with jieba's part-of-speech tags as the baseline.

    .venv/bin/python benchmarks/ner_eval.py [--bench ../shared/bench] [--sets msra,pd,cluener] [--limit N]

Runs `kgraph extract` on each set, folds kgraph's classes onto the set's labels, and scores both
kgraph and jieba.posseg (nr → PER, ns → LOC, nt → ORG) with the set's own scorer, `score_ner.py`.
Prints one table per set and a summary; numbers go in docs/benchmarks.md.
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
LOC = ["Province", "City", "County", "Town", "Community", "Region", "IndustrialPark"]
# kgraph class → label, per set (Project, IndustryCluster, Event, Honor are not scored)
COARSE = {**{c: "LOC" for c in LOC}, "Enterprise": "ORG", "GovernmentBody": "ORG", "Hospital": "ORG",
          "Organization": "ORG", "Person": "PER"}
CLUENER = {**{c: "address" for c in LOC}, "Enterprise": "company", "GovernmentBody": "government",
           "Hospital": "organization", "Organization": "organization", "Person": "name"}
JIEBA = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
SETS = {
    "msra": ("msra/test.jsonl", COARSE, []),
    "pd": ("peoples_daily/test.jsonl", COARSE, []),
    "cluener": ("cluener/dev.jsonl", COARSE,
                ["--types", "PER,LOC,ORG", "--gold-map", "name=PER", "address=LOC", "company=ORG",
                 "government=ORG", "organization=ORG"]),
    "cluener-fine": ("cluener/dev.jsonl", CLUENER,
                     ["--types", "address,company,government,organization,name"]),
}


def fold(src: Path, dst: Path, mapping: dict[str, str]) -> None:
    with src.open(encoding="utf-8") as f, dst.open("w", encoding="utf-8") as out:
        for line in f:
            rec = json.loads(line)
            ents = [{**e, "type": mapping[e["type"]]} for e in rec["entities"] if e["type"] in mapping]
            out.write(json.dumps({"id": rec["id"], "entities": ents}, ensure_ascii=False) + "\n")


def jieba_baseline(gold: Path, dst: Path, fine: bool) -> float:
    import jieba.posseg as pseg

    from kgraph.nlp.tokenize import jieba_module

    jieba_module()  # its dictionary cache in kgraph's cache folder, not the shared temp folder

    jmap = {"nr": "name", "ns": "address", "nt": "organization"} if fine else JIEBA
    start = time.perf_counter()
    with gold.open(encoding="utf-8") as f, dst.open("w", encoding="utf-8") as out:
        for line in f:
            rec = json.loads(line)
            pos, ents = 0, []
            for w, tag in pseg.lcut(rec["text"]):
                if tag in jmap:
                    ents.append({"start": pos, "end": pos + len(w), "type": jmap[tag], "text": w})
                pos += len(w)
            out.write(json.dumps({"id": rec["id"], "entities": ents}, ensure_ascii=False) + "\n")
    return time.perf_counter() - start


def score(bench: Path, gold: Path, pred: Path, extra: list[str]) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
        subprocess.run([sys.executable, str(bench / "score_ner.py"), str(gold), str(pred), *extra,
                        "--json", tmp.name, "--quiet"], check=True, stdout=subprocess.DEVNULL)
        return json.loads(Path(tmp.name).read_text(encoding="utf-8"))


def limited(src: Path, dst: Path, limit: int | None) -> Path:
    if not limit:
        return src
    with src.open(encoding="utf-8") as f, dst.open("w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i >= limit:
                break
            out.write(line)
    return dst


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--sets", default="msra,pd,cluener,cluener-fine")
    ap.add_argument("--limit", type=int, help="only the first N records of each set")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ner-eval-"))
    summary = []
    for name in a.sets.split(","):
        rel, mapping, extra = SETS[name]
        gold = limited(a.bench / rel, work / f"{name}-gold.jsonl", a.limit)
        raw, pred, base = work / f"{name}-raw.jsonl", work / f"{name}-pred.jsonl", work / f"{name}-jieba.jsonl"
        t = time.perf_counter()
        # only the classes the set has labels for: a place inside an event's name is outermost among them
        subprocess.run([sys.executable, "-m", "kgraph", "extract", "--jsonl", str(gold), "-o", str(raw),
                        "--classes", ",".join(sorted(mapping))], check=True, stderr=subprocess.DEVNULL)
        kt = time.perf_counter() - t
        fold(raw, pred, mapping)
        jt = jieba_baseline(gold, base, fine=name == "cluener-fine")
        ours, theirs = score(a.bench, gold, pred, extra), score(a.bench, gold, base, extra)
        part = f", first {a.limit}" if a.limit else ""
        print(f"\n## {name} ({rel}{part})")
        print(f"{'type':14} {'kgraph P':>9} {'R':>6} {'F1':>6}   {'jieba P':>8} {'R':>6} {'F1':>6}")
        rows_j = {r["type"]: r for r in theirs["per_type"]}
        zero = {"precision": 0, "recall": 0, "f1": 0}
        for o in [*sorted(ours["per_type"], key=lambda r: r["type"]), {"type": "micro", **ours["micro"]}]:
            j = theirs["micro"] if o["type"] == "micro" else rows_j.get(o["type"], zero)
            print(f"{o['type']:14} {o['precision']*100:9.1f} {o['recall']*100:6.1f} {o['f1']*100:6.1f}   "
                  f"{j['precision']*100:8.1f} {j['recall']*100:6.1f} {j['f1']*100:6.1f}")
        mo, mj = ours["micro"], theirs["micro"]
        print(f"time: kgraph extract {kt:.1f} s (process start included), jieba.posseg {jt:.1f} s")
        summary.append((name, mo["f1"] * 100, mj["f1"] * 100))
    print("\n## summary (micro F1)")
    for name, o, j in summary:
        print(f"{name:14} kgraph {o:5.1f}   jieba.posseg {j:5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
