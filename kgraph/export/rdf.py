"""The graph as RDF, following ../shared/spec/graph-contract.md (names users' SPARQL relies on)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from operator import itemgetter

import pyoxigraph as ox

from kgraph.fsutil import atomic_write
from kgraph.graph import KnowledgeGraph
from kgraph.model import DATED, STAGE, Article, Figure, Statement, short_hash

KG = "https://w3id.org/kgraph/ontology#"
KGR = "https://w3id.org/kgraph/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
QB = "http://purl.org/linked-data/cube#"
GEO = "http://www.opengis.net/ont/geosparql#"
OWL = "http://www.w3.org/2002/07/owl#"

PREFIXES = {"kg": KG, "kgr": KGR, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "xsd": XSD, "prov": PROV,
            "dcterms": DCTERMS, "schema": SCHEMA, "org": ORG, "qb": QB, "geo": GEO, "owl": OWL,
            "kgi": "https://w3id.org/kgraph/indicator/"}
FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
           "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}

def entity_iri(key: str, cls: str, base: str = KGR) -> str:
    """Regions with a code are region/<adcode>; anything else class/<hash of its key>."""
    if key.startswith("region/"):
        return base + key
    regions = {"Province", "City", "County", "Town", "Community", "Region", "AreaRegion", "OtherPlace"}
    folder = "region" if cls in regions else cls.lower()
    return f"{base}{folder}/{short_hash(key)}"


# N-Triples escapes, as pyoxigraph writes them: the exporter orders lines by the same text
# pyoxigraph would sort the terms by
_ESCAPES = {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\\ufffe\uffff]')
_DEFAULT = str(ox.DefaultGraph())  # sorts after every named graph, as before
LINES_PER_PARSE = 50_000


def _escaped(text: str) -> str:
    return text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


def _zh_nt(text: str) -> str:
    return f'"{_escaped(text)}"@zh'


def _typed_nt(value: str, dtype: str) -> str:
    return f'"{_escaped(value)}"^^<{XSD}{dtype}>'


def _plain_nt(value: str) -> str:
    return f'"{_escaped(value)}"'


def _qualifier_nt(k: str, v: str) -> str:
    if k == "year":
        return _typed_nt(v, "gYear")
    if k == "date":  # 2025-03-01, or the month or year alone when the text gives no day
        return _typed_nt(v, {10: "date", 7: "gYearMonth"}.get(len(v), "gYear"))
    if k in ("amount", "value"):
        return _typed_nt(v, "decimal")
    return _zh_nt(v)


Block = tuple[str, str, list[tuple[str, str]]]  # (graph, subject, [(predicate, object)]), N-Triples terms


def _iri(iri: str) -> str:
    return f"<{iri}>"


_TYPE, _LABEL, _ALT, _ADCODE, _MENTIONED = (_iri(RDF + "type"), _iri(RDFS + "label"), _iri(SKOS + "altLabel"),
                                            _iri(KG + "adcode"), _iri(KG + "mentionedIn"))
_TITLE, _CREATOR, _DATE, _SOURCE, _PART_OF = (_iri(DCTERMS + n) for n in ("title", "creator", "date", "source",
                                                                          "isPartOf"))
_HAS_GEOMETRY, _AS_WKT, _WKT = _iri(GEO + "hasGeometry"), _iri(GEO + "asWKT"), _iri(GEO + "wktLiteral")
_SUBJECT, _PREDICATE, _OBJECT, _EVIDENCE = (_iri(KG + n) for n in ("subject", "predicate", "object", "evidence"))
_DERIVED = _iri(PROV + "wasDerivedFrom")
_METRIC, _VALUE, _UNIT, _PERIOD, _YEAR, _GROWTH, _APPROX = (
    _iri(KG + n) for n in ("metric", "value", "unit", "period", "year", "growthPercent", "approximation"))
_NORMALIZED_VALUE, _NORMALIZED_UNIT = _iri(KG + "normalizedValue"), _iri(KG + "normalizedUnit")
_INDICATOR, _STATUS, _APPROXIMATE, _VALUE_MAX = (
    _iri(KG + n) for n in ("indicator", "status", "approximate", "valueMax"))
KGI = PREFIXES["kgi"]  # the indicator scheme (schema/indicators.ttl)
_ARTICLE, _STATEMENT, _OBSERVATION = (_iri(KG + n) for n in ("Article", "Statement", "Observation"))
_STAGE = _iri(KG + "stage")
_EVENT_DATE = _iri(KG + "date")


def article_pairs(a: Article) -> list[tuple[str, str]]:
    """The (predicate, object) pairs of an article's own subject."""
    out = [(_TYPE, _ARTICLE), (_TITLE, _zh_nt(a.title)), (_SOURCE, _plain_nt(a.url or a.source)),
           (_PART_OF, _plain_nt(a.page))]
    out += [(_CREATOR, _zh_nt(name)) for name in a.authors]
    if a.date:
        kind = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(a.date))
        out.append((_DATE, _typed_nt(a.date, kind) if kind else _plain_nt(a.date)))
    return out


