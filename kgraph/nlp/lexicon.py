"""Word classes from jieba's dictionary: which words are function words, which are verbs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

# jieba's tags for words that never begin or sit inside a name: prepositions, particles, pronouns,
# adverbs, conjunctions, interjections.
FUNCTION_TAGS = frozenset({"p", "u", "r", "d", "ad", "vd", "y", "e", "o", "c"})
VERB_TAGS = frozenset({"v", "vg"})
# Conjunctions that join the parts of one name (工业和信息化部, 稀土新材料及应用集群).
NAME_JOINERS = frozenset({"和", "及", "与"})


@dataclass(frozen=True)
class Lexicon:
    function_words: frozenset[str]
    verbs: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """Read once per process (about 0.15 s) from the dictionary jieba ships."""
    function_words, verbs = set(), set()
    with (resources.files("jieba") / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, _, tag = line.rstrip("\n").rpartition(" ")
            word = word.split(" ", 1)[0]
            if tag in FUNCTION_TAGS:
                function_words.add(word)
            elif tag in VERB_TAGS:
                verbs.add(word)
    return Lexicon(frozenset(function_words - NAME_JOINERS), frozenset(verbs))
