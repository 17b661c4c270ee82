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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import repeat

from kgraph.model import Token
from kgraph.tables import load_table

_HAN = re.compile(r"[\u4e00-\u9fff]+")
DOTS = frozenset("·•・")
MODEL_FILE = "person_model.tsv"


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    names = [r["surname"] for r in load_table("surnames")]
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


@cache
def _surname_rank() -> dict[str, str]:
    """Surname → how common it is (the table lists surnames by population, most common first)."""
    out = {}
    for i, r in enumerate(load_table("surnames")):
        out[r["surname"]] = next(b for limit, b in ((10, "top10"), (30, "top30"), (100, "top100"), (200, "top200"),
                                                    (10**6, "rare")) if i < limit)
    return out


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


_NO_DOTS = str.maketrans("", "", "".join(DOTS))


def _mostly_foreign(word: str) -> bool:
    chars = transliteration_chars()
    return sum(c in chars for c in word) * 3 >= len(word) * 2


@dataclass(frozen=True)
class Candidate:
    """Tokens ``first``..``last`` (exclusive) of a sentence that may be a person's name."""

    first: int
    last: int
    text: str
    shape: str  # "3", "2", "1+2", "2+1", "f" (transliterated), "f·f" (with a middle dot)


def person_candidates(tokens: Sequence[Token]) -> list[Candidate]:
    """Every span of one to three tokens that has the shape of a Chinese or transliterated name."""
    single, double = _surnames()
    foreign = transliteration_chars()
    out = []
    n = len(tokens)
    for i, t in enumerate(tokens):
        w = t.text
        head = w[0]
        surname = head in single or w[:2] in double
        if not (surname or head in foreign) or not _HAN.fullmatch(w):
            continue  # most tokens: cheap tests first
        if i and tokens[i - 1].text in DOTS:
            continue  # the second part of 约翰·史密斯 is not a name of its own
        nxt = tokens[i + 1].text if i + 1 < n else ""
        if surname:
            if looks_like_name(w):
                out.append(Candidate(i, i + 1, w, str(len(w))))
                if len(w) == 2 and len(nxt) == 1 and _HAN.fullmatch(nxt):
                    out.append(Candidate(i, i + 2, w + nxt, "2+1"))
            elif (w in single or w in double) and 1 <= len(nxt) <= 2 and _HAN.fullmatch(nxt):
                out.append(Candidate(i, i + 2, w + nxt, "1+2"))
        if nxt in DOTS:
            k = i
            while k + 2 < n and tokens[k + 1].text in DOTS and _HAN.fullmatch(tokens[k + 2].text):
                k += 2
            whole = "".join(x.text for x in tokens[i:k + 1])
            if k > i and _mostly_foreign(whole.translate(_NO_DOTS)):
                out.append(Candidate(i, k + 1, whole, "f·f"))
        elif head in foreign and looks_foreign(w) and not looks_like_name(w):
            out.append(Candidate(i, i + 1, w, "f"))
    return out


def person_features(tokens: Sequence[Token], c: Candidate, tags: dict[str, str]) -> list[str]:
    """The features the model weighs for one candidate (the same at learning and at run time)."""
    text = c.text
    prev = tokens[c.first - 1].text if c.first else "<s>"
    nxt = tokens[c.last].text if c.last < len(tokens) else "</s>"
    tag = tags.get(text, "OOV")
    f = [f"shape={c.shape}", f"tag={tag}", f"shape_tag={c.shape}_{tag}", f"prev={prev}", f"next={nxt}",
         f"prev1={prev[-1:]}", f"next1={nxt[:1]}"]
    if c.shape.startswith("f"):
        f += [f"first={text[0]}", f"last={text[-1]}", f"len={min(len(text), 6)}"]
        return f
    sur = surname_of(text)
    given = text[len(sur):]
    # how common the surname is, not which it is: 江 starts 江湖 in one kind of text and 江泽民 in another
    f += [f"sur={_surname_rank().get(sur, 'rare')}", f"len={len(given)}", f"glast={given[-1]}"]
    f += [f"g={ch}" for ch in given]
    if looks_foreign(text):
        f.append("foreign-chars")  # 阿森纳, 桑德兰: a transliteration that happens to start with a surname
    if len(given) == 2:
        # 高速度, 江湖上: the given part or the first two characters are an ordinary word
        f += [f"given_tag={tags.get(given, 'OOV')}", f"head_tag={tags.get(text[:2], 'OOV')}"]
    if c.last - c.first > 1:
        f.append(f"part_tag={tags.get(tokens[c.last - 1].text, 'OOV')}")
    return f


class PersonModel:
    """Logistic weights over ``person_features``; ``threshold`` is the probability a name needs."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float):
        self.weights, self.bias, self.threshold = weights, bias, threshold

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(map(self.weights.get, features, repeat(0.0, len(features))))
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


@cache
def person_model() -> PersonModel:
    """The shipped model (read once per process)."""
    path = resources.files("kgraph.nlp") / "data" / MODEL_FILE
    with path.open(encoding="utf-8") as f:
        return PersonModel.parse(f.readlines())
