"""`kgraph serve`: a read-only SPARQL 1.1 Protocol endpoint over an exported graph or a store.

GET or POST /sparql (``query=`` in the URL or a form, or an ``application/sparql-query`` body);
results as SPARQL JSON, XML, CSV or TSV by content negotiation, Turtle or N-Triples for
CONSTRUCT/DESCRIBE. Updates, LOAD and SERVICE are refused (403). Queries run in worker
processes, so one over its time limit is killed rather than left running; results are capped
and request bodies bounded. ``/`` is a small query page, ``/graph.html`` the interactive page
when one is given.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape

import pyoxigraph as ox

from kgraph.query.sparql import (
    PROLOGUE,
    QueryError,
    Results,
    format_results,
    load_store,
    open_store,
    syntax_error,
)

# What a query may not do here. Matched on the query with its strings, IRIs, variables and
# comments blanked out, so that a label "INSERT" or a variable ?load is not taken for a keyword.
UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.I)
SERVICE = re.compile(r"\bSERVICE\b", re.I)
_NOT_CODE = re.compile(r"\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'"
                       r"|<[^<>\s\"{}|^`\\]*>|[?$]\w+|#[^\n]*")

# Accept header → result serialisation, in the order they are tried.
SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "text/plain": ox.RdfFormat.N_TRIPLES}
SERVED = (*SELECT_TYPES, *GRAPH_TYPES)
READ_ONLY = "updates are not allowed: this endpoint is read-only"


@dataclass(frozen=True)
class Limits:
    seconds: float = 10.0  # a query running longer is killed (503)
    rows: int = 10_000  # results beyond this are cut (X-Kgraph-Truncated: true)
    body_bytes: int = 1_000_000  # a larger request body is refused (413)
    workers: int = 2  # queries running at once (one process each)


@dataclass(frozen=True)
class Answer:
    """A query's result, serialised: what the handler sends."""

    body: bytes
    content_type: str
    truncated: bool = False


class Refused(Exception):
    """A query this endpoint will not run (403)."""


class NotAcceptable(Exception):
    """The Accept header names no format the endpoint serves for the answer (406)."""


def _media_types(accept: str) -> list[str]:
    """The media types an Accept header asks for, lower case (those given q=0 are refused, so left out)."""
    out = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if fields[0] and not any(re.fullmatch(r"q\s*=\s*0(?:\.0*)?", f) for f in fields[1:]):
            out.append(fields[0].lower())
    return out


def pick_type(accept: str, served) -> str | None:
    """The first of ``served`` that ``accept`` takes (no Accept, or */*, takes the first); None if it takes none."""
    asked = _media_types(accept)
    if not asked:
        return None if accept.strip() else next(iter(served))
    exact = [t for t in served if t in asked]
    if exact:
        return exact[0]
    for t in asked:
        if t == "*/*":
            return next(iter(served))
        if t.endswith("/*"):
            match = next((s for s in served if s.startswith(t[:-1])), None)
            if match:
                return match
    return None


def not_served(accept: str, served) -> str:
    return (f"406: no format named in Accept ({accept.strip()}) is served here; this endpoint serves "
            f"{', '.join(served)}")


class Busy(Exception):
    """No answer in time: the query was too slow, or every worker stayed busy (503)."""


def refuse_reason(query: str) -> str | None:
    """Why ``query`` may not run on a read-only endpoint, or None."""
    code = _NOT_CODE.sub(" ", query)
    if SERVICE.search(code):
        return "SERVICE (federated queries) is not allowed"
    if UPDATE.search(code):
        return READ_ONLY
    return None


