"""Names jieba's dictionary knows (美国, 新华社), and people named without a title (邓小平, 陆慧明, 克林顿).

The recognisers of regions and organisations need a suffix or a gazetteer entry; this one catches
what they cannot: foreign places, organisations known by a bare name, and people. A person is a
name-shaped span (``nlp.names.person_candidates``) the learned name model accepts: its surname,
given characters, dictionary tag and the words around it (说, 记者, 先生 …) weigh for or against.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress

from kgraph.extract.matcher import NameMatcher
from kgraph.gazetteer import Gazetteer
from kgraph.model import Mention, Sentence
from kgraph.nlp.lexicon import NAME_JOINERS, lexicon
from kgraph.nlp.names import ANONYMOUS, PersonScorer, looks_like_name, name_candidates, person_model, surnames
from kgraph.nlp.tokenize import Segmentation, default_tokenizer
from kgraph.tables import load_table

# Places jieba knows that are not regions: streets, squares, bridges.
STREETS = ("街", "路", "巷", "道", "桥", "广场", "大厦", "门")
# A place word one or two words before one of these is part of a smaller place's name (三溪|镇,
# 大黑|沙土|镇, 布拉格|苏木, 夕阳|彝族乡); 日本|乡村 is Japan.
SMALLER_PLACES = frozenset({"镇", "乡", "街道", "村", "社区", "小区", "苏木", "嘎查"})
ETHNIC_TOWNS = ("族乡", "族镇", "族苏木")
# A name the dictionary knows or a cue vouches for needs less from the model, but not nothing:
# below this the model has seen such spans be places, teams and titles (阿森纳, 王府井, 鹿鼎记).
VOUCHED_FLOOR = 0.3
CLASS_OF_TAG = {"place": "Region", "organisation": "Organization", "person": "Person"}


class LexicalRecogniser:
    """Sentence → mentions of dictionary names and cue-supported unknown person names."""

    def __init__(self, gazetteer: Gazetteer):
        lex = lexicon()
        self.names = lex.names
        self.words = lex.words
        self.tags = lex.tags
        self.model = person_model()
        self.score = PersonScorer(self.model, self.tags)
        self.common = lex.common
        self.function_words, self.actions = lex.function_words, lex.actions
        self.surnames, self.double_surnames = surnames()
        self.generic = {r["name"] for r in load_table("generic_names")}
        self.tokenize = default_tokenizer()
        # Chinese divisions are the region recogniser's: it knows when a short form is a place
        self.divisions = set(gazetteer.full) | set(gazetteer.short) | set(gazetteer.former)
        self.not_regions = {r["word"] for r in load_table("region_traps")}
        self.world = {r["name"] for r in load_table("world_places")}
        self.world_matcher = NameMatcher(self.world - self.divisions)
        self.matchers = (self.world_matcher,)  # primed with each article
        self.suffix_classes = sorted(((r["suffix"], r["class"]) for r in load_table("org_suffixes")
                                      if r["class"] in ("Enterprise", "Hospital", "GovernmentBody", "Organization")),
                                     key=lambda sc: -len(sc[0]))
        self.suffixes = frozenset(r["suffix"] for r in load_table("org_suffixes"))
        self.abbreviations = {r["abbr"]: r["name"] for r in load_table("country_abbreviations")}
        self.short_forms = {r["name"]: (r["class"], r["full"]) for r in load_table("org_short_forms")}
        self.place_words = tuple(r["suffix"] for r in load_table("place_words"))
        cues = load_table("place_cues")
        self.place_before = {r["cue"] for r in cues if r["side"] == "before"}
        self.place_after = {r["cue"] for r in cues if r["side"] == "after"}
        pair_cues = sorted((r["cue"] for r in cues if r["side"] == "pair"), key=len, reverse=True)
        self.pair_re = re.compile(f"([{''.join(self.abbreviations)}]{{2,4}})(?:{'|'.join(pair_cues)})")
        rows = load_table("person_cues")
        self.after = {r["cue"] for r in rows if r["side"] == "after"}
        self.before = {r["cue"] for r in rows if r["side"] == "before"}
        self.between = {r["cue"] for r in rows if r["side"] == "between"}

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        seg = self.tokenize.segment(sentence.text)
        words = seg.words
        out = []
        names = self.names
        for i in compress(range(len(words)), map(names.__contains__, words)):  # few words are names
            w = words[i]
            tag = names[w]
            if tag == "person" or len(w) < 2 or w in self.generic or w in self.suffixes:
                continue  # 卫生院, 研究所 alone are kinds
            if tag == "place" and not self._place(w, words, i) or tag == "organisation" and w in self.divisions:
                continue  # 渝中区 is a district whatever jieba tags it
            cls = CLASS_OF_TAG[tag]
            if tag == "organisation":
                cls = next((c for suf, c in self.suffix_classes if w.endswith(suf)), cls)  # 财政部, 招商银行
            out.append(Mention(w, cls, offset + seg.starts[i], offset + seg.ends[i], sentence.index,
                               source=f"lexicon:{tag}"))
        short = self.short_forms
        for i in compress(range(len(words)), map(short.__contains__, words)):
            cls, full = short[words[i]]
            out.append(Mention(words[i], cls, offset + seg.starts[i], offset + seg.ends[i], sentence.index,
                               name=full, source="short-form"))
        out.extend(self._world(sentence, offset, seg))
        out.extend(self._country_pairs(sentence, offset, seg))
        out.extend(self._people(sentence, offset, seg))
        return out

    def _world(self, sentence: Sentence, offset: int, seg: Segmentation) -> list[Mention]:
        """Names of ``world_places`` (伊拉克, 莫斯科, 尼罗河) whatever jieba tags them, if they are whole words."""
        text = sentence.text
        found = self.world_matcher.find(text)
        if not found:
            return []
        starts, ends = seg.at_start(), seg.at_end()
        return [Mention(n, "Region", offset + s, offset + e, sentence.index, source="lexicon:world")
                for s, e, n in found if s in starts and e in ends and not _in_smaller_place(seg.words, ends[e])
                and not self._given_name(seg.words, starts[s])]

    def _country_pairs(self, sentence: Sentence, offset: int, seg: Segmentation) -> list[Mention]:
        """中美关系, 中日两国: each one-character country before a pair cue names that country (中 → 中国)."""
        text = sentence.text
        if self.pair_re.search(text) is None:
            return []  # most sentences: no pair cue after country abbreviations anywhere
        out = []
        ends = seg.at_end()
        for start in seg.starts:
            m = self.pair_re.match(text, start)
            if not m or m.end() not in ends or len(set(m.group(1))) < len(m.group(1)):
                continue
            for j, ch in enumerate(m.group(1)):
                out.append(Mention(ch, "Region", offset + start + j, offset + start + j + 1, sentence.index,
                                   name=self.abbreviations[ch], source="lexicon:abbreviation"))
        return out

    def _people(self, sentence: Sentence, offset: int, seg: Segmentation) -> list[Mention]:
        """The name-shaped spans the model takes for people; of two overlapping, the likelier."""
        words = seg.words
        scored = []
        for c in name_candidates(words):
            if (c.text in self.divisions or c.text in self.world or c.text in self.generic or c.text in self.short_forms
                    or c.text.endswith(ANONYMOUS)):
                continue
            if c.last - c.first > 1 and words[c.first] in self.divisions and words[c.first] not in self.double_surnames:
                continue  # 云南|恒(立新材料…): a place and a character (but 南宫|宏志 is a name)
            p = self.score(words, c)
            if p >= self.model.threshold:
                scored.append((p, c, "name-model"))
            elif p >= VOUCHED_FLOOR and c.last - c.first == 1 and self._vouched(words, c.first):
                scored.append((p, c, "name-cue"))
        if not scored:
            return []
        taken: list[tuple[int, int]] = []
        out = []
        for p, c, why in sorted(scored, key=lambda pc: (-pc[0], pc[1].first)):
            if any(a < c.last and c.first < b for a, b in taken):
                continue
            taken.append((c.first, c.last))
            s, e = seg.starts[c.first], seg.ends[c.last - 1]
            out.append(Mention(c.text, "Person", offset + s, offset + e, sentence.index, source=f"{why}:{p:.2f}"))
        return out

    def _vouched(self, words: Sequence[str], i: int) -> bool:
        """A name the dictionary knows (three characters) or a person cue stands next to (说, 会见)."""
        w = words[i]
        tag = self.names.get(w)
        if tag == "person" and len(w) >= 3 and self._plausible_person(w):
            return True
        return (w not in self.words or tag == "person") and self._cued_name(words, i)

    def _place(self, w: str, words: Sequence[str], i: int) -> bool:
        """jieba tags many ordinary words as places (满意度, 惠及): take world names, place words (…国, …山),
        and others only where a locative cue stands next to them (赴|日本, 巴西|人民)."""
        if w in self.divisions or w in self.not_regions or w.endswith(STREETS) or w[0] in "各该本这全每":
            return False
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if _in_smaller_place(words, i) or self._given_name(words, i):
            return False
        if w in self.world or w.endswith(self.place_words):
            return True
        return prev in self.place_before or nxt in self.place_after

    def _given_name(self, words: Sequence[str], i: int) -> bool:
        """A two-character place word after a lone surname is a given name (索|德国说, 陶|小国告诉记者)."""
        prev = words[i - 1] if i else ""
        return (len(words[i]) == 2 and len(prev) == 1 and prev in self.surnames
                and prev not in self.function_words and prev not in self.actions and prev not in NAME_JOINERS)

    def _plausible_person(self, w: str) -> bool:
        """A name, not a compound of ordinary words mis-tagged as one (安全感, 高水平)."""
        return (looks_like_name(w) and not w.endswith(ANONYMOUS)
                and not (len(w) == 3 and (w[:2] in self.common or w[1:] in self.common)))

    def _cued_name(self, words: Sequence[str], i: int) -> bool:
        w = words[i]
        if not self._plausible_person(w):
            return False
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt in self.after or prev in self.before:
            return True
        # 张三、李四: a list cue counts only between two name-like words
        if nxt in self.between and i + 2 < len(words) and self._namelike(words[i + 2]):
            return True
        return prev in self.between and i >= 2 and self._namelike(words[i - 2])

    def _namelike(self, w: str) -> bool:
        return looks_like_name(w) and (w not in self.words or self.names.get(w) == "person")


def _in_smaller_place(words: Sequence[str], i: int) -> bool:
    """Whether word ``i`` begins the name of a town, village or community (三溪|镇, 大黑|沙土|镇)."""
    for j in (i + 1, i + 2):
        w = words[j] if j < len(words) else ""
        if w in SMALLER_PLACES or w.endswith(ETHNIC_TOWNS):
            return True
        if len(w) > 2 or not w.isalpha():
            return False
    return False
