"""Cut a newspaper page into articles: titles, bylines, captions and body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kgraph.model import Article, Document

# Page furniture removed outright: jump markers (下转第2版, 上接第1版, 见第2版).
_PAGE_NO = r"\s*[0-9一二三四五六七八九十]+\s*版"
JUMP = re.compile(rf"[（(]?\s*(?:下转|上接|转|接)第?{_PAGE_NO}\s*[）)]?|见第{_PAGE_NO}")
# Bylines: a line of reporter names, optionally with the paper's reporter titles.
REPORTER = r"(?:本报|特约|全媒体|首席|融媒体|实习|见习|通讯员|记者|[ 　])*"
NAME = r"[\u4e00-\u9fff]{2,4}"
BYLINE = re.compile(rf"^(?:{REPORTER}{NAME})(?:[ 　、,，]+{REPORTER}{NAME})*$")
BYLINE_CUE = re.compile(r"(?:记者|通讯员|本报)")
DATELINE = re.compile(rf"^本报讯[（(](?:{REPORTER})({NAME}(?:[ 　、]+{NAME})*)[）)]")
END_BYLINE = re.compile(rf"[（(]((?:{NAME})(?:[ 　、]+{NAME})*)[）)]$")
CAPTION = re.compile(rf"(?:^|[ 　])(?:通讯员|记者|本报记者)?\s*({NAME}(?:[ 　、]+{NAME})*)\s*摄$")
SENTENCE_END = "。！？!?”…"


@dataclass
class _Draft:
    header: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


def _is_short(line: str) -> bool:
    return len(line) <= 40 and line[-1] not in SENTENCE_END and not line.endswith("。”")


def _names(text: str) -> list[str]:
    text = re.sub(REPORTER.replace("[ 　]", ""), " ", text)
    text = re.sub(r"(?:本报|特约|全媒体|首席|融媒体|实习|见习|通讯员|记者)", " ", text)
    return [n for n in re.split(r"[ 　、,，]+", text) if n]


class ArticleSegmenter:
    """Document → [Article]. Markdown headings start articles where present."""

    def __call__(self, doc: Document) -> list[Article]:
        text = JUMP.sub("", doc.text)
        lines = [ln.strip() for ln in text.split("\n")]
        drafts = self._drafts([ln for ln in lines if ln], markdown=doc.format == "md" or _has_headings(lines))
        articles = []
        for d in drafts:
            body = "\n".join(d.body).strip()
            if not body:
                continue
            header = [h.lstrip("#").strip() for h in d.header]
            header = [h for h in header if h]
            title, kicker, subtitle = _title_parts(header, doc.title)
            for b in d.body[:1]:
                m = DATELINE.match(b)
                if m:
                    d.authors.extend(_names(m.group(1)))
            m = END_BYLINE.search(body)
            if m and not d.authors:
                d.authors.extend(_names(m.group(1)))
            articles.append(Article(
                id=Article.make_id(title, body),
                source=doc.source,
                page=doc.source.split("#", 1)[0],
                title=title,
                body=body,
                title_lines=tuple(header),
                subtitle=subtitle,
                kicker=kicker,
                authors=tuple(dict.fromkeys(d.authors)),
                photographers=tuple(dict.fromkeys(d.photographers)),
                captions=tuple(d.captions),
                date=doc.date,
                url=doc.url,
                publisher=doc.publisher,
                index=len(articles),
            ))
        return articles

    def _drafts(self, lines: list[str], markdown: bool) -> list[_Draft]:
        drafts: list[_Draft] = []
        cur = _Draft()
        for line in lines:
            cap = CAPTION.search(line)
            if cap and len(line) <= 60:
                cur.captions.append(line)
                cur.photographers.extend(_names(cap.group(1)))
                continue
            if _is_byline(line):
                cur.authors.extend(_names(line))
                continue
            heading = line.startswith("#")
            if heading or (not markdown and _is_short(line)):
                if cur.body and (heading or not markdown):
                    drafts.append(cur)
                    cur = _Draft()
                cur.header.append(line)
            else:
                cur.body.append(line)
        drafts.append(cur)
        return drafts


def _has_headings(lines: list[str]) -> bool:
    return any(ln.startswith("# ") or ln.startswith("## ") for ln in lines)


def _is_byline(line: str) -> bool:
    if len(line) > 30 or not BYLINE.match(line):
        return False
    # a bare 2-4 character line is more often a short heading than a name, unless it has a cue
    return bool(BYLINE_CUE.search(line)) or (" " in line or "　" in line) and len(_names(line)) >= 1


def _title_parts(header: list[str], fallback: str | None) -> tuple[str, str | None, str | None]:
    if not header:
        return fallback or "", None, None
    if len(header) == 1:
        return header[0], None, None
    # The longest line that is not a dash-led subtitle is the title; what precedes it is the kicker.
    cands = [i for i, h in enumerate(header) if not h.startswith("——")]
    main = cands[0] if cands else 0
    if len(header) >= 3 and cands and len(cands) >= 2:
        main = cands[1]
    kicker = header[main - 1] if main > 0 else None
    subtitle = header[main + 1] if main + 1 < len(header) else None
    return header[main], kicker, subtitle
