"""Word classes from jieba's dictionary: which words are function words, which are verbs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from kgraph.tables import load_table

# jieba's tags for words that never begin or sit inside a name: prepositions, particles (的 了 着 过 地),
# pronouns, adverbs, conjunctions, interjections, time words (现在, 上周: 现在|博彩公司); the exceptions,
# nouns the dictionary tags so (正极, 首都), are in ``tables/name_words.tsv``.
FUNCTION_TAGS = frozenset({"p", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "d", "ad", "vd", "y", "e", "o", "c",
                           "t"})
VERB_TAGS = frozenset({"v", "vg"})
# Conjunctions that join the parts of one name (工业和信息化部, 稀土新材料及应用集群).
NAME_JOINERS = frozenset({"和", "及", "与"})


# jieba's tags for names: people, places, organisations.
NAME_TAGS = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "organisation"}


@dataclass(frozen=True)
class Lexicon:
    function_words: frozenset[str]
    verbs: frozenset[str]
    actions: frozenset[str]  # verbs and verbal nouns (调研, 建设): a name does not run across them
    names: dict[str, str]  # word → person / place / organisation, as jieba's dictionary tags it
    tags: dict[str, str]  # every word of the dictionary → its part-of-speech tag
    common: frozenset[str]  # frequent words that are not names (安全, 水平): 安全感 is no person

    @property
    def words(self):
        """Every word of the dictionary (a set view)."""
        return self.tags.keys()


@cache
def lexicon() -> Lexicon:
    """Read once per process (about 0.3 s) from the dictionary jieba ships."""
    function_words, verbs, common, actions = set(), set(), set(), set()
    names: dict[str, str] = {}
    tags: dict[str, str] = {}
    with (resources.files("jieba") / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.rstrip("\n").split(" ")
            tags[word] = tag
            if tag not in NAME_TAGS and len(word) == 2 and int(freq) >= 100:
                common.add(word)
            if tag in FUNCTION_TAGS:
                function_words.add(word)
            elif tag in VERB_TAGS:
                verbs.add(word)
                actions.add(word)
            elif tag == "vn":
                actions.add(word)
            elif tag in NAME_TAGS:
                names[word] = NAME_TAGS[tag]
    in_names = {r["word"] for r in load_table("name_words")}
    return Lexicon(function_words=frozenset(function_words - NAME_JOINERS - in_names), verbs=frozenset(verbs),
                   actions=frozenset(actions), names=names, tags=tags, common=frozenset(common))
