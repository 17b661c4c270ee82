"""Read files and folders into Documents, detecting the encoding Chinese sites use.

Whatever cannot be read comes out as a ``Skipped`` (one line for the user: the file and why),
never as an exception, so one bad file does not stop a batch.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

import yaml
from charset_normalizer import from_bytes

from kgraph.model import Document

DATE_META = {"date", "pubdate", "publishdate", "publish_date", "article:published_time", "dc.date",
             "dcterms.date"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# YAML front matter: a first line of ---, the block, a closing --- (or ...) on a line of its own.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
# Front-matter dates as written: 2025-05-22, 2025/5/22, 2025年5月22日, 2025-05, 2025.
_META_DATE = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?)?")
SUFFIX_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                  ".jsonl": "jsonl"}
# A news page is a few thousand characters; past this a file (or a JSONL record) is more likely a dump
# than an article, and would take minutes and gigabytes: it is skipped unless the user raises the cap.
DEFAULT_MAX_MB = 20.0
# What crawlers save that is not text, by its first bytes.
SIGNATURES = (
    (b"%PDF-", "a PDF document, not text (extract its text first, e.g. with pdftotext)"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text"),
    (b"GIF87a", "a GIF image, not text"),
    (b"GIF89a", "a GIF image, not text"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx document), not text"),
    (b"\x1f\x8b", "a gzip archive, not text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls), not text"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive, not text"),
    (b"Rar!\x1a\x07", "a RAR archive, not text"),
    (b"\x7fELF", "a program, not text"),
)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# An HTML page's own word for its encoding (<meta charset="gbk">, http-equiv … charset=gb2312).
META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
# What browsers read a declared encoding as: the GB family is all GB18030, Big5 with its HK extension.
CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
                   "cp936": "gb18030", "euc-cn": "gb18030", "big5": "big5hkscs", "utf8": "utf-8"}
# Characters that would break a one-line message or reorder it on a terminal, and lone surrogates
# (from a JSON "\ud800" escape), which no output can encode.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` on one line: control and bidi characters written as escapes (\\n, \\x01, \\u202e)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def display_path(path: str | os.PathLike) -> str:
    """A path as text for messages and provenance: a GBK file name (from a Windows zip) is read as such."""
    raw = os.fsencode(path)
    for enc in ("utf-8", "gb18030"):
        try:
            return printable(raw.decode(enc))
        except UnicodeDecodeError:
            pass
    return printable(raw.decode("utf-8", "backslashreplace"))


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read; ``reason`` is one line for the user."""

    source: str
    reason: str

    def __str__(self) -> str:
        return printable(f"{self.source}: skipped: {self.reason}")


def _why(e: OSError) -> str:
    """An OS error as the user would say it."""
    if e.errno == errno.ELOOP:
        return "symbolic link loop"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.ENOENT:
        return "no such file or folder"
    return (e.strerror or str(e)).lower()


def _not_regular(path: Path) -> Skipped | None:
    """Why ``path`` is no file to read (missing, a broken link, a loop, a FIFO …), or None."""
    try:
        st = path.stat()
    except OSError as e:
        if e.errno == errno.ENOENT and path.is_symlink():
            return Skipped(display_path(path), f"broken symbolic link (to {display_path(os.readlink(path))})")
        return Skipped(display_path(path), _why(e))
    if stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode):
        return None
    kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "a device"
    return Skipped(display_path(path), f"not a regular file ({kind})")


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Skipped]:
    """Every article file under ``paths`` (folders recursively, in sorted order), or why not.

    In folders only the suffixes of ``SUFFIX_FORMATS`` are read; a file named on the command line
    is read whatever its name. Symbolic links to folders are followed once; a link back to a folder
    above it is a loop, reported and not followed.
    """
    for p in paths:
        path = Path(p)
        bad = _not_regular(path)
        if bad is not None:
            yield bad
        elif path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(top: Path) -> Iterator[Path | Skipped]:
    """Depth first, each folder's files before its subfolders, names sorted (explicit stack: no depth limit)."""
    seen: set[tuple[int, int]] = set()
    st = top.stat()
    stack = [(top, frozenset({(st.st_dev, st.st_ino)}))]
    seen.add((st.st_dev, st.st_ino))
    while stack:
        folder, above = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            yield Skipped(display_path(folder), f"folder not readable: {_why(e)}")
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows a symbolic link
            except OSError:
                is_dir = False
            if is_dir:
                try:
                    st = entry.stat()
                except OSError as e:
                    yield Skipped(display_path(path), _why(e))
                    continue
                ident = (st.st_dev, st.st_ino)
                if ident in above:
                    yield Skipped(display_path(path), "symbolic link loop (leads back to a folder above it): "
                                                      "not followed")
                elif ident not in seen:  # a second link to a folder already read adds nothing
                    seen.add(ident)
                    subfolders.append((path, above | {ident}))
            elif path.suffix.lower() in SUFFIX_FORMATS:
                bad = _not_regular(path)
                yield bad if bad is not None else path
        stack.extend(reversed(subfolders))


