"""Figures: a metric, a number with its unit, and growth, tied to the sentence's subject."""

from __future__ import annotations

import re

from kgraph.model import Mention, Observation, Sentence

UNITS = "亿元|万元|元|万吨|吨|亿千瓦时|万千瓦时|千瓦时|家|个|项|人|名|户|件|场|万平方米|平方米|公里|米|亩|%"
FIGURE = re.compile(rf"(?P<metric>[\u4e00-\u9fff]{{2,12}}?)(?:达|为|至|超|近|约|实现|完成)?"
                    rf"(?P<approx>超|近|约)?(?P<value>\d+(?:\.\d+)?)(?P<unit>{UNITS})"
                    rf"(?:[，,、]?(?:较上年|同比)?增长(?P<growth>\d+(?:\.\d+)?)%)?")
YEAR = re.compile(r"(20\d\d|19\d\d)年")


class FigureExtractor:
    """Sentence → Observations about the most recent subject (region, enterprise …)."""

    def __call__(self, sentence: Sentence, subject: Mention | None, article_year: str | None
                 ) -> list[Observation]:
        if subject is None:
            return []
        y = YEAR.search(sentence.text)
        year = y.group(1) if y else article_year
        out = []
        for m in FIGURE.finditer(sentence.text):
            if m.group("unit") == "%" and not m.group("metric"):
                continue
            out.append(Observation(subject=subject.key, metric=m.group("metric"), value=m.group("value"),
                                   unit=m.group("unit"), sentence=sentence.index, year=year,
                                   growth_percent=m.group("growth"), approx=m.group("approx"),
                                   text=m.group(0)))
        return out
