"""The graph as RDF, following ../shared/spec/graph-contract.md (names users' SPARQL relies on)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pyoxigraph as ox

from kgraph.fsutil import atomic_write
from kgraph.graph import KnowledgeGraph
from kgraph.model import short_hash

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
            "dcterms": DCTERMS, "schema": SCHEMA, "org": ORG, "qb": QB, "geo": GEO, "owl": OWL}
FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
           "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}

_TYPE = ox.NamedNode(RDF + "type")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def _typed(value: str, dtype: str) -> ox.Literal:
    return ox.Literal(value, datatype=_n(XSD + dtype))


def entity_iri(key: str, cls: str, base: str = KGR) -> str:
    """Regions with a code are region/<adcode>; anything else class/<hash of its key>."""
    if key.startswith("region/"):
        return base + key
    folder = "region" if cls in {"Province", "City", "County", "Town", "Community", "Region"} else cls.lower()
    return f"{base}{folder}/{short_hash(key)}"


class RdfExporter:
    """KnowledgeGraph → RDF quads (default graph, or one named graph per article)."""

    def __init__(self, base: str = KGR):
        self.base = base

    def quads(self, kg: KnowledgeGraph, named_graphs: bool = False) -> Iterator[ox.Quad]:
        base = self.base
        iri = {k: _n(entity_iri(k, d["cls"], base)) for k, d in kg.nx.nodes(data=True)}
        art = {a: _n(f"{base}article/{a}") for a in kg.articles}
        default = ox.DefaultGraph()

        def q(s, p, o, g=default):
            return ox.Quad(s, _n(p), o, g)

        for aid, a in sorted(kg.articles.items()):
            s = art[aid]
            yield q(s, RDF + "type", _n(KG + "Article"))
            yield q(s, DCTERMS + "title", _zh(a.title))
            for name in a.authors:
                yield q(s, DCTERMS + "creator", _zh(name))
            if a.date:
                yield q(s, DCTERMS + "date", _typed(a.date, "date") if len(a.date) == 10 else ox.Literal(a.date))
            yield q(s, DCTERMS + "source", ox.Literal(a.url or a.source))
            yield q(s, DCTERMS + "isPartOf", ox.Literal(a.page))
        for key, d in sorted(kg.nx.nodes(data=True)):
            s = iri[key]
            yield q(s, RDF + "type", _n(KG + d["cls"]))
            yield q(s, RDFS + "label", _zh(d["name"]))
            for alias in d["aliases"]:
                yield q(s, SKOS + "altLabel", _zh(alias))
            if d["adcode"]:
                yield q(s, KG + "adcode", ox.Literal(d["adcode"]))
            if d.get("point"):
                lon, lat = d["point"]
                geom = _n(f"{str(s.value)}/geometry")
                yield q(s, GEO + "hasGeometry", geom)
                yield q(geom, GEO + "asWKT", ox.Literal(f"POINT({lon} {lat})", datatype=_n(GEO + "wktLiteral")))
            for aid in d["articles"]:
                yield q(s, KG + "mentionedIn", art[aid])
        for subj, pred, obj, statements in kg.relations():
            yield q(iri[subj], KG + pred, iri[obj])
            for st in statements:
                g = art[st.article] if named_graphs else default
                node = _n(f"{base}statement/{st.id}")
                yield q(node, RDF + "type", _n(KG + "Statement"), g)
                yield q(node, KG + "subject", iri[subj], g)
                yield q(node, KG + "predicate", _n(KG + pred), g)
                yield q(node, KG + "object", iri[obj], g)
                for k, v in st.qualifiers:
                    yield q(node, KG + k, _qualifier(k, v), g)
                yield q(node, KG + "evidence", _zh(st.evidence), g)
                yield q(node, PROV + "wasDerivedFrom", art[st.article], g)
        for f in kg.figures:
            o = f.observation
            if o.subject not in iri:
                continue
            g = art[f.article] if named_graphs else default
            node = _n(f"{base}observation/{f.id}")
            yield q(node, RDF + "type", _n(KG + "Observation"), g)
            yield q(node, KG + "subject", iri[o.subject], g)
            yield q(node, KG + "metric", _zh(o.metric), g)
            if o.value:  # a growth stated alone has no value of its own
                yield q(node, KG + "value", _typed(o.value, "decimal"), g)
            if o.unit:
                yield q(node, KG + "unit", _zh(o.unit), g)
            if o.period:
                yield q(node, KG + "period", _zh(o.period), g)
            if o.year:
                yield q(node, KG + "year", _typed(o.year, "gYear"), g)
            if o.growth_percent:
                yield q(node, KG + "growthPercent", _typed(o.growth_percent, "decimal"), g)
            if o.approx:
                yield q(node, KG + "approximation", _zh(o.approx), g)
            yield q(node, KG + "evidence", _zh(f.evidence), g)
            yield q(node, PROV + "wasDerivedFrom", art[f.article], g)

    def write(self, kg: KnowledgeGraph, path: str | os.PathLike, fmt: str = "ttl") -> None:
        """Write atomically; the same graph gives the same bytes."""
        named = fmt in ("nq", "trig")
        quads = sorted(set(self.quads(kg, named_graphs=named)), key=_sort_key)
        items = quads if named else [ox.Triple(x.subject, x.predicate, x.object) for x in quads]
        kwargs = {"prefixes": PREFIXES} if fmt in ("ttl", "trig") else {}
        data = ox.serialize(items, format=FORMATS[fmt], **kwargs)
        if fmt == "jsonld":
            data = compact_jsonld(data)
        with atomic_write(path, "wb") as f:
            f.write(data)


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


def _qualifier(k: str, v: str) -> ox.Literal:
    if k == "year":
        return _typed(v, "gYear")
    if k in ("amount", "value"):
        return _typed(v, "decimal")
    return _zh(v)


def _sort_key(x: ox.Quad) -> tuple[str, str, str, str]:
    return (str(x.graph_name), str(x.subject), str(x.predicate), str(x.object))
