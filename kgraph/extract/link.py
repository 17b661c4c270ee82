"""Link region mentions to divisions; resolve references (我省, 该县) against the article and page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from kgraph.extract.matcher import NameMatcher
from kgraph.extract.regions import conjunction_at
from kgraph.gazetteer import Division, Gazetteer
from kgraph.model import REGION_CLASSES, EntityInfo, Mention, entity_key, leaf_class
from kgraph.nlp.lexicon import lexicon
from kgraph.tables import load_table

# Newspaper names end in one of these; what precedes is the region it serves (赣州日报 → 赣州).
PAPER_SUFFIXES = ("日报", "晚报", "晨报", "都市报", "新闻网", "融媒体中心", "广播电视台", "电视台", "报")


@dataclass(frozen=True)
class HomeRegion:
    """The publisher's province, city and county: what 我省 / 我市 / 我县 mean on a page."""

    province: Division | None = None
    city: Division | None = None  # on a county-level city's own page, that city (its 市长, 全市, 市委)
    county: Division | None = None  # a county paper's, or the county a page is about

    def at(self, level: str) -> Division | None:
        return {"Province": self.province, "City": self.city, "County": self.county}.get(level)


class RegionLinker:
    """Region mentions of one article → linked mentions (``name``/``adcode``/``scope`` set), the rest dropped."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.references = {r["word"]: r for r in load_table("references")}
        self.informal = {r["name"]: r for r in load_table("informal_regions")}
        self._full = NameMatcher(gazetteer.full)
        self._chain_entities: dict[str, tuple[EntityInfo, ...]] = {}  # by code: the same regions again and again

    # ---- the page's home region ------------------------------------------------------------------

    def home_region(self, text: str, publisher: str | None = None, given: str | None = None,
                    title: str | None = None, url: str | None = None) -> HomeRegion:
        """From ``given`` (--home-region), else the publisher's name or its government site's host, else
        the regions the page names.

        A title's regions count thrice: a county paper's headline names the county its body calls 全县.
        """
        if title:
            text = "\n".join([title] * 3 + [text])
        host = urlsplit(url).hostname if url else None
        for name in (given, _paper_region(publisher), host):
            if name:
                d = self.gazetteer.by_host(name) if name == host else self._best(self.gazetteer.lookup(name))
                if d is not None:
                    return self._own_city(HomeRegion(self.gazetteer.province_of(d.code),
                                                     d if d.level == "City" else self.gazetteer.city_of(d.code),
                                                     d if d.level == "County" else None), text)
        provinces: Counter[str] = Counter()
        cities: Counter[str] = Counter()
        counties: Counter[str] = Counter()
        words = lexicon().tags
        for s, _, name in self._full.find(text):
            if s and (len(name) == 2 and text[s - 1:s + 1] in words or conjunction_at(text, s, name)):
                continue  # 循|环县, 镇|和县: inside a word, or "and"
            for d in self.gazetteer.full.get(name, [])[:1]:
                chain = self.gazetteer.chain(d.code)
                provinces[chain[-1].code] += 1
                for c in chain:
                    if c.level in ("City", "County"):
                        (cities if c.level == "City" else counties)[c.code] += 1
        province = _majority(provinces, share=0.0)
        city = _majority(cities, share=0.5)
        county = _majority(counties, share=0.5)
        if city and province and not self.gazetteer.is_under(city, province):
            city = None
        if county and not (city and self.gazetteer.is_under(county, city)):
            county = None
        g = self.gazetteer.by_code
        return self._own_city(HomeRegion(*(g.get(c) if c else None for c in (province, city, county))), text)

    def _own_city(self, home: HomeRegion, text: str) -> HomeRegion:
        """On a county-level city's page that never names its prefecture, 市 (市长, 全市, 市委) is that city."""
        county, city = home.county, home.city
        if county is None or not county.name.endswith("市") or city is None:
            return home
        if any(n in text for n in (city.name, *city.short)):
            return home
        return HomeRegion(home.province, county, county)

    @staticmethod
    def _best(cands: list[Division]) -> Division | None:
        order = {"Province": 0, "City": 1, "County": 2}
        return min(cands, key=lambda d: (order.get(d.level, 3), d.code), default=None)

    # ---- linking one article -----------------------------------------------------------------------

    def __call__(self, mentions: list[Mention], home: HomeRegion, context: str = "") -> list[Mention]:
        """``context``: text besides the body that names the article's subject (its title lines)."""
        mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        chosen: dict[str, Division] = {}  # surface form → division, for the whole article
        anchors: list[Division] = []
        for _, _, name in self._full.find(context):
            d = self._choose(self.gazetteer.full.get(name, []), anchors, home)
            if d:
                anchors.append(d)
                chosen.setdefault(name, d)
        for m in mentions:
            if m.source in ("full", "former", "short+") and m.text not in chosen:
                d = self._choose(self.gazetteer.lookup(m.text), anchors, home)
                if d:
                    chosen[m.text] = d
                    anchors.append(d)
        # a short form of a region the article names is that region (running subject: 贵溪 … 贵溪市)
        for d in list(anchors):
            for s in d.short:
                chosen.setdefault(s, d)
        out: list[Mention] = []
        last: list[Mention] = []
        named: dict[tuple[str, str], Mention] = {}  # the last of ``last`` by (class, name): a long article has many
        for m in mentions:
            if m.cls not in REGION_CLASSES and m.cls != "Region":
                out.append(m)
                continue
            linked = self._link_one(m, chosen, anchors, home, last, named)
            if linked is not None and linked.adcode and last and last[-1].end == m.start:
                linked = self._under_written_parent(linked, last[-1])
            if linked is not None:
                out.append(linked)
                if not linked.reference and linked.cls in REGION_CLASSES:
                    last.append(linked)
                    named[linked.cls, linked.name] = linked
        return out

    def _link_one(self, m: Mention, chosen: dict[str, Division], anchors: list[Division], home: HomeRegion,
                  last: list[Mention], named: dict[tuple[str, str], Mention]) -> Mention | None:
        if m.source == "reference":
            return self._reference(m, home, last)
        if m.source == "informal" or m.source.startswith("lexicon"):
            return replace(m, name=m.name or m.text)  # 中 in 中美关系 is already named 中国
        if m.source in ("town", "town-alone", "community", "community-alone", "village-alone"):
            return self._below(m, last, named, home)
        d = chosen.get(m.text)
        if d is None and m.source in ("full", "former", "short+"):
            d = self._choose(self.gazetteer.lookup(m.text), anchors, home)
        if d is None:
            return None
        return replace(m, cls=d.level, name=d.name, adcode=d.code)

    def _under_written_parent(self, m: Mention, parent: Mention) -> Mention:
        """南京市鼓楼区 and 福州市鼓楼区 in one article: a namesake written right after a region above it is
        the one under that region, whichever the article chose for the name elsewhere."""
        if not parent.adcode or self.gazetteer.is_under(m.adcode or "", parent.adcode):
            return m
        under = [d for d in self.gazetteer.lookup(m.text) if self.gazetteer.is_under(d.code, parent.adcode)]
        if len(under) != 1:
            return m
        d = under[0]
        return replace(m, cls=d.level, name=d.name, adcode=d.code)

    def _below(self, m: Mention, last: list[Mention], named: dict[tuple[str, str], Mention],
               home: HomeRegion | None = None) -> Mention | None:
        """A town under the county just named; a community under the town or county just named; with none
        named, a town of the page's county, or a community its cue (社区, 村委) names, in that county; else a
        town whose name is the country's only one of it, in its county."""
        parents = ("County",) if m.cls == "Town" else ("Town", "County")
        # a community named alone reuses the one named earlier with its county (金华社区)
        prev = named.get((m.cls, m.name or m.text))
        if prev is not None:
            return replace(m, name=prev.name, scope=prev.scope, adcode=prev.adcode)
        for prev in reversed(last):
            nested = prev.cls == "Community" and m.cls == "Community" and prev.end == m.start  # 春生社区商贸城小区
            if prev.cls in parents or nested:
                scope = prev.key
                if m.cls == "Town" and prev.adcode:
                    town = self.gazetteer.town_in(m.text, prev.adcode)
                    if town is None and m.source in ("town", "town-alone"):
                        return None  # not a town of that county: 贵溪镇 in 贵溪市 … is no town
                return replace(m, name=m.name or m.text, scope=scope)
        county = home.county if home is not None else None
        if county is None and m.source == "town-alone":
            towns = self.gazetteer.towns_named(m.text)
            if len(towns) == 1 and towns[0].parent:  # 丁香镇: one town of that name in the country
                return replace(m, name=m.text, scope=entity_key("", "", towns[0].parent))
        if county is None or m.source not in ("town-alone", "community-alone"):
            return None
        if m.cls == "Town" and self.gazetteer.town_in(m.text, county.code) is None:
            return None
        return replace(m, name=m.name or m.text, scope=entity_key("", "", county.code))

    def _reference(self, m: Mention, home: HomeRegion, last: list[Mention]) -> Mention | None:
        ref = self.references[m.text]
        level, suffix, means = ref["level"], ref["suffix"], ref["means"]
        target: Division | Mention | None = None
        if means == "home_or_previous":
            target = home.at(level)
        if target is None and means in ("previous", "previous_or_home", "home_or_previous"):
            for prev in reversed(last):
                # 全市 after 瑞金市 (a county-level city written so), not after 旬阳县 (a 市 since)
                if prev.cls == level or (level == "City" and prev.cls == "County" and prev.text.endswith(suffix)):
                    if not suffix or prev.name.endswith(suffix):
                        target = prev
                        break
        if target is None and means in ("home", "previous_or_home"):
            target = home.at(level)
        if isinstance(target, Division) and suffix and not target.name.endswith(suffix):
            target = None  # 全区 on a county's page is no 区
        if target is None:
            return None
        if isinstance(target, Mention):
            return replace(m, cls=target.cls, name=target.name, adcode=target.adcode, scope=target.scope)
        return replace(m, cls=target.level, name=target.name, adcode=target.code)

    def _choose(self, cands: list[Division], anchors: list[Division], home: HomeRegion) -> Division | None:
        """One of several namesakes: the one near the article's other regions, else in the home province."""
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]

        def score(d: Division) -> tuple:
            chain = {c.code for c in self.gazetteer.chain(d.code)}
            near = sum(1 for a in anchors if a.code in chain or d.code in {c.code for c in self.gazetteer.chain(a.code)}
                       or (a.parent and a.parent in chain))
            at_home = int(home.province is not None and home.province.code in chain)
            in_city = int(home.city is not None and home.city.code in chain)
            level = {"Province": 0, "City": 1, "County": 2}.get(d.level, 3)
            return (-near, -in_city, -at_home, level, d.code)

        return min(cands, key=score)

    # ---- entities the article implies ---------------------------------------------------------------

    def context_entities(self, mentions: list[Mention]) -> list[EntityInfo]:
        """Every linked region with the regions above it; towns and communities with their parent."""
        out: dict[str, EntityInfo] = {}
        named = _provinces_by_sentence(mentions)
        for m in mentions:
            if m.cls == "Region" and not m.adcode:
                out.setdefault(m.key, EntityInfo(m.key, leaf_class(m.cls, m.source), m.canonical))
                for code in self._area_provinces(m, named):
                    d = self.gazetteer.by_code.get(code)
                    if d:
                        out.setdefault(entity_key("", "", code), EntityInfo(entity_key("", "", code), d.level,
                                                                               d.name, d.code, None, d.point))
                continue
            if m.scope and m.cls in ("Town", "Community"):
                out.setdefault(m.key, EntityInfo(m.key, m.cls, m.canonical, parent=m.scope))
                if m.scope.startswith("region/") and m.scope not in out:  # the page's county, not named
                    for info in self.chain_entities(m.scope.split("/", 1)[1]):
                        out.setdefault(info.key, info)
                continue
            if not m.adcode:
                continue
            for info in self.chain_entities(m.adcode):
                out.setdefault(info.key, info)
        return list(out.values())

    def chain_entities(self, code: str) -> list[EntityInfo]:
        """A division and those above it, as entities (no mention: context only)."""
        chain = self._chain_entities.get(code)
        if chain is None:
            chain = self._chain_entities[code] = tuple(
                EntityInfo(entity_key(d.level, d.name, d.code), d.level, d.name, d.code,
                           entity_key("", "", d.parent) if d.parent else None, d.point)
                for d in self.gazetteer.chain(code))
        return list(chain)

    def informal_relations(self, mentions: list[Mention]) -> list[tuple[str, str]]:
        """(informal area key, province key) pairs for kg:relatedTo."""
        out = []
        named = _provinces_by_sentence(mentions)
        for m in mentions:
            if m.cls == "Region" and m.text in self.informal:
                for code in self._area_provinces(m, named):
                    out.append((m.key, entity_key("", "", code)))
        return out

    def _area_provinces(self, m: Mention, named: dict[int, set[str]]) -> list[str]:
        """The provinces an informal area goes with: its one province (赣南: 江西), those its name is made of
        (京津), or of a macro area's (华东) those its sentence names, not all of them."""
        row = self.informal.get(m.text, {})
        codes = [c for c in row.get("provinces", "").split("|") if c]
        if len(codes) > 1 and row.get("names") != "yes":  # 京津 names both; 华东 names none
            codes = [c for c in codes if c in named.get(m.sentence, ())]
        return codes


def _provinces_by_sentence(mentions: list[Mention]) -> dict[int, set[str]]:
    """Sentence → the codes of the provinces its linked regions are in."""
    out: dict[int, set[str]] = {}
    for m in mentions:
        if m.adcode:
            out.setdefault(m.sentence, set()).add(m.adcode[:2] + "0000")
    return out


def _paper_region(publisher: str | None) -> str | None:
    if not publisher:
        return None
    for suf in PAPER_SUFFIXES:
        if publisher.endswith(suf) and len(publisher) > len(suf) + 1:
            return publisher[: -len(suf)]
    return None


def _majority(votes: Counter[str], share: float) -> str | None:
    if not votes:
        return None
    (top, n), total = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0], sum(votes.values())
    return top if n / total > share else None
