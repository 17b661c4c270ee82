"""``schema/indicators.ttl``: the SKOS scheme of indicators, written from ``tables/indicators.tsv``.

    .venv/bin/python scripts/make_indicators.py    # after a change to the table
"""

from __future__ import annotations

from kgraph.tables import load_table

KGI = "https://w3id.org/kgraph/indicator/"
SCHEME = KGI + "scheme"


def _lit(s: str, lang: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"@' + lang


def indicator_iri(indicator_id: str) -> str:
    return KGI + indicator_id


def indicator_labels() -> dict[str, str]:
    """Indicator id → its Chinese preferred label."""
    return {r["id"]: r["zh"] for r in load_table("indicators")}


def indicators_turtle() -> str:
    """The scheme as Turtle, one concept per row of the table, in the table's order."""
    rows = load_table("indicators")
    out = ["@prefix kgi:  <https://w3id.org/kgraph/indicator/> .",
           "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
           "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .", "",
           "# The indicators Chinese regional news reports: written by scripts/make_indicators.py from",
           "# kgraph/tables/indicators.tsv (edit the table, not this file). A figure whose metric names",
           "# one of them has kg:indicator; skos:broader says what an indicator is a part of.", "",
           "kgi:scheme a skos:ConceptScheme ;",
           f"    skos:prefLabel {_lit('经济社会指标', 'zh')} , {_lit('economic and social indicators', 'en')} ;",
           f"    rdfs:comment {_lit('The indicators kgraph recognises in the metrics of figures.', 'en')} .", ""]
    for r in rows:
        lines = [f"kgi:{r['id']} a skos:Concept ;", "    skos:inScheme kgi:scheme ;",
                 f"    skos:prefLabel {_lit(r['zh'], 'zh')} , {_lit(r['en'], 'en')} ;"]
        variants = [v for v in r["variants"].split("|") if v and v != r["zh"]]
        if variants:
            lines.append("    skos:altLabel " + " , ".join(_lit(v, "zh") for v in variants) + " ;")
        if r["broader"]:
            lines.append(f"    skos:broader kgi:{r['broader']} ;")
        else:
            lines.append("    skos:topConceptOf kgi:scheme ;")
        lines[-1] = lines[-1][:-2] + " ."
        out += [*lines, ""]
    return "\n".join(out)