def entity_head_pairs(subject: str, cls: str, name: str, aliases: Iterable[str], adcode: str | None,
                      has_point: bool) -> list[tuple[str, str]]:
    """An entity's pairs other than its articles (kg:mentionedIn) and its relations."""
    out = [(_TYPE, f"<{KG}{cls}>"), (_LABEL, _zh_nt(name))]
    out += [(_ALT, _zh_nt(alias)) for alias in aliases]
    if adcode:
        out.append((_ADCODE, _plain_nt(adcode)))
    if has_point:
        out.append((_HAS_GEOMETRY, geometry_term(subject)))
    return out


def mentioned_pair(article: str) -> tuple[str, str]:
    return _MENTIONED, article


def relation_pair(predicate: str, obj: str) -> tuple[str, str]:
    """A relation's pair on its subject; a project's stage (``stage:开工``, a relation to itself) is
    ``kg:stage "开工"@zh``."""
    if predicate.startswith(STAGE):
        return _STAGE, _zh_nt(predicate[len(STAGE):])
    if predicate.startswith(DATED):  # an event's date (``date:2025-03-05``): kg:date "2025-03-05"^^xsd:date
        return _EVENT_DATE, _qualifier_nt("date", predicate[len(DATED):])
    return f"<{KG}{predicate}>", obj


def geometry_term(subject: str) -> str:
    """The subject of an entity's geometry, beside the entity's IRI."""
    return f"{subject[:-1]}/geometry>"


def geometry_pairs(point: tuple[float, float]) -> list[tuple[str, str]]:
    lon, lat = point
    return [(_AS_WKT, f'"POINT({lon} {lat})"^^{_WKT}')]


def statement_pairs(st: Statement, subject: str, obj: str, article: str) -> list[tuple[str, str]]:
    """A kg:Statement's pairs; ``subject``, ``obj`` and ``article`` are the terms of its entities and article."""
    predicate, obj = relation_pair(st.predicate, obj)
    out = [(_TYPE, _STATEMENT), (_SUBJECT, subject), (_PREDICATE, predicate),
           (_OBJECT, obj), (_EVIDENCE, _zh_nt(st.evidence)), (_DERIVED, article)]
    out += [(f"<{KG}{k}>", _qualifier_nt(k, v)) for k, v in st.qualifiers]
    return out


def observation_pairs(f: Figure, subject: str, article: str) -> list[tuple[str, str]]:
    """A kg:Observation's pairs; ``subject`` and ``article`` are the terms of its entity and article."""
    o = f.observation
    out = [(_TYPE, _OBSERVATION), (_SUBJECT, subject), (_METRIC, _zh_nt(o.metric)),
           (_EVIDENCE, _zh_nt(f.evidence)), (_DERIVED, article)]
    if o.value:  # a growth stated alone has no value of its own
        out.append((_VALUE, _typed_nt(o.value, "decimal")))
    if o.unit:
        out.append((_UNIT, _zh_nt(o.unit)))
    if o.period:
        out.append((_PERIOD, _zh_nt(o.period)))
    if o.year:
        out.append((_YEAR, _typed_nt(o.year, "gYear")))
    if o.growth_percent:
        out.append((_GROWTH, _typed_nt(o.growth_percent, "decimal")))
    if o.approx:
        out.append((_APPROX, _zh_nt(o.approx)))
    if o.normalized_value:
        out.append((_NORMALIZED_VALUE, _typed_nt(o.normalized_value, "decimal")))
        out.append((_NORMALIZED_UNIT, _zh_nt(o.normalized_unit or "")))
    if o.indicator:
        out.append((_INDICATOR, _iri(KGI + o.indicator)))
    if o.value:
        out.append((_STATUS, _plain_nt(o.status)))
    if o.value_max:
        out.append((_VALUE_MAX, _typed_nt(o.value_max, "decimal")))
    if o.approx and not o.value_max:  # 超, 近, 约, 多, 余, 以上: the value is not exact
        out.append((_APPROXIMATE, _typed_nt("true", "boolean")))
    return out


