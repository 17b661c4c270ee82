"""Read an exported graph back into a KnowledgeGraph (for `kgraph viz` on a graph file or a store)."""

from __future__ import annotations

import os

import pyoxigraph as ox

from kgraph.export.rdf import KG, KGI
from kgraph.graph import KnowledgeGraph
from kgraph.model import DATED, STAGE, Article, Corpus, Entity, Figure, Observation, Statement
from kgraph.query.sparql import load_store, run_query

ENTITIES = """SELECT ?e ?c ?label ?adcode WHERE { ?e a ?c ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?c), STR(kg:)) && ?c NOT IN (kg:Article, kg:Statement, kg:Observation))
  OPTIONAL { ?e kg:adcode ?adcode } }"""
ALIASES = "SELECT ?e ?a WHERE { ?e skos:altLabel ?a }"
MENTIONS = "SELECT ?e ?a WHERE { ?e kg:mentionedIn ?a }"
ARTICLES = """SELECT ?a ?title ?source WHERE { ?a a kg:Article ; dcterms:title ?title .
  OPTIONAL { ?a dcterms:source ?source } }"""
STATEMENTS = """SELECT ?s ?p ?o ?a ?ev WHERE { ?st a kg:Statement ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o ;
  kg:evidence ?ev ; prov:wasDerivedFrom ?a }"""
PARENTS = "SELECT ?s ?o WHERE { ?s kg:subdivisionOf ?o }"
POINTS = "SELECT ?e ?wkt WHERE { ?e geo:hasGeometry ?g . ?g geo:asWKT ?wkt }"  # a region's point, for the map
OBSERVATIONS = """SELECT ?s ?metric ?v ?u ?y ?g ?ev ?a ?i ?period ?status WHERE { ?o a kg:Observation ; kg:subject ?s ;
  kg:metric ?metric ; kg:evidence ?ev ; prov:wasDerivedFrom ?a . OPTIONAL { ?o kg:value ?v } OPTIONAL { ?o kg:unit ?u }
  OPTIONAL { ?o kg:year ?y } OPTIONAL { ?o kg:growthPercent ?g } OPTIONAL { ?o kg:indicator ?i }
  OPTIONAL { ?o kg:period ?period } OPTIONAL { ?o kg:status ?status } }"""


def _v(t: object) -> str:
    return "" if t is None else t.value  # type: ignore[attr-defined]


def graph_from_rdf(path: str | os.PathLike) -> KnowledgeGraph:
    """The KnowledgeGraph of an exported graph; entity keys are the IRIs."""
    return graph_from_store(load_store(path))


def graph_from_store(store: ox.Store) -> KnowledgeGraph:
    """The KnowledgeGraph of a graph in a store (an exported file loaded, or a store folder)."""
    q = lambda text: run_query(store, text).rows  # noqa: E731
    entities: dict[str, Entity] = {}
    for e, c, label, adcode in q(ENTITIES):
        entities[e.value] = Entity(e.value, c.value[len(KG):], label.value, adcode=_v(adcode) or None)
    for e, a in q(ALIASES):
        if e.value in entities:
            entities[e.value].aliases.add(a.value)
    articles = {a.value: Article(id=a.value, source=_v(src), page=_v(src), title=title.value, body="")
                for a, title, src in q(ARTICLES)}
    for e, a in q(MENTIONS):
        if e.value in entities:
            entities[e.value].articles.add(a.value)
            entities[e.value].mention_count += 1
    for s, o in q(PARENTS):
        if s.value in entities:
            entities[s.value].parent = o.value
    for e, wkt in q(POINTS):
        lon_lat = wkt.value.strip().removeprefix("POINT(").removesuffix(")").split()
        if e.value in entities and len(lon_lat) == 2:
            entities[e.value].point = (float(lon_lat[0]), float(lon_lat[1]))
    # a project's stage (kg:stage "开工"@zh) is, in the graph, a relation of the project to itself
    # …and so is an event's date (kg:date "2025-03-05"^^xsd:date)
    statements = [Statement(s.value, STAGE + o.value, s.value, a.value, ev.value) if p.value == KG + "stage"
                  else Statement(s.value, DATED + o.value, s.value, a.value, ev.value) if p.value == KG + "date"
                  else Statement(s.value, p.value[len(KG):], o.value, a.value, ev.value)
                  for s, p, o, a, ev in q(STATEMENTS)]
    # the page charts by indicator (its id, the IRI's local name), period and status
    figures = [Figure(Observation(s.value, metric.value, _v(v), _v(u), 0, year=_v(y) or None,
                                  growth_percent=_v(g) or None, indicator=_v(i).removeprefix(KGI) or None,
                                  period=_v(period) or None, status=_v(status) or "actual"), a.value, ev.value)
               for s, metric, v, u, y, g, ev, a, i, period, status in q(OBSERVATIONS)]
    return KnowledgeGraph.from_corpus(Corpus(entities=dict(sorted(entities.items())), articles=articles,
                                             statements=sorted(statements, key=lambda s: s.id),
                                             figures=sorted(figures, key=lambda f: f.id)))
