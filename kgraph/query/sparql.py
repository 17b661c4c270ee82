"""Run SPARQL over an exported graph on an embedded pyoxigraph store."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kgraph.export.rdf import PREFIXES

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_PROLOGUE_LINES = PROLOGUE.count("\n")
_POSITION = re.compile(r"error at (\d+):(\d+)")


class QueryError(ValueError):
    """A query that cannot run: the message is one line for the user."""


@dataclass
class Results:
    variables: list[str]
    rows: list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]
    boolean: bool | None = None


def load_store(path: str | os.PathLike) -> ox.Store:
    """An in-memory store with the graph file loaded (format from the file's extension)."""
    path = Path(path)
    store = ox.Store()
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (OSError, SyntaxError, ValueError) as e:
        raise QueryError(f"{path}: cannot load graph: {_first_line(e)}") from None
    return store


def write_store(graph: str | os.PathLike, folder: str | os.PathLike) -> None:
    """A persistent store in ``folder`` holding just ``graph`` (built beside it, then swapped in)."""
    import shutil

    folder = Path(folder)
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    store = ox.Store(str(tmp))
    store.bulk_load(path=str(graph), format=ox.RdfFormat.from_extension(Path(graph).suffix.lstrip(".")))
    store.flush()
    del store
    old = folder.with_name(folder.name + ".old")
    if folder.exists():
        folder.rename(old)
    tmp.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def open_store(folder: str | os.PathLike) -> ox.Store:
    """A store folder written by ``write_store``, opened read-only."""
    if not Path(folder, "CURRENT").exists():
        raise QueryError(f"{folder}: not a kgraph store (write one with `kgraph build --store DIR`)")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as e:
        raise QueryError(f"{folder}: cannot open the store: {_first_line(e)}") from None


def run_query(store: ox.Store, query: str, limit: int | None = None) -> Results:
    try:
        res = store.query(PROLOGUE + query, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise syntax_error(e) from None
    if isinstance(res, ox.QueryBoolean):
        return Results([], [], boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        variables = [v.value for v in res.variables]
        rows = []
        for sol in res:
            rows.append([sol[v] for v in variables])
            if limit is not None and len(rows) >= limit:
                break
        return Results(variables, rows)
    rows = [[t.subject, t.predicate, t.object] for t in res]
    return Results(["subject", "predicate", "object"], rows[:limit] if limit else rows)


def syntax_error(e: SyntaxError) -> QueryError:
    """The parser's message with the position in the user's query (the predeclared prefixes come first)."""
    def where(m: re.Match) -> str:
        return f"at line {int(m[1]) - _PROLOGUE_LINES}, column {m[2]}"

    return QueryError(f"SPARQL syntax error {_POSITION.sub(where, _first_line(e), count=1)}")


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else e.__class__.__name__


def term_text(t: object) -> str:
    """A term as a person reads it: prefixed IRIs, plain literal values."""
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        for p, iri in PREFIXES.items():
            if t.value.startswith(iri):
                return f"{p}:{t.value[len(iri):]}"
        return t.value
    if isinstance(t, ox.Literal):
        return t.value
    return str(t)


def format_results(res: Results, fmt: str = "table") -> str:
    if res.boolean is not None:
        return json.dumps({"head": {}, "boolean": res.boolean}) if fmt == "json" else str(res.boolean).lower()
    if fmt == "json":
        return json.dumps({"head": {"vars": res.variables},
                           "results": {"bindings": [
                               {v: _json_term(t) for v, t in zip(res.variables, row, strict=True) if t is not None}
                               for row in res.rows]}}, ensure_ascii=False, indent=1)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(res.variables)
        for row in res.rows:
            w.writerow([term_text(t) for t in row])
        return buf.getvalue().rstrip("\n")
    cells = [[term_text(t) for t in row] for row in res.rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(res.variables)]

    def line(vals):
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths, strict=True)).rstrip()

    out = [line(res.variables), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)


def _width(s: str) -> int:
    # CJK characters take two columns in a terminal
    return sum(2 if "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" else 1 for c in s)


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        d["datatype"] = t.datatype.value
    return d
