"""The division table: codes, names, levels, parents, short forms."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Suffixes stripped to get the short form people write (贵溪市 → 贵溪). Longest first.
SHORT_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "省", "市", "县", "区", "盟", "旗", "地区")


@dataclass(frozen=True)
class Division:
    code: str  # 6-digit GB/T 2260
    name: str  # full official name
    level: str  # Province, City, County (Town, Community when the table has them)
    parent: str | None  # code of the division directly above
    short: tuple[str, ...] = ()


def short_forms(name: str) -> tuple[str, ...]:
    for suf in SHORT_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return (name[: -len(suf)],)
    return ()


class Gazetteer:
    def __init__(self, divisions: list[Division]):
        self.by_code: dict[str, Division] = {d.code: d for d in divisions}
        self.by_name: dict[str, list[Division]] = {}
        for d in divisions:
            for n in (d.name, *d.short):
                self.by_name.setdefault(n, []).append(d)

    def __len__(self) -> int:
        return len(self.by_code)

    def lookup(self, name: str) -> list[Division]:
        """Every division this name may mean (full names before short forms)."""
        return self.by_name.get(name, [])

    def chain(self, code: str) -> list[Division]:
        """The division and its parents up to the province."""
        out = []
        d = self.by_code.get(code)
        while d is not None:
            out.append(d)
            d = self.by_code.get(d.parent) if d.parent else None
        return out

    def province_of(self, code: str) -> Division | None:
        chain = self.chain(code)
        return chain[-1] if chain else None


@cache
def load_gazetteer() -> Gazetteer:
    """The bundled table, loaded once per process."""
    path = resources.files("kgraph.gazetteer") / "data" / "divisions.tsv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return Gazetteer([
        Division(code=r["code"], name=r["name"], level=r["level"], parent=r["parent"] or None,
                 short=short_forms(r["name"]))
        for r in rows
    ])
