"""One Aho-Corasick automaton over many names: leftmost-longest matches with offsets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import ahocorasick_rs

from kgraph.model import Sentence


class NameMatcher:
    """Finds every occurrence of the given names, longest first, without overlaps.

    ``prime(body, sentences)`` reads a whole article in one pass; ``find`` on one of its sentences
    then answers from what that pass found (a call into the automaton costs more than a sentence's
    worth of matching).
    """

    def __init__(self, names: Iterable[str]):
        self.names = sorted(set(n for n in names if n))
        self._ac = ahocorasick_rs.AhoCorasick(
            self.names, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST) if self.names else None
        self._primed: dict[str, list[tuple[int, int, str]]] = {}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """[(start, end, name)] in text order (the list may be shared: do not change it)."""
        primed = self._primed.get(text)
        if primed is not None:
            return primed
        if self._ac is None:
            return []
        return [(s, e, self.names[i]) for i, s, e in self._ac.find_matches_as_indexes(text)]

    def prime(self, body: str, sentences: Sequence[Sentence]) -> None:
        """Match ``body`` once and keep each sentence's matches for ``find``.

        Matching the body gives each sentence what matching it alone gives as long as no match runs
        from one sentence into the next (or into the space between): then leftmost-longest chose
        nothing that the sentence alone would not have chosen. If one does, nothing is kept and
        ``find`` matches sentence by sentence.
        """
        self._primed = {}
        if self._ac is None or len(sentences) < 2:
            return  # one sentence: one call either way
        per: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
        k, last = 0, len(sentences) - 1
        sentence = sentences[0]
        for i, s, e in self._ac.find_matches_as_indexes(body):
            while s >= sentence.end and k < last:
                k += 1
                sentence = sentences[k]
            if s < sentence.start or e > sentence.end:
                return
            per[k].append((s - sentence.start, e - sentence.start, self.names[i]))
        self._primed = {s.text: found for s, found in zip(sentences, per, strict=True)}
