"""Named organisations, parks, projects, clusters, events and honors, found by their suffix or cue.

A name ends in a suffix from ``tables/org_suffixes.tsv`` and runs left over jieba tokens until a
token that cannot be part of a name (``name_stops``; events: ``event_stops``), a count, or
punctuation. Generic names (``generic_names``: 该公司, 输出医院) are dropped.
"""

from __future__ import annotations

import re

from kgraph.extract.matcher import NameMatcher
from kgraph.model import Mention, Sentence, Token
from kgraph.nlp.lexicon import NAME_JOINERS, lexicon
from kgraph.nlp.tokenize import default_tokenizer
from kgraph.tables import load_table

_NAME_TOKEN = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·“”\"]+$")
_COUNT = re.compile(r"^(?:\d+(?:\.\d+)?[个家项所座批名多余场处条次位户件]{0,2}"
                    r"|[一二三四五六七八九十百千万两几多]+[个家项所座批名多余场处条次位户件]{1,2})$")
_OPEN, _CLOSE = "(（", ")）"
MAX_NAME = 30


class SuffixRecogniser:
    """Sentence → Mentions of every class that is named by a suffix."""

    def __init__(self, region_names: frozenset[str] = frozenset()) -> None:
        rows = load_table("org_suffixes")
        self.region_names = region_names
        self.suffixes = {r["suffix"]: r for r in rows}
        self.matcher = NameMatcher(self.suffixes)
        words = lexicon()
        self.stops = {r["word"] for r in load_table("name_stops")} | words.function_words
        self.verbs = words.verbs
        self.actions = words.actions
        self.event_stops = {r["word"] for r in load_table("event_stops")}
        self.generic = {r["name"] for r in load_table("generic_names")}
        self.modifiers = tuple(r["word"] for r in load_table("generic_modifiers"))
        self.project_cues = {r["cue"] for r in load_table("project_cues")}
        self.bodies = NameMatcher(r["name"] for r in load_table("government_bodies"))
        # a token ending in one of these closes another name: the next name starts after it
        self.closers = tuple(r["suffix"] for r in rows if r["kind"] == "org" and r["class"] in
                             ("Enterprise", "IndustrialPark"))
        # a joiner after a whole name joins two names (省卫生健康委和|省财政厅), else it is inside one (工业和信息化部)
        self.name_ends = tuple(r["suffix"] for r in rows if r["class"] in
                               ("Enterprise", "Hospital", "GovernmentBody", "Organization", "IndustrialPark"))
        self.tokenize = default_tokenizer()

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        text = sentence.text
        tokens = self.tokenize(text)
        starts = {t.start: i for i, t in enumerate(tokens)}
        ends = {t.end: i for i, t in enumerate(tokens)}
        out = [Mention(n, "GovernmentBody", offset + s, offset + e, sentence.index, source="body-table")
               for s, e, n in self.bodies.find(text)]
        for s, e, suffix in self.matcher.find(text):
            row = self.suffixes[suffix]
            # the suffix must end where a token ends (集团 in 集团化 is no suffix) and a one-character
            # suffix must be a token of its own (局 in 布局, 厅 in 会客厅 are none)
            if e not in ends and not (e < len(text) and text[e] in "(（，。、；：,.;:"):
                continue
            if len(suffix) == 1 and s not in starts:
                continue
            if _inside_book_title(text, s):
                continue
            first = self._left_edge(tokens, starts, ends, s, row["kind"] == "event")
            if first is None:
                continue
            start = tokens[first].start if first < len(tokens) else s
            name = text[start:e]
            name = _balance(name)
            start = e - len(name)
            if not self._is_name(name, suffix, row["kind"]):
                continue
            if row["class"] == "Project" and not self._after_project_cue(tokens, first):
                continue
            out.append(Mention(name, row["class"], offset + start, offset + e, sentence.index,
                               source=f"suffix:{suffix}"))
        return out

    def _left_edge(self, tokens: list[Token], starts: dict, ends: dict, s: int, event: bool) -> int | None:
        """Index of the first token of the name whose suffix starts at ``s``."""
        i = next((k for k, t in enumerate(tokens) if t.start <= s < t.end), None)
        if i is None:
            return None
        stops = self.event_stops if event else self.stops
        first = i
        depth = 0
        k = i - 1
        while k >= 0:
            t = tokens[k].text
            if t in _CLOSE:
                depth += 1
            elif t in _OPEN:
                if depth == 0:
                    break
                depth -= 1
            elif t in stops or not _NAME_TOKEN.match(t):
                break
            elif not event and t in NAME_JOINERS and "".join(x.text for x in tokens[max(0, k - 3):k]).endswith(
                    self.name_ends):
                break
            elif not event and t.endswith(self.closers):
                break
            elif not event and _COUNT.match(t):
                break
            if tokens[i].end - tokens[k].start > MAX_NAME:
                break
            first = k
            k -= 1
        # a verb at the left edge governs the name, it is not part of it (夯实|铜基新材料集群);
        # after 的 a noun phrase begins, verb-like words and all (的|视听设备制造产业集群)
        after_de = first > 0 and tokens[first - 1].text == "的"
        while not event and not after_de and first < i and tokens[first].text in self.verbs:
            first += 1
        while first < i and tokens[first].text in NAME_JOINERS:  # 江西余江工业园区和|贵溪经开区
            first += 1
        # a name starts at its region: 在赣州市调研|赣州腾远钴业… (a region right after an action word)
        for k in range(first + 1, i):
            if tokens[k].text in self.region_names and tokens[k - 1].text in self.actions:
                first = k
        return first

    def _after_project_cue(self, tokens: list[Token], first: int) -> bool:
        k = first - 1
        while k >= 0 and _COUNT.match(tokens[k].text):
            k -= 1
        return k >= 0 and tokens[k].text in self.project_cues

    def _is_name(self, name: str, suffix: str, kind: str) -> bool:
        if name in self.generic or len(name) <= len(suffix):
            return False
        stem = name[: -len(suffix)]
        if kind == "weak" and (len(stem) < 2 or stem in self.generic or stem.endswith(self.modifiers)):
            return False
        return not name.startswith(("”", "“")) or name.count("“") == name.count("”")


