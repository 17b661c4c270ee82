"""Print a fixed-seed random sample of an exported graph's kg:Statements (or kg:Observations) to read.

Precision of relations is checked by reading: this lists N statements with subject, predicate,
object, qualifiers and the evidence sentence, the same N for the same graph and seed.

    .venv/bin/kgraph build ../shared/seeds kgraph/data/samples -o /tmp/sample-build
    .venv/bin/python benchmarks/sample_statements.py /tmp/sample-build/graph.ttl --n 30 --seed 5
    .venv/bin/python benchmarks/sample_statements.py /tmp/sample-build/graph.ttl --observations --all
"""

from __future__ import annotations

import argparse
import random

from kgraph.query.sparql import load_store, run_query

STATEMENTS = """SELECT ?st ?s ?p ?o ?ev WHERE {
  ?st a kg:Statement ; kg:subject/rdfs:label ?s ; kg:predicate ?p ; kg:object/rdfs:label ?o ; kg:evidence ?ev }
ORDER BY ?st"""
QUALIFIERS = """SELECT ?k ?v WHERE {{ <{st}> ?k ?v .
  FILTER(?k NOT IN (rdf:type, kg:subject, kg:predicate, kg:object, kg:evidence, prov:wasDerivedFrom)) }} ORDER BY ?k"""
OBSERVATIONS = """SELECT ?o ?s ?m ?ev WHERE {
  ?o a kg:Observation ; kg:subject/rdfs:label ?s ; kg:metric ?m ; kg:evidence ?ev } ORDER BY ?o"""


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", help="an exported graph.ttl")
    ap.add_argument("--n", type=int, default=30, help="how many to print (default 30)")
    ap.add_argument("--seed", type=int, default=5, help="random seed (default 5)")
    ap.add_argument("--all", action="store_true", help="print every one, in IRI order")
    ap.add_argument("--observations", action="store_true", help="sample kg:Observations instead")
    a = ap.parse_args(argv)
    store = load_store(a.graph)
    rows = run_query(store, OBSERVATIONS if a.observations else STATEMENTS).rows
    picked = rows if a.all else sorted(random.Random(a.seed).sample(rows, min(a.n, len(rows))),
                                       key=lambda r: r[0].value)
    print(f"{len(picked)} of {len(rows)} {'observations' if a.observations else 'statements'} (seed {a.seed})")
    for i, row in enumerate(picked, 1):
        node = row[0].value
        quals = run_query(store, QUALIFIERS.format(st=node)).rows
        q = ", ".join(f"{_short(k.value)}={v.value}" for k, v in quals)
        if a.observations:
            print(f"{i:2}. {row[1].value} | {row[2].value} | {q}")
            print(f"    「{row[3].value}」")
        else:
            print(f"{i:2}. {row[1].value} —{_short(row[2].value)}→ {row[3].value}" + (f"  [{q}]" if q else ""))
            print(f"    「{row[4].value}」")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