class Terms:
    """The N-Triples terms of a graph's subjects, under one base IRI."""

    def __init__(self, base: str = KGR):
        self.base = base

    def entity(self, key: str, cls: str) -> str:
        return _iri(entity_iri(key, cls, self.base))

    def article(self, aid: str) -> str:
        return _iri(f"{self.base}article/{aid}")

    def statement(self, st: Statement) -> str:
        return _iri(f"{self.base}statement/{st.id}")

    def observation(self, f: Figure) -> str:
        return _iri(f"{self.base}observation/{f.id}")


def nt_lines(subject: str, pairs: Iterable[tuple[str, str]]) -> list[str]:
    """N-Triples lines of one subject's pairs (in the default graph)."""
    return [f"{subject} {p} {o} .\n" for p, o in pairs]


class RdfExporter:
    """KnowledgeGraph → RDF (default graph, or one named graph per article).

    The output is sorted by graph, subject, predicate and object, so the same graph gives the
    same bytes. It is written as a stream: the graph is cut into one block per subject (an
    article, an entity with its relations, a statement, an observation), and the blocks are
    visited in subject order; memory stays at the size of the graph object, not of its triples.
    Turtle is written here (``TurtleWriter``: the same bytes pyoxigraph writes, tested); the
    other syntaxes by pyoxigraph, from the blocks as N-Quads lines. The pairs of each kind of
    subject are the module's ``*_pairs`` functions, which an incremental update uses too.
    """

    def __init__(self, base: str = KGR):
        ox.NamedNode(base)  # a bad base IRI fails here, with pyoxigraph's message
        self.base = base

    def blocks(self, kg: KnowledgeGraph, named_graphs: bool = False) -> Iterator[Block]:
        """(graph, subject, [(predicate, object)]) for each subject in output order, pairs sorted and distinct.

        Terms are in N-Triples syntax; the graph is ``DEFAULT`` or an article's IRI.
        """
        terms = Terms(self.base)
        iri = {k: terms.entity(k, d["cls"]) for k, d in kg.nx.nodes(data=True)}
        art = {a: terms.article(a) for a in kg.articles}
        # (graph, subject, kind, what): one entry per source of pairs
        sources: list[tuple[str, str, int, object]] = [(_DEFAULT, art[a], 0, a) for a in kg.articles]
        for key, d in kg.nx.nodes(data=True):
            sources.append((_DEFAULT, iri[key], 1, key))
            if d.get("point"):
                sources.append((_DEFAULT, geometry_term(iri[key]), 2, key))
        for subj, obj, pred, data in kg.nx.edges(keys=True, data=True):
            for st in data["statements"]:
                g = art[st.article] if named_graphs else _DEFAULT
                sources.append((g, terms.statement(st), 3, (subj, pred, obj, st)))
        for f in kg.figures:
            if f.observation.subject in iri:
                g = art[f.article] if named_graphs else _DEFAULT
                sources.append((g, terms.observation(f), 4, f))
        sources.sort(key=itemgetter(0, 1))
        nodes = dict(kg.nx.nodes(data=True))
        successors = kg.nx.succ

        def pairs(s: str, kind: int, what) -> list[tuple[str, str]]:
            if kind == 0:
                return article_pairs(kg.articles[what])
            if kind == 1:
                d = nodes[what]
                out = entity_head_pairs(s, d["cls"], d["name"], d["aliases"], d["adcode"], bool(d.get("point")))
                out += [(_MENTIONED, art[aid]) for aid in d["articles"]]
                out += [relation_pair(pred, iri[obj]) for obj, keyed in successors[what].items() for pred in keyed]
                return out
            if kind == 2:
                return geometry_pairs(nodes[what]["point"])
            if kind == 3:
                subj, _, obj, st = what
                return statement_pairs(st, iri[subj], iri[obj], art[st.article])
            return observation_pairs(what, iri[what.observation.subject], art[what.article])

        i = 0
        while i < len(sources):
            g, s = sources[i][0], sources[i][1]
            out = pairs(*sources[i][1:])
            i += 1
            while i < len(sources) and sources[i][0] == g and sources[i][1] == s:  # one subject, several sources
                out += pairs(*sources[i][1:])
                i += 1
            yield g, s, sorted(set(out))

    def lines(self, kg: KnowledgeGraph, named_graphs: bool = False) -> Iterator[str]:
        """The graph as N-Quads lines (N-Triples where in the default graph), in output order."""
        for block in self._line_blocks(kg, named_graphs):
            yield from block

    def _line_blocks(self, kg: KnowledgeGraph, named_graphs: bool) -> Iterator[list[str]]:
        for g, s, pairs in self.blocks(kg, named_graphs):
            ending = " .\n" if g == _DEFAULT else f" {g} .\n"
            yield [f"{s} {p} {o}{ending}" for p, o in pairs]

    def quads(self, kg: KnowledgeGraph, named_graphs: bool = False) -> Iterator[ox.Quad]:
        """The graph as pyoxigraph quads, in output order."""
        for chunk in _chunks(self._line_blocks(kg, named_graphs)):
            yield from ox.parse(chunk, format=ox.RdfFormat.N_QUADS)

    def triples(self, kg: KnowledgeGraph) -> Iterator[ox.Triple]:
        """The graph as pyoxigraph triples (all in the default graph), in output order."""
        for chunk in _chunks(self._line_blocks(kg, False)):
            yield from ox.parse(chunk, format=ox.RdfFormat.N_TRIPLES)

    def write(self, kg: KnowledgeGraph, path: str | os.PathLike, fmt: str = "ttl") -> None:
        """Write atomically; the same graph gives the same bytes."""
        with atomic_write(path, "wb") as f:
            if fmt == "ttl":
                TurtleWriter(PREFIXES).write(self.blocks(kg), f)
            elif fmt == "jsonld":
                f.write(compact_jsonld(ox.serialize(list(self.triples(kg)), format=FORMATS[fmt])))
            else:
                named = fmt in ("nq", "trig")
                items = self.quads(kg, named_graphs=True) if named else self.triples(kg)
                kwargs = {"prefixes": PREFIXES} if fmt == "trig" else {}
                ox.serialize(items, f, format=FORMATS[fmt], **kwargs)


