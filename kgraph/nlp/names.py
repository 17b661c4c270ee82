"""Personal names: a known surname and one or two given characters; foreign names in transliteration.

``looks_like_name`` is the shape test. ``person_candidates`` lists the token spans of a sentence
that could be a name (叶老桂, 曹|鹏飞, 克林顿, 保罗·盖蒂) and ``PersonModel`` weighs each: a logistic
model over the surname, the given characters, the span's shape and dictionary tag and the words
around it, learned from CLUENER's training set by ``python -m kgraph.nlp.learn`` and shipped as
``nlp/data/person_model.tsv``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress, repeat

from kgraph.model import Token
from kgraph.tables import load_table

_HAN = re.compile(r"[\u4e00-\u9fff]+")
DOTS = frozenset("·•・")
MODEL_FILE = "person_model.tsv"
MAX_PIECES = 3  # a transliterated name in more words than this is no candidate


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    names = [r["surname"] for r in load_table("surnames")]
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """The one-character and the two-character surnames."""
    return _surnames()


@cache
def _surname_rank() -> dict[str, str]:
    """Surname → how common it is (the table lists surnames by population, most common first)."""
    out = {}
    for i, r in enumerate(load_table("surnames")):
        out[r["surname"]] = next(b for limit, b in ((10, "top10"), (30, "top30"), (100, "top100"), (200, "top200"),
                                                    (10**6, "rare")) if i < limit)
    return out


def surname_rank(word: str) -> str:
    """How common the surname of ``word`` is: top10, top30, top100, top200 or rare."""
    return _surname_rank().get(surname_of(word), "rare")


@cache
def transliteration_chars() -> frozenset[str]:
    return frozenset(r["char"] for r in load_table("transliteration_chars"))


def looks_like_name(word: str) -> bool:
    """A 2–3 character name starting with a known surname (3–4 with a two-character surname)."""
    single, double = _surnames()
    if not 2 <= len(word) <= 4 or not _HAN.fullmatch(word):
        return False
    if word[:2] in double:
        return len(word) >= 3
    return word[0] in single and len(word) <= 3


def surname_of(word: str) -> str:
    return word[:2] if word[:2] in _surnames()[1] else word[:1]


def looks_foreign(word: str) -> bool:
    """Two or more characters, all of them transliteration characters (克林顿, 伯南克)."""
    chars = transliteration_chars()
    return len(word) >= 2 and _HAN.fullmatch(word) is not None and all(c in chars for c in word)


NO_DOTS = str.maketrans("", "", "".join(DOTS))  # str.translate: a name without its dots
ANONYMOUS = tuple(r["form"] for r in load_table("anonymous_forms"))  # 陈先生: nobody in particular


def _mostly_foreign(word: str) -> bool:
    chars = transliteration_chars()
    return sum(c in chars for c in word) * 3 >= len(word) * 2


@dataclass(frozen=True)
class Candidate:
    """Tokens ``first``..``last`` (exclusive) of a sentence that may be a person's name."""

    first: int
    last: int
    text: str
    shape: str  # "3", "2", "1+2", "2+1", "f" (transliterated), "f·f" (with a middle dot), "f+" (in several words)


@dataclass(frozen=True)
class _WordShape:
    """What ``person_candidates`` asks of a word a name may begin with."""

    surname: bool  # starts with a surname
    bare_surname: bool  # is a surname and nothing else (曹 of 曹|鹏飞)
    name: bool  # looks_like_name
    foreign: bool  # a transliteration on its own (克林顿), not a Chinese name
    translit: bool  # transliteration characters only, however short (吉 of 吉|拉蒂诺)


def _start_shape(w: str) -> _WordShape | None:
    """None unless a name may begin with ``w``: Chinese characters, the first a surname's or a transliteration's."""
    if not _HAN.fullmatch(w):
        return None
    single, double = _surnames()
    foreign = transliteration_chars()
    surname = w[0] in single or w[:2] in double
    if not (surname or w[0] in foreign):
        return None
    name = looks_like_name(w)
    return _WordShape(surname=surname, bare_surname=w in single or w in double, name=name,
                      foreign=w[0] in foreign and looks_foreign(w) and not name, translit=all(c in foreign for c in w))


class _WordMemo(dict):
    """word → ``shape_of(word)``, worked out once per word (a corpus's words recur; at most KEPT are kept)."""

    KEPT = 200_000

    def __init__(self, shape_of: Callable[[str], _WordShape | None]) -> None:
        super().__init__()
        self.shape_of = shape_of

    def __missing__(self, word: str) -> _WordShape | None:
        if len(self) >= self.KEPT:
            self.clear()
        shape = self[word] = self.shape_of(word)
        return shape


_STARTS = _WordMemo(_start_shape)


@cache
def name_glue() -> tuple[frozenset[str], frozenset[str]]:
    """The one-character words jieba glues to the end of a name, and those it glues to its start."""
    rows = load_table("name_glue")
    return (frozenset(r["char"] for r in rows if r["side"] == "after"),
            frozenset(r["char"] for r in rows if r["side"] == "before"))


