"""Merge what each article found into one entity per real thing, across the corpus."""

from __future__ import annotations

from collections.abc import Iterable

from kgraph.model import ArticleExtraction, Corpus, Entity, Figure, Statement


class Resolver:
    """[ArticleExtraction] → Corpus: entities merged by key, statements and figures placed."""

    def __call__(self, extractions: Iterable[ArticleExtraction]) -> Corpus:
        extractions = sorted(extractions, key=lambda x: x.article.id)
        entities: dict[str, Entity] = {}
        articles = {}
        statements: list[Statement] = []
        figures: list[Figure] = []
        for x in extractions:
            if x.article.id in articles:  # the same article read twice: count it once
                continue
            articles[x.article.id] = x.article
            for info in x.entities:
                e = entities.setdefault(info.key, Entity(info.key, info.cls, info.name))
                e.adcode = e.adcode or info.adcode
                e.parent = e.parent or info.parent
                e.point = e.point or info.point
                if info.mentioned:
                    e.articles.add(x.article.id)
                    e.mention_count += 1
            for m in x.mentions:
                e = entities.setdefault(m.key, Entity(m.key, m.cls, m.canonical, adcode=m.adcode))
                e.articles.add(x.article.id)
                e.mention_count += 1
                if m.text != e.name and not m.reference:
                    e.aliases.add(m.text)
            sent = {s.index: s.text for s in x.sentences}
            for r in x.relations:
                statements.append(Statement(r.subject, r.predicate, r.object, x.article.id,
                                            sent.get(r.sentence, ""), r.qualifiers))
            for o in x.observations:
                figures.append(Figure(o, x.article.id, sent.get(o.sentence, "")))
        known = set(entities)
        statements = sorted({s for s in statements if s.subject in known and s.object in known},
                            key=lambda s: s.id)
        figures = sorted({f for f in figures if f.observation.subject in known}, key=lambda f: f.id)
        return Corpus(entities=dict(sorted(entities.items())), articles=dict(sorted(articles.items())),
                      statements=statements, figures=figures)
