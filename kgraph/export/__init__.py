"""Writing the graph out: RDF (the contract), the interactive page, GraphML."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kgraph.graph import KnowledgeGraph


def write_file(kg: KnowledgeGraph, path: Path, base: str) -> None:
    """Write the graph to ``path`` in the format its suffix names (.ttl .nt .nq .trig .jsonld, .html, .graphml)."""
    from kgraph.export.graphml import GraphmlExporter
    from kgraph.export.html import HtmlExporter
    from kgraph.export.rdf import RdfExporter

    fmt = path.suffix[1:]
    if fmt == "graphml":
        GraphmlExporter().write(kg, path)
    elif fmt == "html":
        HtmlExporter().write(kg, path)
    else:
        RdfExporter(base=base).write(kg, path, fmt)
