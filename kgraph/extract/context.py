"""What a sentence's rules may know of the rest of its article, and who a clause is about.

Shared by the relation rules and the figure parser: the article's running subject and region, the
mentions of the paragraph so far, the year a paragraph opened with, references (该公司, 这家…企业,
a bare 小区 opening a clause) resolved to the entity they stand for, and the topic of each clause.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, TypeVar

from kgraph.extract.link import HomeRegion
from kgraph.extract.matcher import NameMatcher
from kgraph.model import REGION_CLASSES, Mention, Sentence
from kgraph.nlp.tokenize import default_tokenizer
from kgraph.tables import load_table

CLAUSE = re.compile(r"[，,；;：:。！？!?]")
YEAR = re.compile(r"((?:19|20)\d\d)年(?:度)?")
# time expressions that may open a clause before its topic (2025年, 3月28日, 1—9月)
TIME = re.compile(r"(?:(?:19|20)\d\d年(?:度|底|初|末)?|\d{1,2}(?:[—\-–至到]\d{1,2})?月(?:\d{1,2}日)?|\d{1,2}日)+")
# a "name" opening with a measure word is the noun of a count read as a name (106个省产业园区)
COUNTED_NAME = ("个", "项")
SUBJECT_CLASSES = frozenset(REGION_CLASSES) | {"Enterprise", "Hospital", "IndustrialPark", "IndustryCluster",
                                               "Project", "GovernmentBody", "Organization"}


def _role_words(role: str) -> tuple[str, ...]:
    return tuple(sorted((r["word"] for r in load_table("clause_roles") if r["role"] == role), key=len, reverse=True))


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, words))


# words after which a name is an adjunct (与X合作, 对X实行), not what the clause is about
ADJUNCT = _role_words("adjunct")
# 位居全市第二, 取得全省增速第一: the region is the scope of a ranking, not a subject
RANK_PLACES = _alternation(_role_words("rank-place"))
RANKING_SCOPE = re.compile(rf"^[^，。；,;]{{0,6}}?(?:[第前][一二三四五六七八九十\d]|{RANK_PLACES})")
SPEAKER = re.compile(rf"^(?:{_alternation(_role_words('speaker-lead'))})?(?:{_alternation(_role_words('speaker'))})")


def openers() -> tuple[str, ...]:
    return tuple(sorted((r["word"] for r in load_table("clause_openers")), key=len, reverse=True))


@dataclass
class ArticleContext:
    home: HomeRegion = field(default_factory=HomeRegion)
    earlier: list[Mention] = field(default_factory=list)  # every mention before this sentence
    subject: Mention | None = None  # the article's running subject (the region or body it is about)
    year: str | None = None  # the article's year
    date: str | None = None  # the article's date (ISO), for a month and day written without a year
    last_year: str | None = None  # the year most recently written in the paragraph (2025年度名单 … 其中 …)
    latest_year: str | None = None  # the latest year the article has written so far (for an undated page)
    region: Mention | None = None  # the region the article names most (a province through 我省 counts)
    paragraph: list[Mention] = field(default_factory=list)  # mentions of the paragraph's earlier sentences
    paragraph_year: str | None = None  # a year that opened a sentence of this paragraph (2025年，…)
    paragraph_sentences: list[Sentence] = field(default_factory=list)
    last_metric: str | None = None  # what the paragraph's last figure measured (…增长7.2%。其中，章贡区增长8.1%)
    # the period of the event the article reports (三季度7个项目集中开工): the figures of 本次/此次 are of it
    event_period: str | None = None
    event_stage: str = ""  # and what was done at it (开工, 签约)
    # the period a statistics release opens with (一季度，全县…): its figures' when they write no time
    opening_period: str | None = None
    # the paragraph's names that are items of a list (推动A、B、C建设): none of them is what it is about
    listed: set[tuple[int, int]] = field(default_factory=set)
    # (class, suffix) → how many of ``earlier`` were read for it, and the last that fits (its position)
    _last_of: dict[tuple[str, str], tuple[int, tuple[int, Mention] | None]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def last(self, classes: frozenset[str] | set[str] | tuple[str, ...], suffix: str = "") -> Mention | None:
        """The last mention before this sentence of one of ``classes`` (not a reference), its name ending in
        ``suffix``. ``earlier`` only grows: each mention is read once per question, not once per call (a
        long article asks thousands of times)."""
        best: tuple[int, Mention] | None = None
        earlier = self.earlier
        for cls in classes:
            read, found = self._last_of.get((cls, suffix), (0, None))
            if read > len(earlier):
                read, found = 0, None  # ``earlier`` was replaced
            for i in range(read, len(earlier)):
                m = earlier[i]
                if m.cls == cls and not m.reference and m.canonical.endswith(suffix):
                    found = (i, m)
            self._last_of[cls, suffix] = (len(earlier), found)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
        return best[1] if best is not None else None

    def new_paragraph(self) -> None:
        self.paragraph = []
        self.last_year = None
        self.paragraph_year = None
        self.paragraph_sentences = []
        self.last_metric = None
        self.listed = set()

    def remember(self, sentence: Sentence, mentions: list[Mention]) -> None:
        """After a sentence is read: what it named becomes what later sentences may refer to."""
        self.earlier.extend(mentions)
        self.paragraph.extend(m for m in outermost(mentions) if not is_ranking_scope(sentence, m)
                              and not is_adjunct(sentence, m) and not is_speaker(sentence, m))
        self.paragraph_sentences.append(sentence)
        if "、" in sentence.text:
            text, s0 = sentence.text, sentence.start
            items = {(m.start, m.end) for m in mentions if "、" in (text[m.start - s0 - 1:m.start - s0]
                                                                   + text[m.end - s0:m.end - s0 + 1])}
            starts = {a for a, _ in items}  # and a region glued before an item (永定|红石材产业园、…) is of it
            self.listed |= items | {(m.start, m.end) for m in mentions if m.end in starts}
        if "年" not in sentence.text:
            return  # no year written
        years = YEAR.findall(sentence.text)
        self.last_year = years[-1] if years else self.last_year
        self.latest_year = max([*years, self.latest_year or ""]) or None
        # 2025年，… / 数据显示，2025年，… / 2025年全市…: a year standing for what the paragraph reports (not
        # one dating an event in passing: …于2016年立项，2016年列为…)
        opening = next((y for y in YEAR.finditer(sentence.text) if y.start() == clause_start(sentence.text, y.start())
                        and (y.start() == 0 or sentence.text[y.end():y.end() + 1] in ("，", ","))), None)
        if opening and not re.match(r"\s*[至到—\-–以]", sentence.text[opening.end():]):
            self.paragraph_year = opening.group(1)

    def text_after(self, m: Mention) -> str:
        """The rest of the paragraph's sentence that holds ``m``, from its end."""
        s = next((s for s in reversed(self.paragraph_sentences) if s.start <= m.start < s.end), None)  # a recent one
        return s.text[m.end - s.start:] if s else ""

    def paragraph_topic(self, classes: frozenset[str] = SUBJECT_CLASSES) -> Mention | None:
        """The entity the paragraph was last about: its last subject-like mention that is no adjunct (of
        the last sentence naming one, the topic of a clause before a name a verb takes as its object)."""
        def fits(m: Mention) -> bool:
            return (m.cls in classes and m.cls in SUBJECT_CLASSES and not m.source.startswith("bare-noun")
                    and not (m.cls == "Province" and not m.reference) and m.cls != "GovernmentBody"
                    and not m.text.startswith(COUNTED_NAME))
        last = next((m for m in reversed(self.paragraph) if fits(m)), None)
        if last is None:
            return None
        if (last.start, last.end) in self.listed:
            # 永定工业园区围绕…，毗邻龙岩…，推动A、B、C建设: the park, not an item listed or a name in passing
            s = next((s for s in reversed(self.paragraph_sentences) if s.start <= last.start < s.end), None)
            same = [m for m in self.paragraph if s is not None and s.start <= m.start < s.end and fits(m)]
            if s is not None:
                topics = default_topics()
                opening = [m for m in same if (m.start, m.end) not in self.listed and topics.is_topic(s, m)]
                if opening:
                    return opening[-1]
        return last


