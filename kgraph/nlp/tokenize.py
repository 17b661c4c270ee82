"""Word boundaries: jieba's algorithm and dictionary (through rjieba, its Rust port)."""

from __future__ import annotations

import logging
import os
from functools import cache, lru_cache
from pathlib import Path

import rjieba

from kgraph.model import Token


class Segmentation:
    """A text cut into words, with each word's offsets: what the recognisers read of a sentence."""

    __slots__ = ("words", "starts", "ends", "_tokens", "_at_start", "_at_end")

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        starts, ends, pos = [], [], 0
        for w in words:
            starts.append(pos)
            pos += len(w)
            ends.append(pos)
        self.starts, self.ends = tuple(starts), tuple(ends)
        self._tokens: tuple[Token, ...] | None = None
        self._at_start: dict[int, int] | None = None
        self._at_end: dict[int, int] | None = None

    @property
    def tokens(self) -> tuple[Token, ...]:
        if self._tokens is None:
            self._tokens = tuple(map(Token, self.words, self.starts, self.ends))
        return self._tokens

    def at_start(self) -> dict[int, int]:
        """Offset → index of the word that starts there."""
        if self._at_start is None:
            self._at_start = {a: i for i, a in enumerate(self.starts)}
        return self._at_start

    def at_end(self) -> dict[int, int]:
        """Offset → index of the word that ends there."""
        if self._at_end is None:
            self._at_end = {b: i for i, b in enumerate(self.ends)}
        return self._at_end


class Tokenizer:
    """text → [Token] with offsets; the same tokens as ``jieba.lcut(text)``.

    Several recognisers read the same sentence: the segmentations of the last 256 sentences are
    kept (an article's worth, not a corpus's).
    """

    def __init__(self) -> None:
        self._cached = lru_cache(maxsize=256)(self._cut)

    def __call__(self, text: str) -> list[Token]:
        return list(self._cached(text).tokens)

    def segment(self, text: str) -> Segmentation:
        """The words of ``text`` and their offsets (shared: not to be changed)."""
        return self._cached(text)

    @staticmethod
    def _cut(text: str) -> Segmentation:
        return Segmentation(tuple(rjieba.cut(text)))


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
