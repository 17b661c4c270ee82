"""Merge what each article found into one entity per real thing, across the corpus.

Resolution is a fold: each article's share of the corpus (``ArticleShare.of``, computed on its
own, in any process or on any machine) is added to a ``Resolution``, in any order, and the
resolution gives the same ``Corpus`` whatever the order. Where the corpus keeps "the first" of
something (an entity's name and class, its first sentences), first means in order of article id
and then of position in the article, so the order shares arrive in never shows.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from kgraph.model import DATED, STAGE, Article, ArticleExtraction, Corpus, Entity, Figure, Statement, leaf_class
from kgraph.tables import load_table

MAX_SENTENCES = 5  # sentences kept per entity to show where it is mentioned


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


INVESTOR_ENDS = ("有限责任公司", "有限公司", "公司", "集团")


def project_variants(projects: Iterable[str], exists: Callable[[str], bool]) -> dict[str, str]:
    """Of the keys ``projects`` (and the keys that ``exists`` knows), the projects written without their
    investor that join the one written with it (某新材料有限公司年产5万吨X项目 = 年产5万吨X项目): short key →
    long key, when exactly one project's name is an investor's name and the shorter one. A chain
    (甲公司乙公司X项目, 乙公司X项目, X项目) joins all to the longest. Keys alone decide, so the order articles
    arrive in never shows."""
    into: dict[str, set[str]] = {}
    for k in projects:
        core = k.split("/", 1)[1]
        for end in INVESTOR_ENDS:
            i = core.find(end)
            rest = core[i + len(end):] if i >= 2 else ""
            if len(rest) >= 4 and f"Project/{rest}" != k and exists(f"Project/{rest}"):
                into.setdefault(f"Project/{rest}", set()).add(k)
                break
    moved = {short: next(iter(longs)) for short, longs in into.items() if len(longs) == 1}
    for short, long in moved.items():
        while long in moved:  # a shorter name always: no cycle
            long = moved[long]
        moved[short] = long
    return dict(sorted(moved.items()))


def join_project(into: Entity, variant: Entity) -> None:
    """Fold a project's other written form into its node (in place; in any order, the same node)."""
    into.aliases |= (variant.aliases | {variant.name}) - {into.name}
    into.articles |= variant.articles
    into.mention_count += variant.mention_count
    into.sentences = sorted(into.sentences + variant.sentences)[:MAX_SENTENCES]


def renamed_statement(s: Statement, moved: dict[str, str]) -> Statement:
    """The statement about a project's node rather than its other written form (``project_variants``)."""
    if s.subject in moved or s.object in moved:
        return replace(s, subject=moved.get(s.subject, s.subject), object=moved.get(s.object, s.object))
    return s


def renamed_figure(f: Figure, moved: dict[str, str]) -> Figure:
    """The figure of a project's node rather than of its other written form."""
    if f.observation.subject in moved:
        return replace(f, observation=replace(f.observation, subject=moved[f.observation.subject]))
    return f


def merge_variants(entities: dict[str, Entity], statements: list[Statement], figures: list[Figure]
                   ) -> tuple[dict[str, Entity], list[Statement], list[Figure]]:
    """One node for each thing written in two forms across articles (``node_variants``): a project with and
    without its investor, a park or hospital in full and in its short form."""
    moved = node_variants(entities)
    if not moved:
        return entities, statements, figures
    entities = dict(entities)
    for short, long in moved.items():
        join_project(entities[long], entities.pop(short))
    statements = [renamed_statement(s, moved) for s in statements]
    statements = [s for s in statements if not self_relation(s.subject, s.predicate, s.object)]
    figures = [renamed_figure(f, moved) for f in figures]
    return entities, statements, figures


def self_relation(subject: str, predicate: str, obj: str) -> bool:
    """A relation of a node to itself that two forms joined leave (园区 locatedIn its own short form): not a
    fact. A stage or a date is written as one on purpose."""
    return subject == obj and not predicate.startswith((STAGE, DATED))


def node_variants(entities: Mapping[str, Entity | MergedEntity]) -> dict[str, str]:
    """The other written forms the graph joins to a node: short key → the key of the node."""
    moved = project_variants([k for k, e in entities.items() if e.cls == "Project"], entities.__contains__)
    names = [(k, e.cls, e.name) for k, e in entities.items() if e.cls in SHORT_FORM_CLASSES]
    provinces = [f for e in entities.values() if e.cls == "Province" for f in (e.name, *e.aliases)]
    moved.update(short_form_variants(names, provinces))
    return dict(sorted(moved.items()))


