"""Word boundaries: jieba's algorithm and dictionary (through rjieba, its Rust port)."""

from __future__ import annotations

from functools import cache

import rjieba

from kgraph.model import Token


class Tokenizer:
    """text → [Token] with offsets; the same tokens as ``jieba.lcut(text)``."""

    def __call__(self, text: str) -> list[Token]:
        out, pos = [], 0
        for w in rjieba.cut(text):
            out.append(Token(w, pos, pos + len(w)))
            pos += len(w)
        return out


@cache
def default_tokenizer() -> Tokenizer:
    return Tokenizer()
