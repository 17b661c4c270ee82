"""People named next to a title (省长叶建春, 董事长黄相程, 曾国勇博士)."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

from kgraph.model import Mention, Sentence
from kgraph.nlp.lexicon import lexicon
from kgraph.nlp.names import ANONYMOUS, DOTS, NO_DOTS, looks_like_name, surnames, transliteration_chars
from kgraph.nlp.tokenize import Segmentation, default_tokenizer
from kgraph.tables import load_table

# Characters that begin the word after a two-character name (副省长沙可出席 → 沙可, not 沙可出).
_AFTER_NAME = set("，。、；：:,（(主说表介指强在出认对称也是等和与及同到为带参陪会要希的就了摄")
# Of those, the ones that end a name only where they begin a word of their own (强|调 ends 沙可, but
# 朱志强|负有 and 陈家强|表示 keep theirs): jieba, asked about what follows, says which.
_WORD_INITIAL = set("主表介指强出认带参陪希")
# a photo credit jieba glues to a two-character name (记者|张华摄): never the name's last character
_CREDIT_ENDS = frozenset("摄")
# the end of a university's department before its professor (金融系|教授): no name's last character
_UNIT_ENDS = frozenset("系")
# what ends a list of people right after a name (赵国平等, 王兴及双方): never the name's last character
_LIST_ENDS = frozenset("等及")
# Anonymous references are not people: 陈先生, 宁女士.
# A word of this many characters jieba tags as a name is taken whole after a title (小渊惠三, 内塔尼亚胡)
LONG_NAME, LONGEST_NAME = 4, 5


@cache
def thing_ends() -> frozenset[str]:
    """Last characters of places and things jieba's dictionary also tags as names (玉虚宫, 黄兴路)."""
    return frozenset(r["char"] for r in load_table("thing_ends"))


class TitledPersonRecogniser:
    """Title + name or name + title → a Person mention; ``source`` keeps the title (``title:省长``)."""

    def __init__(self, places: Collection[str] = ()) -> None:
        # places a title may stand before (通讯员|章贡区融媒体中心, 负责人|南康区…): no person's name
        self.places = frozenset(p for p in places if len(p) >= 2)
        self.longest_place = max(map(len, self.places), default=0)
        self.tokenize = default_tokenizer()
        rows = load_table("titles")
        self.before = sorted((r["title"] for r in rows if r["side"] == "before"), key=len, reverse=True)
        self.after = sorted((r["title"] for r in rows if r["side"] == "after"), key=len, reverse=True)
        self.before_re = re.compile("|".join(map(re.escape, self.before)))
        # 副总理和钱其琛: a list word after a title begins no name (和 is a surname, but not there)
        self.joiners = frozenset(r["cue"] for r in load_table("person_cues") if r["side"] == "between")
        self.tags = lexicon().tags
        self.after_re = re.compile(rf"([\u4e00-\u9fff]{{2,3}})({'|'.join(map(re.escape, self.after))})")
        self.matchers = ()

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        text = sentence.text
        out = []
        seg = self.tokenize.segment(text)
        for m in self.before_re.finditer(text):
            if self._place_at(text, m.end()):
                continue
            if text[m.end():m.end() + 1] in self.joiners:
                continue
            if m.start() not in seg.at_start() and m.end() not in seg.at_start():
                continue  # the title straddles two other words: 房山区|长阳镇, 万州|长江 (but 矿业|部|长沙|基卜)
            name = _name_at(text, m.end(), seg)
            if name and text[m.end() + len(name):m.end() + len(name) + 1] in DOTS:
                continue  # 卡尔|·莱文: cut short at a dot; the whole dotted name is the name model's
            if name and not self._word_not_name(name, m.end(), seg):
                out.append(Mention(name, "Person", offset + m.end(), offset + m.end() + len(name), sentence.index,
                                   source=f"title:{m.group(0)}"))
                out += self._listed_after(text, m.end() + len(name), seg, offset, sentence.index)
        for m in self.after_re.finditer(text):
            name = m.group(1)
            for cand in (name, name[1:]):
                s = m.end(1) - len(cand)
                # a name begins a word: 华大学 of 清华大学|教授 is none
                if looks_like_name(cand) and s in self.tokenize.segment(text).at_start() and not self._thing(cand):
                    out.append(Mention(cand, "Person", offset + s, offset + m.end(1), sentence.index,
                                       source=f"title-after:{m.group(2)}"))
                    break
        return out

    def _thing(self, name: str) -> bool:
        """A word before 教授, 博士 that names a thing, not a person: 金融学|教授 (a dictionary word that is no
        name), 中文系|教授 (a department's ending)."""
        tag = self.tags.get(name)
        return tag is not None and not tag.startswith("nr") or name[-1] in thing_ends() or name[-1] in _UNIT_ENDS

    def _listed_after(self, text: str, end: int, seg: Segmentation, offset: int, index: int) -> list[Mention]:
        """县领导甲、乙、丙: the names listed after a titled one (up to one with a title of its own)."""
        out = []
        while text.startswith("、", end) and not self.before_re.match(text, end + 1):
            name = _name_at(text, end + 1, seg)
            if not name or not looks_like_name(name) or self._word_not_name(name, end + 1, seg) \
                    or end + 1 not in seg.at_start():
                break
            out.append(Mention(name, "Person", offset + end + 1, offset + end + 1 + len(name), index,
                               source="name-listed"))
            end += 1 + len(name)
        return out

    def _word_not_name(self, name: str, pos: int, seg: Segmentation) -> bool:
        """A verb or a word after a title, not a name: 记者|来到, 向记者|解答, 记者|向|石家庄 (a preposition)."""
        tags = self.tags
        tag = tags.get(name)
        if tag is not None and not tag.startswith("nr"):
            return True
        i = seg.at_start().get(pos)
        if i is None or tags.get(seg.words[i]) != "p" or i + 1 >= len(seg.words):
            return False
        nxt = seg.words[i + 1]
        return len(nxt) >= 2 and not tags.get(nxt, "nr").startswith("nr")

    def _place_at(self, text: str, pos: int) -> bool:
        """Whether a place's name (a division's full name, a place abroad) starts at ``pos``."""
        return any(text[pos:pos + n] in self.places for n in range(2, min(self.longest_place, len(text) - pos) + 1))


