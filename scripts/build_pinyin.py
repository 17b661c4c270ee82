"""Write kgraph/gazetteer/data/pinyin.tsv: each city's and county's name in pinyin (run by hand; committed).

    .venv/bin/pip install pypinyin && .venv/bin/python scripts/build_pinyin.py

A government site names its region in its host (hanyin.gov.cn, ahshitai.gov.cn): the linker reads a
page's home region from it (kgraph/extract/link.py). Only spellings one division alone has are kept.
pypinyin (MIT) is needed to rebuild the file, not to run kgraph.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from pypinyin import lazy_pinyin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kgraph.gazetteer import load_gazetteer  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "kgraph" / "gazetteer" / "data" / "pinyin.tsv"


def main() -> None:
    by_spelling: dict[str, set[str]] = defaultdict(set)
    for d in load_gazetteer().by_code.values():
        if d.level not in ("City", "County"):
            continue
        for name in {d.name, *d.short}:
            spelling = "".join(lazy_pinyin(name)).lower()
            if spelling.isascii() and spelling.isalpha() and len(spelling) >= 5:
                by_spelling[spelling].add(d.code)
    rows = sorted((s, next(iter(codes))) for s, codes in by_spelling.items() if len(codes) == 1)
    OUT.write_text("pinyin\tcode\n" + "".join(f"{s}\t{c}\n" for s, c in rows), encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} spellings)")


if __name__ == "__main__":
    main()
