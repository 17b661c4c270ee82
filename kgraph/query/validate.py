"""`kgraph validate`: check an exported graph against the contract's SHACL shapes (schema/shapes.ttl)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from kgraph.query.sparql import QueryError

SHAPES = Path(__file__).resolve().parents[2] / "schema" / "shapes.ttl"


def shapes_path() -> Path:
    """The shapes file: the repository's schema/, or the copy installed with the package."""
    packaged = resources.files("kgraph") / "schema" / "shapes.ttl"
    return SHAPES if SHAPES.exists() else Path(str(packaged))


def _what_is_wrong(graph: str | os.PathLike, e: Exception) -> str:
    """One line saying where and why ``graph`` does not parse: rdflib's first line is only "at line 1 of <>:",
    so the reason comes from pyoxigraph's parser (the one `query` and `show` use), else rdflib's lines joined."""
    import pyoxigraph as ox

    if not isinstance(e, OSError):
        fmt = ox.RdfFormat.from_extension(Path(graph).suffix.lstrip(".")) or ox.RdfFormat.TURTLE
        try:
            for _ in ox.parse(path=str(graph), format=fmt):
                pass
        except (OSError, SyntaxError, ValueError) as ox_error:
            return str(ox_error).strip().splitlines()[0]
    return " ".join(line.strip() for line in str(e).splitlines() if line.strip()) or type(e).__name__


def validate(graph: str | os.PathLike, shapes: str | os.PathLike | None = None) -> list[str]:
    """One line per violation (focus node, path, message); empty when the graph conforms."""
    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    data = rdflib.Graph()
    try:
        data.parse(str(graph), format="turtle" if str(graph).endswith(".ttl") else None)
    except (OSError, SyntaxError, ValueError) as e:
        raise QueryError(f"{graph}: cannot read the graph: {_what_is_wrong(graph, e)}") from None
    shape_graph = rdflib.Graph().parse(str(shapes or shapes_path()), format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shape_graph, inference="none")
    lines = []
    for r in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        path = report.value(r, SH.resultPath)
        msg = report.value(r, SH.resultMessage)
        lines.append(f"{focus}  {path.n3(data.namespace_manager) if path else ''}  {msg}")
    return sorted(lines)