def unglued(words: Sequence[str], known: Callable[[str], bool]) -> list[str] | None:
    """The words with a character glued to a name split off (张连志为 → 张连志|为, 吴国|平说 → 吴国|平|说,
    而纪平 → 而|纪平, 但梁|大伟 → 但|梁|大伟), or None if there is none. ``known`` tells dictionary words,
    which are never split."""
    memo = _GLUE_ENDS.get(known)
    if memo is None:
        after, before = name_glue()
        memo = _GLUE_ENDS[known] = _WordMemo(
            lambda w: 2 <= len(w) <= 4 and (w[-1] in after or w[0] in before) and not known(w))
    at = [(i, cut) for i in compress(range(len(words)), map(memo.__getitem__, words))
          if (cut := _glued_cut(words, i))]
    if not at:
        return None
    out = []
    last = 0
    for i, cut in at:
        out += [*words[last:i], words[i][:cut], words[i][cut:]]
        last = i + 1
    return out + list(words[last:])


_GLUE_ENDS: dict[Callable[[str], bool], _WordMemo] = {}  # per dictionary: word → may hold a glued character


def _glued_cut(words: Sequence[str], i: int) -> int:
    """Where word ``i`` splits into a name (or a part of one) and a glued character; 0: it does not."""
    after, before = name_glue()
    w = words[i]
    if w[-1] in after:
        head = w[:-1]
        if len(head) > 1 and looks_like_name(head):
            return len(head)  # 张连志|为
        prev = words[i - 1] if i else ""
        if (len(head) == 1 and len(prev) == 2 and _HAN.fullmatch(head) is not None and looks_like_name(prev)
                and looks_like_name(prev + head)):
            return 1  # 吴国|平|说
    if w[0] in before:
        tail = w[1:]
        if len(tail) > 1 and looks_like_name(tail):
            return 1  # 而|纪平
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if len(tail) == 1 and tail in _surnames()[0] and 1 <= len(nxt) <= 2 and looks_like_name(tail + nxt):
            return 1  # 但|梁|大伟
    return 0


def person_candidates(tokens: Sequence[Token]) -> list[Candidate]:
    """Every span of one to three tokens that has the shape of a Chinese or transliterated name."""
    return name_candidates([t.text for t in tokens])


def name_candidates(words: Sequence[str]) -> list[Candidate]:
    """``person_candidates`` of a sentence's words."""
    out = []
    n = len(words)
    starts = _STARTS
    for i in compress(range(n), map(starts.__getitem__, words)):  # the few words a name may begin with
        sh = starts[words[i]]
        w = words[i]
        if i and words[i - 1] in DOTS:
            continue  # the second part of 约翰·史密斯 is not a name of its own
        nxt = words[i + 1] if i + 1 < n else ""
        if sh.surname:
            if sh.name:
                out.append(Candidate(i, i + 1, w, str(len(w))))
                if len(w) == 2 and len(nxt) == 1 and _HAN.fullmatch(nxt):
                    out.append(Candidate(i, i + 2, w + nxt, "2+1"))
            elif sh.bare_surname and 1 <= len(nxt) <= 2 and _HAN.fullmatch(nxt):
                out.append(Candidate(i, i + 2, w + nxt, "1+2"))
        if nxt in DOTS:
            k = i
            while k + 2 < n and words[k + 1] in DOTS and _HAN.fullmatch(words[k + 2]):
                k += 2
            whole = "".join(words[i:k + 1])
            if k > i and _mostly_foreign(whole.translate(NO_DOTS)):
                out.append(Candidate(i, k + 1, whole, "f·f"))
        else:
            if sh.foreign:
                out.append(Candidate(i, i + 1, w, "f"))
            if sh.translit and not (i and (before := starts[words[i - 1]]) is not None and before.translit):
                # 贝鲁斯科|尼, 沃尔|贝克: jieba cuts a transliteration it does not know into pieces
                k = i + 1
                while k < n and k - i < MAX_PIECES and (sk := starts[words[k]]) is not None and sk.translit:
                    k += 1
                if k - i >= 2 and k - i <= MAX_PIECES and sum(map(len, words[i:k])) >= 3:
                    out.append(Candidate(i, k, "".join(words[i:k]), "f+"))
    return out


def person_features(tokens: Sequence[Token], c: Candidate, tags: dict[str, str]) -> list[str]:
    """The features the model weighs for one candidate (the same at learning and at run time)."""
    words = [t.text for t in tokens]
    own, own_after = own_features(c.text, c.shape, tags)
    return [*own, *context_features(words, c), *own_after, *part_features(words, c, tags)]


def context_features(words: Sequence[str], c: Candidate) -> list[str]:
    """The words around the candidate."""
    prev = words[c.first - 1] if c.first else "<s>"
    nxt = words[c.last] if c.last < len(words) else "</s>"
    return [f"prev={prev}", f"next={nxt}", f"prev1={prev[-1:]}", f"next1={nxt[:1]}"]