def answer(store: ox.Store, query: str, accept: str, cap: int) -> Answer:
    """Run one query and serialise its result for ``accept``, with at most ``cap`` rows or triples."""
    try:
        res = store.query(PROLOGUE + query, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise syntax_error(e, query) from None
    if isinstance(res, ox.QueryTriples):
        chosen = pick_type(accept, GRAPH_TYPES)
        if chosen is None:
            raise NotAcceptable(not_served(accept, GRAPH_TYPES) + " for a graph (CONSTRUCT, DESCRIBE)")
        triples = _first(res, cap + 1)
        fmt = GRAPH_TYPES[chosen]
        return Answer(ox.serialize(triples[:cap], format=fmt), f"{fmt.media_type}; charset=utf-8",
                      len(triples) > cap)
    if isinstance(res, ox.QueryBoolean):
        table, truncated = Results([], [], boolean=bool(res)), False
    else:
        variables = [v.value for v in res.variables]
        rows = [[sol[v] for v in variables] for sol in _first(res, cap + 1)]
        table, truncated = Results(variables, rows[:cap]), len(rows) > cap
    ctype = pick_type(accept, SELECT_TYPES)
    if ctype is None:
        raise NotAcceptable(not_served(accept, SELECT_TYPES) + " for a table (SELECT, ASK)")
    kind = SELECT_TYPES[ctype]
    text = to_xml(table) if kind == "xml" else format_results(table, "json") if kind == "json" \
        else to_csv(table, kind)
    return Answer(text.encode("utf-8"), f"{ctype}; charset=utf-8", truncated)


def _first(it, n: int) -> list:
    out = []
    for x in it:
        out.append(x)
        if len(out) == n:
            break
    return out


def to_xml(res: Results) -> str:
    """SPARQL 1.1 Query Results XML."""
    head = "".join(f'<variable name="{escape(v)}"/>' for v in res.variables)
    if res.boolean is not None:
        body = f"<boolean>{str(res.boolean).lower()}</boolean>"
    else:
        rows = []
        for row in res.rows:
            cells = []
            for v, t in zip(res.variables, row, strict=True):
                if t is None:
                    continue
                if isinstance(t, ox.NamedNode):
                    value = f"<uri>{escape(t.value)}</uri>"
                elif isinstance(t, ox.BlankNode):
                    value = f"<bnode>{escape(t.value)}</bnode>"
                else:
                    attr = f' xml:lang="{escape(t.language)}"' if t.language else \
                        f' datatype="{escape(t.datatype.value)}"'
                    value = f"<literal{attr}>{escape(t.value)}</literal>"
                cells.append(f'<binding name="{escape(v)}">{value}</binding>')
            rows.append(f"<result>{''.join(cells)}</result>")
        body = f"<results>{''.join(rows)}</results>"
    return ('<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head>{head}</head>{body}</sparql>")


def to_csv(res: Results, kind: str) -> str:
    """SPARQL 1.1 CSV (plain values) or TSV (terms in Turtle syntax), with full IRIs."""
    if res.boolean is not None:
        return str(res.boolean).lower()
    sep = "," if kind == "csv" else "\t"
    lines = [sep.join(res.variables if kind == "csv" else [f"?{v}" for v in res.variables])]
    for row in res.rows:
        cells = []
        for t in row:
            v = "" if t is None else t.value if kind == "csv" else str(t)
            if kind == "csv" and any(c in v for c in ',"\r\n'):
                v = '"' + v.replace('"', '""') + '"'
            cells.append(v)
        lines.append(sep.join(cells))
    return "\r\n".join(lines) + "\r\n"


PARENT_CHECK_SECONDS = 1.0  # how often an idle worker looks whether its server still runs


def _worker(conn: Connection, store: ox.Store | None, folder: str | None, cap: int) -> None:
    """A query process: answers (query, accept) requests from its pipe until the pipe closes or the server
    is gone (a server killed by a signal closes no pipe: the other workers hold copies of its ends)."""
    server = os.getppid()
    if store is None:
        store = open_store(folder)
    while True:
        try:
            if not conn.poll(PARENT_CHECK_SECONDS):
                if os.getppid() != server:
                    return
                continue
            query, accept = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", answer(store, query, accept, cap)))
        except NotAcceptable as e:
            conn.send(("not acceptable", str(e)))
        except QueryError as e:
            conn.send(("error", str(e)))
        except Exception as e:  # noqa: BLE001 - reported to the client as a 500, the worker lives on
            conn.send(("failed", f"{e.__class__.__name__}: {e}"))


class QueryPool:
    """Worker processes holding the store; a query over its time limit is killed with its worker."""

    def __init__(self, graph: str | os.PathLike | None = None, store: str | os.PathLike | None = None,
                 limits: Limits | None = None):
        if (graph is None) == (store is None):
            raise ValueError("give a graph file or a store folder")
        self.limits = limits or Limits()
        # Forked workers share the parent's loaded store; elsewhere each worker opens it itself.
        methods = multiprocessing.get_all_start_methods()
        self._ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._folder = str(store) if store is not None else None
        self._store = None
        if graph is not None:
            if self._ctx.get_start_method() != "fork":
                raise QueryError("serving a graph file needs fork(); write a store with --store and serve that")
            self._store = load_store(graph)
        else:
            open_store(store)  # fails here, with one clear message, rather than in every worker
        self._idle: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._procs: set = set()
        for _ in range(self.limits.workers):
            self._idle.put(self._start())

    def _start(self):
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker, args=(child, self._store, self._folder, self.limits.rows),
                                 daemon=True)
        proc.start()
        child.close()
        with self._lock:
            self._procs.add(proc)
        return proc, parent

    def _stop(self, worker) -> None:
        proc, conn = worker
        conn.close()
        proc.kill()
        proc.join()
        with self._lock:
            self._procs.discard(proc)

    def run(self, query: str, accept: str = "") -> Answer:
        """Answer a query; raises Refused (403), QueryError (400), NotAcceptable (406), Busy (503),
        RuntimeError (500)."""
        reason = refuse_reason(query)
        if reason:
            raise Refused(reason)
        if pick_type(accept, SERVED) is None:  # said before a worker runs it
            raise NotAcceptable(not_served(accept, SERVED))
        try:
            worker = self._idle.get(timeout=self.limits.seconds)
        except queue.Empty:
            raise Busy("every query worker stayed busy; try again") from None
        proc, conn = worker
        try:
            conn.send((query, accept))
            if not conn.poll(self.limits.seconds):
                self._stop(worker)
                worker = self._start()
                raise Busy(f"the query ran longer than {self.limits.seconds:g} s and was stopped")
            status, value = conn.recv()
        except (EOFError, OSError, BrokenPipeError):  # the worker died (e.g. out of memory): replace it
            self._stop(worker)
            worker = self._start()
            raise RuntimeError("the query worker died") from None
        finally:
            self._idle.put(worker)
        if status == "ok":
            return value
        if status == "not acceptable":
            raise NotAcceptable(value)
        if status == "error":
            if READ_ONLY in value or UPDATE.search(_NOT_CODE.sub(" ", query)):
                raise Refused(READ_ONLY)  # an update the keyword check missed never parses as a query
            raise QueryError(value)
        raise RuntimeError(value)

    def close(self) -> None:
        while True:
            try:
                self._stop(self._idle.get_nowait())
            except queue.Empty:
                break
        with self._lock:
            procs = list(self._procs)
        for proc in procs:
            proc.kill()
            proc.join()


QUERY_PAGE = """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>kgraph SPARQL</title>
<style>body{font-family:sans-serif;margin:1em}textarea{width:100%;height:10em;font-family:monospace}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style></head>
<body><h1>kgraph SPARQL</h1>
<p>__GRAPHLINK__ The endpoint is <code>/sparql</code> (SPARQL 1.1 Protocol, read-only).
Prefixes kg:, kgr:, rdfs:, skos:, prov:, dcterms:, xsd:, schema:, org:, qb:, geo: are predeclared.</p>
<textarea id="q">SELECT ?c ?label WHERE { ?c a kg:County ; rdfs:label ?label } LIMIT 20</textarea>
<p><button id="run">Run</button> <span id="msg"></span></p><table id="out"></table>
<script>
document.getElementById("run").onclick = async () => {
  const msg = document.getElementById("msg"), out = document.getElementById("out");
  msg.textContent = "…"; out.replaceChildren();
  const r = await fetch("sparql", {method: "POST", headers: {"Content-Type": "application/sparql-query",
    "Accept": "application/sparql-results+json, text/turtle;q=0.5"}, body: document.getElementById("q").value});
  if (!r.ok) { msg.textContent = await r.text(); return; }
  if (!r.headers.get("Content-Type").includes("json")) {  // CONSTRUCT, DESCRIBE: the Turtle as it is
    const pre = document.createElement("pre"); pre.textContent = await r.text(); out.appendChild(pre); return; }
  const data = await r.json(); msg.textContent = r.headers.get("X-Kgraph-Truncated") ? "(truncated)" : "";
  if ("boolean" in data) { msg.textContent = String(data.boolean); return; }
  const head = document.createElement("tr");
  for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  out.appendChild(head);
  for (const b of data.results.bindings) {
    const tr = document.createElement("tr");
    for (const v of data.head.vars) { const td = document.createElement("td"); td.textContent = b[v] ? b[v].value : "";
      tr.appendChild(td); }
    out.appendChild(tr);
  }
};
</script></body></html>"""


def make_handler(pool: QueryPool, page: Path | None, cors: str | None = None) -> type[BaseHTTPRequestHandler]:
    """The request handler. ``cors``: the one origin whose pages may read the answers (none by default: a
    read-only endpoint on a laptop should not be readable by every web page its user visits)."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "kgraph"
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt: str, *args: object) -> None:  # quiet: errors go to the client
            pass

        def _send(self, status: int, body: str | bytes, ctype: str = "text/plain; charset=utf-8",
                  extra: dict[str, str] | None = None) -> None:
            data = body.encode("utf-8") if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            if cors:
                self.send_header("Access-Control-Allow-Origin", cors)
                self.send_header("Access-Control-Expose-Headers", "X-Kgraph-Truncated")
                self.send_header("Vary", "Origin")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight from browser clients such as YASGUI
            preflight = {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                         "Access-Control-Allow-Headers": "Content-Type, Accept"} if cors else {}
            self._send(204, b"", extra={"Allow": "GET, POST, OPTIONS", **preflight})

        def do_GET(self) -> None:  # noqa: N802
            url = urlparse(self.path)
            if url.path in ("/", "/index.html"):
                link = '<a href="graph.html">The interactive graph.</a>' if page else ""
                return self._send(200, QUERY_PAGE.replace("__GRAPHLINK__", link), "text/html; charset=utf-8")
            if url.path == "/graph.html" and page:
                return self._send(200, page.read_bytes(), "text/html; charset=utf-8")
            if url.path != "/sparql":
                return self._send(404, "not found")
            self._dispatch(parse_qs(url.query))

        def do_POST(self) -> None:  # noqa: N802
            if urlparse(self.path).path != "/sparql":
                return self._refuse(404, "not found")
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                return self._refuse(400, "bad Content-Length")
            if length > pool.limits.body_bytes:
                return self._refuse(413, f"request body over {pool.limits.body_bytes} bytes")
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                return self._send(403, READ_ONLY)
            if ctype == "application/sparql-query":
                return self._answer(body)
            self._dispatch(parse_qs(body) | parse_qs(urlparse(self.path).query))

        def _refuse(self, status: int, message: str) -> None:
            self.close_connection = True  # the unread body would be taken for the next request
            self._send(status, message, extra={"Connection": "close"})

        def _dispatch(self, params: dict[str, list[str]]) -> None:
            if "update" in params:
                return self._send(403, READ_ONLY)
            if "query" not in params:
                return self._send(400, "give a query: /sparql?query=… or a POST body")
            self._answer(params["query"][0])

        def _answer(self, query: str) -> None:
            try:
                ans = pool.run(query, self.headers.get("Accept") or "")
            except Refused as e:
                return self._send(403, str(e))
            except NotAcceptable as e:
                return self._send(406, str(e))
            except QueryError as e:
                return self._send(400, str(e))
            except Busy as e:
                return self._send(503, str(e))
            except RuntimeError as e:
                return self._send(500, str(e))
            extra = {"X-Kgraph-Truncated": "true"} if ans.truncated else {}
            self._send(200, ans.body, ans.content_type, extra)

    return Handler


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server and its query pool; ``server_close()`` stops the workers too."""

    daemon_threads = True
    request_queue_size = 128  # socketserver's 5 drops connections when dozens of clients arrive at once

    def __init__(self, address: tuple[str, int], pool: QueryPool, page: Path | None = None,
                 cors: str | None = None):
        self.pool = pool
        super().__init__(address, make_handler(pool, page, cors))

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def serve(graph: str | os.PathLike | None = None, *, store: str | os.PathLike | None = None,
          host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None,
          page: Path | None = None, cors: str | None = None) -> SparqlServer:
    """A server ready to ``serve_forever()`` over a graph file or a store folder (port 0 picks a free one);
    ``cors``: the one web origin allowed to read its answers (none by default)."""
    return SparqlServer((host, port), QueryPool(graph, store, limits), page, cors)
