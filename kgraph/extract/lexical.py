"""Names jieba's dictionary knows (美国, 新华社), and people named without a title (邓小平, 陆慧明, 克林顿).

The recognisers of regions and organisations need a suffix or a gazetteer entry; this one catches
what they cannot: foreign places, organisations known by a bare name, and people. A person is a
name-shaped span (``nlp.names.person_candidates``) the learned name model accepts: its surname,
given characters, dictionary tag and the words around it (说, 记者, 先生 …) weigh for or against.
"""

from __future__ import annotations

import re

from kgraph.extract.matcher import NameMatcher
from kgraph.gazetteer import Gazetteer
from kgraph.model import Mention, Sentence
from kgraph.nlp.lexicon import lexicon
from kgraph.nlp.names import looks_like_name, person_candidates, person_features, person_model
from kgraph.nlp.tokenize import default_tokenizer
from kgraph.tables import load_table

ANONYMOUS = ("先生", "女士", "同志", "师傅")
# Places jieba knows that are not regions: streets, squares, bridges.
STREETS = ("街", "路", "巷", "道", "桥", "广场", "大厦", "门")
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
        self.common = lex.common
        self.generic = {r["name"] for r in load_table("generic_names")}
        self.tokenize = default_tokenizer()
        # Chinese divisions are the region recogniser's: it knows when a short form is a place
        self.divisions = set(gazetteer.full) | set(gazetteer.short) | set(gazetteer.former)
        self.not_regions = {r["word"] for r in load_table("region_traps")}
        self.world = {r["name"] for r in load_table("world_places")}
        self.world_matcher = NameMatcher(self.world - self.divisions)
        self.suffix_classes = sorted(((r["suffix"], r["class"]) for r in load_table("org_suffixes")
                                      if r["class"] in ("Enterprise", "Hospital", "GovernmentBody", "Organization")),
                                     key=lambda sc: -len(sc[0]))
        self.abbreviations = {r["abbr"]: r["name"] for r in load_table("country_abbreviations")}
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
        tokens = self.tokenize(sentence.text)
        out = []
        for i, t in enumerate(tokens):
            w = t.text
            tag = self.names.get(w)
            if tag is None or tag == "person" or len(w) < 2 or w in self.generic:
                continue
            if tag == "place" and not self._place(w, tokens, i):
                continue
            cls = CLASS_OF_TAG[tag]
            if tag == "organisation":
                cls = next((c for suf, c in self.suffix_classes if w.endswith(suf)), cls)  # 财政部, 招商银行
            out.append(Mention(w, cls, offset + t.start, offset + t.end, sentence.index, source=f"lexicon:{tag}"))
        out.extend(self._world(sentence, offset, tokens))
        out.extend(self._country_pairs(sentence, offset, tokens))
        out.extend(self._people(sentence, offset, tokens))
        return out

    def _world(self, sentence: Sentence, offset: int, tokens) -> list[Mention]:
        """Names of ``world_places`` (伊拉克, 莫斯科, 尼罗河) whatever jieba tags them, if they are whole words."""
        starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
        return [Mention(n, "Region", offset + s, offset + e, sentence.index, source="lexicon:world")
                for s, e, n in self.world_matcher.find(sentence.text) if s in starts and e in ends]

    def _country_pairs(self, sentence: Sentence, offset: int, tokens) -> list[Mention]:
        """中美关系, 中日两国: each one-character country before a pair cue names that country (中 → 中国)."""
        out = []
        text = sentence.text
        ends = {t.end for t in tokens}
        for t in tokens:
            m = self.pair_re.match(text, t.start)
            if not m or m.end() not in ends or len(set(m.group(1))) < len(m.group(1)):
                continue
            for j, ch in enumerate(m.group(1)):
                out.append(Mention(ch, "Region", offset + t.start + j, offset + t.start + j + 1, sentence.index,
                                   name=self.abbreviations[ch], source="lexicon:abbreviation"))
        return out

    def _people(self, sentence: Sentence, offset: int, tokens) -> list[Mention]:
        """The name-shaped spans the model takes for people; of two overlapping, the likelier."""
        scored = []
        for c in person_candidates(tokens):
            if c.text in self.divisions or c.text in self.world or c.text in self.generic or c.text.endswith(ANONYMOUS):
                continue
            p = self.model.probability(person_features(tokens, c, self.tags))
            if p >= self.model.threshold:
                scored.append((p, c, "name-model"))
            elif p >= VOUCHED_FLOOR and c.last - c.first == 1 and self._vouched(tokens, c.first):
                scored.append((p, c, "name-cue"))
        taken: list[tuple[int, int]] = []
        out = []
        for p, c, why in sorted(scored, key=lambda pc: (-pc[0], pc[1].first)):
            if any(a < c.last and c.first < b for a, b in taken):
                continue
            taken.append((c.first, c.last))
            s, e = tokens[c.first].start, tokens[c.last - 1].end
            out.append(Mention(c.text, "Person", offset + s, offset + e, sentence.index, source=f"{why}:{p:.2f}"))
        return out

    def _vouched(self, tokens, i: int) -> bool:
        """A name the dictionary knows (three characters) or a person cue stands next to (说, 会见)."""
        w = tokens[i].text
        tag = self.names.get(w)
        if tag == "person" and len(w) >= 3 and self._plausible_person(w):
            return True
        return (w not in self.words or tag == "person") and self._cued_name(tokens, i)

    def _place(self, w: str, tokens, i: int) -> bool:
        """jieba tags many ordinary words as places (满意度, 惠及): take world names, place words (…国, …山),
        and others only where a locative cue stands next to them (赴|日本, 巴西|人民)."""
        if w in self.divisions or w in self.not_regions or w.endswith(STREETS) or w[0] in "各该本这全每":
            return False
        if w in self.world or w.endswith(self.place_words):
            return True
        prev = tokens[i - 1].text if i else ""
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        return prev in self.place_before or nxt in self.place_after

    def _plausible_person(self, w: str) -> bool:
        """A name, not a compound of ordinary words mis-tagged as one (安全感, 高水平)."""
        return (looks_like_name(w) and not w.endswith(ANONYMOUS)
                and not (len(w) == 3 and (w[:2] in self.common or w[1:] in self.common)))

    def _cued_name(self, tokens, i: int) -> bool:
        w = tokens[i].text
        if not self._plausible_person(w):
            return False
        prev = tokens[i - 1].text if i else ""
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if nxt in self.after or prev in self.before:
            return True
        # 张三、李四: a list cue counts only between two name-like words
        if nxt in self.between and i + 2 < len(tokens) and self._namelike(tokens[i + 2].text):
            return True
        return prev in self.between and i >= 2 and self._namelike(tokens[i - 2].text)

    def _namelike(self, w: str) -> bool:
        return looks_like_name(w) and (w not in self.words or self.names.get(w) == "person")