def outermost(ms: list[Mention]) -> list[Mention]:
    """Mentions not inside another (余江 inside 江西余江工业园区 is not a party of its own), in their order."""
    nested: set[int] = set()
    cover_end, cover_span = -1, None  # the farthest-reaching span that started at or before this one
    for m in sorted(ms, key=lambda m: (m.start, -m.end)):
        if cover_end >= m.end and cover_span != (m.start, m.end):
            nested.add(id(m))
        if m.end > cover_end:
            cover_end, cover_span = m.end, (m.start, m.end)
    return [m for m in ms if id(m) not in nested]


def _clear_winner(ms: list[Mention], title: str, least: int) -> Mention | None:
    """The one entity the title names, else the one named ``least`` times or more and more often than any other."""
    in_title = {m.key for m in ms if any(n and n in title for n in _forms(m))}
    if len(in_title) > 1:  # a title naming 龙岩市永定区 names the district: a region above another is its address
        codes = {m.key: m.adcode for m in ms if m.key in in_title and m.adcode}
        prefix = {k: c[:2] if c.endswith("0000") else c[:4] if c.endswith("00") else c for k, c in codes.items()}
        above = {k for k in codes if any(o != codes[k] and o.startswith(prefix[k]) for o in codes.values())}
        if len(codes) == len(in_title) and len(in_title - above) == 1:
            in_title -= above
    if len(in_title) == 1:
        return next(m for m in ms if m.key in in_title)
    counts = Counter(m.key for m in ms).most_common(2)
    if not counts or counts[0][1] < least or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    return next(m for m in ms if m.key == counts[0][0])