def part_features(words: Sequence[str], c: Candidate, tags: dict[str, str]) -> list[str]:
    """The tag of the last token of a Chinese name made of two tokens."""
    if c.shape.startswith("f") or c.last - c.first <= 1:
        return []
    return [f"part_tag={tags.get(words[c.last - 1], 'OOV')}"]


def own_features(text: str, shape: str, tags: dict[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The features of the candidate's own text: those weighed before its context and those after."""
    tag = tags.get(text, "OOV")
    own = (f"shape={shape}", f"tag={tag}", f"shape_tag={shape}_{tag}")
    if shape.startswith("f"):
        return own, (f"first={text[0]}", f"last={text[-1]}", f"len={min(len(text), 6)}")
    sur = surname_of(text)
    given = text[len(sur):]
    # how common the surname is, not which it is: 江 starts 江湖 in one kind of text and 江泽民 in another
    f = [f"sur={_surname_rank().get(sur, 'rare')}", f"len={len(given)}", f"glast={given[-1]}"]
    f += [f"g={ch}" for ch in given]
    if looks_foreign(text):
        f.append("foreign-chars")  # 阿森纳, 桑德兰: a transliteration that happens to start with a surname
    if len(given) == 2:
        # 高速度, 江湖上: the given part or the first two characters are an ordinary word
        f += [f"given_tag={tags.get(given, 'OOV')}", f"head_tag={tags.get(text[:2], 'OOV')}"]
    return own, tuple(f)


class PersonModel:
    """Logistic weights over ``person_features``; ``threshold`` is the probability a name needs."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float):
        self.weights, self.bias, self.threshold = weights, bias, threshold

    def probability(self, features: list[str]) -> float:
        return self.logistic(sum(map(self.weights.get, features, repeat(0.0, len(features)))))

    def logistic(self, weight: float) -> float:
        """The probability for the summed weight of the features."""
        z = self.bias + weight
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def parse(cls, lines: Sequence[str]) -> PersonModel:
        weights: dict[str, float] = {}
        bias = threshold = 0.0
        for ln in lines:
            if not ln.strip() or ln.startswith("#"):
                continue
            name, value = ln.rstrip("\n").rsplit("\t", 1)
            if name == "@bias":
                bias = float(value)
            elif name == "@threshold":
                threshold = float(value)
            else:
                weights[name] = float(value)
        return cls(weights, bias, threshold)

    def dump(self) -> list[str]:
        rows = [f"@bias\t{self.bias:.4f}", f"@threshold\t{self.threshold:.3f}"]
        rows += [f"{k}\t{v:.4f}" for k, v in sorted(self.weights.items()) if abs(v) >= 0.005]
        return rows


class PersonScorer:
    """``model.probability(person_features(tokens, c, tags))`` for candidates found in running text,
    the weights of a candidate's own features looked up once per name (the same names recur)."""

    KEPT = 100_000  # names whose weights are kept

    def __init__(self, model: PersonModel, tags: dict[str, str]):
        self.model, self.tags = model, tags
        self._own: dict[tuple[str, str], tuple[tuple[float, ...], tuple[float, ...]]] = {}
        self._before: dict[str, tuple[float, float]] = {}  # word → weights of prev=…, prev1=…
        self._after: dict[str, tuple[float, float]] = {}  # word → weights of next=…, next1=…

    def __call__(self, words: Sequence[str], c: Candidate) -> float:
        get = self.model.weights.get
        own = self._own.get((c.text, c.shape))
        if own is None:
            before, after = own_features(c.text, c.shape, self.tags)
            own = tuple(get(f, 0.0) for f in before), tuple(get(f, 0.0) for f in after)
            if len(self._own) >= self.KEPT:
                self._own.clear()
            self._own[c.text, c.shape] = own
        prev = words[c.first - 1] if c.first else "<s>"
        nxt = words[c.last] if c.last < len(words) else "</s>"
        before, after = self._before.get(prev), self._after.get(nxt)
        if before is None:
            before = self._kept(self._before)[prev] = get(f"prev={prev}", 0.0), get(f"prev1={prev[-1:]}", 0.0)
        if after is None:
            after = self._kept(self._after)[nxt] = get(f"next={nxt}", 0.0), get(f"next1={nxt[:1]}", 0.0)
        # summed in the order of person_features (context_features: prev, next, prev1, next1), so the
        # probability is the same to the last bit
        weights = [*own[0], before[0], after[0], before[1], after[1], *own[1],
                   *map(get, part_features(words, c, self.tags), repeat(0.0))]
        return self.model.logistic(sum(weights))

    def _kept(self, memo: dict) -> dict:
        if len(memo) >= self.KEPT:
            memo.clear()
        return memo


@cache
def person_model() -> PersonModel:
    """The shipped model (read once per process)."""
    path = resources.files("kgraph.nlp") / "data" / MODEL_FILE
    with path.open(encoding="utf-8") as f:
        return PersonModel.parse(f.readlines())
