"""Foreign places world_places lacks, written in transliteration characters next to a place cue (抵达|霍巴特)."""

from __future__ import annotations

from collections.abc import Sequence

from kgraph.nlp.lexicon import lexicon
from kgraph.nlp.names import transliteration_chars
from kgraph.tables import load_table

# A one- or two-character transliteration is as often a syllable of something else (丽泽, 塞班, 沙巴).
MIN_CHARS, MAX_CHARS = 3, 8
# A noun or a place character after the run makes it the first part of a longer name (帕罗尼拉|公园,
# 雷尼尔|雪山, 塔比拉|兰镇, 西哈努克|大道), which is no place of the graph's or another place.
NAME_GOES_ON = frozenset("镇乡村市州省县区岛港湾湖河山城堡峰谷街路")


class ForeignPlaces:
    """Runs of transliteration words a cue of ``foreign_place_cues`` stands next to: word spans (first, last)."""

    def __init__(self, known: frozenset[str]):
        rows = load_table("foreign_place_cues")
        self.before = frozenset(r["cue"] for r in rows if r["side"] == "before")
        self.after = frozenset(r["cue"] for r in rows if r["side"] == "after")
        self.cues = self.before | self.after
        self.known = known  # places and words the other recognisers decide on (中国, 伊拉克)
        self.chars = transliteration_chars()
        self.tags = lexicon().tags

    def _piece(self, word: str) -> bool:
        return all(c in self.chars for c in word)

    def find(self, words: Sequence[str]) -> list[tuple[int, int]]:
        if self.cues.isdisjoint(words):
            return []  # most sentences: no cue at all
        out = []
        i, n = 0, len(words)
        while i < n:
            if not self._piece(words[i]):
                i += 1
                continue
            j = i + 1  # 霍巴|特, 沃尔夫|斯堡: jieba cuts an unknown transliteration into pieces
            while j < n and self._piece(words[j]):
                j += 1
            name = "".join(words[i:j])
            nxt = words[j] if j < n else ""
            cued = nxt in self.after or (i and words[i - 1] in self.before and not self._goes_on(nxt))
            if cued and MIN_CHARS <= len(name) <= MAX_CHARS and not any(w in self.known for w in words[i:j]):
                out.append((i, j))
            i = j
        return out

    def _goes_on(self, word: str) -> bool:
        return word[-1:] in NAME_GOES_ON or self.tags.get(word, "x")[0] in "ns"
