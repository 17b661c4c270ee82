"""The plain data passed between pipeline stages.

read → Document → normalise → Document → segment → [Article]
Article → sentences → recognise → [Mention] → link (per document) → ArticleExtraction
[ArticleExtraction] → resolve (corpus) → Corpus → graph → KnowledgeGraph → export / query

Every stage takes and returns these frozen dataclasses and nothing else, so a
stage can be tested, replaced or run in another process on its own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# The contract's leaf classes (../shared/spec/graph-contract.md), by level for regions.
REGION_CLASSES: tuple[str, ...] = ("Province", "City", "County", "Town", "Community")
ENTITY_CLASSES: tuple[str, ...] = REGION_CLASSES + (
    "Region",  # a mention of an informal area with no code (赣南, 长三角) or a place abroad
    "AreaRegion",  # the entity's leaf class of an informal or macro area (the contract's kg:AreaRegion)
    "OtherPlace",  # …and of any other place without a code: a country, a place abroad, a river (中国, 德国, 漓江)
    "Enterprise",
    "Hospital",
    "GovernmentBody",
    "Organization",
    "IndustrialPark",
    "Project",
    "IndustryCluster",
    "Person",
    "Event",
    "Honor",
)
# The contract's relations between entities.
PREDICATES: tuple[str, ...] = (
    "subdivisionOf",
    "locatedIn",
    "awarded",
    "memberOf",
    "holdsPositionIn",
    "partnerOf",
    "investsIn",
    "heldIn",
    "organizedBy",
    "attended",
    "relatedTo",
    "presentedAt",
)
# A project's stage (签约, 开工, 在建, 投产, 竣工) is a relation to itself, ``stage:开工``: one edge and one
# kg:Statement per stage and sentence, written ``kg:stage "开工"@zh`` (export/rdf.py: relation_pair).
STAGE = "stage:"
# An event's date (kg:date on the event) is likewise a relation to itself, ``date:2025-03-05`` (or the month alone,
# ``date:2025-03``), with one kg:Statement per sentence that dates it.
DATED = "date:"
SYMMETRIC_PREDICATES = frozenset({"partnerOf", "relatedTo"})


def leaf_class(cls: str, source: str = "") -> str:
    """A mention's class → its entity's one leaf class: a Region mention (no code) is an informal area's
    (kg:AreaRegion, from the informal_regions table) or another place's (kg:OtherPlace)."""
    if cls != "Region":
        return cls
    return "AreaRegion" if source == "informal" else "OtherPlace"


def short_hash(*parts: str, length: int = 16) -> str:
    """A deterministic ASCII digest of some strings (used for ids and IRIs)."""
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:length]


def entity_key(cls: str, name: str, adcode: str | None = None) -> str:
    """The identity of a real thing: a region by its code, anything else by class and name."""
    if adcode:
        return f"region/{adcode}"
    if cls == "Project":
        return f"{cls}/{project_core(name)}"
    return f"{cls}/{name}"


def project_core(name: str) -> str:
    """What names a project whether written with 项目 or without, in either kind of brackets or quotes
    (X项目(二期) = X(二期)项目 = “X”二期): its key, so that one project is one node across articles."""
    core = name.translate(_PROJECT_FOLD)
    phase = ""
    if core.endswith(")") and "(" in core:
        inner = core[core.rindex("(") + 1:-1]
        if len(inner) == 2 and inner[1] == "期":
            core, phase = core[:core.rindex("(")], inner  # X项目(二期): the phase is part of the name
    if core.endswith("项目") and len(core) > 4:
        core = core[:-2]
    if phase and not core.endswith(phase):
        core += phase
    return core


_PROJECT_FOLD = str.maketrans({"（": "(", "）": ")", "“": None, "”": None, "\"": None, " ": None})


@dataclass(frozen=True)
class Document:
    """One input unit as read: a file, or one record of a JSONL file."""

    source: str  # the file (or file#record) it came from, relative to the input named: the graph's provenance
    text: str
    format: str  # "txt", "md", "html", "jsonl"
    title: str | None = None  # given by the container (HTML <title>, JSONL "title")
    date: str | None = None  # ISO date when known
    url: str | None = None
    publisher: str | None = None  # e.g. 江西日报, when the container says so
    encoding: str = "utf-8"
    authors: tuple[str, ...] = ()  # given by the container (front matter's author:)
    path: str | None = None  # the file (or file#record) as the user can find it, for messages; else source


@dataclass(frozen=True)
class Article:
    """One news article cut from a Document; ``body`` is the text all offsets point into."""

    id: str  # ASCII, content-derived: the same article gives the same id anywhere
    source: str
    page: str  # what it was cut from (dcterms:isPartOf): the source file or page
    title: str
    body: str
    title_lines: tuple[str, ...] = ()  # kicker, title, subtitle in page order
    subtitle: str | None = None
    kicker: str | None = None
    authors: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    index: int = 0  # position on its page

    @staticmethod
    def make_id(title: str, body: str) -> str:
        return short_hash(title, body)


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # offsets into Article.body
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offsets into the sentence's text
    end: int


