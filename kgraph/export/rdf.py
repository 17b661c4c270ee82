"""The graph as RDF, following ../shared/spec/graph-contract.md (names users' SPARQL relies on)."""

from __future__ import annotations

import json
import os
import re
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

def entity_iri(key: str, cls: str, base: str = KGR) -> str:
    """Regions with a code are region/<adcode>; anything else class/<hash of its key>."""
    if key.startswith("region/"):
        return base + key
    folder = "region" if cls in {"Province", "City", "County", "Town", "Community", "Region"} else cls.lower()
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
    if k in ("amount", "value"):
        return _typed_nt(v, "decimal")
    return _zh_nt(v)


class RdfExporter:
    """KnowledgeGraph → RDF (default graph, or one named graph per article).

    The output is sorted by graph, subject, predicate and object, so the same graph gives the
    same bytes. It is written as a stream: the graph is cut into one block of lines per subject
    (an article, an entity with its relations, a statement, an observation), the blocks are
    visited in subject order, and pyoxigraph parses each run of N-Quads lines and writes the
    requested syntax; memory stays at the size of the graph object, not of its triples.
    """

    def __init__(self, base: str = KGR):
        ox.NamedNode(base)  # a bad base IRI fails here, with pyoxigraph's message
        self.base = base

    def lines(self, kg: KnowledgeGraph, named_graphs: bool = False) -> Iterator[str]:
        """The graph as N-Quads lines (N-Triples where in the default graph), in output order, without repeats."""
        for block in self._blocks(kg, named_graphs):
            yield from block

    def _blocks(self, kg: KnowledgeGraph, named_graphs: bool) -> Iterator[list[str]]:
        """The lines of each subject in turn, sorted."""
        base = self.base
        iri = {k: f"<{entity_iri(k, d['cls'], base)}>" for k, d in kg.nx.nodes(data=True)}
        art = {a: f"<{base}article/{a}>" for a in kg.articles}
        # (graph, subject, kind, what): one entry per block of lines
        blocks: list[tuple[str, str, int, object]] = [(_DEFAULT, art[a], 0, a) for a in kg.articles]
        for key, d in kg.nx.nodes(data=True):
            blocks.append((_DEFAULT, iri[key], 1, key))
            if d.get("point"):
                blocks.append((_DEFAULT, f"<{entity_iri(key, d['cls'], base)}/geometry>", 2, key))
        for subj, obj, pred, data in kg.nx.edges(keys=True, data=True):
            for st in data["statements"]:
                g = art[st.article] if named_graphs else _DEFAULT
                blocks.append((g, f"<{base}statement/{st.id}>", 3, (subj, pred, obj, st)))
        for f in kg.figures:
            if f.observation.subject in iri:
                g = art[f.article] if named_graphs else _DEFAULT
                blocks.append((g, f"<{base}observation/{f.id}>", 4, f))
        blocks.sort(key=lambda b: (b[0], b[1]))

        def block_lines(g: str, s: str, kind: int, what) -> list[str]:
            ending = " .\n" if g == _DEFAULT else f" {g} .\n"
            out: list[str] = []

            def t(p: str, o: str) -> None:
                out.append(f"{s} <{p}> {o}{ending}")

            if kind == 0:
                a = kg.articles[what]
                t(RDF + "type", f"<{KG}Article>")
                t(DCTERMS + "title", _zh_nt(a.title))
                for name in a.authors:
                    t(DCTERMS + "creator", _zh_nt(name))
                if a.date:
                    t(DCTERMS + "date", _typed_nt(a.date, "date") if len(a.date) == 10 else _plain_nt(a.date))
                t(DCTERMS + "source", _plain_nt(a.url or a.source))
                t(DCTERMS + "isPartOf", _plain_nt(a.page))
            elif kind == 1:
                d = kg.nx.nodes[what]
                t(RDF + "type", f"<{KG}{d['cls']}>")
                t(RDFS + "label", _zh_nt(d["name"]))
                for alias in d["aliases"]:
                    t(SKOS + "altLabel", _zh_nt(alias))
                if d["adcode"]:
                    t(KG + "adcode", _plain_nt(d["adcode"]))
                if d.get("point"):
                    t(GEO + "hasGeometry", f"{s[:-1]}/geometry>")
                for aid in d["articles"]:
                    t(KG + "mentionedIn", art[aid])
                for _, obj, pred in kg.nx.out_edges(what, keys=True):
                    t(KG + pred, iri[obj])
            elif kind == 2:
                lon, lat = kg.nx.nodes[what]["point"]
                t(GEO + "asWKT", f'"POINT({lon} {lat})"^^<{GEO}wktLiteral>')
            elif kind == 3:
                subj, pred, obj, st = what
                t(RDF + "type", f"<{KG}Statement>")
                t(KG + "subject", iri[subj])
                t(KG + "predicate", f"<{KG}{pred}>")
                t(KG + "object", iri[obj])
                for k, v in st.qualifiers:
                    t(KG + k, _qualifier_nt(k, v))
                t(KG + "evidence", _zh_nt(st.evidence))
                t(PROV + "wasDerivedFrom", art[st.article])
            else:
                o = what.observation
                t(RDF + "type", f"<{KG}Observation>")
                t(KG + "subject", iri[o.subject])
                t(KG + "metric", _zh_nt(o.metric))
                if o.value:  # a growth stated alone has no value of its own
                    t(KG + "value", _typed_nt(o.value, "decimal"))
                if o.unit:
                    t(KG + "unit", _zh_nt(o.unit))
                if o.period:
                    t(KG + "period", _zh_nt(o.period))
                if o.year:
                    t(KG + "year", _typed_nt(o.year, "gYear"))
                if o.growth_percent:
                    t(KG + "growthPercent", _typed_nt(o.growth_percent, "decimal"))
                if o.approx:
                    t(KG + "approximation", _zh_nt(o.approx))
                t(KG + "evidence", _zh_nt(what.evidence))
                t(PROV + "wasDerivedFrom", art[what.article])
            return out

        i = 0
        while i < len(blocks):
            g, s = blocks[i][0], blocks[i][1]
            out = block_lines(*blocks[i])
            i += 1
            while i < len(blocks) and blocks[i][0] == g and blocks[i][1] == s:  # one subject, several sources
                out += block_lines(*blocks[i])
                i += 1
            # within a subject, line order is (predicate, object) order: "<p> o" ends every term it compares
            yield sorted(set(out))

    def quads(self, kg: KnowledgeGraph, named_graphs: bool = False) -> Iterator[ox.Quad]:
        """The graph as pyoxigraph quads, in output order."""
        for chunk in _chunks(self._blocks(kg, named_graphs)):
            yield from ox.parse(chunk, format=ox.RdfFormat.N_QUADS)

    def triples(self, kg: KnowledgeGraph) -> Iterator[ox.Triple]:
        """The graph as pyoxigraph triples (all in the default graph), in output order."""
        for chunk in _chunks(self._blocks(kg, False)):
            yield from ox.parse(chunk, format=ox.RdfFormat.N_TRIPLES)

    def write(self, kg: KnowledgeGraph, path: str | os.PathLike, fmt: str = "ttl") -> None:
        """Write atomically; the same graph gives the same bytes."""
        named = fmt in ("nq", "trig")
        items = self.quads(kg, named_graphs=True) if named else self.triples(kg)
        kwargs = {"prefixes": PREFIXES} if fmt in ("ttl", "trig") else {}
        with atomic_write(path, "wb") as f:
            if fmt == "jsonld":
                f.write(compact_jsonld(ox.serialize(list(items), format=FORMATS[fmt])))
            else:
                ox.serialize(items, f, format=FORMATS[fmt], **kwargs)


def _chunks(blocks: Iterator[list[str]]) -> Iterator[str]:
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
