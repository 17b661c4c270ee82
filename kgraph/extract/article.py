"""ArticleExtractor: the recognisers, linker, relation rules and figure parser over one article."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from functools import cache, lru_cache
from itertools import accumulate, groupby

from kgraph.extract.context import References, clear_subject, region_subject
from kgraph.extract.figures import FigureExtractor
from kgraph.extract.lexical import LexicalRecogniser
from kgraph.extract.link import HomeRegion, RegionLinker
from kgraph.extract.listed import ListedNameRecogniser
from kgraph.extract.matcher import NameMatcher
from kgraph.extract.organisations import HonorRecogniser, SuffixRecogniser
from kgraph.extract.people import TitledPersonRecogniser
from kgraph.extract.projects import ProjectRecogniser, ProjectRelations, project_variants
from kgraph.extract.regions import RegionRecogniser
from kgraph.extract.relations import RelationContext, RelationExtractor
from kgraph.gazetteer import Division, Gazetteer, load_gazetteer
from kgraph.model import (
    REGION_CLASSES,
    Article,
    ArticleExtraction,
    EntityInfo,
    Mention,
    Relation,
    Sentence,
    entity_key,
)
from kgraph.nlp.names import looks_like_name
from kgraph.nlp.sentences import inside_book_title, split_sentences
from kgraph.tables import load_table

YEAR = re.compile(r"(19|20)\d\d")
PLACE_CLASSES = frozenset((*REGION_CLASSES, "Region"))
# bodies a bare 县/市 or a name every region has (政协) qualifies: 县中医院 is one county's
QUALIFIED_CLASSES = frozenset(("GovernmentBody", "Organization", "Hospital"))
# names written short (经开区, 医大) and in full in one article
SHORTENED_CLASSES = frozenset(("IndustrialPark", "Hospital", "Organization"))
# words that open a body's name with 市/县/区 that is no bare region (市容局, 市场监管局, 市县两级)
NOT_BARE = ("市县", "市容", "市场", "市政", "市民", "市区", "区域", "县域", "县乡", "省市")
# government bodies named at the head of, or inside, an event's name (国务院常务会议) are mentioned beside it
EVENT_HOSTS = frozenset(("GovernmentBody",))
# When two recognisers claim the same span, the more specific reading wins.
PRIORITY = {"Honor": 0, "Person": 1, "Region": 10, "Event": 2, "Hospital": 3, "GovernmentBody": 4, "Enterprise": 5,
            "IndustrialPark": 6, "IndustryCluster": 7, "Organization": 8, "Project": 9}
# sources of mentions placed before all others, and those another reading of the same span does not replace
PLACED_FIRST = ("title", "honor")
KEEPS_ITS_SPAN = (*PLACED_FIRST, "listed")
# Words a short form of an enterprise name drops (江西立讯智造有限公司 → 立讯智造).
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司")
TRADE_WORDS = ("新材料", "技术", "科技", "实业", "发展", "控股")
_SEAT = re.compile(r"[（(][^）)]*[）)]$")  # 横川机器人(深圳): where the company is registered


def _outweighs(m: Mention, other: Mention) -> bool:
    """Whether ``m`` is the better reading of the span ``other`` has."""
    if other.source.startswith(KEEPS_ITS_SPAN):
        return False
    return m.source.startswith(KEEPS_ITS_SPAN) or PRIORITY.get(m.cls, 99) < PRIORITY.get(other.cls, 99)


@cache
def _park_bodies() -> frozenset[str]:
    """Sources of the bodies that govern the park named before them (org_suffixes kind body: 党工委, 管委会)."""
    return frozenset(f"suffix:{r['suffix']}" for r in load_table("org_suffixes") if r["kind"] == "body")


# The longest run of text read as one paragraph (news paragraphs run to a few hundred characters, a page
# pasted without line breaks to a few thousand).
MAX_PARAGRAPH = 20_000


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions; a region inside a longer name is kept beside it."""
    # people and honors are placed first: their evidence (a title, an award cue) is the strongest; it and a
    # listed name's (the kind written after it) are not outweighed by another reading of the same span
    ordered = sorted(mentions, key=lambda m: (not m.source.startswith(PLACED_FIRST), m.start,
                                              -(m.end - m.start), PRIORITY.get(m.cls, 99)))
    out: list[Mention] = []
    for m in ordered:
        clash = [o for o in out if o.start < m.end and m.start < o.end]
        if not clash:
            out.append(m)
            continue
        if m.cls in REGION_CLASSES and all(o.cls not in REGION_CLASSES and o.cls != "Person" and o.start <= m.start
                                           and m.end <= o.end for o in clash):
            out.append(m)  # 贵溪 in 贵溪经开区: kept for the name-prefix relation (德国 in 索德国 is no place)
            continue
        if m.cls == "IndustrialPark" and all(o.start == m.start and m.end < o.end and o.source in _park_bodies()
                                             for o in clash):
            out.append(m)  # 某高新区 of 某高新区党工委: the park is named too (the body is located in it)
            continue
        if m.cls == "Project" and all(o.cls in ("IndustrialPark", "Enterprise", "Organization") and o.start < m.start
                                      and m.start < o.end < m.end and not o.source.startswith(KEEPS_ITS_SPAN)
                                      for o in clash):
            out = [o for o in out if o not in clash] + [m]  # 暨|长安产业园 of 暨长安产业园项目: the project's name
            continue
        if _nested_in_project(m, clash):
            out.append(m)  # the investor in X公司Y项目, the project in Y项目签约仪式: named on their own too
            continue
        same = [o for o in clash if (o.start, o.end) == (m.start, m.end)]
        if same and _outweighs(m, same[0]):
            out[out.index(same[0])] = m
    return sorted(out, key=lambda m: (m.start, m.end))


