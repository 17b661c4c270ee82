"""Names jieba's dictionary knows (美国, 新华社, 邓小平), and unknown names a person cue vouches for.

The recognisers of regions and organisations need a suffix or a gazetteer entry; this one catches
what they cannot: foreign places, organisations known by a bare name, people named without a title.
"""

from __future__ import annotations

from kgraph.gazetteer import Gazetteer
from kgraph.model import Mention, Sentence
from kgraph.nlp.lexicon import lexicon
from kgraph.nlp.names import looks_like_name
from kgraph.nlp.tokenize import default_tokenizer
from kgraph.tables import load_table

ANONYMOUS = ("先生", "女士", "同志", "师傅")
# Places jieba knows that are not regions: streets, squares, bridges.
STREETS = ("街", "路", "巷", "道", "桥", "广场", "大厦", "门")
CLASS_OF_TAG = {"place": "Region", "organisation": "Organization", "person": "Person"}


class LexicalRecogniser:
    """Sentence → mentions of dictionary names and cue-supported unknown person names."""

    def __init__(self, gazetteer: Gazetteer):
        lex = lexicon()
        self.names = lex.names
        self.words = lex.words
        self.common = lex.common
        self.generic = {r["name"] for r in load_table("generic_names")}
        self.tokenize = default_tokenizer()
        # Chinese divisions are the region recogniser's: it knows when a short form is a place
        self.divisions = set(gazetteer.full) | set(gazetteer.short) | set(gazetteer.former)
        self.not_regions = {r["word"] for r in load_table("region_traps")}
        self.world = {r["name"] for r in load_table("world_places")}
        self.place_words = tuple(r["suffix"] for r in load_table("place_words"))
        cues = load_table("place_cues")
        self.place_before = {r["cue"] for r in cues if r["side"] == "before"}
        self.place_after = {r["cue"] for r in cues if r["side"] == "after"}
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
            if tag == "place" and not self._place(w, tokens, i):
                continue
            # jieba tags many two-character words as names (关怀, 文明): only three-character ones are
            # taken on the dictionary's word; shorter ones need a cue, like unknown words
            if tag is not None and len(w) >= 2 and (tag != "person" or len(w) >= 3):
                if tag == "person" and not self._plausible_person(w):
                    continue
                if w in self.generic:
                    continue
                out.append(Mention(w, CLASS_OF_TAG[tag], offset + t.start, offset + t.end, sentence.index,
                                   source=f"lexicon:{tag}"))
            elif (w not in self.words or tag == "person") and self._cued_name(tokens, i):
                out.append(Mention(w, "Person", offset + t.start, offset + t.end, sentence.index,
                                   source="person-cue"))
        return out

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