SHORT_FORM_CLASSES = ("IndustrialPark", "Hospital")
ADMIN_ENDS = ("县", "市", "区", "旗", "省")  # 石城|县 高新技术产业园区 is written 石城|高新区


def short_form_variants(names: Iterable[tuple[str, str, str]], provinces: Iterable[str]) -> dict[str, str]:
    """Of the parks and hospitals ``names`` (key, class, name), the short forms that join the one full name of
    the corpus they abbreviate (石城高新区 = 石城县高新技术产业园区, 南医大附属逸夫医院 = 南京医科大学附属逸夫医院):
    short key → full key. A short form abbreviates by a row of tables/park_abbreviations.tsv, the head kept
    or shortened (石城县 → 石城, 南京 → 南), or is the full name with the province in front left out (江西荣华…
    = 荣华…; ``provinces``: the provinces' written forms). A head left out (高新区, 医大附属逸夫医院) is another
    park's or hospital's as often: only a hospital's with its own name after the short word is joined so.
    Names alone decide, so the order articles arrive in never shows."""
    rows = load_table("park_abbreviations")
    kinds = {r[c] for r in rows for c in ("short", "full")}  # 江西|经济开发区: a kind with no name is no form
    by_class: dict[str, list[str]] = {}
    for k, cls, name in sorted(names):
        if k == f"{cls}/{name}":  # not a scoped generic (县中医院 of one region)
            by_class.setdefault(cls, []).append(name)
    # a long form may open with its province (安徽合肥经济技术开发区, 江西荣华人工智能产业园): without it is a form too
    heads = {f for p in provinces for f in (p, p.removesuffix("省")) if len(f) >= 2}
    moved: dict[str, str] = {}
    for cls, names_of in by_class.items():
        forms = [(n, n) for n in names_of] + [(n[len(p):], n) for n in names_of for p in heads
                                              if n.startswith(p) and len(n) - len(p) >= 5 and n[len(p):] not in kinds]
        for short_name in names_of:
            found = {n for f, n in forms if f == short_name and n != short_name}
            for r in rows:
                short, full = r["short"], r["full"]
                i = short_name.find(short)
                if i < 0 or full in short_name:
                    continue
                head, tail = short_name[:i], short_name[i + len(short):]
                if not head and not (cls == "Hospital" and len(tail) > len("附属医院")):
                    continue
                for form, long_name in forms:
                    j = form.find(full)
                    if j < 0 or form[j + len(full):] != tail:
                        continue
                    lhead = form[:j]
                    if lhead == head or lhead.startswith(head) and (lhead[len(head):] in ADMIN_ENDS or cls == "Hospital"
                                                                      and len(lhead) - len(head) <= 2):
                        found.add(long_name)
            if len(found) == 1:
                moved[f"{cls}/{short_name}"] = f"{cls}/{found.pop()}"
    return {a: b for a, b in moved.items() if b not in moved}  # a name both shortened and short stays put


def figure_group(f: Figure) -> tuple:
    """What makes two figures repeats of one (``distinct_figures`` keeps one of each group)."""
    o = f.observation
    return o.subject, o.metric, o.value, o.unit, o.year, o.period, o.growth_percent, o.status


def distinct_figures(figures: list[Figure]) -> list[Figure]:
    """One figure once: the same value of the same metric, subject and period said again (a lead repeated
    in the body, two articles on one report) is kept from its first sentence only, so sums count it once."""
    seen: set[tuple] = set()
    out = []
    for f in sorted(figures, key=lambda f: (f.article, f.observation.sentence, f.id)):
        key = figure_group(f)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


@dataclass(frozen=True)
class EntityShare:
    """What one article says about one entity.

    Positions count the article's context entities first, then its mentions, in order; a value
    given with its position is the first such value the article gives.
    """

    key: str
    cls: str
    name: str
    position: int  # of the article's first reference to the entity
    adcode: str | None  # as that first reference gives it
    context_adcode: tuple[int, str] | None = None  # first code a context entity gives
    parent: tuple[int, str] | None = None
    point: tuple[int, tuple[float, float]] | None = None
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    in_article: bool = False  # the article counts among those that mention it
    sentences: tuple[str, ...] = ()  # the distinct sentences naming it, in order (at most MAX_SENTENCES)