def _nested_in_project(m: Mention, clash: list[Mention]) -> bool:
    """A project inside an event's name, or an investor or park at the head of a project's name."""
    if m.cls == "Project":
        return all(o.cls == "Event" and o.start <= m.start and m.end <= o.end for o in clash)
    if m.cls in EVENT_HOSTS:  # 全国人大常委会|第一次会议: the body that holds the meeting is named too
        return all(o.cls == "Event" and o.start <= m.start and m.end < o.end for o in clash)
    return m.cls in ("Enterprise", "IndustrialPark") and all(
        o.cls == "Project" and o.start == m.start and m.end < o.end for o in clash)


class ArticleExtractor:
    """Article → ArticleExtraction (mentions linked, relations and figures found)."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or load_gazetteer()
        self.regions = RegionRecogniser(self.gazetteer)
        # region names a company name may start with (江西立讯智造 → 立讯智造): provinces and cities
        self.region_prefixes = frozenset(
            n for d in self.gazetteer.by_code.values() if d.level in ("Province", "City")
            for n in (d.name, *d.short)) | {"中国", "中华"}
        all_regions = self.region_prefixes | frozenset(
            n for d in self.gazetteer.by_code.values() if d.level == "County" for n in (d.name, *d.short))
        lexical = LexicalRecogniser(self.gazetteer)
        places = {*self.gazetteer.full, *self.gazetteer.former, *lexical.world}
        self.recognisers = [self.regions, SuffixRecogniser(all_regions), HonorRecogniser(),
                            TitledPersonRecogniser(places), lexical,
                            ListedNameRecogniser(lexical.places), ProjectRecogniser(all_regions)]
        # each recogniser's automata read an article's body in one pass (NameMatcher.prime)
        self.matchers = [m for rec in self.recognisers for m in rec.matchers]
        self.linker = RegionLinker(self.gazetteer)
        self.references = References()
        self.relate = RelationExtractor(self.gazetteer)
        self.sentence_matchers = [*self.references.matchers, self.relate.matcher]
        self.figures = FigureExtractor()
        self.projects = ProjectRelations()
        self.generic_bodies = {r["name"]: r["of"] for r in load_table("generic_bodies")}

    def home_region(self, text: str, publisher: str | None = None, given: str | None = None,
                    title: str | None = None, url: str | None = None) -> HomeRegion:
        """The publisher's province, city and county for a page (what 我省 / 我市 / 我县 mean)."""
        return self.linker.home_region(text, publisher, given, title, url)

    def recognise(self, body: str, sentences: tuple[Sentence, ...]) -> list[Mention]:
        raw: list[Mention] = []
        for matcher in self.matchers:
            matcher.prime(body, sentences)
        for s in sentences:
            found: list[Mention] = []
            for rec in self.recognisers:
                found.extend(rec(s, s.start))
            if "《" in s.text:  # 《美国黑帮》, 《广州日报》: a title is no mention of its places
                found = [m for m in found
                         if m.cls not in PLACE_CLASSES or not inside_book_title(s.text, m.start - s.start)]
            raw.extend(resolve_overlaps(found))
        raw = _drop_people_inside_names(raw)
        raw = _parks_by_full_name(raw)
        raw = self._named_again(body, sentences, raw)
        return project_variants(self._bracketed_aliases(body, raw))

    def __call__(self, article: Article, home: HomeRegion | None = None) -> ArticleExtraction:
        if home is None:
            home = self.home_region("\n".join([*article.title_lines, article.body]), article.publisher)
        sentences = split_sentences(article.body)
        raw = self.recognise(article.body, sentences)
        mentions = self.linker(raw, home, context="\n".join(article.title_lines or (article.title,)))
        mentions, placed = self._qualify_bare_prefixes(mentions, home, article.id)
        year = article.date[:4] if article.date and YEAR.match(article.date) else None
        relations: list[Relation] = list(placed)
        observations = []
        first: dict[str, int] = {}
        for m in mentions:
            first.setdefault(m.key, m.sentence)
        for area, province in self.linker.informal_relations(mentions):
            relations.append(Relation(area, "relatedTo", province, first[area], rule="informal-region"))
        titles = "\n".join(article.title_lines or (article.title,))
        subject = clear_subject(running_subject(mentions), mentions, article.body, titles)
        ctx = RelationContext(home=home, subject=subject, year=year, region=region_subject(mentions, titles),
                              date=article.date if year else None)
        self.figures.remember_event(titles, ctx)
        for matcher in self.sentence_matchers:
            matcher.prime(article.body, sentences)
        by_start = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        starts = [mentions[i].start for i in by_start]
        paragraph_start = 0
        for s in sentences:
            # a year or a topic carries to the end of its paragraph, no further; a text without line breaks
            # is cut into paragraphs of MAX_PARAGRAPH characters, as what a paragraph holds is searched per sentence
            if s.start and ("\n" in article.body[max(0, s.start - 2):s.start]
                            or s.start - paragraph_start > MAX_PARAGRAPH):
                ctx.new_paragraph()
                paragraph_start = s.start
            # the sentence's mentions in their order, found by bisection (a long article has many)
            found = by_start[bisect_left(starts, s.start):bisect_left(starts, s.end)]
            in_s = [mentions[i] for i in sorted(found)]
            seen = sorted(in_s + self.references(s, in_s, ctx), key=lambda m: (m.start, -m.end))
            relations.extend(self.relate(s, seen, ctx))
            relations.extend(self.projects.sentence(s, seen, ctx.year, article.date))
            observations.extend(self.figures(s, seen, ctx))
            ctx.remember(s, seen)
        relations.extend(self.relate.from_article(article, sentences, mentions, relations, ctx))
        relations.extend(self.projects.article(article, sentences, mentions, relations, ctx.subject, ctx.region))
        entities = self.linker.context_entities(mentions)
        known = {e.key for e in entities}
        for r in relations:  # a region a relation points at (the home province) comes with its chain
            for key in (r.subject, r.object):
                if key.startswith("region/") and key not in known:
                    entities += self.linker.chain_entities(key.split("/", 1)[1])
                    known = {e.key for e in entities}
        authors = [EntityInfo(f"Person/{n}", "Person", n, mentioned=True)
                   for n in dict.fromkeys((*article.authors, *article.photographers)) if looks_like_name(n)]
        return ArticleExtraction(
            article=article,
            sentences=sentences,
            mentions=tuple(mentions),
            relations=tuple(relations),
            observations=tuple(observations),
            entities=tuple(entities) + tuple(authors),
        )

    # ---- article-level passes ----------------------------------------------------------------------

    def _named_again(self, body: str, sentences: tuple[Sentence, ...], mentions: list[Mention]) -> list[Mention]:
        """A person or an enterprise named once is found again where written alone (叶建春指出; 立讯智造)."""
        forms: dict[str, Mention] = {}
        for m in mentions:
            if m.cls == "Person":
                forms.setdefault(m.text, m)
            elif m.cls == "Enterprise":
                for short in enterprise_short_forms(m.text, self.region_prefixes):
                    forms.setdefault(short, m)
        if not forms:
            return mentions
        # 赵国|平等: a guessed name that is the head of one written whole elsewhere is that one, cut short
        people = [f for f, m in forms.items() if m.cls == "Person"]
        mentions = [m for m in mentions if not (
            m.cls == "Person" and m.source != "named-again"
            and any(len(f) > len(m.text) and f.startswith(m.text) and body.startswith(f, m.start) for f in people))]
        matcher = NameMatcher(forms)
        matcher.prime(body, sentences)
        overlaps = _SpanIndex((m.start, m.end) for m in mentions)
        extra = []
        for s in sentences:
            for a, b, form in matcher.find(s.text):
                start, end = s.start + a, s.start + b
                if overlaps(start, end):
                    continue
                full = forms[form]
                extra.append(Mention(form, full.cls, start, end, s.index, name=full.canonical, source="named-again"))
        return sorted(mentions + extra, key=lambda m: (m.start, m.end))

    @staticmethod
    def _bracketed_aliases(body: str, mentions: list[Mention]) -> list[Mention]:
        """南方医院赣州医院(赣州市人民医院): the bracketed name is another name of the same thing."""
        by_start = {m.start: m for m in mentions}
        out = list(mentions)
        for m in mentions:
            inner = by_start.get(m.end + 1)
            if (inner and body[m.end] in "(（" and body[inner.end:inner.end + 1] in (")", "）")
                    and inner.cls == m.cls and inner.cls not in REGION_CLASSES and m.cls != "Person"):
                out[out.index(inner)] = replace(inner, name=m.canonical, source=inner.source + "+alias")
        return out

    def _qualify_bare_prefixes(self, mentions: list[Mention], home: HomeRegion, article: str = ""
                               ) -> tuple[list[Mention], list[Relation]]:
        """省财政厅 → 江西省财政厅, 县中医院 → 灵川县中医院: a body named with a bare 省/市/县/区 takes the region
        it means (and is in it); a body every region has, named alone (政协, 党工委), takes the region or park
        the article is about (when none is known, it is the article's own), so that two regions' bodies are
        never one node."""
        out, placed = [], []
        last_county = last_city = last_park = None
        for m in mentions:
            if m.cls == "County" and m.adcode:
                last_county = m
            elif m.cls == "City" and m.adcode:
                last_city = m
            elif m.cls == "IndustrialPark":
                last_park = m
            if m.cls in QUALIFIED_CLASSES and not m.name:
                of = self.generic_bodies.get(m.text)
                prefix = m.text[:1] if of is None and not m.text.startswith(NOT_BARE) else ""
                region: Mention | Division | None = None
                if of == "park":
                    region = last_park
                elif of == "region":
                    region = last_county or home.county or home.city
                elif prefix in ("省", "市"):  # the page's, else the city the article has named
                    region = home.province if prefix == "省" else home.city or last_city
                elif prefix in ("县", "区"):  # the county named last, else the page's (a county's own paper)
                    region = last_county or home.county
                    if region is not None and not region.name.endswith(prefix):
                        region = None  # 区 in a county's article: some district
                else:
                    prefix = ""
                name = key = None
                if isinstance(region, Mention):
                    name, key = region.canonical + m.text[len(prefix):], region.key
                elif region is not None:
                    name, key = region.name + m.text[len(prefix):], entity_key("", "", region.code)
                if name:
                    m = replace(m, name=name)
                    placed.append(Relation(m.key, "locatedIn", key, m.sentence, rule="bare-prefix"))
                elif of is not None:
                    m = replace(m, scope=f"article/{article}")  # whose it is is unknown: this article's own
            out.append(m)
        return out, placed


