"""Relations between the entities of a sentence, from cue words (tables/relation_cues.tsv), titles and names.

Each rule family is one method reading one kind of row of the cue table; a new cue is one row.
"""

from __future__ import annotations

import re

from kgraph.extract.context import ArticleContext
from kgraph.extract.matcher import NameMatcher
from kgraph.model import REGION_CLASSES, Mention, Relation, Sentence, entity_key
from kgraph.tables import load_table

ORGS = frozenset({"Enterprise", "Hospital", "GovernmentBody", "Organization", "IndustrialPark"})
PLACED = ORGS | {"Project", "IndustryCluster", "Event"}
AWARDEES = ORGS | {"IndustryCluster", "Project", "County", "City", "Town", "Community"}
CLAUSE = re.compile(r"[，,；;：:。！？!?]")
YEAR = re.compile(r"((?:19|20)\d\d)年")
AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|万元|元|亿美元|万美元)")
GRANTING = ("公布", "发布", "认定", "公示", "印发", "授予", "评选")


RelationContext = ArticleContext  # the name the rules use


def _outermost(ms: list[Mention]) -> list[Mention]:
    """Mentions not inside another (余江 inside 江西余江工业园区 is not a party of its own)."""
    return [m for m in ms if not any(o is not m and o.start <= m.start and m.end <= o.end
                                     and (o.start, o.end) != (m.start, m.end) for o in ms)]


