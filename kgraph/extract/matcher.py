"""One Aho-Corasick automaton over many names: leftmost-longest matches with offsets."""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick_rs


class NameMatcher:
    """Finds every occurrence of the given names, longest first, without overlaps."""

    def __init__(self, names: Iterable[str]):
        self.names = sorted(set(n for n in names if n))
        self._ac = ahocorasick_rs.AhoCorasick(
            self.names, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST) if self.names else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """[(start, end, name)] in text order."""
        if self._ac is None:
            return []
        return [(s, e, self.names[i]) for i, s, e in self._ac.find_matches_as_indexes(text)]