def _drop_people_inside_names(mentions: list[Mention]) -> list[Mention]:
    """康晋三期 after 赣州康晋储能技术有限公司: a person found by the name model alone inside a name the
    article gives an organisation is that organisation's short form, not a person."""
    names = {m.text for m in mentions if m.cls != "Person" and m.cls not in REGION_CLASSES}
    return [m for m in mentions if not (m.cls == "Person" and m.source.startswith("name-")
                                        and any(m.text in n and m.text != n for n in names))]


def _parks_by_full_name(mentions: list[Mention]) -> list[Mention]:
    """贵溪经开区 after 贵溪经济技术开发区 in one article: one park, named by its full form; so are 宝应高新区 and
    宝应县高新技术产业园区 (the region's 县 dropped), and a hospital's 南医大附属… and 南京医科大学附属…"""
    abbreviations = load_table("park_abbreviations")
    full: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.cls in SHORTENED_CLASSES:
            full.setdefault(m.cls, []).append(m)
    if not full:
        return mentions
    out = []
    for m in mentions:
        if m.cls in SHORTENED_CLASSES and not m.name:
            long = _full_form(m, full[m.cls], abbreviations)
            if long is not None:
                m = replace(m, name=long.canonical, source=m.source + "+full-form")
        out.append(m)
    return out