def _inside_book_title(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside 《…》 (a document's title names no organisation of its own)."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


def _balance(name: str) -> str:
    """Drop an unbalanced opening part: '(赣州市人民医院' → '赣州市人民医院'."""
    while name and name[0] in _OPEN + _CLOSE:
        name = name[1:]
    return name


class HonorRecogniser:
    """Honors: the known titles of ``tables/honors.tsv`` anywhere, and whatever follows an award cue."""

    _END = re.compile(r"[，。；：、,;:！？（(\d]|等|名单|称号|行列|榜单|$")

    def __init__(self) -> None:
        self.known = NameMatcher(r["honor"] for r in load_table("honors"))
        self.cues = NameMatcher(r["cue"] for r in load_table("award_cues"))
        self.heads = tuple(r["head"] for r in load_table("honor_heads"))

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        text = sentence.text
        out = [Mention(n, "Honor", offset + s, offset + e, sentence.index, source="honor-table")
               for s, e, n in self.known.find(text)]
        taken = {(m.start, m.end) for m in out}
        for _, e, _ in self.cues.find(text):
            pos = e
            while pos < len(text):
                m = self._END.search(text, pos)
                end = m.start() if m else len(text)
                name = text[pos:end].lstrip("为")
                start = end - len(name)
                if 3 <= len(name) <= 25 and name.endswith(self.heads) and (offset + start, offset + end) not in taken:
                    out.append(Mention(name, "Honor", offset + start, offset + end, sentence.index,
                                       source="honor-cue"))
                # a list of honors: 跻身A、B
                if m and text[m.start():m.start() + 1] == "、":
                    pos = m.end()
                    continue
                break
        return out
