"""Split an article body into sentences, keeping offsets."""

from __future__ import annotations

import re

from kgraph.model import Sentence

# A sentence ends at 。！？ (and ; at a paragraph's end), with closing quotes kept.
_END = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|\n|$)")
# The longest sentence kept whole. The recognisers and relation rules weigh the mentions of a sentence
# against each other, so a sentence costs the square of its length: a text without 。！？ (a comma-spliced
# dump, a table flattened to one line) would be one sentence and take hours. News sentences run to
# 100-250 characters; a longer one is cut, at the last clause mark that leaves a piece of at least
# half this length, and failing one at this length; its evidence stays readable too.
MAX_SENTENCE = 400
# Clause marks by strength: a piece ends after the strongest one found in the window.
_CLAUSE_MARKS = ("；;", "：:", "，,", "、")


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text`` with their offsets; one over MAX_SENTENCE characters comes in pieces."""
    out: list[Sentence] = []
    for m in _END.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > MAX_SENTENCE:
            cut = end = _cut(text, s)
            while end > s and text[end - 1].isspace():
                end -= 1
            out.append(Sentence(index=len(out), start=s, end=end, text=text[s:end]))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append(Sentence(index=len(out), start=s, end=e, text=text[s:e]))
    return tuple(out)


def _cut(text: str, start: int) -> int:
    """Where the piece of an over-long sentence that begins at ``start`` ends (after a clause mark if there is one)."""
    low, high = start + MAX_SENTENCE // 2, start + MAX_SENTENCE
    for marks in _CLAUSE_MARKS:
        at = max(text.rfind(c, low, high) for c in marks)
        if at >= 0:
            return at + 1
    return high


def inside_book_title(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside 《…》: a title (《广州日报》, 《美国黑帮》) names no place, body or figure."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)