def _full_form(m: Mention, candidates: list[Mention], abbreviations: tuple[dict[str, str], ...]) -> Mention | None:
    """The one name of the article that ``m`` abbreviates: the same but for a row's short word written for its
    full one, and a shorter head (宝应|高新区 for 宝应县|高新技术产业园区, 南|医大 for 南京|医科大学)."""
    found: dict[str, Mention] = {}
    for r in abbreviations:
        short, long = r["short"], r["full"]
        i = m.text.find(short)
        if i < 0:
            continue
        head, tail = m.text[:i], m.text[i + len(short):]
        for c in candidates:
            j = c.text.find(long)
            if j < 0 or c.text[j + len(long):] != tail:
                continue
            if c.text[:j] == head or (head and c.text[:j].startswith(head)):
                found.setdefault(c.canonical, c)
            elif not head and not tail:
                found.setdefault(c.canonical, c)  # a bare 高新区: the article's one 高新技术产业开发区
    return next(iter(found.values())) if len(found) == 1 else None


def running_subject(mentions: list[Mention]) -> Mention | None:
    """What the article is about: the county, city, body or company it names most (first named on a tie)."""
    nested = set()
    furthest = -1  # the furthest end of the spans that start before this one (or at it, ending later)
    for span, group in groupby(sorted(mentions, key=lambda m: (m.start, -m.end)), key=lambda m: (m.start, m.end)):
        group = list(group)
        if furthest >= span[1]:
            nested.update(id(m) for m in group)
        furthest = max(furthest, span[1])
    eligible = [m for m in mentions if not m.reference and id(m) not in nested and m.cls in
                ("County", "City", "Town", "Community", "Hospital", "Enterprise", "IndustrialPark", "GovernmentBody")]
    if not eligible:
        return None
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, m in enumerate(eligible):
        counts[m.key] += 1
        first.setdefault(m.key, i)
    best = max(counts, key=lambda k: (counts[k], -first[k]))
    return eligible[first[best]]


class _SpanIndex:
    """Whether a span overlaps any of a fixed set of spans, in logarithmic time."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.furthest = list(accumulate((b for _, b in spans), max))  # the furthest end among the first k

    def __call__(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # the spans that start before this one ends
        return k > 0 and self.furthest[k - 1] > start


@lru_cache(maxsize=4096)  # a company is in the news again and again
def enterprise_short_forms(name: str, region_prefixes: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Forms a paper uses for a company after its full name (江西立讯智造有限公司 → 立讯智造)."""
    core = name
    for form in LEGAL_FORMS:
        if core.endswith(form):
            core = core[: -len(form)]
            break
    else:
        return ()
    core = _SEAT.sub("", core)
    # the longest region the name starts with, if two characters or more are left after it
    prefix = next((n for n in range(len(core) - 2, 0, -1) if core[:n] in region_prefixes), 0)
    core = core[prefix:]
    forms = [core]
    for word in TRADE_WORDS:
        if core.endswith(word) and len(core) - len(word) >= 2:
            forms.append(core[: -len(word)])
    return tuple(f for f in dict.fromkeys(forms) if len(f) >= 3 and f != name)