@dataclass(frozen=True)
class Mention:
    """A span of an article's body that names (or refers to) an entity."""

    text: str  # as written
    cls: str  # one of ENTITY_CLASSES
    start: int  # offsets into Article.body
    end: int
    sentence: int
    name: str = ""  # canonical full name once linked (贵溪 → 贵溪市, 我省 → 江西省)
    adcode: str | None = None  # regions linked to GB/T 2260
    source: str = ""  # which recogniser or rule produced it (for debugging and tests)
    reference: bool = False  # 我省, 该县: points at an entity without naming it (not an alias)
    scope: str | None = None  # key of the entity whose name qualifies this one (a community's town)

    @property
    def canonical(self) -> str:
        return self.name or self.text

    @property
    def key(self) -> str:
        if self.scope and not self.adcode:
            return f"{self.cls}/{self.scope}/{self.canonical}"
        return entity_key(self.cls, self.canonical, self.adcode)


@dataclass(frozen=True)
class Relation:
    """subject --predicate--> object, as said by one sentence of one article."""

    subject: str  # entity keys
    predicate: str  # one of PREDICATES
    object: str
    sentence: int
    qualifiers: tuple[tuple[str, str], ...] = ()  # (("role", "省长"), ("year", "2025"))
    rule: str = ""


@dataclass(frozen=True, slots=True)  # a corpus holds millions: no __dict__ each
class Observation:
    """One figure: subject, metric, value in the unit written, with its period."""

    subject: str  # entity key
    metric: str
    value: str  # decimal as text, exactly as written after numeral conversion ("3531.19")
    unit: str
    sentence: int
    year: str | None = None
    period: str | None = None  # 1—9月, 上半年
    growth_percent: str | None = None
    approx: str | None = None  # 超, 近, 约, 多, 余, 以上; a range as written (3—5)
    text: str = ""  # the figure as written
    normalized_value: str | None = None  # the value in one unit per dimension (亿元 → 元), for sums
    normalized_unit: str | None = None
    indicator: str | None = None  # the id of its indicator in tables/indicators.tsv (kg:indicator)
    status: str = "actual"  # actual, target (目标, 力争), forecast (预计, 有望, 可达)
    value_max: str | None = None  # the upper end of a range (3至5亿元: value 3, value_max 5)


@dataclass(frozen=True)
class EntityInfo:
    """What extraction knows about an entity beyond its mentions (e.g. a region's chain)."""

    key: str
    cls: str
    name: str
    adcode: str | None = None
    parent: str | None = None  # key of the region directly above
    point: tuple[float, float] | None = None  # (lon, lat)
    mentioned: bool = False  # named by the article outside its body (a byline's author)


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extracted from one article, with entity keys already linked."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...] = ()
    observations: tuple[Observation, ...] = ()
    entities: tuple[EntityInfo, ...] = ()  # regions' parents and other context entities


@dataclass
class Entity:
    """One real thing after corpus-wide resolution."""

    key: str
    cls: str
    name: str
    aliases: set[str] = field(default_factory=set)
    adcode: str | None = None
    parent: str | None = None
    point: tuple[float, float] | None = None
    articles: set[str] = field(default_factory=set)  # ids of articles that mention it
    mention_count: int = 0
    sentences: list[tuple[str, str]] = field(default_factory=list)  # (article id, sentence): the first few


@dataclass(frozen=True, slots=True)  # a corpus holds millions: no __dict__ each
class Statement:
    """One sentence's support for a relation triple (kg:Statement)."""

    subject: str
    predicate: str
    object: str
    article: str  # Article.id
    evidence: str  # the sentence
    qualifiers: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        q = "\x1e".join(f"{k}={v}" for k, v in self.qualifiers)
        return short_hash(self.subject, self.predicate, self.object, self.article, self.evidence, q)


@dataclass(frozen=True, slots=True)  # a corpus holds millions: no __dict__ each
class Figure:
    """An Observation placed in the corpus: with its article and evidence sentence."""

    observation: Observation
    article: str
    evidence: str

    @property
    def id(self) -> str:
        o = self.observation
        # a target or forecast differs from the actual figure of the same words (status appended, so
        # an actual figure keeps the IRI it had before kg:status)
        extra = () if o.status == "actual" else (o.status,)
        return short_hash(o.subject, o.metric, o.value, o.unit, o.year or "", o.period or "",
                          o.growth_percent or "", o.approx or "", self.article, self.evidence, *extra)


@dataclass
class Corpus:
    """The resolved result of a build: what the graph is assembled from."""

    entities: dict[str, Entity]
    articles: dict[str, Article]
    statements: list[Statement]
    figures: list[Figure]
