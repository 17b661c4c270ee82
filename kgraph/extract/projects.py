"""Named projects: by their suffix (X项目, X工程, 建设|X基地) and as the items of a list of projects.

A name ends in a suffix of ``tables/project_suffixes.tsv`` (with a bracketed phase or alias after it:
X项目(二期), X项目(中豪国际)) and runs left over jieba tokens, through an investor's name, a place and a
capacity (年产10万吨), until punctuation, a particle, a count, an amount, a time word, a word of
``tables/project_stops.tsv`` (宣布, 暨, 位于) or a verb that is not one of ``project_name_verbs``; a
cue that builds it (``project_cues``: 新建, 建设) is no part of it at its left edge. A name made only
of the words of ``project_generic_words`` (重大项目, 招商引资项目) says a kind, not a project.

A list counts its items as projects when a count or a kind of project closes it or opens it:
A、B、C等5个项目, A、B等湘商回归项目, “A”和“B”两大项目, 项目包括A、B.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from kgraph.extract.brackets import OPEN, BracketDepth
from kgraph.model import STAGE, Article, Mention, Relation, Sentence, project_core
from kgraph.nlp.lexicon import lexicon
from kgraph.nlp.tokenize import Segmentation, default_tokenizer
from kgraph.tables import load_table

MAX_PROJECT = 45
MIN_ITEM = 4  # a list's item shorter than this is rarely a project's name (给排水, 消防)
_NUMERAL = "0-9０-９一二三四五六七八九十百两"
_COUNT = re.compile(rf"^[{_NUMERAL}]*[个家项批座条所大余多]$|^[{_NUMERAL}]+[个家项批座条所大余多]?$")
_TIME = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)?[年月日号时]$|^\d+[年月日]$|^\d{1,2}[:：]\d\d$|^[上下中]午$|"
                   r"^[一二三四]?季度$")
_ADVERBS = frozenset("也都还又再将已正均共就才更最很并仍亦即便")
_UNIT_NEXT = re.compile(r"^[个家项批座条所大年月日号]")
_NAME_TOKEN = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·（）()\-—－]+$")
_QUOTES = "“”\"‘’'「」"
# a count and a kind of project closing a list (…、E等5个项目, …、E两大项目, …、E3个先进制造业项目)
_COUNTED = re.compile(rf"(?:等|共)?[{_NUMERAL}]+(?:个|大|项|批)[^，。；、：:,;！？“”]{{0,10}}?(?:项目|工程)")
# a kind after 等 (…、E等湘商回归项目, …、E等在10月竣工项目)
_KIND_AFTER = re.compile(r"等([^，。；、：:,;！？了的]{0,12}?)项目(?!负责人|经理|部|方|单位|办|组|区|地)")
# a list after what opens it (项目包括A、B, 项目分别是A、B)
_OPENS = re.compile(r"(?:项目|工程)[^，。；、,;]{0,8}?(?:包括|分别是|分别为|主要有|有)[：:]?")
# a list of what projects are about, not of projects (涵盖A、B等领域)
_FIELDS = re.compile(r"^等?[^，。；,;]{0,6}?(?:领域|行业|产业|方面|板块)")
_COUNTED_BEFORE = re.compile(rf"(?:等|[{_NUMERAL}]+[个大项批])$")
_BRACKET = re.compile(r"^[(（]([^()（），。；：,;]{1,16})[)）]")
_PHASE = re.compile(r"^[一二三四五六七八九十\d]期")


class ProjectRecogniser:
    """Sentence → Mentions of named projects (source ``project:suffix``, or ``listed-project`` for a list's item,
    which keeps its span against another reading of it: 湘江智能装备产业园 in 项目包括A、B is a project)."""

    def __init__(self, region_names: frozenset[str] = frozenset()) -> None:
        words = lexicon()
        self.tags = words.tags
        # jieba tags some nouns of names as time words (老年|养护楼): time ends a name by _TIME and project_stops
        self.function_words = frozenset(w for w in words.function_words if words.tags.get(w) != "t")
        self.suffixes = {r["suffix"]: r["cue"] == "yes" for r in load_table("project_suffixes")}
        self.by_length = sorted(self.suffixes, key=len, reverse=True)
        self.stops = frozenset(r["word"] for r in load_table("project_stops"))
        # jieba glues an adverb to a stop verb (隆重|举行 as 隆重举行, 正式启动): the word still ends the name
        self._stop_endings = tuple(sorted(w for w in self.stops if len(w) >= 2))
        self.name_verbs = frozenset(r["word"] for r in load_table("project_name_verbs"))
        generic = load_table("project_generic_words")
        self.generic = frozenset(r["word"] for r in generic) | {r["name"] for r in load_table("generic_names")}
        self.kinds = frozenset(r["word"] for r in generic if r["kind"] == "yes")
        self.cues = frozenset(r["cue"] for r in load_table("project_cues"))
        self.amount_units = frozenset(r["unit"] for r in load_table("figure_units") if r["kind"] == "amount")
        self.region_names = region_names
        self.stages = frozenset(r["cue"] for r in load_table("project_stages"))
        self.titles = frozenset(r["title"] for r in load_table("titles"))
        self.tokenize = default_tokenizer()
        self.matchers = ()
        self._gate = re.compile("|".join(map(re.escape, self.by_length)))

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        text = sentence.text
        if not self._gate.search(text):
            return []
        seg = self.tokenize.segment(text)
        found: dict[tuple[int, int], str] = {}
        for s, e in self._by_suffix(text, seg):
            found.setdefault((s, e), "project:suffix")
        for s, e in self._listed(text, seg):
            found.setdefault((s, e), "listed-project")  # a list of projects says what its items are
        out = []
        for (s, e), how in sorted(found.items()):
            name = text[s:e]
            out.append(Mention(name, "Project", offset + s, offset + e, sentence.index, source=how))
        return out

    # ---- names ending in a suffix -------------------------------------------------------------------

    def _by_suffix(self, text: str, seg: Segmentation) -> list[tuple[int, int]]:
        out = []
        ends = seg.at_end()
        for m in self._gate.finditer(text):
            s, e = m.start(), m.end()
            suffix = m.group(0)
            glued = e not in ends and not (e < len(text) and not _NAME_TOKEN.match(text[e])) and not (
                suffix == "项目" and text.startswith("工程", e))  # …项目工程于2016年立项
            if glued or text[e:e + 1] in "区部组办师数":
                continue  # 项目部, 工程师, 产业园区, 项目数(量): the suffix is part of a longer word
            if suffix == "工程" and text.endswith("项目", 0, s):
                continue  # …项目工程: the project's name ends at 项目
            start = self._left_edge(text, seg, s, quoted=text[e:e + 1] in _QUOTES)
            if start is None:
                continue
            end = self._right_edge(text, e)
            cued = self._after_cue(text, seg, start)
            if self.suffixes[suffix] and not cued:
                continue
            if not self._is_name(text, start, s, end, cued):
                continue
            out.append((start, end))
        # 桂黄公路改造提升工程 inside 桂黄公路改造提升工程二期项目: one name
        return [(a, b) for a, b in out if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in out)]

    def _token_at(self, seg: Segmentation, pos: int) -> int:
        """Index of the token that ends at or holds offset ``pos - 1`` (the last token before ``pos``)."""
        return bisect_right(seg.starts, pos - 1) - 1

    def _left_edge(self, text: str, seg: Segmentation, s: int, quoted: bool = False) -> int | None:
        """Offset where the name whose suffix starts at ``s`` begins (None when nothing stands before it)."""
        words, starts = seg.words, seg.starts
        k = self._token_at(seg, s)
        first = s
        brackets = BracketDepth()
        while k >= 0:
            tstart = starts[k]
            part = text[tstart:min(s, seg.ends[k])]
            if (bracket := brackets.take(part)) is not None:
                if not bracket:
                    break
            elif "暨" in part:  # 动员会暨|X项目, however jieba cuts it: what follows the connective is the name
                first = tstart + part.rindex("暨") + 1
                break
            elif not _NAME_TOKEN.match(part) or not brackets.open and (
                    self._stops(words, k, part) or self._builds(words, k, part, seg.ends[k] >= s)):
                break  # …but what brackets hold is the name's (X中心(一期)老年楼项目)
            if s - tstart > MAX_PROJECT:
                return None
            first = tstart
            k -= 1
        if brackets.open:
            return None
        if quoted and first > 0 and text[first - 1] in _QUOTES:
            return first  # “X项目”: the quotes hold the whole name
        # a verb inside the span governs what follows unless a name stands before it (桂林某公司|圆|织成|套…项目
        # is one name: jieba misreads it; 同向发力|打通|项目 is a clause)
        k = bisect_right(starts, first) - 1
        while 0 <= k < len(words) and starts[k] < s:
            before = text[first:starts[k]]
            # …but one character before it is a word jieba broke (中|创新|航, 圆|织成|套), not a clause
            if (self._verb(words[k]) and starts[k] + len(words[k]) <= s and len(before) != 1
                    and not self._strong(before)):
                first = starts[k] + len(words[k])
            k += 1
        # a cue that builds it governs the name (建设|X项目, 新建|年产…项目); so does a leading verb
        k = bisect_right(starts, first) - 1
        while first < s and 0 <= k < len(words) and starts[k] == first and (
                words[k] in self.cues or self._verb(words[k])) and starts[k] + len(words[k]) < s:
            first = starts[k] + len(words[k])
            k += 1
        if first > 0 and text[first] in "省市县区" and text[first - 1] in "我该本全":
            first += 1  # 我|县X项目 (jieba reads 我 alone): the reference is no part of the name
        return first if first < s else None

    def _stops(self, words: tuple[str, ...], k: int, part: str) -> bool:
        if part in self.function_words and len(part) == 1 and self.tags.get(part) in ("d", "ad") \
                and part not in _ADVERBS:
            return False  # a character of a brand jieba reads as an adverb (宁德时代邦|普|…)
        if part in self.stops or part in self.function_words or _TIME.match(part):
            return True
        if len(part) > 2 and part.endswith(self._stop_endings):
            return True
        if _COUNT.match(part):
            # 年产|10000|台|变压器: a capacity stays in the name; a count (4|个, 两大) or an amount ends it
            nxt = words[k + 1] if k + 1 < len(words) else ""
            return not part[-1].isdigit() or bool(_UNIT_NEXT.match(nxt)) or nxt in self.amount_units
        if part in self.amount_units or (part in self.cues and part not in self.name_verbs):
            return True
        if not self._verb(part) or part in self.region_names:
            return False
        # a verb governs the name when who does it stands before it (县长周某|宣布, 这|是); inside a long name
        # jieba reads some words as verbs (节能|幕墙, 圆|织成|套)
        prev = words[k - 1] if k else ""
        return (not prev or not _NAME_TOKEN.match(prev) or prev in self.function_words or prev in self.stops
                or self.tags.get(prev, "")[:2] in ("nr", "r") or prev in self.titles)

    def _builds(self, words: tuple[str, ...], k: int, part: str, last: bool) -> bool:
        """在某区|建设|X项目: a cue inside the span governs the name after it, unless it ends the name (X建设项目)
        or an investor stands before it (某有限公司|新建|年产…项目 is written as one name)."""
        return part in self.cues and not last and k > 0 and not words[k - 1].endswith(("公司", "集团", "厂"))

    def _strong(self, part: str) -> bool:
        """Whether ``part`` holds what only names hold: a place, a proper name, a firm, a figure or a quote."""
        if any(c.isdigit() or c in _QUOTES for c in part):
            return True
        return any(w in self.region_names or self.tags.get(w, "")[:2] in ("ns", "nz", "nt")
                   or w.endswith(("公司", "集团")) for w in self.tokenize.segment(part).words if len(w) >= 2)

    def _verb(self, word: str) -> bool:
        return self.tags.get(word) == "v" and word not in self.name_verbs

    def _right_edge(self, text: str, e: int) -> int:
        """The end of the name: after a phase or an alias in brackets (X项目(二期), X项目(中豪国际))."""
        m = _BRACKET.match(text[e:])
        if m and not self._stage_words(m.group(1)):
            return e + m.end()
        return e

    def _stage_words(self, inner: str) -> bool:
        return any(w in inner for w in self.stages)

    def _after_cue(self, text: str, seg: Segmentation, start: int) -> bool:
        """建设|X基地, 打造|X产业园: a cue (perhaps with the amount invested) right before the name."""
        k = self._token_at(seg, start)
        while k >= 0 and (_COUNT.match(seg.words[k]) or seg.words[k] in self.amount_units or seg.words[k] == "的"):
            k -= 1
        return k >= 0 and seg.words[k] in self.cues

    def _is_name(self, text: str, start: int, s: int, end: int, cued: bool = False) -> bool:
        """Whether the words before the suffix name one project, not a kind (重大项目, 招商引资项目)."""
        name = text[start:end]
        stem = text[start:s]
        if len(stem) < 2 or name in self.generic or len(name) > MAX_PROJECT:
            return False
        if _COUNTED_BEFORE.search(text, 0, start):
            return False  # 等湘商回归项目, 4个返迁安置房项目: the kind of the projects listed or counted
        if any(c.isdigit() for c in stem) or any(c in _QUOTES + OPEN for c in name) or end > s + 2:
            return True
        if stem[-1] in "和及与等" or _PHASE.fullmatch(stem):
            return False  # …和项目; 三期项目 is a phase of a project named before
        words = [w for w in self.tokenize.segment(stem).words if len(w) >= 2]
        if words and words[-1] in self.kinds:
            return False  # 某市重点招商引资|项目: that place's projects of a kind, not one project
        placed = any(w in self.region_names for w in words)
        words = [w for w in words if w not in self.region_names and w not in self.generic]
        if placed and words or cued and len(words) >= 2:
            return True  # 英山县城市风貌提升工程: a place and what is done there; 新建|稀土抛光粉生产线项目
        return any(self.tags.get(w, "x")[:2] in ("ns", "nr", "nz", "nt", "x") or self.tags.get(w) is None
                   or w[-2:] in ("公司", "集团") for w in words)

    # ---- lists of projects --------------------------------------------------------------------------

    def _listed(self, text: str, seg: Segmentation) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for m in _COUNTED.finditer(text):
            out += self._items_before(text, seg, m.start())
        for m in _KIND_AFTER.finditer(text):
            if self._kind_words(m.group(1)):
                items = self._items_before(text, seg, m.start())
                # 投资超50亿元的X等项目: one name before a bare 等项目 may be one firm among others, not a project
                out += items if m.group(1) or len(items) >= 2 else []
        for m in _OPENS.finditer(text):
            out += self._items_after(text, seg, m.end())
        return out

    def _kind_words(self, kind: str) -> bool:
        """等<kind>项目: a kind of project (湘商回归, 在10月竣工), not a clause (领导视察了)."""
        words = self.tokenize.segment(kind).words
        return len(kind) <= 8 and not any(w in self.stops and w not in self.stages for w in words)

    def _items_before(self, text: str, seg: Segmentation, end: int) -> list[tuple[int, int]]:
        """The items of the list that ends at ``end``: A、B、C (the first one's left edge as a name's)."""
        clause = max(text.rfind(c, 0, end) for c in "，。；：,;:！？") + 1
        spans = []
        pos = end
        while pos > clause:
            cut = text.rfind("、", clause, pos)
            joined = re.search(r"[”\"](?:和|与|及)[“\"][^“”\"]*[”\"]?$", text[clause:pos])
            a = max(cut + 1, clause + joined.start() + 2 if joined else clause)
            spans.append((a, pos))
            if a == clause:
                break
            pos = a - 1 if text[a - 1] == "、" else a - 2
        if len(spans) < 1:
            return []
        spans.reverse()
        out = []
        for i, (a, b) in enumerate(spans):
            item = self._item(text, seg, a, b, first=i == 0)
            if item is None:
                if i == len(spans) - 1:
                    return []  # what stands right before the count is no name: no list of projects
                continue
            out.append(item)
        # one item before a count is more often whose projects they are (某市14个项目) than a list
        alone = len(spans) == 1 and text[end:end + 1] != "等" and text[spans[0][0]:spans[0][0] + 1] not in _QUOTES
        return [] if alone else out

    def _items_after(self, text: str, seg: Segmentation, start: int) -> list[tuple[int, int]]:
        m = re.compile(r"[，。；：,;:！？]").search(text, start)
        stop = m.start() if m else len(text)
        tail = text[start:stop]
        k = tail.find("等")
        if k >= 0:
            if _FIELDS.match(tail[k:]):
                return []
            stop = start + k
        out, a = [], start
        for piece in text[start:stop].split("、"):
            item = self._item(text, seg, a, a + len(piece), first=False)
            if item is not None:
                out.append(item)
            a += len(piece) + 1
        return out if len(out) >= 2 else []

    def _item(self, text: str, seg: Segmentation, a: int, b: int, first: bool) -> tuple[int, int] | None:
        """One item's span without its quotes, or None when it is no name."""
        while a < b and text[a] in _QUOTES + " 　":
            a += 1
        while b > a and text[b - 1] in _QUOTES + " 　":
            b -= 1
        if first:
            start = self._left_edge(text, seg, b)
            if start is None or start < a:
                return None
            a = start
            while a < b and text[a] in _QUOTES:
                a += 1
        item = text[a:b]
        if not (MIN_ITEM <= len(item) <= MAX_PROJECT) or item in self.region_names or item in self.generic:
            return None
        if re.search(r"[，。；：,;:！？]|等|[\d一二三四五六七八九十两]+[个项家]", item):
            return None
        words = self.tokenize.segment(item).words
        if any(w in self.stops or w in self.function_words or self._verb(w) for w in words):
            return None
        return a, b