_LOCAL_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_/-]*")  # kgi:total-investment: a hyphen, as pyoxigraph
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_DATATYPED = re.compile(r'^("(?:[^"\\]|\\.)*")\^\^<([^>]*)>$')


class TurtleWriter:
    """Blocks of sorted (predicate, object) pairs → Turtle, laid out as pyoxigraph lays it out.

    Subjects and predicates are written once per block (``;`` and ``,`` for the rest), IRIs under
    a prefix as prefixed names (``/`` escaped), rdf:type as ``a``, decimals bare. An IRI whose
    local part is anything but letters, digits, ``_`` and ``/`` is written whole, which is valid
    Turtle too.
    """

    def __init__(self, prefixes: dict[str, str]):
        # the @prefix lines, in the order pyoxigraph writes them
        sample = ox.serialize([ox.Triple(ox.NamedNode(KG), ox.NamedNode(KG), ox.NamedNode(KG))],
                              format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
        self.header = "".join(line + "\n" for line in sample.splitlines() if line.startswith("@prefix"))
        spaces = [(ns, p) for p, ns in prefixes.items()]
        # An IRI can start with two namespaces only if one starts the other: those are tried longest
        # first; the others may be tried in any order, kgraph's own (the most frequent) first.
        overlapping = {x for x in spaces for o in spaces if o != x and (o[0].startswith(x[0]) or x[0].startswith(o[0]))}
        alone = sorted((x for x in spaces if x not in overlapping), key=lambda x: (x[0] not in (KGR, KG), x))
        self.namespaces = alone + sorted(overlapping, key=lambda x: -len(x[0]))
        self._names: dict[str, str] = {_TYPE: "a"}

    def name(self, term: str, remember: bool = True) -> str:
        """An IRI term (``<…>``) as written in Turtle (``remember`` it when it will come again)."""
        name = self._names.get(term)
        if name is None:
            iri = term[1:-1]
            name = term
            for ns, prefix in self.namespaces:
                if iri.startswith(ns):
                    local = iri[len(ns):]
                    if local and _LOCAL_NAME.fullmatch(local):
                        name = f"{prefix}:{local.replace('/', chr(92) + '/')}"
                        break
            if remember and len(self._names) < 500_000:  # entities and articles recur; bounded all the same
                self._names[term] = name
        return name

    def term(self, term: str) -> str:
        if term[0] == "<":
            return self.name(term)
        if term[-1] == ">":  # a typed literal
            m = _DATATYPED.match(term)
            value, dtype = m.group(1), m.group(2)
            if dtype == XSD + "decimal" and _DECIMAL.fullmatch(value[1:-1]):
                return value[1:-1]
            if dtype == XSD + "boolean" and value in ('"true"', '"false"'):
                return value[1:-1]  # kg:approximate true
            return f"{value}^^{self.name(f'<{dtype}>')}"
        return term

    def block(self, subject: str, pairs: Iterable[tuple[str, str]]) -> str:
        """One subject's block: its sorted (predicate, object) pairs, N-Triples terms."""
        names, name, term = self._names, self.name, self.term
        parts = [name(subject, remember=False)]  # a subject comes once
        previous = None
        for p, o in pairs:
            if p == previous:
                parts.append(" , ")
            else:
                parts.append(f" ;\n\t{names.get(p) or name(p)} " if previous else f" {names.get(p) or name(p)} ")
                previous = p
            # IRIs are looked up, zh and plain literals written as they are, typed ones converted
            parts.append(names.get(o) or (term(o) if o[0] == "<" or o[-1] == ">" else o))
        parts.append(" .\n")
        return "".join(parts)

    def write(self, blocks: Iterator[Block], f) -> None:
        out: list[str] = []
        size, started = 0, False
        for _, s, pairs in blocks:
            block = self.block(s, pairs)
            if not started:
                out.append(self.header)  # as pyoxigraph: an empty graph is an empty file
                started = True
            out.append(block)
            size += len(block)
            if size > 1 << 20:
                f.write("".join(out).encode("utf-8"))
                out, size = [], 0
        f.write("".join(out).encode("utf-8"))


def _chunks(blocks: Iterator[list[str]]) -> Iterator[str]:
    """Runs of about LINES_PER_PARSE lines, as one string each (pyoxigraph parses a string at a time)."""
    batch: list[str] = []
    for block in blocks:
        batch += block
        if len(batch) >= LINES_PER_PARSE:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


JSONLD_CONTEXT = {"@context": dict(PREFIXES)}  # also in schema/context.jsonld, for users' own documents


def compact_iri(iri: str) -> str:
    """kg:County for https://w3id.org/kgraph/ontology#County; IRIs outside the prefixes stay whole."""
    for p, ns in PREFIXES.items():
        rest = iri[len(ns):]
        if iri.startswith(ns) and rest and not rest.startswith("//"):
            return f"{p}:{rest}"
    return iri


def compact_jsonld(expanded: bytes) -> bytes:
    """Expanded JSON-LD (as pyoxigraph writes it) in compact form under the contract's prefixes.

    Only IRIs change (keys, ``@id`` and datatype ``@type`` values, by prefix), which is exactly
    what JSON-LD compaction does with a context of prefixes alone; node order is kept.
    """
    def value(v: dict) -> dict:
        if "@id" in v:
            return {"@id": compact_iri(v["@id"])}
        if "@type" in v:
            return {**v, "@type": compact_iri(v["@type"])}
        return v

    nodes = [{(k if k.startswith("@") else compact_iri(k)): (compact_iri(vs) if k == "@id" else
                                                              [value(v) for v in vs] if isinstance(vs, list) else vs)
              for k, vs in node.items()} for node in json.loads(expanded)]
    doc = {**JSONLD_CONTEXT, "@graph": nodes}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