def _mostly_text(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\r\n\t\f") or c == "\ufffd")
    return bad / len(text) < 0.01


def _common(c: str) -> bool:
    """A character ordinary text is mostly made of: Chinese, ASCII, Latin-1, their punctuation."""
    o = ord(c)
    return (o < 0x80 or 0xA0 <= o <= 0xFF or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
            or 0xFF01 <= o <= 0xFF5E or 0x2000 <= o <= 0x206F or c.isspace())


def _plausible(text: str) -> bool:
    """Whether a detector's guess reads as text; a wrong guess at binary gives rare characters of all scripts."""
    if not _mostly_text(text):
        return False
    sample = text[:20000]
    return sum(map(_common, sample)) >= 0.9 * len(sample)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 by its BOM, the page's declared encoding,
    then GB18030 or Big5 as a detector chooses; ``ValueError`` when nothing reads as text."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if declared:
        enc = CHARSET_ALIASES.get(declared.lower(), declared.lower())
        try:
            text = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass  # a page that lies about its encoding (often "utf-8" over GBK) is detected instead
        else:
            return text, enc
    # Chinese sites that are not UTF-8 use GB18030 (GBK, GB2312) or Big5: let the detector choose
    cjk = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if cjk is not None and _plausible(str(cjk)):
        return str(cjk), cjk.encoding
    best = from_bytes(data).best()
    if best is None or not _plausible(str(best)):
        raise ValueError("not text in any known encoding (tried UTF-8, UTF-16, GB18030, Big5): binary?")
    return str(best), best.encoding


def _looks_binary(head: bytes) -> str | None:
    """Why the first bytes of a file say it is not text, or None."""
    for magic, reason in SIGNATURES:
        if head.startswith(magic):
            return reason
    if b"\x00" in head and not head.startswith(UTF16_BOMS) and not _utf16_without_bom(head):
        if head.count(0) > len(head) // 100 or not _utf8_start(head):
            return "binary file, not text"  # a stray NUL in UTF-8 text (a crawler's) is dropped instead
    return None


def _utf8_start(head: bytes) -> bool:
    """Whether ``head`` is UTF-8, but for a character cut at its end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(head: bytes) -> bool:
    """Whether NUL bytes are the high bytes of UTF-16 text that has no BOM."""
    even = head[: len(head) // 2 * 2]
    return any(_plausible(even.decode(enc, "replace")) for enc in ("utf-16-le", "utf-16-be"))


class _TextOfHTML(HTMLParser):
    """Article text of a page: paragraphs and headings, not scripts, styles or navigation."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "select", "template",
            "svg", "iframe", "object"}
    BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
             "figcaption", "title", "blockquote", "pre", "table", "ul", "ol", "dd", "dt"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.date: str | None = None
        self._skip: list[str] = []  # the skipped elements open around the current text
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            a = {k.lower(): v for k, v in attrs if v}
            name = (a.get("name") or a.get("property") or "").lower()
            if name in DATE_META and a.get("content") and self.date is None:
                m = ISO_DATE.search(a["content"])
                self.date = m.group(0) if m else None
        if tag in self.SKIP:
            self._skip.append(tag)
        if tag == "title":
            self._in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        # <nav/> and <br/> open nothing: only the start's effects that do not need an end
        if tag not in self.SKIP:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in self._skip:
            # broken markup: an end tag closes its element and whatever was left open inside it
            while self._skip and self._skip.pop() != tag:
                pass
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
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return " ".join(parser.title.split()), parser.date, text.strip()