def _brackets(name: str) -> list[str]:
    return re.findall(r"[(（]([^()（）]{2,16})[)）]", name)


def project_variants(mentions: list[Mention]) -> list[Mention]:
    """One project, however the article writes it: a shorter form takes the fullest name it is part of
    (圆织生产线项目 of 某塑业有限公司圆织生产线项目, X of X项目, 灵青东路项目 of …(灵青东路)项目)."""
    projects = sorted({m.text: m for m in mentions if m.cls == "Project" and not m.name}.values(),
                      key=lambda m: -len(m.text))
    if len(projects) < 2:
        return mentions
    full: dict[str, str] = {}
    for m in projects:
        core = project_core(m.text)
        longer = [p for p in projects if len(p.text) > len(m.text) and p.text not in full and (
            project_core(p.text).endswith(core) and len(project_core(p.text)) - len(core) >= 2
            or project_core(p.text) == core or core in _brackets(p.text))]
        if longer and len({project_core(p.text) for p in longer if len(p.text) == len(longer[0].text)}) == 1:
            full[m.text] = longer[0].text
    if not full:
        return mentions
    return [replace(m, name=full[m.text], source=m.source + "+variant")
            if m.cls == "Project" and not m.name and m.text in full else m for m in mentions]


# ---- what the article says of its projects ----------------------------------------------------------

