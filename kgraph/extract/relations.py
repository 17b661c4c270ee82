"""Relations between the entities of a sentence, from cue words (tables/relation_cues.tsv), titles and names.

Each rule family is one method reading one ``form`` of row of the cue table; a new cue is one row.
Who a clause is about when it names no one (且入选…, 带动周边形成…) comes from the clauses before it
(``extract/context.py``). After the sentences, ``from_article`` places what the article shows to be
in the region it is about.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from kgraph.extract.context import (
    ArticleContext,
    default_topics,
    is_adjunct,
    is_ranking_scope,
    openers,
    outermost,
)
from kgraph.extract.matcher import NameMatcher
from kgraph.gazetteer import Gazetteer
from kgraph.model import DATED, REGION_CLASSES, Article, Mention, Relation, Sentence, entity_key
from kgraph.nlp.lexicon import lexicon
from kgraph.tables import load_table

ORGS = frozenset({"Enterprise", "Hospital", "GovernmentBody", "Organization", "IndustrialPark"})
ORGS_AND_REGIONS = ORGS | frozenset(REGION_CLASSES)
PLACED = ORGS | {"Project", "IndustryCluster", "Event"}
PARTNER_REGIONS = frozenset({"City", "County"})
LOCAL = frozenset({"Town", "Community"})  # regions below a county: no code, a scope (the town or county above)
ATTENDEES = (ORGS - {"IndustrialPark"}) | {"Person"}
AWARDEES = ORGS | {"IndustryCluster", "Project", "County", "City", "Town", "Community"}
# what an article about a county or city places there when it says nothing else of them
CONTEXT_PLACED = frozenset({"Enterprise", "IndustryCluster", "IndustrialPark", "Project"})
NATIONAL = re.compile(r"^(?:中国|中华|全球|国际|国家(?!级))")
CLAUSE = re.compile(r"[，,；;：:。！？!?]")
YEAR = re.compile(r"((?:19|20)\d\d)年")
MONEY = r"(\d+(?:\.\d+)?)\s*(亿元|万元|元|亿美元|万美元)"
AMOUNT = re.compile(MONEY)
# a day or month that dates what happens in its clause (not 截至3月底, 自3月以来, 3月以前), or 今天/昨天 (the
# article's date, the day before it)
EVENT_DAY = re.compile(r"(?<![\d至止自从])(?:((?:19|20)\d\d)年)?(\d{1,2})月份?(?:(\d{1,2})[日号])?"
                       r"(?![\d份]|以来|以前|前|至今)|(今天|今日|昨天|昨日)")
# a clause of its own that opens a sentence and only dates it (3月5日上午9时，…), after a dateline (某报讯(记者甲))
DATE_CLAUSE = re.compile(r"(?:^|讯|[)）])\s*(?:于|在)?(?:" + EVENT_DAY.pattern +
                         r")(?:上午|下午|晚上|晚间|早上|中午|晚)?(?:\d{1,2}[时点](?:\d{1,2}分|半)?)?$")
TOTAL_AFTER = re.compile(r"[，,]?(?:项目)?(?:计划|预计)?总投资(?:约|超|达|近)?" + MONEY)

RelationContext = ArticleContext  # the name the rules use


@dataclass(frozen=True)
class _Cue:
    cue: str
    predicate: str
    form: str
    lead: str = ""  # what must end the clause before the cue, if anything (relation_cues.tsv)


class RelationExtractor:
    """One sentence with its linked mentions → Relations (each to become one kg:Statement)."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.cues: dict[str, list[_Cue]] = {}
        for r in load_table("relation_cues"):
            self.cues.setdefault(r["cue"], []).append(_Cue(r["cue"], r["predicate"], r["form"], r["lead"]))
        self.matcher = NameMatcher(self.cues)
        self.titles = {r["title"]: r["holder"] for r in load_table("titles")}
        self.anchors = {r["word"]: r["class"] for r in load_table("role_anchors")}
        grant_cues = "|".join(re.escape(r["cue"]) for r in load_table("grant_cues"))
        self.granted_after = re.compile(rf"[^，。；]{{0,12}}(?:{grant_cues})")  # (省工信厅)日前公布…
        self.host_bodies = tuple(r["suffix"] for r in load_table("host_bodies"))
        self.hometown_ends = tuple(r["suffix"] for r in load_table("hometown_suffixes"))
        # 党工委, 管委会: the body that governs the park named before it (org_suffixes kind "body")
        self.park_bodies = frozenset(r["suffix"] for r in load_table("org_suffixes") if r["kind"] == "body")
        self.gazetteer = gazetteer
        # 出席|会议, 参加|开工仪式: what attends an event no name of its own (the one just named)
        self.attended_words = re.compile("了?(?:{})".format(
            "|".join(r["word"] for r in load_table("clause_roles") if r["role"] == "occasion")))
        self.topics = default_topics()
        # what may stand between a region and 举行/召开 (我县隆重举行, 该区正式召开)
        self.event_adverbs = lexicon().function_words | {
            r["word"] for r in load_table("event_stops") if len(r["word"]) <= 2 and r["role"] != "keep"}
        self.function_words = lexicon().function_words
        settled = "|".join(r["word"] for r in load_table("clause_roles") if r["role"] == "settled")
        self.settled = re.compile(rf"((?:19|20)\d\d)年(?:{settled})")
        # 该公司, 这家…企业 (its first part: the place may stand inside) stand for the enterprise just named
        refs = {r["word"].split("…")[0] for r in load_table("entity_references")
                if r["class"] == "Enterprise" and r["form"] in ("word", "gap")}
        self.enterprise_reference = re.compile("|".join(map(re.escape, sorted(r for r in refs if len(r) >= 2))))
        # a clause that goes on with the subject of the one before (且入选…, 还与…签约) opens with these only
        self.carry_on = re.compile(rf"^(?:{'|'.join(map(re.escape, openers()))})*$")

    def __call__(self, sentence: Sentence, mentions: list[Mention], ctx: RelationContext | None = None
                 ) -> list[Relation]:
        ctx = ctx or RelationContext()
        ms = sorted(mentions, key=lambda m: (m.start, -m.end))
        year = self._year(sentence, ctx)
        out: list[Relation] = []
        out += self._name_prefix(sentence, ms, ctx)
        out += self._region_before(sentence, ms)
        out += self._titles(sentence, ms, ctx)
        for s, e, cue in self.matcher.find(sentence.text):
            for row in self.cues[cue]:
                rule = getattr(self, f"_{row.form}")
                out += rule(sentence, ms, sentence.start + s, sentence.start + e, row, ctx, year)
        seen, unique = set(), []
        for r in out:
            k = (r.subject, r.predicate, r.object)
            if k not in seen and (r.subject != r.object or r.predicate.startswith(DATED)):
                seen.add(k)
                unique.append(r)
        return unique

    # ---- helpers ---------------------------------------------------------------------------------

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

    @staticmethod
    def _text(sentence: Sentence, a: int, b: int) -> str:
        return sentence.text[a - sentence.start:b - sentence.start]

    def _carried(self, sentence: Sentence, ms: list[Mention], c0: int, classes: frozenset[str]) -> Mention | None:
        """The topic of an earlier clause of this sentence, for a clause that names no one of its own."""
        topics = [t for t in self.topics(sentence, ms) if t.end <= c0 and t.cls in classes]
        return topics[-1] if topics else None

    def _subject_before(self, sentence: Sentence, ms: list[Mention], c0: int, s: int, classes: frozenset[str]
                        ) -> Mention | None:
        """Who does what the cue at ``s`` says: the last name of ``classes`` before it in its clause (not
        after 与/对), else, when the clause opens with the cue (且入选, 带动周边), an earlier clause's topic."""
        before = [m for m in outermost(ms) if m.cls in classes and c0 <= m.start and m.end <= s
                  and not is_adjunct(sentence, m)]
        if before:
            return before[-1]
        if self.carry_on.match(self._text(sentence, c0, s)):
            return self._carried(sentence, ms, c0, classes)
        return None

    # ---- rules without cues ----------------------------------------------------------------------

    def _name_prefix(self, sentence: Sentence, ms: list[Mention], ctx: RelationContext) -> list[Relation]:
        """A name that contains a region (贵溪经开区, 江西余江工业园区) is located in the most specific one."""
        out = []
        for m in ms:
            if m.cls not in PLACED or m.source == "named-again" or m.reference:
                continue
            park = self._park_governed(m, ms, ctx)
            if park is not None:
                out.append(self._rel(m, "locatedIn", park, sentence, "name-prefix"))
                continue
            # a region in brackets is the registered seat (横川机器人(深圳)有限公司), not where it is
            # (a town or village the linker placed counts too: 丁香镇农民工创业园 is in 丁香镇)
            inside = [r for r in ms if r.cls in REGION_CLASSES and (r.adcode or r.scope and r.cls in LOCAL)
                      and not r.reference
                      and m.start <= r.start and r.end <= m.end and (r.start, r.end) != (m.start, m.end)
                      and not (sentence.text[:r.start - sentence.start].endswith(("(", "（"))
                               and not self._under_the_one_before(ms, r))
                      and not (m.cls == "Project" and self._in_investor(ms, m, r))
                      and not (m.text.endswith(self.hometown_ends) and self._text(sentence, r.end, m.end)
                               in self.hometown_ends)]
            if not inside:
                continue
            best = max(inside, key=lambda r: (r.cls in LOCAL, (r.adcode or "")[2:] != "0000",
                                              (r.adcode or "")[4:] != "00", r.start))
            if m.cls == "Event":  # 某县2024年第二批项目集中开工仪式 was held in the county
                out.append(self._rel(m, "heldIn", best, sentence, "name-prefix", year=self._event_year(m, None)))
                continue
            county = self._county_in_name(m, best) if m.cls == "IndustrialPark" else None
            if county is not None:
                out.append(Relation(m.key, "locatedIn", entity_key("", "", county), sentence.index,
                                    rule="name-prefix"))
            else:
                out.append(self._rel(m, "locatedIn", best, sentence, "name-prefix"))
        return out

    def _region_before(self, sentence: Sentence, ms: list[Mention]) -> list[Relation]:
        """我市|甲公司和乙公司, 石城县|丙医院, 某经开区|新能源汽车产业集群: a region or park written right before a
        name (and the names listed after it, joined by 和, 、, 及) is where they are."""
        out = []
        for r in ms:
            park = r.cls == "IndustrialPark" and not r.reference  # 某经开区|新能源汽车产业集群: built in the park
            if not park and (r.cls not in ("City", "County", "Town") or not r.adcode and not r.scope):
                continue
            names = [m for m in outermost(ms) if m.start >= r.end and m.cls in CONTEXT_PLACED | ORGS
                     and not (park and m.cls == "GovernmentBody")]
            if not names or names[0].start != r.end:
                continue
            chain = [names[0]]
            for m in names[1:]:
                if self._text(sentence, chain[-1].end, m.start) in ("和", "、", "及", "与"):
                    chain.append(m)
                else:
                    break
            out += [self._rel(m, "locatedIn", r, sentence, "region-before") for m in chain]
        return out

    @staticmethod
    def _under_the_one_before(ms: list[Mention], r: Mention) -> bool:
        """桂林(灵川)某公司: a region in brackets right after a region above it narrows it, it is no seat elsewhere."""
        before = next((o for o in ms if o.end == r.start - 1 and o.adcode and o.cls in ("Province", "City")), None)
        if before is None or not r.adcode or r.adcode == before.adcode:
            return False
        return r.adcode.startswith(before.adcode[:2] if before.cls == "Province" else before.adcode[:4])

    def _park_governed(self, m: Mention, ms: list[Mention], ctx: RelationContext) -> Mention | None:
        """某高新区党工委, 中共某开发区工作委员会: the park a body governs, named in the article (in full or short)."""
        suffix = m.source.removeprefix("suffix:")
        if m.cls != "GovernmentBody" or suffix not in self.park_bodies or not m.canonical.endswith(suffix):
            return None
        stem = m.canonical[:-len(suffix)].removeprefix("中共")
        if len(stem) < 3:
            return None
        parks = [p for p in ms if p.cls == "IndustrialPark" and not p.reference]
        last = ctx.last({"IndustrialPark"})
        for p in (*parks, *([last] if last else [])):
            if p.canonical.endswith(stem) or p.text.endswith(stem) or stem.endswith(p.text):
                return p
        return None

    @staticmethod
    def _in_investor(ms: list[Mention], project: Mention, region: Mention) -> bool:
        """桂林某公司|X项目: a place in the investor's name is where the investor is, not the project."""
        return any(o.cls == "Enterprise" and project.start <= o.start and o.end < project.end
                   and o.start <= region.start and region.end <= o.end for o in ms)

    def _county_in_name(self, m: Mention, region: Mention) -> str | None:
        """江西上高高新技术产业园区: a park named by province and county short form is in that county."""
        if self.gazetteer is None or region.cls != "Province" or not m.canonical.startswith(region.text):
            return None
        rest = m.canonical[len(region.text):]
        for n in (4, 3, 2):
            found = [d for d in self.gazetteer.short.get(rest[:n], []) + self.gazetteer.full.get(rest[:n], [])
                     if d.level == "County" and d.code.startswith(region.adcode[:2])]
            if len({d.code for d in found}) == 1:
                return found[0].code
        return None

    def _titles(self, sentence: Sentence, ms: list[Mention], ctx: RelationContext) -> list[Relation]:
        """省长叶建春 → 江西省 (role 省长); 江西立讯智造有限公司行政总监张小建 → the company."""
        out = []
        people = [m for m in ms if m.cls == "Person"]
        last_org: tuple[Mention, int] | None = None  # the body of the last post named, and where its holder ends
        for p in people:
            if not p.source.startswith(("title:", "title-after:")):
                continue
            title = p.source.split(":", 1)[1]
            holder = self.titles.get(title, "none")
            after = p.source.startswith("title-after:")
            title_start = p.start - len(title) if not after else p.start
            target = None
            if holder in ("province", "city", "county"):
                target = self._region_of(ms, ctx, holder, title, title_start)
            elif holder == "organisation":
                target = self._organisation_before(sentence, ms, ctx, title_start)
                # 甲医院院长乙，副院长丙: a post named after a comma is in the body of the post before
                if target is None and last_org is not None and \
                        re.fullmatch(r"[，,、]", self._text(sentence, last_org[1], title_start)):
                    target = last_org[0]
            if target is not None:
                out.append(self._rel(p, "holdsPositionIn", target, sentence, "title", role=title))
                if target.cls not in REGION_CLASSES:
                    last_org = (target, p.end)
                # 县领导甲、乙、丙: the names listed after a title hold it too
                out += [self._rel(q, "holdsPositionIn", target, sentence, "title-list", role=title)
                        for q in self._listed_after(sentence, people, p)]
            # 会昌县委社会工作部部长、县委两新工委书记李富才: each title of the chain is a post
            while not after:
                if target is not None and target.end <= title_start and target.start >= sentence.start \
                        and not re.search(r"[，。；、,;]", self._text(sentence, target.end, title_start)):
                    title_start = target.start  # step over the body the last title was in
                before = sentence.text[:title_start - sentence.start]
                # …or over a body no recogniser named (县委常委、统战部|部长甲)
                gap = re.search(r"、([^，。；、,;：:]{0,8})$", before)
                if gap is None or gap.group(1) and any(
                        m.end > title_start - len(gap.group(1)) and m.start < title_start for m in people):
                    break
                title_start -= len(gap.group(1))
                head = sentence.text[:title_start - sentence.start - 1]
                prev = next((t for t in sorted(self.titles, key=len, reverse=True) if head.endswith(t)), None)
                if prev is None or self.titles[prev] == "none":
                    break
                title_start = title_start - 1 - len(prev)
                if self.titles[prev] == "organisation":
                    target = self._organisation_before(sentence, ms, ctx, title_start)
                else:  # 县委常委、宣传部部长甲: the first post is in the county
                    target = self._region_of(ms, ctx, self.titles[prev], prev, title_start)
                if target is not None:
                    out.append(self._rel(p, "holdsPositionIn", target, sentence, "title", role=prev))
        return out

    @staticmethod
    def _listed_after(sentence: Sentence, people: list[Mention], p: Mention) -> list[Mention]:
        """The people listed right after ``p`` (甲、乙、丙), up to one with a title of their own."""
        out = []
        end = p.end
        for q in people:
            if q.start < end or q is p:
                continue
            if q.start - end != 1 or sentence.text[end - sentence.start] != "、" or q.source.startswith("title"):
                break
            out.append(q)
            end = q.end
        return out

    def _region_of(self, ms: list[Mention], ctx: RelationContext, holder: str, title: str, before: int
                   ) -> Mention | None:
        """The region a 省长 / 市长 / 区长 heads: the last one named before the title whose name ends as the
        title begins (瑞金市委副书记、市长 → 瑞金市, a county-level city), else the article's or the home one."""
        level = {"province": "Province", "city": "City", "county": "County"}[holder]
        end = title.lstrip("副")[:1]  # 省, 市, 县, 区
        fits = [m for m in ms if m.cls in REGION_CLASSES and m.adcode and m.start < before <= m.end - len(end) + 1
                and (m.end <= before or m.canonical.endswith(title[:m.end - before]))  # 灵山县|委书记
                or m.cls in REGION_CLASSES and m.adcode and m.end <= before
                and m.canonical.endswith(end) and m.cls in ("Province", "City", "County")]
        if fits:
            return fits[-1]
        if ctx.region is not None and ctx.region.canonical.endswith(end) and ctx.region.cls == level:
            return ctx.region
        home = ctx.home.at(level)  # a county paper's 县长 is its county's (but not a 区长 of a 县)
        if home is not None and (level != "County" or home.name.endswith(end)):
            return Mention(home.name, home.level, 0, 0, 0, name=home.name, adcode=home.code)
        return ctx.last({level})

    def _organisation_before(self, sentence: Sentence, ms: list[Mention], ctx: RelationContext,
                             title_start: int) -> Mention | None:
        """The body named right before a title (a few role words may stand between), or its anchor word."""
        rel = title_start - sentence.start
        # 某园区党工委书记: the title begins inside the body's name (党工委|书记)
        inside = [m for m in ms if m.cls in ORGS and m.start < title_start < m.end]
        if inside:
            return inside[-1]
        for m in reversed(outermost(ms)):
            if m.end <= title_start and m.cls in ORGS | {"Community", "Town"} and not m.source == "bare-noun":
                gap = sentence.text[m.end - sentence.start:rel]
                if len(gap) <= 12 and not re.search(r"[，。；：,;:]", gap):
                    return m
                break
        window = sentence.text[max(0, rel - 12):rel]
        for word in sorted(self.anchors, key=len, reverse=True):
            pos = window.rfind(word)
            if pos >= 0 and not re.search(r"[，。；：,;:]", window[pos:]):
                cls = self.anchors[word]
                return next((m for m in reversed(ms) if m.cls == cls and m.end <= title_start
                             and not m.reference), None) or ctx.last({cls})
        # 宣传部部长甲及县委宣传部…: a body written bare before the title is the one named in full nearby
        bare = re.search(r"[^，。；、,;：:]{3,5}$", sentence.text[:rel])
        if bare is not None:
            for n in (5, 4, 3):
                tail = bare.group(0)[-n:]
                if len(tail) == n:
                    full = [m for m in ms if m.cls in ORGS and m.canonical.endswith(tail) and len(m.canonical) > n]
                    if full:
                        return full[0]
        return None

    # ---- rules of the cue table -------------------------------------------------------------------

    def _award(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """A、B等63家企业获评X、Y: each awardee before the cue, each honor after it, with year and grantor."""
        c0, c1 = self._clause(sentence, s)
        honors = [m for m in ms if m.cls == "Honor" and e <= m.start < c1]
        # a list of honors runs on past the clause: 跻身A、B
        nxt = [m for m in ms if m.cls == "Honor" and m.start >= c1]
        if honors and nxt and self._text(sentence, honors[-1].end, nxt[0].start) == "、":
            honors.append(nxt[0])
        if not honors:
            return []
        top = outermost(ms)
        # 连续三年获评X的甲公司: the one named after 的 is the awardee
        after = next((m for m in top if m.start == honors[-1].end + 1 and m.cls in AWARDEES
                      and m.cls not in REGION_CLASSES and self._text(sentence, honors[-1].end, m.start) == "的"), None)
        if after is not None:
            return [self._rel(after, "awarded", h, sentence, f"cue:{row.cue}", year=year) for h in honors[:3]]
        subjects = [m for m in top if m.cls in AWARDEES and c0 <= m.start and m.end <= s and not m.reference
                    and not is_ranking_scope(sentence, m) and not is_adjunct(sentence, m)
                    or (m.source in ("entity-reference", "bare-noun") and c0 <= m.start < s)]
        lead = self._text(sentence, c0, s)
        if row.lead and not (lead == "" or lead.endswith(row.lead)):
            return []
        if not subjects and (self.carry_on.match(lead) or row.lead and lead.endswith(row.lead)):
            # 稀土…集群被认定为A,是全市唯一的B / …,且入选B: the awardee of the clause before
            earlier = [m for m in top if m.cls in AWARDEES and m.end <= c0 and m.start >= sentence.start
                       and not is_ranking_scope(sentence, m)]
            subjects = earlier[-1:]
        if not subjects and c0 == sentence.start and self.carry_on.match(lead) and ctx.paragraph_sentences:
            # 先后获评A、B (the sentence opens with the cue): what the paragraph opened with (某园区围绕…。…。)
            first = ctx.paragraph_sentences[0]
            named = [m for m in ctx.paragraph if m.sentence == first.index and m.cls in AWARDEES]
            subjects = [t for t in self.topics(first, named) if not t.reference and t is named[0]]
        grantor = self._grantor(sentence, ms, ctx, s)
        return [self._rel(subj, "awarded", h, sentence, f"cue:{row.cue}", year=year,
                          grantor=grantor.canonical if grantor else None)
                for subj in subjects for h in honors[:3] if subj.cls != "Honor"]

    def _grantor(self, sentence: Sentence, ms: list[Mention], ctx: RelationContext, s: int) -> Mention | None:
        """The body that 公布/认定/授予 the list: in this sentence or earlier in the paragraph (被X认定为 too)."""
        for m in [*reversed([x for x in ms if x.end <= s]), *reversed(ctx.paragraph)]:
            if m.cls != "GovernmentBody":
                continue
            if self.granted_after.match(self._after(sentence, ctx, m)):
                return m
        return None

    @staticmethod
    def _after(sentence: Sentence, ctx: RelationContext, m: Mention) -> str:
        """The text right after a mention of this sentence or of one before it in the paragraph."""
        if sentence.start <= m.start < sentence.end:
            return sentence.text[m.end - sentence.start:]
        return ctx.text_after(m)

    def _locate(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """X落户/位于/入驻 Y, 落户Y的X, 这家…落户Y的企业: X is in Y (since the year written)."""
        c0, c1 = self._clause(sentence, s)
        # (not a region inside another name: 入驻|江西某有限公司 names no place)
        names = [o for o in ms if o.cls not in REGION_CLASSES and not o.reference]
        top = [m for m in ms if m.cls in REGION_CLASSES and not any(
            o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start for o in names)]
        regions = [m for m in top if e <= m.start < c1 and m.adcode or m.reference and e <= m.start < c1]
        parks = [m for m in ms if m.cls == "IndustrialPark" and e <= m.start < c1 and not m.reference]
        places = sorted(regions + parks, key=lambda m: m.start)
        places = [p for p in places if not any(o is not p and o.start <= p.start and p.end <= o.end
                                               and o.cls == "IndustrialPark" for o in places)]
        if not places:
            return []
        # the most specific of a run of places: 赣州市赣县区 → 赣县区, 贵溪市贵溪经开区 → the park
        place = places[0]
        for r in places[1:]:
            if r.start - place.end <= 1:
                place = r
        after_place = self._text(sentence, place.end, c1)
        subject = None
        if after_place.startswith("的"):
            # 落户该区的横川机器人(深圳)有限公司 / 落户赣县区的企业 (这家…企业: the enterprise just named)
            subject = next((m for m in ms if m.cls in PLACED and m.start > place.end and m.start < c1
                            and m.cls not in REGION_CLASSES), None)
            if subject is None and re.match(r"的(?:企业|公司)", after_place):
                subject = ctx.last({"Enterprise"}) or next((m for m in ms if m.cls == "Enterprise"), None)
        if subject is None and after_place.startswith("、") and not self._text(sentence, c0, s).strip():
            # 位于P、连续三年获评X的甲公司: the one the modifiers describe, named after their 的
            subject = next((m for m in outermost(ms) if m.cls in PLACED and place.end < m.start < c1
                            and self._text(sentence, m.start - 1, m.start) == "的"), None)
        if subject is None:
            subject = self._subject_before(sentence, ms, c0, s, PLACED)
        lead = self._text(sentence, c0, s)
        if subject is None and self.enterprise_reference.search(lead):
            subject = ctx.last({"Enterprise"})
        if subject is None or subject.cls in REGION_CLASSES:
            return []
        since = year if year and year != ctx.year else None
        return [self._rel(subject, "locatedIn", place, sentence, f"cue:{row.cue}", since=since)]

    def _hosts(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """某园区入驻A、B等企业, 该园区…，引进甲公司: the enterprises named after the cue are in the park before it."""
        c0, c1 = self._clause(sentence, s)
        firms = [m for m in outermost(ms) if m.cls == "Enterprise" and e <= m.start < c1 and not m.reference]
        if not firms:
            return []
        park = self._subject_before(sentence, ms, c0, s, frozenset({"IndustrialPark"}))
        if park is None:
            return []
        return [self._rel(f, "locatedIn", park, sentence, f"cue:{row.cue}") for f in firms]

    def _at(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """在赣县区投资建设X项目: what is built (set up, opened) in a region is located there."""
        c0, c1 = self._clause(sentence, s)
        at = re.search(r"在([^，。；在]{2,20}?)$", self._text(sentence, c0, s))
        if not at:
            return []
        w0 = c0 + at.start(1)
        places = [m for m in ms if (m.cls in REGION_CLASSES and (m.adcode or m.reference) or m.cls == "IndustrialPark")
                  and w0 <= m.start and m.end <= s]
        built = [m for m in outermost(ms) if m.cls in CONTEXT_PLACED and e <= m.start < c1 and not m.reference]
        if not places or not built:
            return []
        place = max(places, key=lambda m: m.start)
        return [self._rel(built[0], "locatedIn", place, sentence, f"cue:在…{row.cue}")]

    def _possessive(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """吉安县的立讯公司: a region, 的, and a named enterprise, park or project right after it."""
        region = next((m for m in ms if m.cls in REGION_CLASSES and m.end == s and (m.adcode or m.reference)
                       and not is_ranking_scope(sentence, m)), None)
        thing = next((m for m in ms if m.start == e and m.cls in CONTEXT_PLACED | {"Hospital"}
                      and not m.reference), None)
        if region is None or thing is None:
            return []
        if any(o.start < region.start and region.end <= o.end for o in ms if o is not region):
            return []  # 贵溪 in 贵溪经开区的…: part of a name
        return [self._rel(thing, "locatedIn", region, sentence, "cue:的")]

    def _host(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """吉安县委对立讯智造实行“一企一策”: a county's or city's party committee or government that supports
        an enterprise is its host, so the enterprise is in that county (since the year it settled)."""
        c0, c1 = self._clause(sentence, s)
        host = next((m for m in reversed(outermost(ms)) if m.end <= s and s - m.end <= 2 and m.start >= c0), None)
        if host is None:
            return []
        if host.cls == "GovernmentBody" and host.canonical.endswith(self.host_bodies):
            region = self._region_in(ms, host)
        elif host.cls in ("County", "City") and host.adcode and not is_ranking_scope(sentence, host):
            region = host  # 吉安县引进立讯智造
        else:
            return []
        firm = next((m for m in ms if m.cls == "Enterprise" and e <= m.start < c1), None)
        if region is None or firm is None:
            return []
        settled = self.settled.search(sentence.text)
        return [self._rel(firm, "locatedIn", region, sentence, f"host:{row.cue}", basis="host",
                          since=settled.group(1) if settled else None)]

    @staticmethod
    def _region_in(ms: list[Mention], body: Mention) -> Mention | None:
        inside = [r for r in ms if r.cls in ("County", "City", "Town") and r.adcode and body.start <= r.start
                  and r.end <= body.end]
        return inside[-1] if inside else None

    def _partner(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """X与Y共建, X携手Y: partners (the article's subject when the clause names no one else)."""
        c0, c1 = self._clause(sentence, s)
        rel_s = s - sentence.start
        partners = [m for m in outermost(ms) if m.cls in ORGS and e <= m.start < c1 and not m.reference]
        m_with = re.search(r"(?:与|同|和|跟)([^，。；]{2,40})$", sentence.text[c0 - sentence.start:rel_s])
        if m_with:
            w0 = c0 + m_with.start(1)
            partners = [m for m in outermost(ms) if m.cls in ORGS and w0 <= m.start and m.end <= s
                        and not m.reference] or partners
            others = [m for m in outermost(ms) if (m.cls in ORGS or m.reference and m.cls in ORGS_AND_REGIONS)
                      and m.end <= w0 and m.start >= sentence.start and not is_ranking_scope(sentence, m)
                      and not is_adjunct(sentence, m)]
            other = others[-1] if others else None
            # 广州市与龙岩市签署对口合作协议: two cities (counties) are partners of each other
            towns = [m for m in outermost(ms) if m.cls in PARTNER_REGIONS and m.adcode and not m.reference]
            first = next((m for m in towns if m.end == w0 - 1 and m.start >= c0), None)
            second = [m for m in towns if w0 <= m.start and m.end <= s]
            if first is not None and second and not partners:
                partners, other = second[:1], first
        else:
            others = [m for m in outermost(ms) if m.cls in ORGS | {"County", "City"} and c0 <= m.start and m.end <= s
                      and not is_adjunct(sentence, m)]
            other = others[-1] if others else None
        if other is None:
            other = self._carried(sentence, ms, c0, ORGS | {"County", "City"}) or ctx.subject
        if other is None or not partners:
            return []
        since = year if year and year != ctx.year else None
        return [self._rel(other, "partnerOf", p, sentence, f"cue:{row.cue}", since=since, type=row.cue)
                for p in partners[:3] if p.key != other.key]

    def _member(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """X加入Y集群, 这家企业…带动周边形成Y集群: the enterprise is a member of the cluster."""
        c0, c1 = self._clause(sentence, s)
        clusters = [m for m in ms if m.cls == "IndustryCluster" and e <= m.start < c1 and not m.reference]
        if not clusters:
            # 甲于1995年加入中国共产党: a person joins an organisation
            bodies = [m for m in outermost(ms) if m.cls in ("Organization", "GovernmentBody") and e <= m.start < c1
                      and self._text(sentence, e, m.start) == "" and not m.reference]
            person = self._subject_before(sentence, ms, c0, s, frozenset({"Person"})) if bodies else None
            return [self._rel(person, "memberOf", bodies[0], sentence, f"cue:{row.cue}")] if person else []
        firms = [m for m in outermost(ms) if m.cls == "Enterprise" and c0 <= m.start and m.end <= s
                 and not is_adjunct(sentence, m)]
        if not firms:
            carried = self._subject_before(sentence, ms, c0, s, frozenset({"Enterprise"}))
            firms = [carried] if carried else []
        return [self._rel(f, "memberOf", clusters[0], sentence, f"cue:{row.cue}") for f in firms]

    def _member_head(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """X是Y集群的龙头企业, Y集群龙头企业X: an enterprise named as a cluster's leading firm is in it."""
        c0, c1 = self._clause(sentence, s)
        cluster = next((m for m in reversed(ms) if m.cls == "IndustryCluster" and c0 <= m.start
                        and m.end <= s and s - m.end <= 1), None)
        if cluster is None:
            return []
        after = next((m for m in ms if m.cls == "Enterprise" and m.start == e), None)
        before = [m for m in outermost(ms) if m.cls == "Enterprise" and c0 <= m.start and m.end <= cluster.start]
        firm = after or (before[-1] if before else None)
        if firm is None:
            return []
        return [self._rel(firm, "memberOf", cluster, sentence, f"cue:{row.cue}", role=row.cue)]

    def _invest(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """X投资80亿元建设Y项目: the enterprise invests in the project (the amount is a qualifier)."""
        c0, c1 = self._clause(sentence, s)
        projects = [m for m in ms if m.cls == "Project" and e <= m.start < c1 and not m.reference]
        if not projects:
            return []
        firm = self._subject_before(sentence, ms, c0, s, frozenset({"Enterprise"}))
        if firm is None:
            return []
        amount = AMOUNT.search(self._text(sentence, s, projects[0].start)) or TOTAL_AFTER.match(
            sentence.text[projects[0].end - sentence.start:])  # …建设Y项目，总投资20亿元
        return [self._rel(firm, "investsIn", projects[0], sentence, f"cue:{row.cue}",
                          amount=amount.group(1) if amount else None, unit=amount.group(2) if amount else None,
                          year=year if amount else None)]

    def _held(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """Y大会在X召开, X召开Y会: the event was held in the region (in the year it is named for)."""
        c0, _ = self._clause(sentence, s)
        before = self._text(sentence, c0, s)
        at = re.search(r"在([^，。；]{2,20}?)$", before)
        events = [m for m in ms if m.cls == "Event" and m.start >= sentence.start and not m.reference]
        after = [m for m in events if m.start >= e]
        # 甲医院与乙医院举行…签约仪式: the bodies that hold an event organise it
        out = self._hosts_organize(sentence, ms, c0, c0 + at.start() if at else s, after, e, row)
        if not at:
            # 会昌县召开微建议工作推进会: a region convening an event holds it there
            # (高新区举行…活动: a park too; 我县隆重举行…: an adverb may stand between)
            hosts = [m for m in outermost(ms) if (m.cls in REGION_CLASSES and m.adcode or m.cls == "IndustrialPark")
                     and c0 <= m.start and s - 2 <= m.end <= s
                     and self._text(sentence, m.end, s) in self.event_adverbs]
            hosts = hosts or [m for m in outermost(ms) if (m.cls in REGION_CLASSES and m.adcode or
                                                           m.cls == "IndustrialPark") and c0 <= m.start and m.end == s]
            if hosts and after and after[0].start - e <= 2:
                out.append(self._rel(after[0], "heldIn", hosts[0], sentence, f"cue:{row.cue}",
                                     year=self._event_year(after[0], year)))
            return out
        w0 = c0 + at.start(1)
        places = [m for m in outermost(ms) if (m.cls in REGION_CLASSES and m.adcode or m.cls == "IndustrialPark")
                  and w0 <= m.start and m.end <= s and not m.reference]
        if not places:
            # 某县在县行政中心召开…会议: the venue is no place of the graph; the region that convenes it is
            places = [m for m in ms if m.cls in REGION_CLASSES and m.adcode and c0 <= m.start
                      and m.end == w0 - 1] if after and after[0].start - e <= 2 else []
            events = after[:1]
        if not places or not events:
            return out
        event = next((m for m in reversed(events) if m.end <= w0), events[0])
        out.append(self._rel(event, "heldIn", places[-1], sentence, f"cue:{row.cue}",
                             year=self._event_year(event, year)))
        return out

    def _hosts_organize(self, sentence, ms, c0, end, after, e, row) -> list[Relation]:
        """The bodies (a list joined by 与/和/、) right before 举行/召开 organise the event named right after it."""
        if not after or after[0].start - e > 2:
            return []
        hosts = [m for m in outermost(ms) if m.cls in ORGS - {"IndustrialPark"} and c0 <= m.start and m.end <= end
                 and not m.reference]
        if not hosts or self._text(sentence, hosts[-1].end, end).strip() not in ("", "共同", "联合"):
            return []
        joined = [hosts[-1]]
        for h in reversed(hosts[:-1]):
            if self._text(sentence, h.end, joined[-1].start) in ("、", "和", "与", "及", "同"):
                joined.append(h)
            else:
                break
        return [self._rel(after[0], "organizedBy", h, sentence, f"cue:{row.cue}") for h in reversed(joined)]

    @staticmethod
    def _event_year(event: Mention, year: str | None) -> str | None:
        m = re.search(r"((?:19|20)\d\d)年", event.canonical)
        return m.group(1) if m else year

    def _organize(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """X主持召开Y, Y由X主办, X主办、Z承办的Y: the event is organised by the person or body."""
        c0, c1 = self._clause(sentence, s)
        events = [m for m in ms if m.cls == "Event" and e <= m.start < c1 and not m.reference]
        hosts = [m for m in outermost(ms) if m.cls in ORGS | {"Person"} and c0 <= m.start and m.end <= s
                 and not m.reference]
        if not events and "由" in self._text(sentence, sentence.start, s):
            # 会议由会昌县委社会工作部主办(，…承办): the event is the one just named
            last = [m for m in ms if m.cls == "Event" and m.end <= s]
            last = last or [next((m for m in reversed(ctx.earlier) if m.cls == "Event"), None)]
            events = [m for m in last[-1:] if m is not None]
        if not events or not hosts:
            return []
        # 由江西省工业和信息化厅、九江市人民政府主办: each body of the list before the cue
        joined = [hosts[-1]]
        for h in reversed(hosts[:-1]):
            if self._text(sentence, h.end, joined[-1].start) in ("、", "和", "与", "及"):
                joined.append(h)
            else:
                break
        return [self._rel(events[0], "organizedBy", h, sentence, f"cue:{row.cue}", role=row.cue)
                for h in reversed(joined)]

    def _grow(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """(某园区)已形成A产业链、B产业链: the chains and clusters a park has grown are located in it."""
        c0, c1 = self._clause(sentence, s)
        clusters = [m for m in outermost(ms) if m.cls == "IndustryCluster" and e <= m.start < c1 and not m.reference]
        park = self._subject_before(sentence, ms, c0, s, frozenset({"IndustrialPark"}))
        if park is None or not clusters:
            return []
        return [self._rel(c, "locatedIn", park, sentence, f"cue:{row.cue}") for c in clusters]

    def _attend(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """甲、乙出席X仪式; 县领导甲参加会议 (the meeting just named): each person or body attended the event."""
        c0, c1 = self._clause(sentence, s)
        events = [m for m in ms if m.cls == "Event" and e <= m.start < c1 and not m.reference]
        if not events and self.attended_words.match(self._text(sentence, e, c1)):
            earlier = [m for m in ms if m.cls == "Event" and m.end <= c0 and m.start >= sentence.start]
            last = earlier[-1] if earlier else ctx.last({"Event"})
            events = [last] if last is not None else []
        if not events:
            return []
        who = [m for m in outermost(ms) if m.cls in ATTENDEES and c0 <= m.start and m.end <= s
               and not m.reference and not is_adjunct(sentence, m)]
        if not who:
            carried = self._subject_before(sentence, ms, c0, s, ATTENDEES)
            who = [carried] if carried else []
        return [self._rel(w, "attended", events[0], sentence, f"cue:{row.cue}") for w in who]

    def _dated(self, sentence, ms, s, e, row, ctx, year) -> list[Relation]:
        """3月5日召开的X大会, X大会于2025年10月在某地举办, 3月5日上午，X大会召开: the event's date (kg:date,
        ``date:2025-03-05``); a month and day with no year are in the article's year."""
        c0, c1 = self._clause(sentence, s)
        events = [m for m in outermost(ms) if m.cls == "Event" and not m.reference and m.start >= sentence.start]
        after = [m for m in events if e <= m.start < c1]  # 举行投资20亿元、年产…项目签约仪式: the first after it
        before = [m for m in events if c0 <= m.start and m.end <= s]
        event = after[0] if after else before[-1] if before else None
        if event is None:
            return []
        names = [(m.start - sentence.start, m.end - sentence.start) for m in ms]
        day = next((d for d in EVENT_DAY.finditer(sentence.text, c0 - sentence.start, s - sentence.start)
                    if not any(a < d.end() and d.start() < b for a, b in names)), None)
        if day is None:  # 3月5日，X大会在某地召开: the sentence opens with its date
            first = CLAUSE.search(sentence.text)
            day = DATE_CLAUSE.search(sentence.text[:first.start()]) if first and first.end() <= c0 - sentence.start \
                else None
        iso = self._iso_day(day, ctx.date, event) if day else None
        return [Relation(event.key, DATED + iso, event.key, sentence.index, rule=f"cue:{row.cue}")] if iso else []

    @staticmethod
    def _iso_day(day: re.Match, article_date: str | None, event: Mention) -> str | None:
        """A date as written (EVENT_DAY) as ISO: its year, else the article's, else the one in the event's name."""
        if day.group(4):  # 今天, 昨天: only an article dated to the day dates them
            if not article_date or len(article_date) != 10:
                return None
            back = 1 if day.group(4).startswith("昨") else 0
            return (datetime.date.fromisoformat(article_date) - datetime.timedelta(days=back)).isoformat()
        named = YEAR.search(event.canonical)
        y = day.group(1) or (article_date[:4] if article_date else None) or (named.group(1) if named else None)
        month, d = int(day.group(2)), int(day.group(3) or 0)
        if y is None or not 1 <= month <= 12 or d > 31:
            return None
        return f"{y}-{month:02d}-{d:02d}" if d else f"{y}-{month:02d}"

    # ---- what the article as a whole says ------------------------------------------------------------

    def from_article(self, article: Article, sentences: tuple[Sentence, ...], mentions: list[Mention],
                     relations: list[Relation], ctx: RelationContext) -> list[Relation]:
        """Relations no single sentence states: a local body named after its community (湘青协商议事会 →
        湘青社区), and, in an article about a county or city, its enterprises, clusters, parks and projects
        placed there when the paragraph that names them names the region too (basis: article)."""
        return self._named_after_community(mentions) + self._placed_by_article(article, sentences, mentions,
                                                                                relations, ctx)

    @staticmethod
    def _named_after_community(mentions: list[Mention]) -> list[Relation]:
        stems: dict[str, Mention] = {}
        for m in mentions:
            if m.cls in ("Community", "Town") and not m.reference:
                stem = re.sub(r"(社区|村|镇|乡|街道)$", "", m.canonical)
                if len(stem) >= 2 and stem != m.canonical:
                    stems.setdefault(stem, m)
        out, done = [], set()
        for m in mentions:
            if m.cls in ("Organization", "Event", "Project") and not m.reference and m.key not in done:
                # …but 灵川县政协 is named after 灵川县, not the town 灵川镇 (the stem of both)
                place = next((c for stem, c in stems.items() if m.canonical.startswith(stem)
                              and not m.canonical.startswith(c.canonical)
                              and m.canonical[len(stem):len(stem) + 1] not in "省市县区"), None)  # 灵川|县…
                if place is not None:
                    out.append(Relation(m.key, "locatedIn", place.key, m.sentence, (("basis", "name"),),
                                        rule="name-stem"))
                    done.add(m.key)
        return out

    def _placed_by_article(self, article: Article, sentences: tuple[Sentence, ...], mentions: list[Mention],
                           relations: list[Relation], ctx: RelationContext) -> list[Relation]:
        region = ctx.subject
        if region is None or region.cls not in ("County", "City") or not region.adcode:
            return []
        code = region.adcode
        prefix = code[:4] if region.cls == "City" else code
        ancestors = {code[:2] + "0000", code[:4] + "00"} - {code}

        def region_code(key: str) -> str | None:
            m = re.search(r"region/(\d{6})", key)
            return m.group(1) if m else None

        stated: dict[str, set[str]] = {}
        partners = set()
        for r in relations:
            if r.predicate == "locatedIn":
                stated.setdefault(r.subject, set()).add(region_code(r.object) or r.object)
            elif r.predicate == "partnerOf":
                partners.update((r.subject, r.object))
            elif r.predicate == "investsIn":
                partners.add(r.subject)  # an investor may come from anywhere
        paragraph_of = self._paragraphs(article, sentences)
        by_sentence = {s.index: s for s in sentences}
        names_region: dict[int, bool] = {}
        for m in mentions:
            c = m.adcode or region_code(m.key)
            if m.cls in REGION_CLASSES and c and c.startswith(prefix) \
                    and not is_ranking_scope(by_sentence[m.sentence], m):
                names_region[paragraph_of[m.sentence]] = True
        top = outermost(mentions)
        out, done = [], set()
        for m in top:
            if m.cls not in CONTEXT_PLACED or m.reference or m.key in done or m.key in partners:
                continue
            if NATIONAL.match(m.canonical) or m.key == region.key:
                continue
            places = stated.get(m.key, set())
            if any(p not in ancestors for p in places):
                continue  # already placed in the region or below it, or somewhere else
            prefixed = m.cls == "Enterprise" and bool(places & ancestors)  # 赣州腾远钴业 in an article on 赣县区
            if names_region.get(paragraph_of[m.sentence]) or prefixed:
                out.append(Relation(m.key, "locatedIn", region.key, m.sentence, (("basis", "article"),),
                                    rule="article-context"))
                done.add(m.key)
        return out

    @staticmethod
    def _paragraphs(article: Article, sentences: tuple[Sentence, ...]) -> dict[int, int]:
        """Sentence index → paragraph number (a paragraph ends at a line break)."""
        out, n = {}, 0
        for s in sentences:
            if s.start and "\n" in article.body[max(0, s.start - 2):s.start]:
                n += 1
            out[s.index] = n
        return out


def region_key(code: str) -> str:
    return entity_key("", "", code)