def _name_at(text: str, pos: int, seg: Segmentation) -> str | None:
    """The name starting at ``pos``: two given characters unless the second begins the next word (吴芳|正在,
    沙可|出席); a two-character surname takes two more (总经理东方杰建)."""
    if text[pos + 2:pos + 4].startswith(ANONYMOUS) or text[pos + 1:pos + 3].startswith(ANONYMOUS):
        return None
    whole = seg.at_start().get(pos)
    word = seg.words[whole] if whole is not None else ""
    foreign = _transliterated_at(text, pos)
    if (LONG_NAME <= len(word) <= LONGEST_NAME and len(foreign) <= len(word)
            and lexicon().tags.get(word) in ("nr", "nrt") and word[-1] not in thing_ends()):
        return word  # a longer name jieba knows whole: 首相|小渊惠三, 总理|内塔尼亚胡 (胡 is no transliteration char)
    if len(foreign.translate(NO_DOTS)) >= 4 or any(d in foreign for d in DOTS):
        return foreign  # 总统梅德韦杰夫, 发言人杰夫•莫雷尔: not 梅德韦, 杰夫
    n = 2 if text[pos:pos + 2] in surnames()[1] else 1
    long, short = text[pos:pos + n + 2], text[pos:pos + n + 1]
    at_start = seg.at_start()
    whole = at_start.get(pos)
    if whole is not None and seg.words[whole] == long and looks_like_name(long) and long[-1] not in _LIST_ENDS \
            and long[-1] not in _CREDIT_ENDS:
        return long  # jieba reads the three characters as one word (陈志强|介绍)
    at = at_start.get(pos + n + 1)  # where the second given character is
    # the second given character begins a word (吴芳|正在) or the next name (记者冀欣|李雯珊); not a word jieba
    # made up of it and what follows (刘海|生曾)
    next_word = at is not None and len(seg.words[at]) >= 2 and (
        seg.words[at] in lexicon().words or looks_like_name(seg.words[at]))
    glued = seg.words[at] if at is not None else ""
    if next_word and (glued[1:].startswith(ANONYMOUS) or glued[1:] in _LIST_ENDS or len(glued) == 2
                      and glued not in lexicon().words and glued[1] in _AFTER_NAME - _WORD_INITIAL):
        # jieba glues the last given character to 等, 与, 说 … (赵国|平等, 赵国|平与): the name ends before them
        next_word = False
    if next_word and seg.words[at][1:].startswith(ANONYMOUS):
        next_word = False  # jieba glues the last given character to 先生 (李晓|林先生)
    if len(long) == n + 2 and not _ends_name(text, pos + n + 1) and not next_word and looks_like_name(long):
        return long
    if looks_like_name(short):
        return short
    # a transliterated name: 总统克林顿 (a run of transliteration characters)
    return foreign if len(foreign) >= 2 else None


def _ends_name(text: str, pos: int) -> bool:
    """Whether the character at ``pos`` begins what follows a name rather than ending the name."""
    char = text[pos:pos + 1]
    if char not in _AFTER_NAME:
        return False
    if char not in _WORD_INITIAL:
        return True
    return len(default_tokenizer().segment(text[pos:pos + 6]).words[0]) >= 2


def _transliterated_at(text: str, pos: int) -> str:
    """The run of transliteration characters at ``pos``, parts joined by a dot (杰夫•莫雷尔); at most 6 a part."""
    chars = transliteration_chars()
    end = pos
    while True:
        part = end
        while end < len(text) and end - part < 6 and text[end] in chars:
            end += 1
        if end - part < 2 or end + 2 >= len(text) or text[end] not in DOTS or text[end + 1] not in chars:
            return text[pos:end] if end - part >= 2 or part == pos else text[pos:part - 1]
        end += 1