def read_file(path: Path, max_bytes: int = int(DEFAULT_MAX_MB * 1e6)) -> Iterator[Document | Skipped]:
    """The Documents of one file (one, or one per JSONL record), or why it cannot be read."""
    fmt = SUFFIX_FORMATS.get(path.suffix.lower(), "txt")
    source = display_path(path)
    try:
        # O_NONBLOCK: a FIFO put in place of the file after it was checked must not hang the build
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                yield Skipped(source, "not a regular file")
                return
            head = f.read(4096)
            binary = _looks_binary(head)
            if binary:
                yield Skipped(source, binary)
                return
            if fmt == "jsonl" and not head.startswith(UTF16_BOMS):
                f.seek(0)
                yield from _jsonl_records(source, _jsonl_lines(f, max_bytes), max_bytes)
                return
            if st.st_size > max_bytes:
                yield Skipped(source, _too_big(st.st_size, max_bytes, "file"))
                return
            data = head + f.read(max_bytes + 1 - len(head))
    except OSError as e:
        yield Skipped(source, _why(e))
        return
    if len(data) > max_bytes:  # it grew while being read
        yield Skipped(source, _too_big(len(data), max_bytes, "file"))
        return
    declared = None
    if fmt == "html":
        m = META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii") if m else None
    try:
        text, enc = decode(data, declared)
    except ValueError as e:
        yield Skipped(source, str(e))
        return
    if not text.strip():
        yield Skipped(source, "empty file" if not data else "empty file (only white space)")
    elif fmt == "html":
        title, date, body = parse_html(text)
        if not body:
            yield Skipped(source, "no text in the page (only markup, scripts or styles)")
            return
        yield Document(source=source, text=body, format="html", title=title or None, date=date, encoding=enc)
    elif fmt == "jsonl":  # UTF-16, read whole
        lines = text.split("\n")
        numbered = [(n, line, n < len(lines) or text.endswith("\n")) for n, line in enumerate(lines, 1)]
        yield from _jsonl_records(source, numbered, max_bytes, enc)
    else:
        meta, text = front_matter(text)
        if not text.strip():
            yield Skipped(source, "no text after the front matter")
            return
        yield Document(source=source, text=text, format=fmt, encoding=enc, **meta)


def front_matter(text: str) -> tuple[dict, str]:
    """(Document fields, the rest of the text) of a text that opens with YAML front matter.

    title, date, source/url, author(s), publisher become the article's metadata; a block that is
    not a YAML mapping of such keys (a Markdown rule, say) is left as text.
    """
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    data = {str(k).strip().lower(): v for k, v in data.items()}
    meta: dict = {}
    if title := _meta_text(data.get("title")):
        meta["title"] = title
    if date := _meta_date(data.get("date")):
        meta["date"] = date
    for key in ("url", "source", "link"):
        value = _meta_text(data.get(key))
        if value and re.match(r"https?://", value):
            meta["url"] = value
            break
    publisher = _meta_text(data.get("publisher") or (None if "url" in meta else data.get("source")))
    if publisher:
        meta["publisher"] = publisher
    authors = data.get("author", data.get("authors"))
    names = authors if isinstance(authors, list) else re.split(r"[\s,，、;；]+", _meta_text(authors) or "")
    if names := tuple(n for n in (_meta_text(a) for a in names) if n):
        meta["authors"] = names
    if not meta:
        return {}, text
    return meta, text[m.end():]


