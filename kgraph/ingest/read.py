"""Read files and folders into Documents, detecting the encoding Chinese sites use."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from charset_normalizer import from_bytes

from kgraph.model import Document

DATE_META = {"date", "pubdate", "publishdate", "publish_date", "article:published_time", "dc.date",
             "dcterms.date"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SUFFIX_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                  ".jsonl": "jsonl"}


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read; ``reason`` is one line for the user."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: skipped: {self.reason}"


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Skipped]:
    """Every readable file under ``paths`` (folders recursively), in sorted order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):  # os.walk does not follow symlinked dirs
                dirs.sort()
                for name in sorted(files):
                    f = Path(root) / name
                    if f.suffix.lower() in SUFFIX_FORMATS:
                        yield f
        elif path.is_file():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text: UTF-8 (with or without BOM) first, then a detected encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    # Chinese sites that are not UTF-8 use GB18030 (GBK, GB2312) or Big5: let the detector choose
    cjk = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if cjk is not None and _mostly_text(str(cjk)):
        return str(cjk), cjk.encoding
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("not text in any known encoding (binary file?)")
    return str(best), best.encoding


def _mostly_text(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\r\n\t\f") or c == "\ufffd")
    return bad / len(text) < 0.01


class _TextOfHTML(HTMLParser):
    """Article text of a page: paragraphs and headings, not scripts, styles or navigation."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "select"}
    BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
             "figcaption", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.date: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            a = {k.lower(): v for k, v in attrs if v}
            name = (a.get("name") or a.get("property") or "").lower()
            if name in DATE_META and a.get("content") and self.date is None:
                m = ISO_DATE.search(a["content"])
                self.date = m.group(0) if m else None
        if tag in self.SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    """(title, text) of an HTML page."""
    title, _, text = parse_html(html)
    return title, text


def parse_html(html: str) -> tuple[str, str | None, str]:
    """(title, date, text) of an HTML page."""
    parser = _TextOfHTML()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return " ".join(parser.title.split()), parser.date, text.strip()


def read_file(path: Path) -> Iterator[Document | Skipped]:
    fmt = SUFFIX_FORMATS.get(path.suffix.lower(), "txt")
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Skipped(source, e.strerror or str(e))
        return
    if not data.strip():
        yield Skipped(source, "empty file")
        return
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield Skipped(source, "binary file, not text")
        return
    try:
        text, enc = decode(data)
    except ValueError as e:
        yield Skipped(source, str(e))
        return
    if fmt == "html":
        title, date, body = parse_html(text)
        yield Document(source=source, text=body, format="html", title=title or None, date=date, encoding=enc)
    elif fmt == "jsonl":
        yield from _read_jsonl(source, text, enc)
    else:
        yield Document(source=source, text=text, format=fmt, encoding=enc)


def _read_jsonl(source: str, text: str, enc: str) -> Iterator[Document | Skipped]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Skipped(where, f"not JSON ({e.msg})")
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            yield Skipped(where, 'no "text" string in the record')
            continue
        rid = rec.get("id")
        yield Document(
            source=f"{source}#{rid}" if rid is not None else where,
            text=rec["text"],
            format="jsonl",
            title=_str_or_none(rec.get("title")),
            date=_str_or_none(rec.get("date")),
            url=_str_or_none(rec.get("url")),
            publisher=_str_or_none(rec.get("source")),
            encoding=enc,
        )


def _str_or_none(v: object) -> str | None:
    return v if isinstance(v, str) and v.strip() else None


def read_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Document | Skipped]:
    """Documents from files and folders; what cannot be read comes out as ``Skipped``."""
    for f in iter_files(paths):
        if isinstance(f, Skipped):
            yield f
        else:
            yield from read_file(f)
