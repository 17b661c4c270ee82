"""`kgraph show NAME`: one entity of an exported graph, as a person reads it."""

from __future__ import annotations

import pyoxigraph as ox

from kgraph.export.indicators import indicator_labels
from kgraph.query.sparql import QueryError, run_query, term_text

FIND = """SELECT DISTINCT ?e WHERE {{ {{ ?e rdfs:label ?n }} UNION {{ ?e skos:altLabel ?n }}
  FILTER(STR(?n) = {name}) ?e a ?c . FILTER(?c != kg:Statement && ?c != kg:Observation) }} ORDER BY ?e"""
INFO = """SELECT ?c ?label ?adcode WHERE {{ <{e}> a ?c ; rdfs:label ?label .
  OPTIONAL {{ <{e}> kg:adcode ?adcode }} }}"""
ALIASES = "SELECT ?a WHERE {{ <{e}> skos:altLabel ?a }} ORDER BY ?a"
CHAIN = """SELECT ?r ?label WHERE {{ <{e}> kg:subdivisionOf+ ?r . ?r rdfs:label ?label .
  OPTIONAL {{ ?r kg:adcode ?code }} }} ORDER BY DESC(?code)"""
RELATIONS = """SELECT ?dir ?p ?other ?label ?evidence ?role WHERE {{
  {{ <{e}> ?p ?other . BIND("out" AS ?dir) }} UNION {{ ?other ?p <{e}> . BIND("in" AS ?dir) }}
  FILTER(STRSTARTS(STR(?p), STR(kg:)) && ?p != kg:subject && ?p != kg:object && ?p != kg:mentionedIn
         && ?p != kg:subdivisionOf)
  ?other rdfs:label ?label .
  OPTIONAL {{ ?st a kg:Statement ; kg:predicate ?p ; kg:evidence ?evidence .
             {{ ?st kg:subject <{e}> ; kg:object ?other }} UNION {{ ?st kg:subject ?other ; kg:object <{e}> }}
             OPTIONAL {{ ?st kg:role ?role }} }}
}} ORDER BY ?p ?label ?evidence"""
FIGURES = """SELECT ?metric ?value ?unit ?year ?growth ?evidence ?approx ?period ?indicator ?status WHERE {{
  ?o a kg:Observation ; kg:subject <{e}> ; kg:metric ?metric ; kg:evidence ?evidence .
  OPTIONAL {{ ?o kg:value ?value ; kg:unit ?unit }} OPTIONAL {{ ?o kg:approximation ?approx }}
  OPTIONAL {{ ?o kg:year ?year }} OPTIONAL {{ ?o kg:growthPercent ?growth }} OPTIONAL {{ ?o kg:period ?period }}
  OPTIONAL {{ ?o kg:indicator ?indicator }} OPTIONAL {{ ?o kg:status ?status }}
}} ORDER BY ?year ?metric ?value"""
# a project: who invests, where, how much, how far it has got (with dates), where it was shown
PROJECT_SIDES = """SELECT ?what ?label WHERE {{
  {{ ?x kg:investsIn <{e}> . BIND("investors" AS ?what) }} UNION {{ <{e}> kg:locatedIn ?x . BIND("place" AS ?what) }}
  UNION {{ <{e}> kg:presentedAt ?x . BIND("shown at" AS ?what) }}
  ?x rdfs:label ?label }} ORDER BY ?what ?label"""
STAGES = """SELECT ?stage ?date ?evidence WHERE {{
  ?st a kg:Statement ; kg:subject <{e}> ; kg:predicate kg:stage ; kg:object ?stage ; kg:evidence ?evidence .
  OPTIONAL {{ ?st kg:date ?date }} }} ORDER BY ?date ?stage ?evidence"""
# an event: the days it was held on (kg:date), each as the text dates it
EVENT_DATES = "SELECT DISTINCT ?date WHERE {{ <{e}> kg:date ?date }} ORDER BY ?date"
AMOUNTS = """SELECT ?metric ?value ?unit WHERE {{
  ?o a kg:Observation ; kg:subject <{e}> ; kg:metric ?metric ; kg:value ?value ; kg:unit ?unit .
  FILTER(CONTAINS(?metric, "投资") || CONTAINS(?metric, "产值")) }} ORDER BY ?metric ?value"""
# an article without a title (a page whose first line is already text) is named by its source
ARTICLES = """SELECT (IF(STRLEN(?title) > 0, ?title, STR(?source)) AS ?name) WHERE {{
  <{e}> kg:mentionedIn ?a . ?a dcterms:title ?title . OPTIONAL {{ ?a dcterms:source ?source }}
}} ORDER BY ?name"""


