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
        raise syntax_error(e, query) from None
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


def syntax_error(e: SyntaxError, query: str = "") -> QueryError:
    """One line: where in the user's query (the predeclared prefixes come first), the text there, what the
    parser expected in words (not its character classes), and a hint for the usual slips."""
    text = str(e).strip()
    m = _POSITION.search(text)
    if not m:
        return QueryError(f"SPARQL syntax error: {_first_line(e)}")
    line, col = int(m[1]) - _PROLOGUE_LINES, int(m[2])
    lines = query.split("\n")
    here = sum(len(x) + 1 for x in lines[:line - 1]) + col - 1 if 0 < line <= len(lines) else len(query)
    near = query[here:here + 20].split("\n")[0].strip()
    where = f"at line {line}, column {col}" + (f', near "{near}"' if near else ", at the end")
    hint = _hint(query, here, text)
    return QueryError(f"SPARQL syntax error {where}: {_expected(text[m.end():])}" + (f"; {hint}" if hint else ""))


_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_NAME_BEFORE = re.compile(r"([A-Za-z][\w.-]*)?:((?:[\w.%-]|\\.)*)$")


def _expected(rest: str) -> str:
    """What the parser expected, in words: its tokens and keywords, its character classes as 'a name'."""
    rest = rest.lstrip(": ").replace("\n", " ")
    if not rest.startswith("expected"):
        return rest.split(" [")[0]
    if "Prefix not found" in rest:
        return "an undeclared prefix"
    if "IRI parsing failed" in rest:
        return "a bad IRI (no spaces, quotes, <, >, {, }, | or ^ inside <…>)"
    body = rest[len("expected"):].strip()
    body = body[len("one of"):].strip() if body.startswith("one of") else body
    classes = re.findall(r"\[[^\]]*\]", _QUOTED.sub("", body))
    tokens = [q.replace('\\"', '"').replace("\\\\", "\\") for q in _QUOTED.findall(body)]
    tokens += [w.strip() for w in re.sub(r"\[[^\]]*\]", "", _QUOTED.sub("", body)).split(",") if w.strip()]
    name = any(c != "[_]" for c in classes)
    if not tokens:
        return "expected a name" if name else "unexpected text"
    said = tokens[0] if len(tokens) == 1 else "one of " + "  ".join(tokens)
    return "expected " + said + (" or a name" if name else "")


def _hint(query: str, here: int, message: str) -> str:
    """Advice for the slips users make: an IRI pasted as a prefixed name with a /, an undeclared prefix, a query
    cut short."""
    name = _NAME_BEFORE.search(query[:here])
    if "Prefix not found" in message and name:
        known, prefix = ", ".join(f"{p}:" for p in PREFIXES), name[1] or ""
        return f"the prefix {prefix}: is not declared (PREFIX {prefix}: <…> declares it; predeclared: {known})"
    if name and name[1] in PREFIXES and query[here:here + 1] in "/#?&=~!$'()*+,;@" and query[here:here + 1]:
        local = name[2]
        m = re.match(r"[^\s{}()<>\"'.,;]*(?:\.[^\s{}()<>\"'.,;]+)*", query[here:])
        full = PREFIXES[name[1]] + local.replace("\\", "") + (m[0] if m else "")
        return (f"a prefixed name cannot hold {query[here]!r} as it is: write the IRI whole, <{full}>, or escape "
                f"it, {pasteable(ox.NamedNode(full))} (as kgraph query prints IRIs)")
    if query.count('"') % 2 and '"\\""' in message:
        return "a string is not closed"
    form = re.sub(r"(?is)^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", query).split(None, 1)
    if form and form[0].upper() not in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
        return f"a query begins with SELECT, CONSTRUCT, ASK or DESCRIBE, not {form[0]}"
    if query.count("{") > query.count("}"):
        return "the query ends before its braces close: is a } missing?"
    return ""


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else e.__class__.__name__


# What may stand in a SPARQL prefixed name's local part (PN_LOCAL), once the characters below are escaped
# (without U+10000 and above: pyoxigraph does not take them there).
_PN_CHARS_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
                  "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd")
_PN_CHARS = _PN_CHARS_BASE + "_\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = re.compile(rf"(?:[{_PN_CHARS_BASE}_:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?")
_LOCAL_ESCAPE = re.compile(r"[~.!$&'()*+,;=/?#@]|%(?![0-9A-Fa-f]{2})")


def pasteable(t: ox.NamedNode) -> str:
    """An IRI as it can be pasted back into a query: a prefixed name (its / and other marks escaped,
    kgr:region\\/360603) where the local part allows one, else <the whole IRI>."""
    for p, iri in PREFIXES.items():
        if t.value.startswith(iri):
            local = t.value[len(iri):]
            if not local:
                return f"{p}:"
            escaped = _LOCAL_ESCAPE.sub(lambda m: "\\" + m[0], local)
            # a . is escaped only where the grammar needs it (last); elsewhere it reads better bare
            escaped = re.sub(r"\\\.(?!$)", ".", escaped) if not escaped.startswith("\\.") else escaped
            if _PN_LOCAL.fullmatch(escaped):
                return f"{p}:{escaped}"
    return f"<{t.value}>"


def term_text(t: object) -> str:
    """A term as a person reads it and can paste it back into a query: IRIs as prefixed names or <…>
    (``pasteable``), plain literal values."""
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        return pasteable(t)
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
