"""Undo PDF-extraction damage and unify the characters that matter for matching."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from zhconv_rs import zhconv

from kgraph.model import Document

# A paragraph that really ends, ends with one of these.
CLOSERS = "。！？!?；;…”’」』）)》】"
# Characters removed outright: zero-width and bidi controls.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e"), None)
# Full-width forms folded to ASCII: digits, Latin letters, and the signs inside figures.
FOLD = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９％．＋－"}
FOLD.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
FOLD.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
FOLD[0x3000] = ord(" ")  # ideographic space
FOLD[0xA0] = ord(" ")
FOLD[0x2028] = ord("\n")  # line separator
FOLD[0x2029] = "\n\n"  # paragraph separator
# Removed: control characters; lone surrogates (a JSON "\\ud800" or a mis-decoded file name) and the
# noncharacters U+FFFE/U+FFFF, which no output format can carry (UTF-8 refuses the one, XML the others).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# A text whose Chinese characters change this much in simplified script is written in traditional.
TRADITIONAL_SHARE = 0.05
_HAN = re.compile(r"[\u3400-\u9fff]")

_NAME = r"[\u4e00-\u9fff]{2,4}"
# A photo credit: "通讯员 李超摄", "特约通讯员 魏东升摄", "…航拍图 薛顺鑫摄".
PHOTO_CREDIT = re.compile(
    rf"(?:^|[\s　])(?:本报|特约|全媒体|融媒体|首席)*(?:通讯员|记者)?\s*({_NAME}(?:[\s　、]+{_NAME})*)\s*摄$")
# Body text has clause punctuation; headings and credits do not.
_CLAUSE = re.compile(r"[，,。；;、：:]")
_CONTINUES = re.compile(r"^[\u3400-\u9fff0-9A-Za-z“\"‘'《（(]")


def is_photo_credit(line: str) -> bool:
    """One line that credits a photo, with or without the caption text before it."""
    return "\n" not in line and len(line) <= 60 and bool(PHOTO_CREDIT.search(line))


def is_caption_block(para: str) -> bool:
    """A paragraph of short lines ending in a photo credit (a caption and its credit)."""
    lines = para.split("\n")
    return is_photo_credit(lines[-1]) and all(len(x) <= 40 for x in lines[:-1])


def _broken(line: str) -> bool:
    """A body line cut before its end (no closing punctuation) by PDF extraction."""
    return (len(line) >= 12 and line[-1] not in CLOSERS and not line.startswith("#")
            and bool(_CLAUSE.search(line)) and not is_photo_credit(line))


def rejoin_paragraphs(text: str) -> str:
    """Rejoin lines broken over blank lines; photo captions standing in between move after the paragraph."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text)]
    paras = [p for p in paras if p]
    out: list[str] = []
    i = 0
    while i < len(paras):
        cur = paras[i]
        i += 1
        moved: list[str] = []
        while _broken(cur.split("\n")[-1]):
            j = i
            captions = []
            # skip a caption (an optional short description, then the credit line)
            while j < len(paras):
                if is_caption_block(paras[j]):
                    captions.append(paras[j])
                    j += 1
                elif (j + 1 < len(paras) and len(paras[j]) <= 40 and is_photo_credit(paras[j + 1])
                      and len(paras[j + 1]) <= 20):
                    captions += paras[j:j + 2]  # a caption, a blank line, and its bare credit
                    j += 2
                else:
                    break
            if j < len(paras) and _CONTINUES.match(paras[j]) and not is_caption_block(paras[j]):
                cur += paras[j]
                moved += captions
                i = j + 1
            else:
                break
        out.append(cur)
        out.extend(moved)
    return "\n\n".join(out)


def _unify(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)  # before NFC, which cannot take a lone surrogate
    return unicodedata.normalize("NFC", text).translate(INVISIBLE).translate(FOLD)


def normalise_text(text: str) -> str:
    return rejoin_paragraphs(_unify(text))


def normalise_line(text: str | None) -> str | None:
    """A one-line field (a title, a publisher): characters unified, white space collapsed; None if empty."""
    if text is None:
        return None
    return " ".join(_unify(text).split()) or None


def is_traditional(text: str) -> bool:
    """Whether a text is written in traditional characters (a Big5 page, a Hong Kong or Taiwan site)."""
    simplified = zhconv(text, "zh-hans")
    if simplified == text:
        return False
    han = len(_HAN.findall(text))
    changed = sum(a != b for a, b in zip(text, simplified, strict=False))
    return changed >= TRADITIONAL_SHARE * han


class Normaliser:
    """Document → Document with broken words rejoined and characters unified (in its title too).

    A document written in traditional characters is put in simplified ones, the script of the
    gazetteer and the cue tables: 貴溪市 is 贵溪市, and its sentences in the graph are simplified.
    """

    def __call__(self, doc: Document) -> Document:
        title, text = normalise_line(doc.title), normalise_text(doc.text)
        if is_traditional(f"{title or ''}\n{text}"):
            title = zhconv(title, "zh-hans") if title else title
            text = zhconv(text, "zh-hans")
        return replace(doc, text=text, title=title, publisher=normalise_line(doc.publisher),
                       date=normalise_line(doc.date), url=normalise_line(doc.url))
