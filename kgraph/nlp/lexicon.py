"""Word classes from jieba's dictionary: which words are function words, which are verbs."""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kgraph.fsutil import atomic_write
from kgraph.nlp.tokenize import cache_dir
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
    """Read once per process from the dictionary jieba ships (0.6 s), or from kgraph's cache of it (0.3 s)."""
    dictionary = _jieba_dictionary().read_bytes()
    in_names = sorted({r["word"] for r in load_table("name_words")})
    # The cache is valid for this dictionary, this table and this code: any change makes a new key.
    key = hashlib.sha1(dictionary + "\n".join(in_names).encode() + Path(__file__).read_bytes()).hexdigest()[:16]
    try:
        path: Path | None = cache_dir() / f"lexicon-{key}.marshal"
    except OSError:
        path = None  # no cache folder: read the dictionary every time
    fields = _read_cache(path)
    if fields is None:
        fields = _read_dictionary(dictionary.decode("utf-8"), frozenset(in_names))
        if path is not None:
            try:
                with atomic_write(path, "wb", encoding=None) as f:
                    f.write(marshal.dumps(fields))
            except OSError:
                pass  # a read-only cache only costs the time to read the dictionary
    return Lexicon(**fields)


def _read_cache(path: Path | None) -> dict | None:
    try:
        fields = marshal.loads(path.read_bytes()) if path is not None else None
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return fields if isinstance(fields, dict) and fields.keys() == Lexicon.__dataclass_fields__.keys() else None


def _jieba_dictionary() -> Path:
    """jieba's dict.txt, found without importing jieba (its import alone takes 0.2 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return Path(str(resources.files("jieba") / "dict.txt"))
    return Path(spec.origin).with_name("dict.txt")


def _read_dictionary(text: str, in_names: frozenset[str]) -> dict:
    function_words, verbs, common, actions = set(), set(), set(), set()
    names: dict[str, str] = {}
    tags: dict[str, str] = {}
    for line in text.splitlines():
        word, freq, tag = line.split(" ")
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
    return dict(function_words=frozenset(function_words - NAME_JOINERS - in_names), verbs=frozenset(verbs),
                actions=frozenset(actions), names=names, tags=tags, common=frozenset(common))
