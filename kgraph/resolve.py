"""Merge what each article found into one entity per real thing, across the corpus."""

from __future__ import annotations

from collections.abc import Iterable

from kgraph.model import ArticleExtraction, Corpus, Entity, Figure, Statement


def most_specific_places(statements: list[Statement], entities: dict[str, Entity]) -> list[Statement]:
    """Of an entity's locatedIn places keep the most specific stated: drop a place above another one
    (赣州市 when 赣县区 is stated too; 贵溪市 when 贵溪经开区, a park in it, is), and drop a place the
    article only implies (basis article) when a sentence puts the entity somewhere else."""

    places: dict[str, set[str]] = {}
    for s in statements:
        if s.predicate == "locatedIn":
            places.setdefault(s.subject, set()).add(s.object)

    def above(key: str) -> set[str]:
        """Every place that holds ``key``: its regions' chain, and for a park the places it is in."""
        out: set[str] = set()
        todo = [key]
        while todo:
            cur = todo.pop()
            nxt = set(places.get(cur, set())) if entities.get(cur) and entities[cur].cls == "IndustrialPark" else set()
            if cur in entities and entities[cur].parent:
                nxt.add(entities[cur].parent)
            for n in nxt - out:
                out.add(n)
                todo.append(n)
        return out

    coarse = {(subj, a) for subj, objs in places.items() for o in objs for a in above(o) if a in objs}
    stated = {}
    for s in statements:
        if s.predicate == "locatedIn" and ("basis", "article") not in s.qualifiers:
            stated.setdefault(s.subject, set()).add(s.object)
    implied_elsewhere = set()
    for s in statements:
        if s.predicate == "locatedIn" and ("basis", "article") in s.qualifiers:
            others = stated.get(s.subject, set()) - {s.object}
            related = above(s.object) | {s.object}
            if any(o not in related and s.object not in above(o) for o in others):
                implied_elsewhere.add((s.subject, s.object))
    return [s for s in statements if not (s.predicate == "locatedIn" and (
        (s.subject, s.object) in coarse or (s.subject, s.object) in implied_elsewhere))]


def distinct_figures(figures: list[Figure]) -> list[Figure]:
    """One figure once: the same value of the same metric, subject and period said again (a lead repeated
    in the body, two articles on one report) is kept from its first sentence only, so sums count it once."""
    seen: set[tuple] = set()
    out = []
    for f in sorted(figures, key=lambda f: (f.article, f.observation.sentence, f.id)):
        o = f.observation
        key = (o.subject, o.metric, o.value, o.unit, o.year, o.period, o.growth_percent)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


MAX_SENTENCES = 5  # sentences kept per entity to show where it is mentioned


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
                e = entities.get(info.key)
                if e is None:  # (setdefault would build an Entity, four containers, for every mention)
                    e = entities[info.key] = Entity(info.key, info.cls, info.name)
                e.adcode = e.adcode or info.adcode
                e.parent = e.parent or info.parent
                e.point = e.point or info.point
                if info.mentioned:
                    e.articles.add(x.article.id)
                    e.mention_count += 1
            sent = {s.index: s.text for s in x.sentences}
            for m in x.mentions:
                key = m.key
                e = entities.get(key)
                if e is None:
                    e = entities[key] = Entity(key, m.cls, m.canonical, adcode=m.adcode)
                e.articles.add(x.article.id)
                e.mention_count += 1
                quote = (x.article.id, sent.get(m.sentence, ""))
                if len(e.sentences) < MAX_SENTENCES and quote not in e.sentences:
                    e.sentences.append(quote)
                if m.text != e.name and not m.reference:
                    e.aliases.add(m.text)
            for r in x.relations:
                statements.append(Statement(r.subject, r.predicate, r.object, x.article.id,
                                            sent.get(r.sentence, ""), r.qualifiers))
            for o in x.observations:
                figures.append(Figure(o, x.article.id, sent.get(o.sentence, "")))
        known = set(entities)
        statements = [s for s in statements if s.subject in known and s.object in known]
        statements = sorted(set(most_specific_places(statements, entities)), key=lambda s: s.id)
        figures = sorted(distinct_figures([f for f in figures if f.observation.subject in known]), key=lambda f: f.id)
        return Corpus(entities=dict(sorted(entities.items())), articles=dict(sorted(articles.items())),
                      statements=statements, figures=figures)
