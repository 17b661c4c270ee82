"""The division table: codes, names, levels, parents, short forms, former names, points, towns."""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# What a short form drops from a full name (贵溪市 → 贵溪, 恩施土家族苗族自治州 → 恩施州 / 恩施).
PROVINCE_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")
PLAIN_SUFFIXES = ("地区", "林区", "新区", "市", "县", "区", "盟", "旗")
AUTONOMOUS = re.compile(r"^(.{2,}?)((?:[\u4e00-\u9fff]{1,4}?族)+)自治(州|县|旗)$")


@dataclass(frozen=True)
class Division:
    code: str  # 6-digit GB/T 2260 (towns: their 12-digit code)
    name: str  # full official name
    level: str  # Province, City, County, Town
    parent: str | None  # code of the division directly above
    short: tuple[str, ...] = ()
    former: tuple[tuple[str, int], ...] = ()  # (old name, year it changed)
    point: tuple[float, float] | None = None  # (lon, lat)


def short_forms(name: str, level: str) -> tuple[str, ...]:
    """The forms people write for a division besides its full name."""
    if level == "Province":
        for suf in PROVINCE_SUFFIXES:
            if name.endswith(suf) and len(name) > len(suf) + 1:
                return (name[: -len(suf)],)
        return ()
    m = AUTONOMOUS.match(name)
    if m:
        stem, kind = m.group(1), m.group(3)
        return (stem + kind, stem)  # 恩施州, 宽甸县, 莫力达瓦旗: the kind kept, the peoples dropped
    for suf in PLAIN_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return (name[: -len(suf)],)
    return ()


class Gazetteer:
    """Look divisions up by code or by any name people write for them."""

    def __init__(self, divisions: list[Division]):
        self.by_code: dict[str, Division] = {d.code: d for d in divisions}
        self.full: dict[str, list[Division]] = {}
        self.short: dict[str, list[Division]] = {}
        self.former: dict[str, list[Division]] = {}
        for d in divisions:
            self.full.setdefault(d.name, []).append(d)
            for s in d.short:
                self.short.setdefault(s, []).append(d)
            for old, _year in d.former:
                self.former.setdefault(old, []).append(d)
        # a former name that is some unit's current name is that unit's
        for old in list(self.former):
            if old in self.full:
                del self.former[old]
        self._towns: dict[str, list[Division]] | None = None
        self._pinyin: dict[str, str] | None = None  # spelling → code, read at the first site host asked of
        self._chains: dict[str, tuple[Division, ...]] = {}
        self.ordinary: frozenset[str] = frozenset()  # short forms that are also ordinary words (资源, 和平)

    def __len__(self) -> int:
        return len(self.by_code)

    def lookup(self, name: str) -> list[Division]:
        """Every division this name may mean: full names, then former names, then short forms."""
        return self.full.get(name) or self.former.get(name) or self.short.get(name) or []

    def chain(self, code: str) -> tuple[Division, ...]:
        """The division and its parents up to the province."""
        chain = self._chains.get(code)
        if chain is None:
            out: list[Division] = []
            d = self.by_code.get(code)
            while d is not None and d not in out:
                out.append(d)
                d = self.by_code.get(d.parent) if d.parent else None
            chain = self._chains[code] = tuple(out)  # a few thousand codes at most
        return chain

    def province_of(self, code: str) -> Division | None:
        chain = self.chain(code)
        return chain[-1] if chain else None

    def city_of(self, code: str) -> Division | None:
        return next((d for d in self.chain(code) if d.level == "City"), None)

    def is_under(self, code: str, ancestor: str) -> bool:
        return any(d.code == ancestor for d in self.chain(code))

    # ---- towns (乡/镇/街道), loaded on first use ------------------------------------------------

    def towns_named(self, name: str) -> list[Division]:
        if self._towns is None:
            self._towns = _load_towns()
        return self._towns.get(name, [])

    def town_in(self, name: str, county_code: str) -> Division | None:
        return next((t for t in self.towns_named(name) if t.parent == county_code), None)

    def by_host(self, host: str) -> Division | None:
        """The city or county a government site's host names (hanyin.gov.cn, ahshitai.gov.cn), if one alone."""
        if not host.endswith(".gov.cn"):
            return None
        if self._pinyin is None:
            self._pinyin = _load_pinyin()
        for label in reversed(host[: -len(".gov.cn")].split(".")):
            # a province's two letters may stand before the name: ah|shitai, js|wuxi
            for spelling in (label, label[2:]):
                code = self._pinyin.get(spelling)
                if code:
                    return self.by_code.get(code)
        return None


def _data(name: str):
    return resources.files("kgraph.gazetteer") / "data" / name


def _load_pinyin() -> dict[str, str]:
    with _data("pinyin.tsv").open(encoding="utf-8") as f:
        return {r["pinyin"]: r["code"] for r in csv.DictReader(f, delimiter="\t")}


def _load_towns() -> dict[str, list[Division]]:
    raw = gzip.decompress(_data("towns.tsv.gz").read_bytes()).decode("utf-8")
    out: dict[str, list[Division]] = {}
    for r in csv.DictReader(io.StringIO(raw), delimiter="\t"):
        out.setdefault(r["name"], []).append(Division(r["code"], r["name"], "Town", r["county"]))
    return out


@cache
def load_gazetteer() -> Gazetteer:
    """The bundled table, loaded once per process."""
    with _data("divisions.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    divisions = []
    ordinary: set[str] = set()
    for r in rows:
        ordinary.update(filter(None, r.get("ordinary", "").split("|")))
        former = tuple((n, int(y)) for n, y in (x.rsplit(":", 1) for x in r["former"].split("|") if x))
        point = (float(r["lon"]), float(r["lat"])) if r["lon"] else None
        divisions.append(Division(code=r["code"], name=r["name"], level=r["level"], parent=r["parent"] or None,
                                  short=short_forms(r["name"], r["level"]), former=former, point=point))
    gazetteer = Gazetteer(divisions)
    gazetteer.ordinary = frozenset(ordinary)
    return gazetteer
