"""ArticleExtractor: the recognisers, linker, relation rules and figure parser over one article."""

from __future__ import annotations

import re

from kgraph.extract.figures import FigureExtractor
from kgraph.extract.link import HomeRegion, RegionLinker
from kgraph.extract.organisations import SuffixRecogniser
from kgraph.extract.people import TitledPersonRecogniser
from kgraph.extract.regions import RegionRecogniser
from kgraph.extract.relations import RelationExtractor
from kgraph.gazetteer import Gazetteer, load_gazetteer
from kgraph.model import REGION_CLASSES, Article, ArticleExtraction, Mention, Relation
from kgraph.nlp.sentences import split_sentences

YEAR = re.compile(r"(19|20)\d\d")


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (a region inside a park's name stays too)."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            prev = out[-1]
            inside = prev.start <= m.start and m.end <= prev.end
            if inside and m.cls in REGION_CLASSES and prev.cls not in REGION_CLASSES:
                out.append(m)  # 贵溪 in 贵溪经开区: the region is kept for the name-prefix relation
                continue
            if any(o.start <= m.start < o.end and o.cls not in REGION_CLASSES for o in out[-2:]):
                continue
            if m.end - m.start > prev.end - prev.start:
                out[-1] = m
            continue
        out.append(m)
    return out


class ArticleExtractor:
    """Article → ArticleExtraction (mentions linked, relations and figures found)."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or load_gazetteer()
        self.recognisers = [RegionRecogniser(self.gazetteer), SuffixRecogniser(), TitledPersonRecogniser()]
        self.linker = RegionLinker(self.gazetteer)
        self.relate = RelationExtractor()
        self.figures = FigureExtractor()

    def home_region(self, text: str, publisher: str | None = None, given: str | None = None) -> HomeRegion:
        """The publisher's province and city for a page (what 我省 / 我市 mean)."""
        return self.linker.home_region(text, publisher, given)

    def __call__(self, article: Article, home: HomeRegion | None = None) -> ArticleExtraction:
        if home is None:
            home = self.home_region("\n".join([*article.title_lines, article.body]), article.publisher)
        sentences = split_sentences(article.body)
        raw: list[Mention] = []
        for s in sentences:
            found: list[Mention] = []
            for rec in self.recognisers:
                found.extend(rec(s, s.start))
            raw.extend(resolve_overlaps(found))
        mentions = self.linker(raw, home, context="\n".join(article.title_lines or (article.title,)))
        year = None
        if article.date and YEAR.match(article.date):
            year = article.date[:4]
        relations: list[Relation] = []
        observations = []
        first = {}
        for m in mentions:
            first.setdefault(m.key, m.sentence)
        for area, province in self.linker.informal_relations(mentions):
            relations.append(Relation(area, "relatedTo", province, first[area], rule="informal-region"))
        subject = None
        for s in sentences:
            in_s = [m for m in mentions if s.start <= m.start < s.end]
            relations.extend(self.relate(s, in_s))
            subj = [m for m in in_s if m.cls in REGION_CLASSES or m.cls == "Enterprise"]
            if subj:
                subject = subj[0]
            observations.extend(self.figures(s, subject, year))
        return ArticleExtraction(
            article=article,
            sentences=sentences,
            mentions=tuple(mentions),
            relations=tuple(relations),
            observations=tuple(observations),
            entities=tuple(self.linker.context_entities(mentions)),
        )
