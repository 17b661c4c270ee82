"""Split an article body into sentences, keeping offsets."""

from __future__ import annotations

import re

from kgraph.model import Sentence

# A sentence ends at 。！？ (and ; at a paragraph's end), with closing quotes kept.
_END = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|\n|$)")


def split_sentences(text: str) -> tuple[Sentence, ...]:
    out = []
    for m in _END.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(index=len(out), start=s, end=e, text=text[s:e]))
    return tuple(out)


def inside_book_title(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside 《…》: a title (《广州日报》, 《美国黑帮》) names no place, body or figure."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)
