"""Word boundaries: jieba's algorithm and dictionary (through rjieba, its Rust port)."""

from __future__ import annotations

import logging
import os
from functools import cache, lru_cache
from pathlib import Path

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


def cache_dir() -> Path:
    """kgraph's cache folder, created private: $KGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/kgraph, else ~/.cache/kgraph."""
    given = os.environ.get("KGRAPH_CACHE_DIR")
    path = Path(given) if given else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kgraph"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def jieba_module():
    """jieba itself (for its tagger, or to compare with), keeping its dictionary cache in ``cache_dir()``.

    jieba's default is a fixed name in the shared temp folder, which any user of the machine can
    replace with a cache jieba then loads.
    """
    import jieba

    if jieba.dt.tmp_dir is None and jieba.dt.cache_file is None:
        jieba.dt.tmp_dir = str(cache_dir())
    jieba.setLogLevel(logging.WARNING)
    return jieba
