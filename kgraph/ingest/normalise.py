"""Undo PDF-extraction damage and unify the characters that matter for matching."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from kgraph.model import Document

# A paragraph that really ends, ends with one of these.
CLOSERS = "。！？!?；;：:…”’」』）)》】"
# Characters removed outright: zero-width and bidi controls.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e"), None)
# Full-width forms folded to ASCII: digits, Latin letters, and the punctuation inside figures.
FOLD = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９％．＋－"}
FOLD.update({ord(c): ord(c) - 0xFEE0 for c in map(chr, range(0xFF21, 0xFF3B))})
FOLD.update({ord(c): ord(c) - 0xFEE0 for c in map(chr, range(0xFF41, 0xFF5B))})
FOLD[0x3000] = ord(" ")  # ideographic space
FOLD[0xA0] = ord(" ")

_CJK = r"[\u3400-\u9fff]"
# A line broken mid-word by PDF extraction: long line, no closing punctuation, blank line(s),
# then a line that goes on in CJK.
_BROKEN = re.compile(rf"(?m)^(.{{24,}}{_CJK})[ \t]*\n(?:[ \t]*\n)+(?=[\u3400-\u9fff0-9A-Za-z“\"])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE).translate(FOLD)
    text = _CONTROL.sub("", text)
    return _BROKEN.sub(_join, text)


def _join(m: re.Match[str]) -> str:
    line = m.group(1)
    if line[-1] in CLOSERS:
        return m.group(0)
    return line


class Normaliser:
    """Document → Document with broken words rejoined and characters unified."""

    def __call__(self, doc: Document) -> Document:
        return replace(doc, text=normalise_text(doc.text))
