"""What a sentence's rules may know of the rest of its article."""

from __future__ import annotations

from dataclasses import dataclass, field

from kgraph.extract.link import HomeRegion
from kgraph.model import Mention


@dataclass
class ArticleContext:
    home: HomeRegion = field(default_factory=HomeRegion)
    earlier: list[Mention] = field(default_factory=list)  # every mention before this sentence
    subject: Mention | None = None  # the article's running subject (the region or body it is about)
    year: str | None = None  # the article's year
    previous_sentence: list[Mention] = field(default_factory=list)
    last_year: str | None = None  # the year most recently written in the article (2025年度名单 … 其中 …)

    def last(self, classes: frozenset[str] | set[str] | tuple[str, ...]) -> Mention | None:
        return next((m for m in reversed(self.earlier) if m.cls in classes and not m.reference), None)