def _forms(m: Mention) -> tuple[str, ...]:
    short = m.canonical[:-1] if m.cls in REGION_CLASSES and len(m.canonical) >= 3 else ""
    return (m.text if not m.reference else "", m.canonical, short)


def region_subject(mentions: list[Mention], title: str = "") -> Mention | None:
    """The region an article is about: the one its title names, else the one it names most, references
    (我省, 全区) included. None when no region stands out (a round-up of several counties). A region the
    title names counts when the body names it only inside other names (瑞金市…仪式, 瑞金市…工程)."""
    top = outermost(mentions)
    regions = [m for m in top if m.cls in REGION_CLASSES and m.adcode]
    if title and not any(n and n in title for m in regions for n in _forms(m)):
        inner = [(m, o) for m in mentions if m.cls in REGION_CLASSES and m.adcode and m not in regions
                 for o in top if o.start <= m.start and m.end <= o.end and o is not m]
        # … but not when the title names the outer name too (衡水高新区…: the park's, not the city's)
        named = {m.key for m, _ in inner if any(n and n in title for n in _forms(m))}
        named -= {m.key for m, o in inner if m.text + o.text[m.end - o.start:m.end - o.start + 2] in title}
        regions += [m for m, _ in inner if m.key in named]
    return _clear_winner(regions, title, 1)


def clear_subject(subject: Mention | None, mentions: list[Mention], body: str = "", title: str = "") -> Mention | None:
    """The article's running subject, when the title names it or the body names it (not as a partner, 与X)
    more than anything else: not one name among equals."""
    if subject is None:
        return None
    named = [m for m in outermost(mentions) if not m.reference and m.cls in SUBJECT_CLASSES
             and m.cls != "Province" and not body.endswith(ADJUNCT, 0, m.start)]
    winner = _clear_winner(named, title, 2)
    return subject if winner is not None and winner.key == subject.key else None


CLAUSE_MARKS = frozenset("，,；;：:。！？!?")


# up to the last clause mark (the greedy scan backs off from the end in the regex engine, not in Python)
_TO_LAST_MARK = re.compile("(?s).*[" + re.escape("".join(sorted(CLAUSE_MARKS))) + "]")