def _meta_text(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return " ".join(str(value).split()) or None


def _meta_date(value: object) -> str | None:
    """An ISO date (or year-month, or year) from a front-matter date (YAML may give a date object)."""
    if value is None:
        return None
    m = _META_DATE.match(str(value).strip())
    if not m:
        return None
    year, month, day = m.groups()
    if month is None:
        return year
    if day is None:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _too_big(size: int, max_bytes: int, what: str) -> str:
    return f"{what} of {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:g} MB (--max-file-mb raises it)"


def _jsonl_lines(f: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | int, bool]]:
    """(number, bytes, ends with a newline) of each line, read one at a time so an export is never held
    whole; a line over ``max_bytes`` gives its size instead of its bytes (and is not kept)."""
    n = 0
    while line := f.readline(max_bytes + 1):
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while chunk := f.readline(1 << 20):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
            yield n, size, True
        else:
            yield n, line, line.endswith(b"\n")


def _jsonl_records(source: str, lines: Iterable[tuple[int, bytes | int | str, bool]], max_bytes: int,
                   enc: str | None = None) -> Iterator[Document | Skipped]:
    """One Document per good record; one Skipped per bad line, naming the line."""
    first_line: dict[str, int] = {}
    blank = True
    for n, line, complete in lines:
        where = f"{source}:{n}"
        if isinstance(line, int):
            blank = False
            yield Skipped(where, _too_big(line, max_bytes, "record"))
            continue
        line_enc = enc
        if isinstance(line, bytes):
            if not line.strip():
                continue
            try:
                line, line_enc = decode(line)
            except ValueError as e:
                blank = False
                yield Skipped(where, str(e))
                continue
        if not line.strip():
            continue
        blank = False
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            cut = "" if complete else "; the file ends inside this line: truncated?"
            yield Skipped(where, f"not JSON ({e.msg}: column {e.colno}{cut})")
            continue
        problem = _record_problem(rec)
        if problem:
            yield Skipped(where, problem)
            continue
        rid = rec.get("id")
        if rid is not None:
            rid = str(rid)
            if rid in first_line:
                yield Skipped(where, f'duplicate id "{printable(rid)}" (line {first_line[rid]} has it and is kept)')
                continue
            first_line[rid] = n
        yield Document(
            source=f"{source}#{printable(rid)}" if rid is not None else where,
            text=rec["text"],
            format="jsonl",
            title=_str_or_none(rec.get("title")),
            date=_str_or_none(rec.get("date")),
            url=_str_or_none(rec.get("url")),
            publisher=_str_or_none(rec.get("source")),
            encoding=line_enc or "utf-8",
        )
    if blank:
        yield Skipped(source, "empty file (no records)")


def _record_problem(rec: object) -> str | None:
    """What makes a JSON value no article record, or None."""
    if not isinstance(rec, dict):
        return f"not a JSON object but {_json_kind(rec)}"
    if "text" not in rec:
        return 'no "text" field'
    if not isinstance(rec["text"], str):
        return f'"text" is {_json_kind(rec["text"])}, not a string'
    if not rec["text"].strip():
        return 'empty "text"'
    rid = rec.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, str | int)):
        return f'"id" is {_json_kind(rid)}, not a string or an integer'
    return None


def _json_kind(v: object) -> str:
    kinds = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array",
             dict: "an object", type(None): "null"}
    return kinds.get(type(v), type(v).__name__)


def _str_or_none(v: object) -> str | None:
    return v if isinstance(v, str) and v.strip() else None


def read_paths(paths: Iterable[str | os.PathLike],
               max_mb: float = DEFAULT_MAX_MB) -> Iterator[Document | Skipped]:
    """Documents from files and folders; what cannot be read comes out as ``Skipped``.

    ``max_mb``: a file (or a JSONL record) larger than this many megabytes is skipped.
    """
    max_bytes = int(max_mb * 1e6)
    for f in iter_files(paths):
        if isinstance(f, Skipped):
            yield f
        else:
            yield from read_file(f, max_bytes)
