"""Regenerate docs/queries.md: every query of schema/queries/ with its output on the sample build.

    .venv/bin/python scripts/make_query_docs.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kgraph.export.rdf import RdfExporter  # noqa: E402
from kgraph.pipeline import Pipeline  # noqa: E402
from kgraph.query.sparql import format_results, load_store, run_query  # noqa: E402


def main() -> int:
    kg = Pipeline().build([ROOT / "kgraph" / "data" / "samples"]).graph
    with tempfile.TemporaryDirectory() as tmp:
        ttl = Path(tmp) / "graph.ttl"
        RdfExporter().write(kg, ttl)
        store = load_store(ttl)
        out = ["# Example queries", "",
               "Each query below is a file in `schema/queries/`, run on the bundled samples "
               "(`make demo`) with `kgraph query --file schema/queries/NAME.rq --graph output/graph.ttl`. "
               "The contract's prefixes (`kg:`, `kgr:`, `rdfs:`, `skos:`, `prov:`, `dcterms:`, `xsd:` …) "
               "are predeclared. The output shown is real; `scripts/make_query_docs.py` regenerates this page, "
               "and `tests/test_rdf_queries.py` checks the answers.", ""]
        for q in sorted((ROOT / "schema" / "queries").glob("*.rq")):
            text = q.read_text(encoding="utf-8")
            title = text.splitlines()[0].lstrip("# ").strip()
            out += [f"## {q.stem}", "", title, "", "```sparql", text.strip(), "```", "", "```",
                    format_results(run_query(store, text), "table"), "```", ""]
    (ROOT / "docs" / "queries.md").write_text("\n".join(out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