def _as_written(value: str, unit: str, approx: str) -> str:
    """超80亿元, 200多名, 90%以上, 3—5个: the figure with its approximation where the text puts it."""
    if approx in ("多", "余"):
        return f"{value}{approx}{unit}"
    if approx in ("以上", "左右"):
        return f"{value}{unit}{approx}"
    if approx[:1].isdigit():  # a range: the value is its upper bound
        return f"{approx}{unit}"
    return f"{approx}{value}{unit}"


def _figures_by_indicator(rows: list) -> list[str]:
    """The figures grouped by indicator (its Chinese label; figures of no known indicator last), each
    group by year: the lines a person reads to follow one indicator over the years."""
    labels = indicator_labels()
    groups: dict[str, list[tuple]] = {}
    for row in rows:
        ind = row[8].value.rsplit("/", 1)[-1] if row[8] is not None else ""
        groups.setdefault(ind, []).append(row)
    out = []
    for ind in sorted(groups, key=lambda i: (i == "", labels.get(i, i))):
        out.append(f"    {labels.get(ind, ind)} (kgi:{ind})" if ind else "    other figures")
        for metric, value, unit, year, growth, ev, approx, period, _, status in groups[ind]:
            g = f"growth {growth.value}%" if growth else ""
            y = f"{year.value}{' ' + period.value if period else ''}: " if year or period else ""
            figure = _as_written(value.value, unit.value, approx.value if approx else "") if value is not None else ""
            plan = f" ({status.value})" if status is not None and status.value != "actual" else ""
            out.append(f"      {y}{metric.value} {', '.join(x for x in (figure, g) if x)}{plan}")
            out.append(f"          「{ev.value}」")
    return out


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def show_entity(store: ox.Store, name: str) -> str:
    found = run_query(store, FIND.format(name=_lit(name))).rows
    if not found:
        raise QueryError(f"no entity named {name!r} in the graph")
    return "\n\n".join(_one(store, row[0].value) for row in found)


def _one(store: ox.Store, e: str) -> str:
    out = []
    info = run_query(store, INFO.format(e=e)).rows
    cls = sorted({term_text(r[0]) for r in info})
    label = info[0][1].value if info else e
    adcode = next((r[2].value for r in info if r[2] is not None), None)
    out.append(f"{label}  ({', '.join(cls)}){'  adcode ' + adcode if adcode else ''}")
    out.append(f"  iri: <{e}>")  # as a query takes it
    aliases = [r[0].value for r in run_query(store, ALIASES.format(e=e)).rows]
    if aliases:
        out.append("  aliases: " + "、".join(aliases))
    chain = [r[1].value for r in run_query(store, CHAIN.format(e=e)).rows]
    if chain:
        out.append("  in: " + " → ".join([label, *chain]))
    if "kg:Project" in cls:
        out += _project(store, e)
    if "kg:Event" in cls:
        dates = [r[0].value for r in run_query(store, EVENT_DATES.format(e=e)).rows]
        if dates:
            out.append("  date: " + "; ".join(dates))
    rels = run_query(store, RELATIONS.format(e=e)).rows
    if rels:
        out.append("  relations:")
        seen = set()
        for d, p, _other, olabel, ev, role in rels:
            arrow = "→" if d.value == "out" else "←"
            head = f"    {arrow} {term_text(p)} {olabel.value}" + (f" ({role.value})" if role else "")
            if head not in seen:
                out.append(head)
                seen.add(head)
            if ev is not None:
                out.append(f"        「{ev.value}」")
    figs = run_query(store, FIGURES.format(e=e)).rows
    if figs:
        out.append("  figures:")
        out += _figures_by_indicator(figs)
    arts = [r[0].value for r in run_query(store, ARTICLES.format(e=e)).rows]
    if arts:
        out.append("  mentioned in: " + " | ".join(arts))
    return "\n".join(out)


def _project(store: ox.Store, e: str) -> list[str]:
    """A project's summary lines: investors, place, amounts, stages with their dates, where it was shown."""
    out = ["  project:"]
    sides: dict[str, list[str]] = {}
    for what, label in run_query(store, PROJECT_SIDES.format(e=e)).rows:
        sides.setdefault(what.value, []).append(label.value)
    for what in ("investors", "place"):
        if what in sides:
            out.append(f"    {what}: " + "、".join(dict.fromkeys(sides[what])))
    amounts = [f"{m.value} {v.value}{u.value}" for m, v, u in run_query(store, AMOUNTS.format(e=e)).rows]
    if amounts:
        out.append("    amounts: " + "; ".join(dict.fromkeys(amounts)))
    stages = [f"{stage.value}{' ' + date.value if date is not None else ''}"
              for stage, date, _ in run_query(store, STAGES.format(e=e)).rows]
    if stages:
        out.append("    stages: " + "; ".join(dict.fromkeys(stages)))
    if "shown at" in sides:
        out.append("    shown at: " + "、".join(dict.fromkeys(sides["shown at"])))
    return out if len(out) > 1 else []
