"""Word boundaries: jieba's algorithm and dictionary (through rjieba, its Rust port)."""

from __future__ import annotations

from functools import cache, lru_cache

import rjieba

from kgraph.model import Token


class Tokenizer:
    """text → [Token] with offsets; the same tokens as ``jieba.lcut(text)``.

    Several recognisers read the same sentence: the tokens of the last 256 sentences are kept
    (an article's worth, not a corpus's).
    """

    def __init__(self) -> None:
        self._cached = lru_cache(maxsize=256)(self._cut)

    def __call__(self, text: str) -> list[Token]:
        return list(self._cached(text))

    @staticmethod
    def _cut(text: str) -> tuple[Token, ...]:
        out, pos = [], 0
        for w in rjieba.cut(text):
            out.append(Token(w, pos, pos + len(w)))
            pos += len(w)
        return tuple(out)


@cache
def default_tokenizer() -> Tokenizer:
    return Tokenizer()
