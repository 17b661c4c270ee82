"""Cut a newspaper page into articles: title lines, bylines, photo captions and body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kgraph.ingest.normalise import PHOTO_CREDIT, is_photo_credit
from kgraph.model import Article, Document
from kgraph.nlp.names import looks_like_name

BREAK = "\x00jump\x00"
_PAGE_NO = r"\s*[0-9一二三四五六七八九十]+\s*版"
# Page furniture removed outright: jump markers (下转第2版, 上接第1版, 见第2版).
JUMP = re.compile(rf"[（(]\s*(?:下转|上接|转|接)第?{_PAGE_NO}\s*[）)]|(?:下转|上接)第?{_PAGE_NO}|见第{_PAGE_NO}")
# Reporter titles that stand before names in bylines.
REPORTER_WORDS = re.compile(r"本报讯|本报|特约|全媒体|融媒体|首席|实习|见习|通讯员|记者|文/图|文图|图/文|摄影|文/"
                            r"|责任编辑|编辑|报道")  # (通讯员甲报道)
_NAME = r"[\u4e00-\u9fff]{2,4}"
# 本报讯(记者甲 通讯员乙), 桂林网讯(…), 新华社南宁5月1日电(…): who wrote it, not article text.
# 湖南日报·新湖南客户端1月30日讯(记者 王文) too; the bracket must hold reporters (``dateline``).
# (荆楚网(湖北日报网)讯: the outlet's other name in brackets before 讯)
DATELINE = re.compile(r"^(?:本报讯|[\u4e00-\u9fff·]{2,16}?(?:[（(][\u4e00-\u9fff·]{2,12}[）)])?(?:\d{1,2}月\d{1,2}日)?"
                      r"(?:网讯|报讯|台讯|讯|电))\s*"
                      r"[（(]([^）)]{2,30})[）)]\s*")
# A credit line of roles and names: "文:甲 图:乙", "[责任编辑:甲]", "编辑/甲", "(融媒体记者 甲 编辑 乙)".
_ROLES = r"(?:责任编辑|责编|编辑|审核|校对|初审|复审|终审|监制|文字|图片|摄影|摄像|视频|作者|文|图)\s*[:：/]\s*"
CREDIT_LINE = re.compile(rf"[\[【（(]?\s*(?:{_ROLES}{_NAME}(?:[\s　、]+{_NAME})*\s*)+[\]】）)]?")
# Paragraphs run together on one line, each indented (a page pasted as one line): where one ends and the
# next begins, after a sentence's end or before a dateline.
RUN_ON_PARAGRAPH = re.compile(r"(?<=[。！？!?…”’])[ \t]{2,}(?=\S)|[ \t]{2,}(?=" + DATELINE.pattern[1:] + ")")
# A source line: "（会昌县融媒体中心供稿）", "来源：赣州日报".
SOURCE_LINE = re.compile(r"^[（(][^）)]{2,30}(?:供稿|供图|提供)[）)]$"
                         r"|^[（(](?:刊载于|原载于?|转载自|转自)[^）)]{2,40}[）)]$"  # (刊载于《某日报》5月1日02版)
                         r"|^(?:来源|稿源)[:：/]\s*\S.{1,60}$")
TRAILING_BYLINE = re.compile(rf"\s*[（(]({_NAME}(?:[\s　、]+{_NAME})*)[）)]\s*$")
# (融媒体记者 甲 编辑 乙) closing the last paragraph: reporter titles between the names.
TRAILING_CREDIT = re.compile(r"\s*[（(]((?:[\u4e00-\u9fff]{2,5}[\s　、:：/]*)+)[）)]\s*$")
SENTENCE_END = "。！？!?…”’"
# A two-line title whose first line ends so is a kicker (引题): "…座谈会时强调".
KICKER_ENDINGS = ("强调", "指出", "表示", "要求", "提出", "时说", "寄语", "指引下", "之际")


def names_in(text: str) -> list[str]:
    """The personal names in a byline-like string (reporter titles removed)."""
    parts = re.split(r"[\s　、,，/]+", REPORTER_WORDS.sub(" ", text))
    return [p for p in parts if p and looks_like_name(p)]


def is_byline(line: str) -> bool:
    if len(line) > 40 or not re.fullmatch(r"[\u4e00-\u9fff\s　、/]+", line):
        return False
    rest = re.split(r"[\s　、/]+", REPORTER_WORDS.sub(" ", line).strip())
    rest = [p for p in rest if p]
    if not rest or not all(looks_like_name(p) for p in rest):
        return False
    # A bare name line counts; several words need a reporter title or more than one name.
    return bool(REPORTER_WORDS.search(line)) or len(rest) >= 1 and len(line.split()) == len(rest)


def dateline(line: str) -> re.Match[str] | None:
    """The dateline opening a story (本报讯(记者甲 通讯员乙)), when its bracket names reporters."""
    m = DATELINE.match(line)
    if m is None or not (REPORTER_WORDS.search(m.group(1)) or _only_names(m.group(1))):
        return None
    return m


def is_credit_line(line: str) -> bool:
    """A line that only names who wrote, photographed or edited the article (文:甲 图:乙, [责任编辑:甲])."""
    return len(line) <= 60 and CREDIT_LINE.fullmatch(line) is not None


def credit_names(line: str) -> list[str]:
    """The personal names of a credit line."""
    parts = re.split(rf"{_ROLES}|[\s　、\[\]【】（）()]+", line)
    return [p for p in parts if p and 2 <= len(p) <= 4]  # the line's form says they are names


def is_heading(line: str) -> bool:
    if line.startswith("#"):
        return True
    return len(line) <= 40 and line[-1] not in SENTENCE_END and not re.search(r"[，。；]", line)


@dataclass
class _Section:
    header: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    ends_with_credit: bool = False


class ArticleSegmenter:
    """Document → [Article]. A page is cut where a heading group starts a new story."""

    def __call__(self, doc: Document) -> list[Article]:
        # a jump marker closes what stands before it (a teaser's 见第2版, an article's 下转第2版)
        text = JUMP.sub("\n" + BREAK + "\n", doc.text)
        if "  " in text:
            text = RUN_ON_PARAGRAPH.sub("\n", text)
        lines = [ln.strip() for ln in text.split("\n")]
        sections = self._sections([ln for ln in lines if ln])
        articles: list[Article] = []
        for sec in self._merge(sections):
            article = self._article(sec, doc, len(articles))
            if article is not None:
                articles.append(article)
        return articles

    def _sections(self, lines: list[str]) -> list[_Section]:
        """Runs of heading lines (with bylines) each followed by body lines and captions."""
        sections: list[_Section] = []
        cur = _Section()
        for k, line in enumerate(lines):
            nxt = lines[k + 1] if k + 1 < len(lines) else ""
            if line == BREAK:
                sections.append(cur)
                cur = _Section()
                continue
            if is_photo_credit(line):
                cur.captions.append(line)
                cur.credits.extend(names_in(PHOTO_CREDIT.search(line).group(1)))
                cur.ends_with_credit = True
                continue
            if len(line) <= 40 and is_photo_credit(nxt) and not line.startswith("#") and cur.body:
                cur.captions.append(line)  # a caption's description, its credit follows
                continue
            if SOURCE_LINE.match(line):
                continue
            if is_credit_line(line):
                cur.bylines.append(line)
                continue
            if cur.body and dateline(line):
                sections.append(cur)  # 本报讯 opens the next story of a page run together
                cur = _Section()
            if is_byline(line) and (cur.header or not cur.body):
                cur.bylines.append(line)
                continue
            if is_heading(line):
                if cur.body or cur.captions:
                    sections.append(cur)
                    cur = _Section()
                cur.header.append(line)
                continue
            cur.body.append(line)
            cur.ends_with_credit = False
        sections.append(cur)
        return sections

    @staticmethod
    def _starts_story(sec: _Section) -> bool:
        """Whether a section opens a new article rather than continuing one under a sub-heading."""
        if not sec.body:
            return True  # a heading block with no body: a teaser or banner, dropped later
        if len(sec.header) >= 2 or sec.bylines or any(h.startswith("#") for h in sec.header):
            return True
        if dateline(sec.body[0]) or sec.ends_with_credit:
            return True  # a dateline, or a photo story that closes with its credit
        return False

    def _merge(self, sections: list[_Section]) -> list[_Section]:
        out: list[_Section] = []
        for sec in sections:
            if out and out[-1].body and not self._starts_story(sec):
                prev = out[-1]
                prev.body.extend(sec.header + sec.body)
                prev.captions.extend(sec.captions)
                prev.credits.extend(sec.credits)
            else:
                out.append(sec)
        return out

    def _article(self, sec: _Section, doc: Document, index: int) -> Article | None:
        body_lines = list(sec.body)
        if not body_lines:
            return None
        authors: list[str] = list(doc.authors)
        for b in sec.bylines:
            authors.extend(credit_names(b) if is_credit_line(b) else names_in(b))
        m = dateline(body_lines[0])
        if m:
            authors.extend(names_in(m.group(1)))
            body_lines[0] = body_lines[0][m.end():]  # the byline is not text to extract from
        m = TRAILING_BYLINE.search(body_lines[-1]) or TRAILING_CREDIT.search(body_lines[-1])
        if m and _only_names(m.group(1)):
            authors.extend(names_in(m.group(1)))
            body_lines[-1] = body_lines[-1][: m.start()]
        authors.extend(sec.credits)
        body = "\n".join(ln for ln in body_lines if ln).strip()
        if not body:
            return None
        header = [h.lstrip("#").strip() for h in sec.header]
        header = [h for h in header if h]
        title, kicker, subtitle = _title_parts(header, doc.title)
        return Article(
            id=Article.make_id(title, body),
            source=doc.source,
            page=doc.source.split("#", 1)[0],
            title=title,
            body=body,
            title_lines=tuple(header) or ((title,) if title else ()),  # a container's title reads as a heading
            subtitle=subtitle,
            kicker=kicker,
            authors=tuple(dict.fromkeys(authors)),
            photographers=tuple(dict.fromkeys(sec.credits)),
            captions=tuple(sec.captions),
            date=doc.date,
            url=doc.url,
            publisher=doc.publisher,
            index=index,
        )


def _only_names(credit: str) -> bool:
    """Whether a bracket holds reporters' names and titles only (not 赣州市人民医院 or 下同)."""
    names = names_in(credit)
    rest = [p for p in re.split(r"[\s　、:：/]+", REPORTER_WORDS.sub(" ", credit)) if p]
    return bool(names) and len(names) == len(rest)


def _title_parts(header: list[str], fallback: str | None) -> tuple[str, str | None, str | None]:
    """(title, kicker, subtitle) from a heading group in page order."""
    if not header:
        return fallback or "", None, None
    if len(header) == 1:
        return header[0], None, None
    if len(header) == 2:
        first, second = header
        if second.startswith("——") or not first.endswith(KICKER_ENDINGS):
            return first, None, second
        return second, first, None
    return header[1], header[0], header[2]