_DAY = re.compile(r"(?:((?:19|20)\d\d)年)?(\d{1,2})月(?:(\d{1,2})[日号])?")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
_JOINED = re.compile(r"^[”\"]?(?:、|和|及|与)[“\"]?$")
_CLAUSE = re.compile(r"[，,；;。！？!?]")
_PLACED_BEFORE = re.compile(r"(?:位于|地处|在|落户)([^，。；,;]{2,40}?)(?:境内|辖区内|内)?"
                            r"(?:举行[^，。；,;的]{0,12})?的$")
_OF_IT = re.compile(r"(?:该|此|这个|这一)?项目|其|已")
_SIGNS = re.compile(r"签约|签订|签署|投资|投建|建设|承建")
_BY = re.compile(r"[，,]?(?:将|已)?由")
_HOSTS = re.compile(r"引进|招引|签约|签下|落户|开工")
_SIGNED_WITH = re.compile(r"与([^，。；,;与]{2,30}?)(?:签约|签订|签署)[^，。；,;]{0,6}$")
_BUILT_AT = re.compile(r"在([^，。；,;在]{2,30}?)(?:建设|建立|新建|投资|落户|落地|布局|打造|兴建)")


def _date(text: str, year: str | None, article_date: str | None) -> str | None:
    """The day a sentence dates (4月26日 in the article's year), else the article's date, as ISO."""
    m = _DAY.search(text)
    if m and (m.group(1) or year):
        y = m.group(1) or year
        month = int(m.group(2))
        if 1 <= month <= 12:
            day = int(m.group(3)) if m.group(3) else 0
            return f"{y}-{month:02d}-{day:02d}" if 1 <= day <= 31 else f"{y}-{month:02d}"
    if "去年" in text and article_date:  # 已于去年竣工: the year before the article's
        return str(int(article_date[:4]) - 1)
    return article_date


