"""Names listed before 等 and the kind they are (宁德时代、赣锋锂业等龙头企业): each is one of that kind.

News writes well-known enterprises by their trade name alone, with nothing after it that a suffix
rule could use; the kind word after the list (``tables/listed_kinds.tsv``) says what they are.
A list is taken only when every item looks like a name: a list with an ordinary word in it is a
list of industries or things (锂电、光伏等企业), not of names.
"""

from __future__ import annotations

import re

from kgraph.model import Mention, Sentence
from kgraph.nlp.lexicon import NAME_JOINERS, NAME_TAGS, lexicon
from kgraph.nlp.tokenize import default_tokenizer
from kgraph.tables import load_table

_ITEM_TOKEN = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]+$")
_SEPARATORS = frozenset({"、", *NAME_JOINERS})
# 等 (a count: 12家, 一批) (a few modifiers: 省级, 龙头, 优质) then the kind
_COUNT = r"(?:\d+|[一二三四五六七八九十百几多数]+)?(?:家|个|所|批)?"
MAX_ITEM = 12


class ListedNameRecogniser:
    """Sentence → a mention for each name of a list closed by 等 and a kind word."""

    def __init__(self, divisions: frozenset[str] = frozenset()) -> None:
        rows = load_table("listed_kinds")
        self.kinds = {r["kind"]: r["class"] for r in rows}
        kinds = "|".join(map(re.escape, sorted(self.kinds, key=len, reverse=True)))
        self.closing = re.compile(rf"等{_COUNT}[\u4e00-\u9fff]{{0,6}}?({kinds})")
        words = lexicon()
        self.tags, self.verbs, self.function_words = words.tags, words.verbs, words.function_words
        self.generic = {r["name"] for r in load_table("generic_names")}
        # an item with a suffix of its own is the suffix recogniser's, and the whole name is (an industry word
        # after a brand is no such suffix: the brand rule may not take 孚|能|科技, the list's kind vouches for it)
        self.suffixes = tuple(r["suffix"] for r in load_table("org_suffixes") if r["kind"] != "brand")
        self.divisions = divisions
        self.tokenize = default_tokenizer()
        self.matchers = ()

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        text = sentence.text
        if "等" not in text:
            return []
        out = []
        for m in self.closing.finditer(text):
            cls = self.kinds[m.group(1)]
            items = self._items_before(text, m.start())
            named = [self._is_name(text[s:e]) for s, e in items]
            # the one item of a list of names made of ordinary words (翱翔体育用品 beside 九华粮品) is a name too
            if items and (all(named) or 2 * sum(named) >= len(named) and all(
                    ok or self._made_name(text[s:e]) for ok, (s, e) in zip(named, items, strict=True))):
                out += [Mention(text[s:e], cls, offset + s, offset + e, sentence.index, source=f"listed:{m.group(1)}")
                        for s, e in items if not text[s:e].endswith(self.suffixes)]
        return out

    def _items_before(self, text: str, end: int) -> list[tuple[int, int]]:
        """(start, end) of each item of the list that ends at ``end``, in order; [] if it is no list of names."""
        seg = self.tokenize.segment(text)
        words, starts = seg.words, seg.starts
        last = next((i for i in range(len(words) - 1, -1, -1) if starts[i] + len(words[i]) <= end), None)
        if last is None or starts[last] + len(words[last]) != end:
            return []
        items: list[tuple[int, int]] = []
        item_end, k = end, last
        while k >= 0:
            w = words[k]
            if w in _SEPARATORS:
                if item_end == starts[k] + len(w):
                    return []  # 、、 or a list that opens with a separator
                items.append((starts[k] + len(w), item_end))
                item_end = starts[k]
            elif (not _ITEM_TOKEN.match(w) or w in self.function_words or w in self.generic
                  or w in self.verbs and not self._loose(words, k) and not (k and words[k - 1] in _SEPARATORS)):
                # (a verb right after 、 begins an item: 九华粮品、翱翔|体育用品等企业)
                break
            k -= 1
        first = starts[k] + len(words[k]) if k >= 0 else 0
        if first >= item_end:
            return []
        items.append((first, item_end))
        items.reverse()
        return items if all(2 <= e - s <= MAX_ITEM for s, e in items) else []

    @staticmethod
    def _loose(words: tuple[str, ...], k: int) -> bool:
        """Whether token ``k`` is one of characters jieba could not join into words (孚|能|科技: 能 is no verb)."""
        def single(j: int) -> bool:
            return 0 <= j < len(words) and len(words[j]) == 1 and words[j] not in _SEPARATORS

        return single(k) and (single(k - 1) or single(k + 1))

    def _made_name(self, item: str) -> bool:
        """A trade name made of ordinary words (翱翔|体育用品): two words or more, four characters or more, and
        neither a word of the dictionary whole nor a place."""
        words = self.tokenize.segment(item).words
        return (len(item) >= 4 and len(words) >= 2 and item not in self.tags and item not in self.generic
                and item not in self.divisions)

    def _is_name(self, item: str) -> bool:
        """A trade name, not an ordinary word or a place: not one dictionary word unless the dictionary calls
        it a name, and of several words at least one the dictionary does not know or knows as a name."""
        if item in self.generic or item in self.divisions:
            return False
        words = self.tokenize.segment(item).words
        known = [self.tags.get(w) for w in words]
        if len(words) == 1:
            return known[0] is None or known[0] in NAME_TAGS or known[0] == "nz"
        # characters jieba could not join into words (孚|能|科技) are a name's too
        loose = any(len(a) == 1 and len(b) == 1 for a, b in zip(words, words[1:], strict=False))
        return loose or any(t is None or t in NAME_TAGS for t, w in zip(known, words, strict=True) if len(w) >= 2)
