"""Names jieba's dictionary knows (美国, 新华社), and people named without a title (邓小平, 陆慧明, 克林顿).

The recognisers of regions and organisations need a suffix or a gazetteer entry; this one catches
what they cannot: foreign places, organisations known by a bare name, and people. A person is a
name-shaped span (``nlp.names.person_candidates``) the learned name model accepts: its surname,
given characters, dictionary tag and the words around it (说, 记者, 先生 …) weigh for or against.
Less is asked of a name jieba's dictionary knows, of one next to a person cue, and of one listed
(、, 和) beside a person; a character jieba glues to a name (吴国|平说) is split off first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress

from kgraph.extract.foreign import NAME_GOES_ON, ForeignPlaces
from kgraph.extract.matcher import NameMatcher
from kgraph.extract.regions import NUMBERED_STREET
from kgraph.gazetteer import Gazetteer
from kgraph.model import Mention, Sentence
from kgraph.nlp.lexicon import NAME_JOINERS, lexicon
from kgraph.nlp.names import (
    ANONYMOUS,
    Candidate,
    PersonScorer,
    looks_foreign,
    looks_like_name,
    name_candidates,
    person_model,
    surname_rank,
    surnames,
    unglued,
)
from kgraph.nlp.tokenize import Segmentation, default_tokenizer
from kgraph.tables import load_table

# Places jieba knows that are not regions: streets, squares, bridges.
STREETS = ("街", "路", "巷", "道", "桥", "广场", "大厦", "门")
# A place word one or two words before one of these is part of a smaller place's name (三溪|镇,
# 大黑|沙土|镇, 布拉格|苏木, 夕阳|彝族乡); 日本|乡村 is Japan.
SMALLER_PLACES = frozenset({"镇", "乡", "街道", "村", "社区", "小区", "苏木", "嘎查"})
ETHNIC_TOWNS = ("族乡", "族镇", "族苏木")
TOWN_ENDS = ("镇", "乡", "村")  # a word of one or two characters ending so, after a name, ends a place's name
# A name the dictionary knows or a cue vouches for needs less from the model, but not nothing:
# below this the model has seen such spans be places, teams and titles (阿森纳, 王府井, 鹿鼎记).
VOUCHED_FLOOR = 0.3
# A three-character name jieba's dictionary knows, of a common surname and no place or thing ending
# (``_known_name``), is a person unless the model is all but sure it is not: the model learned from
# CLUENER, where such words are as often teams and places; in news they are mostly people. Next to a
# person cue (江泽民|同志, 会见|李鹏) it is one whatever the model says.
KNOWN_FLOOR = 0.05
# A transliterated name jieba's dictionary knows (nr, nrt) that no noun or place word continues (伯纳乌|球场,
# 西哈努克|港) needs this much: the model learned from CLUENER, where such words are mostly clubs and places.
FOREIGN_FLOOR = 0.2
# A two-character name jieba's dictionary tags nr (李鹏, 乔石) needs this much where no cue stands by: the
# dictionary's tag counts for something the model, learned from pages where such words are often other
# things, does not weigh.
SHORT_NR_FLOOR = 0.5
# A name-shaped span next to a person in a list (张三、李四和王五) needs only this much from the model.
LIST_FLOOR = 0.1
# The one-character street words: a two-character "name" ending in one, after a word jieba does not know,
# is the tail of a street's name it cut (接桂|黄路 of 桂黄路), not a person (张路 after 借鉴 is one).
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
STREET_ENDS = frozenset("路街巷道")
# Surnames that are also prepositions: 于 + one character after a verb, closing the clause (问计|于民,
# 取之|于民。), is the preposition and its object, not a person.
PREPOSITION_SURNAMES = frozenset("于")
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
        self.venue_ends = tuple(r["end"] for r in load_table("venue_ends"))
        self.not_regions = {r["word"] for r in load_table("region_traps")}
        self.areas = {r["name"] for r in load_table("informal_regions")}
        self.world = {r["name"] for r in load_table("world_places")}
        self.world_matcher = NameMatcher(self.world - self.divisions)
        # titles jieba glues to the country before them (日本首相, 英国女王): the country is named
        self.glued_titles = frozenset(r["title"] for r in load_table("titles") if r["side"] == "before")
        self.places = frozenset(self.world | self.divisions)
        self.foreign = ForeignPlaces(self.places)
        self.suffix_classes = sorted(((r["suffix"], r["class"]) for r in load_table("org_suffixes")
                                      if r["class"] in ("Enterprise", "Hospital", "GovernmentBody", "Organization")),
                                     key=lambda sc: -len(sc[0]))
        self.suffixes = frozenset(r["suffix"] for r in load_table("org_suffixes"))
        self.abbreviations = {r["abbr"]: r["name"] for r in load_table("country_abbreviations")}
        self.short_forms = {r["name"]: (r["class"], r["full"]) for r in load_table("org_short_forms")}
        place_words = load_table("place_words")
        self.place_words = tuple(sorted((r["suffix"] for r in place_words), key=len, reverse=True))
        self.same_place_words = tuple(r["suffix"] for r in place_words if r["same"] == "yes")
        cues = load_table("place_cues")
        self.place_before = {r["cue"] for r in cues if r["side"] == "before"}
        self.place_after = {r["cue"] for r in cues if r["side"] == "after"}
        pair_cues = sorted((r["cue"] for r in cues if r["side"] == "pair"), key=len, reverse=True)
        pair = f"[{''.join(self.abbreviations)}]{{2,4}}"
        self.pair_re = re.compile(f"({pair}(?:、{pair})*)(?:{'|'.join(pair_cues)})")  # 中美、中日贸易: a list too
        rows = load_table("person_cues")
        self.after = {r["cue"] for r in rows if r["side"] == "after"}
        self.before = {r["cue"] for r in rows if r["side"] == "before"}
        self.between = {r["cue"] for r in rows if r["side"] == "between"}
        self.thing_ends = frozenset(r["char"] for r in load_table("thing_ends"))
        clubs = load_table("sports_clubs")
        self.clubs = {r["name"]: r["needs"] == "match" for r in clubs}  # name → a club only in a match
        self.match_cues = frozenset(r["cue"] for r in load_table("match_cues"))
        self.club_matcher = NameMatcher({*self.clubs, *self.match_cues})
        self.matchers = (self.world_matcher, self.club_matcher)  # primed with each article

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
            if tag == "place" and not self._place(w, words, i) or tag == "organisation" and (
                    w in self.places or w.endswith(self.venue_ends)):
                continue  # 渝中区 is a district, 北方邦 a state, whatever jieba tags them; 北京站 is a venue
            cls = CLASS_OF_TAG[tag]
            name = None
            if tag == "place" and w.endswith(self.same_place_words):
                name = next(w[:-len(p)] for p in self.same_place_words if w.endswith(p))  # 中东地区 → 中东
                if name in self.divisions or name in self.areas:
                    continue  # 北京地区, 湘南地区: the region recogniser's 北京, 湘南
                if name not in self.world:
                    name = None
            if tag == "organisation":
                cls = next((c for suf, c in self.suffix_classes if w.endswith(suf)), cls)  # 财政部, 招商银行
            out.append(Mention(w, cls, offset + seg.starts[i], offset + seg.ends[i], sentence.index, name=name,
                               source=f"lexicon:{tag}"))
        short = self.short_forms
        for i in compress(range(len(words)), map(short.__contains__, words)):
            cls, full = short[words[i]]
            out.append(Mention(words[i], cls, offset + seg.starts[i], offset + seg.ends[i], sentence.index,
                               name=full, source="short-form"))
        out.extend(self._world(sentence, offset, seg))
        out.extend(self._clubs(sentence, offset, seg))
        out.extend(self._country_pairs(sentence, offset, seg))
        foreign = [Mention("".join(words[i:j]), "Region", offset + seg.starts[i], offset + seg.ends[j - 1],
                           sentence.index, source="lexicon:foreign") for i, j in self.foreign.find(words)]
        out.extend(foreign)
        # a cued foreign place is no person (抵达|霍巴特)
        out.extend(p for p in self._people(sentence, offset, seg)
                   if not any(f.start < p.end and p.start < f.end for f in foreign))
        return out

    def _world(self, sentence: Sentence, offset: int, seg: Segmentation) -> list[Mention]:
        """Names of ``world_places`` (伊拉克, 莫斯科, 尼罗河) whatever jieba tags them, if they are whole words."""
        text = sentence.text
        found = self.world_matcher.find(text)
        if not found:
            return []
        starts, ends = seg.at_start(), seg.at_end()
        return [Mention(n, "Region", offset + s, offset + e, sentence.index, source="lexicon:world")
                for s, e, n in found if (s in starts and e in ends and not _in_smaller_place(seg.words, ends[e])
                                         and not self._given_name(seg.words, starts[s]))
                or self._glued_place(text, s, e, seg)]

    def _glued_place(self, text: str, s: int, e: int, seg: Segmentation) -> bool:
        """A place jieba reads as one word with the title or the place after it (日本首相, 德国总理, 美国纽约),
        or the place after another one (纽约 of 美国纽约)."""
        starts, ends = seg.at_start(), seg.at_end()
        if s in starts and e not in ends:
            rest = text[e:seg.ends[starts[s]]]
            return rest in self.glued_titles or rest in self.world
        if e in ends and s not in starts:
            return text[seg.starts[ends[e]]:s] in self.world
        return False

    def _clubs(self, sentence: Sentence, offset: int, seg: Segmentation) -> list[Mention]:
        """Football clubs (曼联, 拜仁) and, in a sentence about a match, a city's club (罗马vs佛罗伦萨): whole words."""
        found = self.club_matcher.find(sentence.text)
        if not found:
            return []
        clubs = self.clubs
        match = any(n in self.match_cues or clubs.get(n) is False for _, _, n in found)
        starts, ends = seg.at_start(), seg.at_end()
        text, out = sentence.text, []
        for s, e, n in found:
            if n in clubs and (match or not clubs[n]) and s in starts:
                if text[e:e + 1] == "队" and e + 1 in ends:
                    e, n = e + 1, n + "队"  # the club's name with 队 (维冈|队, 维冈队) is one name
                elif e not in ends:
                    continue
                out.append(Mention(n, "Organization", offset + s, offset + e, sentence.index, source="lexicon:club"))
        return out

    def _country_pairs(self, sentence: Sentence, offset: int, seg: Segmentation) -> list[Mention]:
        """中美关系, 中日两国: each one-character country before a pair cue names that country (中 → 中国)."""
        text = sentence.text
        if self.pair_re.search(text) is None:
            return []  # most sentences: no pair cue after country abbreviations anywhere
        out = []
        starts, ends = seg.at_start(), seg.at_end()
        done = -1  # the end of the last list taken (its later pairs match again on their own)
        for start in seg.starts:
            m = self.pair_re.match(text, start)
            # the cue a word of its own or the start of one (中俄|两国关系)
            if start < done or not m or (m.end() not in ends and m.end(1) not in starts):
                continue
            pairs = m.group(1).split("、")
            if any(len(set(p)) < len(p) for p in pairs):
                continue
            done = m.end()
            for j, ch in enumerate(m.group(1)):
                if ch != "、":
                    out.append(Mention(ch, "Region", offset + start + j, offset + start + j + 1, sentence.index,
                                       name=self.abbreviations[ch], source="lexicon:abbreviation"))
        return out

    def _people(self, sentence: Sentence, offset: int, seg: Segmentation) -> list[Mention]:
        """The name-shaped spans the model takes for people; of two overlapping, the likelier."""
        split = unglued(seg.words, self.words.__contains__)
        if split is not None:
            seg = Segmentation(tuple(split))
        words = seg.words
        scored = []
        listed = []  # rejected, but a person's neighbour in a list would make them one
        for c in name_candidates(words):
            if self.never_a_person(words, c):
                continue
            p = self.score(words, c)
            if p >= self.model.threshold:
                scored.append((p, c, "name-model"))
            elif p >= VOUCHED_FLOOR and c.last - c.first == 1 and self._vouched(words, c.first):
                scored.append((p, c, "name-cue"))
            elif (p >= VOUCHED_FLOOR and c.shape == "1+2" and self._plausible_person(c.text)
                  and self._cue_around(words, c.first, c.last)):
                scored.append((p, c, "name-cue"))  # 夏侯|强杰|说
            elif (c.last - c.first == 1 and self._known_name(c.text)
                  and (p >= KNOWN_FLOOR or self._cued_name(words, c.first))):
                scored.append((p, c, "name-known"))
            elif (c.shape == "f" and len(c.text) >= 3 and self.tags.get(c.text) in ("nr", "nrt")
                  and (self._cue_next_to(words, c.first) or p >= FOREIGN_FLOOR and self._ends_here(words, c))):
                scored.append((p, c, "name-known"))  # a transliterated name jieba knows, cued (阿拉法特|说)
            elif (p >= SHORT_NR_FLOOR and len(c.text) == 2 and c.last - c.first == 1
                  and self.tags.get(c.text) == "nr" and self._plausible_person(c.text)):
                scored.append((p, c, "name-known"))  # 李鹏 in a neutral sentence
            elif p >= LIST_FLOOR:
                listed.append((p, c))
        tags = self.tags
        for i in compress(range(len(words)), [len(w) == 4 and tags.get(w) == "nr" for w in words]):
            w = words[i]  # 小渊惠三|说: a four-character name jieba knows whole, next to a person cue
            if w not in self.places and w[-1] not in self.thing_ends and self._cue_next_to(words, i):
                scored.append((1.0, Candidate(i, i + 1, w, "4"), "name-known"))
        if not scored:
            return []
        if listed:
            scored += self._listed(words, scored, listed)
        taken: list[tuple[int, int]] = []
        out = []
        for p, c, why in sorted(scored, key=lambda pc: (-pc[0], pc[1].first)):
            if any(a < c.last and c.first < b for a, b in taken):
                continue
            taken.append((c.first, c.last))
            s, e = seg.starts[c.first], seg.ends[c.last - 1]
            out.append(Mention(c.text, "Person", offset + s, offset + e, sentence.index, source=f"{why}:{p:.2f}"))
        return out

    def never_a_person(self, words: Sequence[str], c: Candidate) -> bool:
        """A candidate the model is not asked about: a place, a kind, a short form, an anonymous form (陈先生)."""
        if (c.text in self.divisions or c.text in self.world or c.text in self.generic or c.text in self.short_forms
                or c.text.endswith(ANONYMOUS)):
            return True
        if self.clubs.get(c.text) is False:
            return True  # 埃弗顿, 拉齐奥: a club's own name (a city's, 沃尔夫斯堡, may also be a person's)
        if c.first and words[c.first - 1] in self.double_surnames:
            return True  # 夏侯|强杰: the name begins at the surname
        nxt = words[c.last] if c.last < len(words) else ""
        if len(nxt) <= 2 and nxt.endswith(TOWN_ENDS):
            return True  # 苏|布尔|嘎镇: the start of a town's name
        if c.last - c.first == 2 and words[c.first] in self.between and words[c.first + 1] in self.surnames:
            return True  # 和|钟|立新: a list word before a surname joins, it is none
        if len(c.text) == 2 and c.first and self._cut_phrase(words, c, nxt):
            return True
        # 云南|恒(立新材料…): a place and a character (but 南宫|宏志 is a name)
        return c.last - c.first > 1 and words[c.first] in self.divisions and words[c.first] not in self.double_surnames

    def _cut_phrase(self, words: Sequence[str], c: Candidate, nxt: str) -> bool:
        """A two-character candidate that is a piece of a phrase jieba cut: a street's tail after a word it does
        not know (接桂|黄路), or a preposition and its object closing a clause after a verb (问计|于民,)."""
        prev = words[c.first - 1]
        unknown = prev not in self.words and _HAN_WORD.fullmatch(prev) is not None
        if c.text[-1] in STREET_ENDS and unknown:
            return True
        return (c.text[0] in PREPOSITION_SURNAMES and (unknown or self.tags.get(prev, "")[:1] == "v")
                and (not nxt or _HAN_WORD.match(nxt) is None))

    def _ends_here(self, words: Sequence[str], c: Candidate) -> bool:
        """Whether a transliterated name ends where the candidate does: no noun, place character or further
        transliteration after it (伯纳乌|球场, 汉密尔顿|港), none before it, and not inside a 《title》."""
        nxt = words[c.last] if c.last < len(words) else ""
        if nxt[:1] in NAME_GOES_ON or self.tags.get(nxt, "x")[:1] == "n" or looks_foreign(nxt):
            return False
        if c.first and looks_foreign(words[c.first - 1]):
            return False
        opened = max((i for i in range(c.first) if words[i] in "《》"), default=-1)
        # in a sentence about a match a bare transliteration is as often a club (多特蒙德|让球)
        return (opened < 0 or words[opened] != "《") and not self._about_a_match(words)

    def _about_a_match(self, words: Sequence[str]) -> bool:
        """Whether a word of the sentence is a match cue (主场, 战平) or a club's own name (曼联)."""
        return any(w in self.match_cues or self.clubs.get(w) is False for w in words)

    def _listed(self, words: Sequence[str], people: list, listed: list) -> list:
        """The candidates a list cue (、, 和) joins to a person, and to those, and so on along the list."""
        ends = {c.last for _, c, _ in people}
        starts = {c.first for _, c, _ in people}
        out, taken = [], set()
        grown = True
        while grown:
            grown = False
            for p, c in listed:
                before = c.first >= 2 and words[c.first - 1] in self.between and c.first - 1 in ends
                after = c.last + 1 < len(words) and words[c.last] in self.between and c.last + 1 in starts
                if (before or after) and (c.first, c.last) not in taken:
                    out.append((p, c, "name-list"))
                    taken.add((c.first, c.last))
                    ends.add(c.last)
                    starts.add(c.first)
                    grown = True
        return out

    def _vouched(self, words: Sequence[str], i: int) -> bool:
        """A name the dictionary knows (three characters) or a person cue stands next to (说, 会见)."""
        w = words[i]
        tag = self.names.get(w)
        if tag == "person" and len(w) >= 3 and self._plausible_person(w):
            return True
        return (w not in self.words or tag == "person") and self._cued_name(words, i)

    def _known_name(self, w: str) -> bool:
        """A Chinese name of three characters that jieba's dictionary tags ``nr``, its surname not a rare one."""
        return (len(w) == 3 and self.tags.get(w) == "nr" and self._plausible_person(w) and not looks_foreign(w)
                and surname_rank(w) != "rare")

    def _place(self, w: str, words: Sequence[str], i: int) -> bool:
        """jieba tags many ordinary words as places (满意度, 惠及): take world names, place words (…国, …山),
        and others only where a locative cue stands next to them (赴|日本, 巴西|人民)."""
        if w in self.divisions or w in self.not_regions or w.endswith(STREETS) or w[0] in "各该本这全每":
            return False
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if _in_smaller_place(words, i) or self._given_name(words, i):
            return False
        if w in self.world:
            return True
        if len(w) == 2 and w[1] == "国":
            return False  # 外国, 大国, 王国, 三国: the countries are in world_places
        suffix = next((p for p in self.place_words if w.endswith(p)), None)
        if suffix is not None:
            # 准噶尔|盆地, 大别|山区, 洞庭湖|区; not a kind of land (山间|盆地)
            stem, feature = w[:-len(suffix)], w[:1 - len(suffix)]  # 珠|江口: the feature is 珠江
            return (len(suffix) == 1 or (len(stem) >= 2 and stem not in self.common)
                    or (len(feature) >= 2 and (self.names.get(feature) == "place" or feature in self.world)))
        return prev in self.place_before or nxt in self.place_after

    def _given_name(self, words: Sequence[str], i: int) -> bool:
        """A two-character place word after a lone surname is a given name (索|德国说, 陶|小国告诉记者)."""
        prev = words[i - 1] if i else ""
        return (len(words[i]) == 2 and len(prev) == 1 and prev in self.surnames
                and prev not in self.function_words and prev not in self.actions and prev not in NAME_JOINERS)

    def _plausible_person(self, w: str) -> bool:
        """A name, not a compound of ordinary words mis-tagged as one (安全感, 高水平)."""
        return (looks_like_name(w) and not w.endswith(ANONYMOUS)
                and not (len(w) == 3 and (w[:2] in self.common or w[1:] in self.common or w[-1] in self.thing_ends)))

    def _cue_next_to(self, words: Sequence[str], i: int) -> bool:
        """Whether a person cue stands after word ``i`` (说, 总统) or before it (会见)."""
        return self._cue_around(words, i, i + 1)

    def _cue_around(self, words: Sequence[str], first: int, last: int) -> bool:
        """Whether a person cue stands after words ``first``..``last`` (说, 总统) or before them (会见)."""
        return (last < len(words) and words[last] in self.after) or (first > 0 and words[first - 1] in self.before)

    def _cued_name(self, words: Sequence[str], i: int) -> bool:
        w = words[i]
        if not self._plausible_person(w):
            return False
        if self._cue_next_to(words, i):
            return True
        # 张三、李四: a list cue counts only between two name-like words
        if i + 2 < len(words) and words[i + 1] in self.between and self._namelike(words[i + 2]):
            return True
        return i >= 2 and words[i - 1] in self.between and self._namelike(words[i - 2])

    def _namelike(self, w: str) -> bool:
        return looks_like_name(w) and (w not in self.words or self.names.get(w) == "person")


def _in_smaller_place(words: Sequence[str], i: int) -> bool:
    """Whether word ``i`` begins the name of a town, village, community or street (三溪|镇, 大黑|沙土|镇, 湘南|四路)."""
    for j in (i + 1, i + 2):
        w = words[j] if j < len(words) else ""
        if w in SMALLER_PLACES or w.endswith(ETHNIC_TOWNS) or NUMBERED_STREET.fullmatch(w):
            return True
        if len(w) > 2 or not w.isalpha():
            return False
    return False
