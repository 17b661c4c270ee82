"""Link region mentions to divisions, and references (我省, 该县) to the region they mean."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kgraph.gazetteer import Division, Gazetteer
from kgraph.model import REGION_CLASSES, EntityInfo, Mention, entity_key


class RegionLinker:
    """[Mention] of one article → the same mentions with ``name`` and ``adcode`` set."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def home_province(self, mentions: list[Mention], given: str | None = None) -> Division | None:
        """The publisher's province: as given, else the one most linked regions belong to."""
        if given:
            cands = self.gazetteer.lookup(given)
            if cands:
                return self.gazetteer.province_of(cands[0].code)
        votes = Counter()
        for m in mentions:
            if m.cls in REGION_CLASSES and not m.reference:
                for d in self.gazetteer.lookup(m.text)[:1]:
                    prov = self.gazetteer.province_of(d.code)
                    if prov:
                        votes[prov.code] += 1
        if not votes:
            return None
        return self.gazetteer.by_code[sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]]

    def __call__(self, mentions: list[Mention], home: Division | None) -> list[Mention]:
        out = []
        last: dict[str, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.start):
            if m.cls not in REGION_CLASSES:
                out.append(m)
                continue
            if m.reference:
                target = self._reference(m, home, last)
                if target is not None:
                    out.append(replace(m, cls=target.cls, name=target.name, adcode=target.adcode))
                continue
            d = self._choose(self.gazetteer.lookup(m.text), home)
            if d is None:
                continue
            linked = replace(m, cls=d.level, name=d.name, adcode=d.code)
            last[d.level] = linked
            out.append(linked)
        return out

    def _reference(self, m: Mention, home: Division | None, last: dict[str, Mention]) -> Mention | None:
        if m.cls == "Province" and home is not None:
            return Mention(home.name, "Province", 0, 0, 0, name=home.name, adcode=home.code)
        return last.get(m.cls)

    def _choose(self, cands: list[Division], home: Division | None) -> Division | None:
        if not cands:
            return None
        if home is not None:
            for d in cands:
                prov = self.gazetteer.province_of(d.code)
                if prov and prov.code == home.code:
                    return d
        return cands[0]

    def context_entities(self, mentions: list[Mention]) -> list[EntityInfo]:
        """Every linked region and the regions above it, with their parents."""
        out = {}
        for m in mentions:
            if not m.adcode:
                continue
            for d in self.gazetteer.chain(m.adcode):
                key = entity_key(d.level, d.name, d.code)
                parent = entity_key("", "", d.parent) if d.parent else None
                out[key] = EntityInfo(key, d.level, d.name, d.code, parent)
        return list(out.values())