def clause_start(text: str, pos: int) -> int:
    """Offset in ``text`` where the clause holding ``pos`` begins."""
    if pos <= 0:
        return pos
    m = _TO_LAST_MARK.match(text, 0, pos)
    return m.end() if m else 0


def is_adjunct(sentence: Sentence, m: Mention) -> bool:
    return sentence.text.endswith(ADJUNCT, 0, m.start - sentence.start)


def is_ranking_scope(sentence: Sentence, m: Mention) -> bool:
    """全市 in 位居全市第二 / 全省增速第一 names where a ranking is counted, not who is ranked (only a region
    is a scope: 甲医院与乙大学第一附属医院 holds no ranking)."""
    return m.cls in REGION_CLASSES and bool(RANKING_SCOPE.match(sentence.text[m.end - sentence.start:]))


def is_speaker(sentence: Sentence, m: Mention) -> bool:
    """省工信厅有关负责人表示…: the body speaks; what follows is not about it."""
    return bool(SPEAKER.match(sentence.text[m.end - sentence.start:]))


class Topics:
    """Which mentions of a sentence are the topic of their clause (nothing but time words before them)."""

    def __init__(self) -> None:
        self.opening = re.compile(rf"(?:{TIME.pattern}|{'|'.join(map(re.escape, openers()))}|[\s“”\"'《》（）()])*")
        self._topics_of = SentenceMemo(self._topics)  # the rules ask again for the sentence they read

    def is_topic(self, sentence: Sentence, m: Mention) -> bool:
        rel = m.start - sentence.start
        return self.opening.fullmatch(sentence.text, clause_start(sentence.text, rel), rel) is not None

    def __call__(self, sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
        """Topic mentions in text order; of a run of regions (赣州市南康区蓉江街道) the last, most specific."""
        return list(self._topics_of(sentence, mentions))

    def _topics(self, sentence: Sentence, mentions: list[Mention]) -> tuple[Mention, ...]:
        top = [m for m in outermost(mentions) if m.cls in SUBJECT_CLASSES]
        out = []
        for m in top:
            if self.is_topic(sentence, m) and not is_speaker(sentence, m) and not is_ranking_scope(sentence, m):
                run = m
                for n in top:  # 赣州市南康区蓉江街道金赣小区, 全区工业陶瓷产业集群: the last of the run
                    if n.start == run.end and run.cls in REGION_CLASSES:
                        run = n
                out.append(run)
        return tuple(out)


T = TypeVar("T")


@cache
def default_topics() -> Topics:
    """One Topics for the stages that ask of the same sentence (references, relations, figures): worked out once."""
    return Topics()


class SentenceMemo(Generic[T]):
    """``fn(sentence, mentions)`` for the sentence being read, worked out once: the rules of a sentence
    ask the same question for each cue and figure (the answer is shared: not to be changed)."""

    def __init__(self, fn: Callable[[Sentence, list[Mention]], T]) -> None:
        self.fn = fn
        self._asked: tuple[Sentence, tuple[Mention, ...]] | None = None
        self._answer: T | None = None

    def __call__(self, sentence: Sentence, mentions: list[Mention]) -> T:
        asked = self._asked
        if asked is None or asked[0] is not sentence or len(asked[1]) != len(mentions) or not all(
                map(operator.is_, asked[1], mentions)):
            self._asked, self._answer = (sentence, tuple(mentions)), self.fn(sentence, mentions)
        return self._answer  # type: ignore[return-value]


class References:
    """该公司, 这家…企业 and a bare 小区 opening a clause: stand-ins for an entity the article named.

    Rows of ``tables/entity_references.tsv``: ``word`` anywhere; ``gap`` (这家…企业) with up to 20
    characters of one clause between its two parts; ``bare`` (小区, 医院) only opening a clause or
    right before a number, for the last entity of ``class`` whose name ends in ``suffix``.
    """

    def __init__(self) -> None:
        rows = load_table("entity_references")
        self.words = {r["word"]: r for r in rows if r["form"] == "word"}
        self.matcher = NameMatcher(self.words)
        # (first part, phrase, row): a sentence without the first part holds no phrase
        self.gaps = [(a, re.compile(re.escape(a) + r"[^，。；：,;:！？、]{0,20}?" + re.escape(b)), r)
                     for r in rows if r["form"] == "gap" for a, b in [r["word"].split("…")]]
        self.bare = {r["word"]: r for r in rows if r["form"] == "bare"}
        self.bare_matcher = NameMatcher(self.bare)
        self.tokenize = default_tokenizer()
        self.topics = default_topics()
        self.matchers = (self.matcher, self.bare_matcher)  # primed with each article

    def __call__(self, sentence: Sentence, mentions: list[Mention], ctx: ArticleContext) -> list[Mention]:
        text = sentence.text
        spans: list[tuple[int, int, dict[str, str], str]] = []
        for s, e, word in self.matcher.find(text):
            spans.append((s, e, self.words[word], "entity-reference"))
        for first, pattern, row in self.gaps:  # the whole phrase: it may hold a place (这家落户吉安的企业)
            for m in pattern.finditer(text) if first in text else ():
                spans.append((m.start(), m.end(), row, "entity-reference-phrase"))
        bare = self.bare_matcher.find(text)
        words: set[tuple[int, int]] = set()
        ends: dict[int, int] = {}  # a word's end → its start
        if bare:
            seg = self.tokenize.segment(text)
            words = set(zip(seg.starts, seg.ends, strict=True))
            ends = dict(zip(seg.ends, seg.starts, strict=True))
        for s, e, word in bare:
            if (s, e) not in words or text[max(0, s - 1):s] in ("该", "这", "此", "本", "全"):
                continue  # 村 in 农村, 小区 in 该小区 (a reference of its own)
            opening = self.topics.is_topic(sentence, Mention(word, "", sentence.start + s, 0, 0))
            # 调度项目300个, 签约项目5个: a word of two or more before it makes it the head of a compound,
            # not a stand-in (道出了小区644户 still is one)
            glued = s - ends.get(s, s) >= 2 and "\u4e00" <= text[s - 1] <= "\u9fff"
            if opening or (re.match(r"\d", text[e:e + 1]) and not glued):
                spans.append((s, e, self.bare[word], "bare-noun"))
        taken = [(m.start - sentence.start, m.end - sentence.start) for m in mentions]
        found: list[tuple[int, int]] = []
        out = []
        for s, e, row, source in sorted(spans, key=lambda x: (x[0], -x[1])):
            if any(a < e and s < b for a, b in found) or (
                    any(a < e and s < b for a, b in taken) and source != "entity-reference-phrase"):
                continue
            target = self._target(sentence, mentions, ctx, sentence.start + s, row)
            if target is not None:
                out.append(Mention(text[s:e], target.cls, sentence.start + s, sentence.start + e, sentence.index,
                                   name=target.canonical, adcode=target.adcode, scope=target.scope,
                                   source=source.replace("-phrase", ""), reference=True))
                found.append((s, e))
        return out

    @staticmethod
    def _target(sentence: Sentence, mentions: list[Mention], ctx: ArticleContext, pos: int,
                row: dict[str, str]) -> Mention | None:
        cls, suffix = row["class"], row.get("suffix", "")
        if ctx.subject is not None and ctx.subject.cls == cls and ctx.subject.canonical.endswith(suffix):
            return ctx.subject  # 该院 in an article about a hospital is that hospital
        here = [m for m in mentions if m.cls == cls and m.end <= pos and not m.reference
                and m.canonical.endswith(suffix) and not is_adjunct(sentence, m)]
        if here:
            return here[-1]
        if row.get("form") == "bare" and ctx.paragraph_sentences:
            # 园区 in a paragraph that opened with 某工业园区围绕…推动A、B产业园建设: the park it opened with,
            # not the last of those it listed
            first = ctx.paragraph_sentences[0]
            named = [m for m in ctx.paragraph if m.sentence == first.index]
            opener = next(iter(default_topics()(first, named)), None) if named else None
            if opener is not None and opener is named[0] and opener.cls == cls and not opener.reference \
                    and opener.canonical.endswith(suffix):
                return opener
        return ctx.last({cls}, suffix)
