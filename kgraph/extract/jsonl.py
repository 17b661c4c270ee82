"""`kgraph extract`: entity mentions of plain texts, with offsets into the text as given."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Collection, Iterable
from contextlib import nullcontext
from typing import TextIO

from kgraph.extract.article import ArticleExtractor
from kgraph.fsutil import atomic_write
from kgraph.model import Article


def extract_mentions(extractor: ArticleExtractor, text: str, home_region: str | None = None,
                     classes: Collection[str] | None = None) -> list[dict]:
    """The outermost named entity mentions of ``text``, as NER sets annotate them.

    References such as 我省 are not names and are left out, and so is a region inside a longer
    name (贵溪 in 贵溪经开区), which the graph keeps for the name's location. With ``classes``, only
    mentions of those classes count: the names inside an event's or project's name are outermost
    then (中国致公党 in 中国致公党第十一次全国代表大会), as a set without such a label annotates them.
    """
    article = Article(id="x", source="x", page="x", title="", body=text)
    home = extractor.home_region(text, None, home_region)
    names = [m for m in extractor(article, home).mentions if not m.reference and (classes is None or m.cls in classes)]
    outer = [m for m in names if not any(o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                                         for o in names)]
    return [{"start": m.start, "end": m.end, "type": m.cls, "text": m.text} for m in outer]


def extract_jsonl(src: str | os.PathLike, dst: str | os.PathLike, home_region: str | None = None,
                  classes: Collection[str] | None = None) -> int:
    """Read ``{"id","text"}`` lines, write ``{"id","entities":[…]}`` lines; returns the number of records.

    ``-`` for ``src`` reads standard input, for ``dst`` writes standard output."""
    with (nullcontext(sys.stdin) if str(src) == "-" else open(src, encoding="utf-8")) as f, \
            (nullcontext(sys.stdout) if str(dst) == "-" else atomic_write(dst)) as out:
        return extract_lines(f, out, "<stdin>" if str(src) == "-" else str(src), home_region, classes)


def extract_lines(lines: Iterable[str], out: TextIO, src: str, home_region: str | None = None,
                  classes: Collection[str] | None = None) -> int:
    """``extract_jsonl`` of lines read from ``src`` (named in errors), written to ``out``."""
    extractor = ArticleExtractor()
    n = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            text = rec["text"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ValueError(f"{src}:{lineno}: not a JSON object with a \"text\"") from None
        ents = extract_mentions(extractor, text, home_region, classes)
        out.write(json.dumps({"id": rec.get("id", lineno), "entities": ents}, ensure_ascii=False) + "\n")
        n += 1
    return n