class ProjectRelations:
    """Who invests in the article's projects, where they are, how far they have got and where they were
    shown: ``kg:investsIn``, ``kg:locatedIn``, ``stage:<stage>`` (kg:stage) and ``kg:presentedAt``."""

    def __init__(self) -> None:
        self.stages = {r["cue"]: r["stage"] for r in load_table("project_stages")}
        self.stage_cues = sorted(self.stages, key=len, reverse=True)
        self._stage_re = re.compile("|".join(map(re.escape, self.stage_cues)))

    def sentence(self, s: Sentence, ms: list[Mention], year: str | None, article_date: str | None
                 ) -> list[Relation]:
        """What one sentence says of the projects it names (its mentions, references resolved, in order)."""
        if not any(m.cls == "Project" for m in ms):
            return []
        return self._in_sentence(s, ms, year, article_date)

    def article(self, article: Article, sentences: tuple[Sentence, ...], mentions: list[Mention],
                relations: list[Relation], subject: Mention | None, region: Mention | None) -> list[Relation]:
        """What the article as a whole says of its projects (after its sentences' relations)."""
        projects = [m for m in mentions if m.cls == "Project" and not m.reference]
        if not projects:
            return []
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        text_of = {s.index: s for s in sentences}
        adate = article.date if article.date and re.match(r"(19|20)\d\d", article.date) else None
        year = adate[:4] if adate else None
        out: list[Relation] = []
        out += self._by_name(projects, by_sentence)
        out += self._listed_places(relations, by_sentence, text_of)
        out += self._by_article(article, projects, mentions, relations + out, subject, region, year, adate)
        return out

    @staticmethod
    def _by_name(projects: list[Mention], by_sentence: dict[int, list[Mention]]) -> list[Relation]:
        """某塑业有限公司|圆织生产线项目: the enterprise that heads a project's name invests in it."""
        out = []
        for p in projects:
            if p.source.endswith("+variant"):
                continue
            head = [m for m in by_sentence.get(p.sentence, []) if m.cls == "Enterprise" and not m.reference
                    and p.start <= m.start and m.end < p.end and m.start - p.start <= 6]
            if head:
                out.append(Relation(head[0].key, "investsIn", p.key, p.sentence, (("basis", "name"),),
                                    rule="project-name"))
        return out

    @staticmethod
    def _listed_places(relations: list[Relation], by_sentence: dict[int, list[Mention]],
                       text_of: dict[int, Sentence]) -> list[Relation]:
        """位于我县的A、B、C: a place stated for one project of a list is every listed project's."""
        out = []
        for r in relations:
            if r.predicate != "locatedIn" or not r.subject.startswith("Project/") or r.rule.startswith("name"):
                continue
            s = text_of.get(r.sentence)
            ps = [m for m in by_sentence.get(r.sentence, []) if m.cls == "Project" and not m.reference]
            ps = [m for m in ps if not any(o is not m and o.cls == "Project" and o.start <= m.start
                                           and m.end <= o.end for o in ps)]
            idx = next((i for i, m in enumerate(ps) if m.key == r.subject), None)
            if s is None or idx is None:
                continue
            chain = [ps[idx]]
            for m in ps[idx + 1:]:
                if _JOINED.match(s.text[chain[-1].end - s.start:m.start - s.start]):
                    chain.append(m)
                else:
                    break
            out += [Relation(m.key, "locatedIn", r.object, r.sentence, r.qualifiers, rule=r.rule + "+list")
                    for m in chain[1:]]
        return out

    def _in_sentence(self, s: Sentence, ms: list[Mention], year: str | None, adate: str | None
                     ) -> list[Relation]:
        text = s.text
        y = (_YEAR.search(text).group(1) if _YEAR.search(text) else year)
        date = _date(text, y, adate)
        out = []
        projects = [m for m in ms if m.cls == "Project" and not m.reference]
        projects = [m for m in projects if not any(o is not m and o.cls == "Project" and o.start <= m.start
                                                   and m.end <= o.end for o in projects)]
        events = [m for m in ms if m.cls == "Event" and not m.reference]
        places = [m for m in ms if m.cls in ("IndustrialPark", "Town") and not m.reference
                  or m.cls in ("County", "City") and m.adcode]
        cues = [(c.start(), c.end(), self.stages[c.group(0)]) for c in self._stage_re.finditer(text)]
        for p in projects:
            a, b = p.start - s.start, p.end - s.start
            # the stage: a cue in the project's clause (X项目开工, 签约X项目), else the sentence's only stage
            c0 = max((m.end() for m in _CLAUSE.finditer(text, 0, a)), default=0)
            m1 = _CLAUSE.search(text, b)
            c1 = m1.start() if m1 else len(text)
            inside = {st for cs, ce, st in cues if c0 <= cs < c1 and not (a <= cs and ce <= b)}
            if not inside:  # X项目，该项目已竣工投产: the next clause that has a stage and speaks of it
                later = [(cs, st) for cs, _, st in cues if cs >= c1]
                if later and _OF_IT.match(text, c1 + 1):
                    first = min(cs for cs, _ in later)
                    nxt = _CLAUSE.search(text, first)
                    inside = {st for cs, st in later if cs < (nxt.start() if nxt else len(text))}
            every = {st for _, _, st in cues}
            if not inside and len(every) == 1:
                inside = every
            for stage in sorted(inside):
                q = (("date", date),) if date else ()
                out.append(Relation(p.key, STAGE + stage, p.key, s.index, q, rule="project-stage"))
                # the event it was signed or started at: named in the sentence with that stage's word
                ev = [e for e in events if any(c in e.canonical for c, st in self.stages.items() if st == stage)
                      or e.start <= p.start and p.end <= e.end]
                if ev:
                    out.append(Relation(p.key, "presentedAt", ev[0].key, s.index, (("stage", stage),),
                                        rule="project-event"))
            out += self._investors(text, s, c0, a, b, c1, ms, p)
            place = self._place(text, s.start, c0, a, b, places) or self._host(text, s.start, a, ms)
            if place is not None:
                out.append(Relation(p.key, "locatedIn", place.key, s.index, rule="project-place"))
                # 八里街工业园区机械装备制造产业园: a park written right after another is inside it
                outer = [x for x in places if x.end == place.start and x is not place]
                if place.cls == "IndustrialPark" and outer:
                    out.append(Relation(place.key, "locatedIn", outer[-1].key, s.index, rule="project-place-run"))
        return out

    def _place(self, text: str, offset: int, c0: int, a: int, b: int, places: list[Mention]) -> Mention | None:
        """Where the project at ``a``–``b`` is: the place of 位于/在 <place>(境内)(举行…)的X, a place written right
        before it (园区的X, 宝应县“X”), or where a clause after it builds it (X，计划在某园区建立…)."""
        def within(w0: int, w1: int) -> list[Mention]:
            """The places written between w0 and w1, the last (outermost: 宝应某产业园, not 宝应 in it) last."""
            return sorted((x for x in places if w0 <= x.start - offset and x.end - offset <= w1),
                          key=lambda x: (x.end, x.end - x.start))

        for pattern in (_PLACED_BEFORE, _SIGNED_WITH):
            m = pattern.search(text, c0, a)
            if m and within(m.start(1), m.end(1)):
                return within(m.start(1), m.end(1))[-1]
        before = re.sub(r"(?:境内|辖区内|园区内|内)?的$", "的", text[c0:a].rstrip("“\""))
        end = c0 + len(before) - (1 if before.endswith("的") else 0)
        near = [x for x in places if x.end - offset == end and not (x.start <= a + offset and b + offset <= x.end)]
        if near:
            return near[-1]
        for m in _BUILT_AT.finditer(text, b):
            if within(m.start(1), m.end(1)):
                return within(m.start(1), m.end(1))[-1]
        return None

    @staticmethod
    def _investors(text: str, s: Sentence, c0: int, a: int, b: int, c1: int, ms: list[Mention], p: Mention
                   ) -> list[Relation]:
        """X（与Y）签约Z项目, X投资建设Z项目; Z项目由X投资建设: the enterprise invests in the project."""
        others = [m for m in ms if m.cls == "Project" and m is not p]
        # not a firm inside a project's name, nor one with another project between it and this one
        firms = [m for m in ms if m.cls == "Enterprise" and not m.reference and not (p.start <= m.start < p.end)
                 and not any(o.start <= m.start < o.end for o in others)]
        before = [m for m in firms if c0 <= m.start - s.start and m.end - s.start <= a
                  and _SIGNS.search(text, m.end - s.start, a) and not any(m.end <= o.start < p.start for o in others)]
        if before:
            return [Relation(f.key, "investsIn", p.key, s.index, rule="project-sign") for f in before[:2]]
        by = _BY.match(text, b)
        after = [f for f in firms if by and by.end() <= f.start - s.start < c1
                 and _SIGNS.search(text, f.end - s.start, c1)]
        return [Relation(after[0].key, "investsIn", p.key, s.index, rule="project-by")] if after else []

    @staticmethod
    def _host(text: str, offset: int, a: int, ms: list[Mention]) -> Mention | None:
        """浏阳…先后引进了A、B等项目: the county or city that brings in (signs, starts) the projects after it."""
        hosts = [m for m in ms if m.cls in ("County", "City") and m.adcode and m.end - offset <= a]
        if not hosts:
            return None
        host = hosts[-1]
        between = text[host.end - offset:a]
        others = [m for m in ms if host.end <= m.start and m.end - offset <= a and m.cls not in ("Project",)]
        return host if _HOSTS.search(between) and not others else None

    def _by_article(self, article: Article, projects: list[Mention], mentions: list[Mention],
                    relations: list[Relation], subject: Mention | None, region: Mention | None,
                    year: str | None, adate: str | None) -> list[Relation]:
        """What the article as a whole says: an article about one county's (park's) projects places them there;
        the stage its title reports (…项目集中开工) is each project's that no sentence gives a stage; an article
        on one project's signing with one enterprise named has that enterprise as its investor."""
        out = []
        keys = list(dict.fromkeys(p.key for p in projects))
        home = subject if subject is not None and subject.cls in ("County", "City", "IndustrialPark") else region
        first = {}
        for p in projects:
            first.setdefault(p.key, p)
        home_code = (home.adcode or "") if home is not None else ""
        above = {f"region/{home_code[:2]}0000", f"region/{home_code[:4]}00"} - {f"region/{home_code}"}
        # placed already, but not in a region above the article's (桂林某项目 in an article on a county of 桂林)
        placed = {r.subject for r in relations if r.predicate == "locatedIn" and r.object not in above}
        staged = {r.subject for r in relations if r.predicate.startswith(STAGE)}
        if home is not None and (home.cls == "IndustrialPark" or home.cls in ("County", "City") and home.adcode):
            for k in keys:
                if k not in placed:
                    out.append(Relation(k, "locatedIn", home.key, first[k].sentence, (("basis", "article"),),
                                        rule="project-article"))
        title = article.title or ""
        cue = self._stage_re.search(title)
        if cue and ("项目" in title or "工程" in title):
            stage = self.stages[cue.group(0)]
            q = (("basis", "article"),) + ((("date", adate),) if adate else ())
            out += [Relation(k, STAGE + stage, k, first[k].sentence, q, rule="project-title-stage")
                    for k in keys if k not in staged]
            events = [m for m in mentions if m.cls == "Event" and cue.group(0) in m.canonical]
            if events:
                shown = {r.subject for r in relations if r.predicate == "presentedAt"}
                out += [Relation(k, "presentedAt", events[0].key, first[k].sentence,
                                 (("basis", "article"), ("stage", stage)), rule="project-title-event")
                        for k in keys if k not in shown]
        signed = {r.subject for r in relations + out if r.predicate == STAGE + "签约"}
        investors = {r.object for r in relations if r.predicate == "investsIn"}
        firms = list(dict.fromkeys(m.key for m in mentions if m.cls == "Enterprise" and not m.reference))
        if len(keys) == 1 and keys[0] in signed and keys[0] not in investors and len(firms) == 1:
            out.append(Relation(firms[0], "investsIn", keys[0], first[keys[0]].sentence, (("basis", "article"),),
                                rule="project-signing"))
        return out