@dataclass(frozen=True)
class ArticleShare:
    """One article's contribution to the corpus: small, picklable, independent of every other article.

    The article is kept without its body: the corpus needs where an article came from, and the
    sentences that support facts, not its whole text.
    """

    article: Article
    entities: tuple[EntityShare, ...]
    statements: tuple[Statement, ...]
    figures: tuple[Figure, ...]

    @classmethod
    def of(cls, x: ArticleExtraction) -> ArticleShare:
        aid = x.article.id
        shares: dict[str, dict] = {}

        def first(key: str, entity_cls: str, name: str, position: int, adcode: str | None) -> dict:
            return shares.setdefault(key, {"key": key, "cls": entity_cls, "name": name, "position": position,
                                           "adcode": adcode, "aliases": set(), "mentions": 0, "in_article": False,
                                           "sentences": []})

        for i, info in enumerate(x.entities):
            s = first(info.key, info.cls, info.name, i, info.adcode)
            for attr, value in (("context_adcode", info.adcode), ("parent", info.parent), ("point", info.point)):
                if value and attr not in s:
                    s[attr] = (i, value)
            if info.mentioned:
                s["in_article"] = True
                s["mentions"] += 1
        sent = {s.index: s.text for s in x.sentences}
        for j, m in enumerate(x.mentions, len(x.entities)):
            s = first(m.key, leaf_class(m.cls, m.source), m.canonical, j, m.adcode)
            s["in_article"] = True
            s["mentions"] += 1
            quote = sent.get(m.sentence, "")
            if len(s["sentences"]) < MAX_SENTENCES and quote not in s["sentences"]:
                s["sentences"].append(quote)
            if not m.reference:
                s["aliases"].add(m.text)  # the entity's own name is dropped when the corpus knows it
        entities = tuple(EntityShare(**{**s, "aliases": tuple(sorted(s["aliases"])),
                                        "sentences": tuple(s["sentences"])}) for s in shares.values())
        statements = tuple(Statement(r.subject, r.predicate, r.object, aid, sent.get(r.sentence, ""), r.qualifiers)
                           for r in x.relations)
        figures = tuple(Figure(o, aid, sent.get(o.sentence, "")) for o in x.observations)
        return cls(replace(x.article, body=""), entities, statements, figures)


Rank = tuple[str, int]  # (article id, position in the article): the order "first" refers to


@dataclass(slots=True)
class MergedEntity:
    """An entity as the shares added so far describe it."""

    first: Rank
    cls: str
    name: str
    adcode: str | None
    context_adcode: tuple[Rank, str] | None = None
    parent: tuple[Rank, str] | None = None
    point: tuple[Rank, tuple[float, float]] | None = None
    aliases: tuple[str, ...] = ()  # few, and most entities have none: cheaper than a set each
    articles: list[str] = field(default_factory=list)  # each article adds itself once: no repeats to guard
    mentions: int = 0
    sentences: list[tuple[str, int, str]] = field(default_factory=list)  # (article id, position, sentence)

    @classmethod
    def of(cls, share: EntityShare, aid: str) -> MergedEntity:
        """The entity as one article's share describes it (then ``fold`` in the same share)."""
        return cls((aid, share.position), sys.intern(share.cls), share.name, share.adcode)

    def fold(self, s: EntityShare, aid: str) -> None:
        """Add what article ``aid`` says about the entity; the result does not depend on the order of articles."""
        rank = (aid, s.position)
        if rank < self.first:
            self.first, self.cls, self.name, self.adcode = rank, s.cls, s.name, s.adcode
        for attr in ("context_adcode", "parent", "point"):
            value = getattr(s, attr)
            if value is not None:
                setattr(self, attr, _earlier(getattr(self, attr), ((aid, value[0]), value[1])))
        new = [a for a in s.aliases if a not in self.aliases]
        if new:
            self.aliases = (*self.aliases, *new)
        if s.in_article:
            self.articles.append(aid)
        self.mentions += s.mentions
        if s.sentences:
            quotes = [(aid, i, q) for i, q in enumerate(s.sentences)]
            self.sentences = sorted(self.sentences + quotes)[:MAX_SENTENCES]

    @property
    def parent_key(self) -> str | None:
        return self.parent[1] if self.parent else None

    def entity(self, key: str) -> Entity:
        """The resolved entity (``articles`` as folded into this object)."""
        return Entity(key, self.cls, self.name, aliases=set(self.aliases) - {self.name},
                      adcode=self.adcode or (self.context_adcode[1] if self.context_adcode else None),
                      parent=self.parent_key, point=self.point[1] if self.point else None,
                      articles=set(self.articles), mention_count=self.mentions,
                      sentences=[(a, text) for a, _, text in self.sentences])