class RelationExtractor:
    """One sentence with its linked mentions → Relations (each to become one kg:Statement)."""

    def __init__(self) -> None:
        self.cues = {r["cue"]: r for r in load_table("relation_cues")}
        self.matcher = NameMatcher(self.cues)
        self.titles = {r["title"]: r["holder"] for r in load_table("titles")}
        self.anchors = {r["word"]: r["class"] for r in load_table("role_anchors")}
        self.references = {r["word"]: r["class"] for r in load_table("entity_references")}
        self.ref_matcher = NameMatcher(self.references)

    def __call__(self, sentence: Sentence, mentions: list[Mention], ctx: RelationContext | None = None
                 ) -> list[Relation]:
        ctx = ctx or RelationContext()
        ms = sorted((m for m in mentions if not (m.reference and m.cls not in REGION_CLASSES)),
                    key=lambda m: m.start)
        ms = ms + self._entity_references(sentence, ctx, ms)
        ms.sort(key=lambda m: m.start)
        year = self._year(sentence, ctx)
        out: list[Relation] = []
        out += self._name_prefix(sentence, ms)
        out += self._titles(sentence, ms, ctx)
        for s, e, cue in self.matcher.find(sentence.text):
            row = self.cues[cue]
            rule = getattr(self, f"_{row['form']}")
            out += rule(sentence, ms, sentence.start + s, sentence.start + e, row, ctx, year)
        seen, unique = set(), []
        for r in out:
            k = (r.subject, r.predicate, r.object)
            if k not in seen and r.subject != r.object:
                seen.add(k)
                unique.append(r)
        return unique

    # ---- helpers ---------------------------------------------------------------------------------

    def _entity_references(self, sentence: Sentence, ctx: RelationContext, ms: list[Mention]) -> list[Mention]:
        """该公司 / 该院 / 这家企业: stand-ins for the last entity of their class."""
        out = []
        for s, e, word in self.ref_matcher.find(sentence.text):
            target = ctx.last({self.references[word]}) or next(
                (m for m in reversed(ms) if m.cls == self.references[word] and m.start < sentence.start + s), None)
            if target is not None:
                out.append(Mention(word, target.cls, sentence.start + s, sentence.start + e, sentence.index,
                                   name=target.canonical, adcode=target.adcode, scope=target.scope,
                                   source="entity-reference", reference=True))
        return out

    @staticmethod
    def _clause(sentence: Sentence, pos: int) -> tuple[int, int]:
        """Body offsets of the clause around body offset ``pos``."""
        rel = pos - sentence.start
        text = sentence.text
        start = max((m.end() for m in CLAUSE.finditer(text, 0, rel)), default=0)
        m = CLAUSE.search(text, rel)
        end = m.start() if m else len(text)
        return sentence.start + start, sentence.start + end

    def _year(self, sentence: Sentence, ctx: RelationContext) -> str | None:
        m = YEAR.search(sentence.text)
        return m.group(1) if m else ctx.last_year or ctx.year

    @staticmethod
    def _rel(subj: Mention, pred: str, obj: Mention, sentence: Sentence, rule: str, **qual: str | None
             ) -> Relation:
        q = tuple((k, v) for k, v in sorted(qual.items()) if v)
        return Relation(subj.key, pred, obj.key, sentence.index, q, rule=rule)

    # ---- rules without cues ----------------------------------------------------------------------

    def _name_prefix(self, sentence: Sentence, ms: list[Mention]) -> list[Relation]:
        """A name that contains a region (贵溪经开区, 江西余江工业园区) is located in the most specific one."""
        out = []
        for m in ms:
            if m.cls not in PLACED or m.source == "named-again":
                continue
            # a region in brackets is the registered seat (横川机器人(深圳)有限公司), not where it is
            inside = [r for r in ms if r.cls in REGION_CLASSES and r.adcode and not r.reference
                      and m.start <= r.start and r.end <= m.end and (r.start, r.end) != (m.start, m.end)
                      and sentence.text[r.start - sentence.start - 1:r.start - sentence.start] not in "(（"]
            if inside:
                best = max(inside, key=lambda r: (r.adcode[2:] != "0000", r.adcode[4:] != "00", r.start))
                out.append(self._rel(m, "locatedIn", best, sentence, "name-prefix"))
        return out

    def _titles(self, sentence: Sentence, ms: list[Mention], ctx: RelationContext) -> list[Relation]:
        """省长叶建春 → 江西省 (role 省长); 江西立讯智造有限公司行政总监张小建 → the company."""
        out = []
        for p in ms:
            if p.cls != "Person" or not p.source.startswith(("title:", "title-after:")):
                continue
            title = p.source.split(":", 1)[1]
            holder = self.titles.get(title, "none")
            after = p.source.startswith("title-after:")
            title_start = p.start - len(title) if not after else p.start
            target = None
            if holder == "province":
                target = self._region_of(ms, ctx, "Province", title_start)
            elif holder == "city":
                target = self._region_of(ms, ctx, "City", title_start)
            elif holder == "county":
                target = self._region_of(ms, ctx, "County", title_start)
            elif holder == "organisation":
                target = self._organisation_before(sentence, ms, ctx, title_start)
            if target is not None:
                out.append(self._rel(p, "holdsPositionIn", target, sentence, "title", role=title))
            # 会昌县委社会工作部部长、县委两新工委书记李富才: each title of the chain is a post
            while not after:
                if target is not None and target.end <= title_start and target.start >= sentence.start:
                    title_start = target.start  # step over the body the last title was in
                if not sentence.text[:title_start - sentence.start].endswith("、"):
                    break
                head = sentence.text[:title_start - sentence.start - 1]
                prev = next((t for t in sorted(self.titles, key=len, reverse=True) if head.endswith(t)), None)
                if prev is None or self.titles[prev] != "organisation":
                    break
                title_start = title_start - 1 - len(prev)
                target = self._organisation_before(sentence, ms, ctx, title_start)
                if target is not None:
                    out.append(self._rel(p, "holdsPositionIn", target, sentence, "title", role=prev))
        return out

    def _region_of(self, ms: list[Mention], ctx: RelationContext, level: str, before: int) -> Mention | None:
        named = [m for m in ms if m.cls == level and m.end <= before]
        if named:
            return named[-1]
        home = {"Province": ctx.home.province, "City": ctx.home.city}.get(level)
        if home is not None:
            return Mention(home.name, home.level, 0, 0, 0, name=home.name, adcode=home.code)
        return ctx.last({level})

    def _organisation_before(self, sentence: Sentence, ms: list[Mention], ctx: RelationContext,
                             title_start: int) -> Mention | None:
        """The body named right before a title (a few role words may stand between), or its anchor word."""
        rel = title_start - sentence.start
        for m in reversed(ms):
            if m.end <= title_start and m.cls in ORGS | {"Community", "Town"}:
                gap = sentence.text[m.end - sentence.start:rel]
                if len(gap) <= 12 and not re.search(r"[，。；：,;:]", gap):
                    return m
                break
        window = sentence.text[max(0, rel - 12):rel]
        for word in sorted(self.anchors, key=len, reverse=True):
            pos = window.rfind(word)
            if pos >= 0 and not re.search(r"[，。；：,;:]", window[pos:]):
                cls = self.anchors[word]
                return next((m for m in reversed(ms) if m.cls == cls and m.end <= title_start), None) \
                    or ctx.last({cls})
        return None

    # ---- rules of the cue table -------------------------------------------------------------------

    def _award(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        c0, c1 = self._clause(sentence, s)
        honors = [m for m in ms if m.cls == "Honor" and e <= m.start < c1]
        # a list of honors runs on past the clause: 跻身A、B
        nxt = [m for m in ms if m.cls == "Honor" and m.start >= c1]
        if honors and nxt and sentence.text[honors[-1].end - sentence.start:nxt[0].start - sentence.start] == "、":
            honors.append(nxt[0])
        top = _outermost(ms)
        subjects = [m for m in top if m.cls in AWARDEES and c0 <= m.start and m.end <= s and not m.reference
                    or (m.source == "entity-reference" and c0 <= m.start < s)]
        lead = sentence.text[c0 - sentence.start:s - sentence.start]
        if not subjects and lead in ("", "且", "并", "还", "并且", "也", "同时") or lead.endswith("唯一的"):
            # 稀土…集群被认定为A,是全市唯一的B / …,且入选B: the awardee of the clause before
            earlier = [m for m in top if m.cls in AWARDEES and m.end <= c0 and m.start >= sentence.start]
            subjects = earlier[-1:] if (lead or row["cue"] == "是") else []
        if row["cue"] == "是" and not (lead == "" or lead.endswith("唯一的")):
            return []
        grantor = self._grantor(sentence, ms, ctx)
        return [self._rel(subj, "awarded", h, sentence, f"cue:{row['cue']}", year=year,
                          grantor=grantor.canonical if grantor else None)
                for subj in subjects for h in honors[:3] if subj.cls != "Honor"]

    @staticmethod
    def _grantor(sentence: Sentence, ms: list[Mention], ctx: RelationContext) -> Mention | None:
        for m in [*ms, *ctx.previous_sentence]:
            if m.cls == "GovernmentBody":
                return m
        return None

    def _locate(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        c0, c1 = self._clause(sentence, s)
        regions = [m for m in ms if m.cls in REGION_CLASSES and e <= m.start < c1 and m.adcode or
                   m.cls in REGION_CLASSES and m.reference and e <= m.start < c1]
        parks = [m for m in ms if m.cls == "IndustrialPark" and e <= m.start < c1]
        places = regions or parks
        if not places:
            return []
        # the most specific of a run of regions: 赣州市赣县区 → 赣县区
        place = places[0]
        for r in places[1:]:
            if r.start - place.end <= 1:
                place = r
        after_place = sentence.text[place.end - sentence.start:c1 - sentence.start]
        subject = None
        if after_place.startswith("的"):
            # 落户该区的横川机器人(深圳)有限公司 / 落户赣县区的企业 (这家…企业: the enterprise just named)
            subject = next((m for m in ms if m.cls in PLACED and m.start > place.end and m.start < c1), None)
            if subject is None and re.match(r"的(?:企业|公司)", after_place):
                subject = ctx.last({"Enterprise"}) or next((m for m in ms if m.cls == "Enterprise"), None)
        if subject is None:
            before = [m for m in ms if m.cls in PLACED and m.end <= s and m.start >= c0]
            subject = before[-1] if before else None
        lead = sentence.text[c0 - sentence.start:s - sentence.start]
        if subject is None and re.search(r"这家|该(?:企业|公司)", lead):
            subject = ctx.last({"Enterprise"})
        if subject is None:
            return []
        since = year if year and year != ctx.year else None
        return [self._rel(subject, "locatedIn", place, sentence, f"cue:{row['cue']}", since=since)]

    def _partner(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        c0, c1 = self._clause(sentence, s)
        rel_s = s - sentence.start
        partners = [m for m in ms if m.cls in ORGS and e <= m.start < c1]
        other = None
        m_with = re.search(r"(?:与|同|和|跟)([^，。；]{2,40})$", sentence.text[c0 - sentence.start:rel_s])
        if m_with:
            w0 = c0 + m_with.start(1)
            partners = [m for m in ms if m.cls in ORGS and w0 <= m.start and m.end <= s] or partners
            others = [m for m in ms if (m.cls in ORGS or m.source == "entity-reference") and m.end <= w0
                      and m.start >= sentence.start]
            other = others[-1] if others else None
        else:
            others = [m for m in ms if m.cls in ORGS | {"County", "City"} and c0 <= m.start and m.end <= s]
            other = others[-1] if others else None
        if other is None:
            other = ctx.subject
        if other is None or not partners:
            return []
        since = year if year and year != ctx.year else None
        return [self._rel(other, "partnerOf", p, sentence, f"cue:{row['cue']}", since=since, type=row["cue"])
                for p in partners[:3] if p.key != other.key]

    def _member(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        c0, c1 = self._clause(sentence, s)
        clusters = [m for m in ms if m.cls == "IndustryCluster" and e <= m.start < c1]
        firms = [m for m in ms if m.cls == "Enterprise" and c0 <= m.start and m.end <= s]
        return [self._rel(f, "memberOf", c, sentence, f"cue:{row['cue']}") for f in firms for c in clusters[:1]]

    def _invest(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        c0, c1 = self._clause(sentence, s)
        projects = [m for m in ms if m.cls == "Project" and e <= m.start < c1]
        firms = [m for m in ms if m.cls == "Enterprise" and m.end <= s and m.start >= c0]
        if not projects or not firms:
            return []
        amount = AMOUNT.search(sentence.text[s - sentence.start:c1 - sentence.start])
        return [self._rel(firms[-1], "investsIn", projects[0], sentence, f"cue:{row['cue']}",
                          amount=amount.group(1) if amount else None, unit=amount.group(2) if amount else None)]

    def _held(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        c0, _ = self._clause(sentence, s)
        before = sentence.text[c0 - sentence.start:s - sentence.start]
        at = re.search(r"在([^，。；]{2,20}?)$", before)
        if not at:
            # 会昌县召开微建议工作推进会: a region convening an event holds it there
            hosts = [m for m in ms if m.cls in REGION_CLASSES and m.adcode and c0 <= m.start and m.end == s]
            events = [m for m in ms if m.cls == "Event" and m.start >= e]
            if hosts and events and events[0].start - e <= 2:
                return [self._rel(events[0], "heldIn", hosts[0], sentence, f"cue:{row['cue']}", year=year)]
            return []
        w0 = c0 + at.start(1)
        places = [m for m in ms if m.cls in REGION_CLASSES and w0 <= m.start and m.end <= s and m.adcode]
        events = [m for m in ms if m.cls == "Event" and m.start >= sentence.start]
        if not places or not events:
            return []
        return [self._rel(events[0], "heldIn", places[-1], sentence, f"cue:{row['cue']}", year=year)]

    def _organize(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        c0, c1 = self._clause(sentence, s)
        events = [m for m in ms if m.cls == "Event" and e <= m.start < c1]
        hosts = [m for m in ms if m.cls in ORGS | {"Person"} and c0 <= m.start and m.end <= s]
        if not events and "由" in sentence.text[c0 - sentence.start:s - sentence.start]:
            # 会议由会昌县委社会工作部主办: the event is the one just named
            last = [m for m in ms if m.cls == "Event" and m.end <= s]
            last = last or [next((m for m in reversed(ctx.earlier) if m.cls == "Event"), None)]
            events = [m for m in last[-1:] if m is not None]
        if not events or not hosts:
            return []
        return [self._rel(events[0], "organizedBy", hosts[-1], sentence, f"cue:{row['cue']}", role=row["cue"])]


def region_key(code: str) -> str:
    return entity_key("", "", code)