def _earlier(a: tuple | None, b: tuple | None) -> tuple | None:
    return b if a is None or (b is not None and b[0] < a[0]) else a


def figure_order(f: Figure) -> tuple:
    """The order figures are put in before the repeats go (two figures can share an id: the same figure
    written twice in one sentence), so which one of a repeat is kept never depends on arrival."""
    return f.id, f.observation.sentence, f.observation.text


class Resolution:
    """The corpus being assembled: add article shares in any order, read the Corpus at any time."""

    def __init__(self) -> None:
        self.articles: dict[str, Article] = {}
        self._entities: dict[str, MergedEntity] = {}
        self._statements: set[Statement] = set()
        self._figures: set[Figure] = set()

    @classmethod
    def restore(cls, articles: dict[str, Article], entities: dict[str, MergedEntity],
                statements: Iterable[Statement], figures: Iterable[Figure]) -> Resolution:
        """A resolution holding a fold kept elsewhere (``kgraph.state``): the same corpus as the fold gave."""
        r = cls()
        r.articles, r._entities, r._statements, r._figures = articles, entities, set(statements), set(figures)
        return r

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.articles

    def __len__(self) -> int:
        return len(self.articles)

    @property
    def entities(self) -> dict[str, MergedEntity]:
        return self._entities

    @property
    def statements(self) -> set[Statement]:
        return self._statements

    @property
    def figures(self) -> set[Figure]:
        return self._figures

    def add(self, share: ArticleShare) -> bool:
        """Fold one article in; an article already in (the same id) is left as it was: returns False."""
        aid = share.article.id
        if aid in self.articles:
            return False
        self.articles[aid] = share.article
        for s in share.entities:
            e = self._entities.get(s.key)
            if e is None:
                e = self._entities[sys.intern(s.key)] = MergedEntity.of(s, aid)
            e.fold(s, aid)
        # Keys, predicates, metrics and units recur in every article: one string each, corpus-wide
        # (shares from other processes bring their own copies). The objects are the share's own,
        # shared with nothing yet, so they are interned in place.
        intern, put = sys.intern, object.__setattr__
        for st in share.statements:
            put(st, "subject", intern(st.subject))
            put(st, "predicate", intern(st.predicate))
            put(st, "object", intern(st.object))
        for f in share.figures:
            o = f.observation
            put(o, "subject", intern(o.subject))
            put(o, "metric", intern(o.metric))
            put(o, "unit", intern(o.unit))
        self._statements.update(share.statements)
        self._figures.update(share.figures)
        return True

    def corpus(self, release: bool = False) -> Corpus:
        """The corpus of the articles added so far; ``release`` empties the resolution as it goes (less memory)."""
        entities = {}
        for key in sorted(self._entities):
            m = self._entities.pop(key) if release else self._entities[key]
            entities[key] = m.entity(key)
        statements = [s for s in self._statements if s.subject in entities and s.object in entities]
        figures = [f for f in self._figures if f.observation.subject in entities]
        articles = dict(sorted(self.articles.items()))
        if release:
            self.articles, self._statements, self._figures = {}, set(), set()
        entities, statements, figures = merge_variants(entities, statements, figures)
        statements = sorted(most_specific_places(statements, entities), key=lambda s: s.id)
        figures.sort(key=figure_order)  # before and after the repeats go
        figures = sorted(distinct_figures(figures), key=figure_order)
        return Corpus(entities=entities, articles=articles, statements=statements, figures=figures)


class Resolver:
    """[ArticleExtraction] → Corpus: entities merged by key, statements and figures placed.

    An article read twice (the same id) counts once: as it was read first.
    """

    def __call__(self, extractions: Iterable[ArticleExtraction]) -> Corpus:
        resolution = Resolution()
        for x in extractions:
            if x.article.id not in resolution:
                resolution.add(ArticleShare.of(x))
        return resolution.corpus()
