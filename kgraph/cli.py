"""The command line: kgraph build | query | show."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from kgraph.fsutil import replace_together

# Exit codes: 0 all read; 1 failed (or --strict and something was skipped); 2 bad usage or query;
# 3 built, but some inputs were skipped (each named on stderr).
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


def _engine(args: argparse.Namespace, home_region: str | None, known):
    """Where extraction runs: this process, --workers processes, or a dask cluster."""
    from kgraph.parallel import DaskEngine, ProcessEngine, SerialEngine

    if args.engine == "dask":
        return DaskEngine(args.scheduler, home_region, known)
    if args.workers > 1:
        return ProcessEngine(args.workers, home_region, known)
    return SerialEngine(home_region, known)


class _Laps:
    """How long each stage of a build took (printed with --timings)."""

    def __init__(self) -> None:
        import time

        self._now = time.perf_counter
        self._last = self._now()
        self.laps: list[tuple[str, float]] = []

    def __call__(self, name: str) -> None:
        now = self._now()
        self.laps.append((name, now - self._last))
        self._last = now

    def __str__(self) -> str:
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.laps)


def _write_outputs(kg, out: Path, args: argparse.Namespace, lap: _Laps) -> list[Path]:
    from kgraph.export.graphml import GraphmlExporter
    from kgraph.export.html import HtmlExporter
    from kgraph.export.rdf import RdfExporter

    written = []
    with replace_together():  # the files replace the previous build's together at the end, or not at all
        for fmt in dict.fromkeys(["ttl", *args.rdf_format]):
            path = out / f"graph.{fmt}"
            RdfExporter(base=args.base).write(kg, path, fmt)
            written.append(path)
            lap(path.name)
        if not args.no_html:
            path = out / "graph.html"
            HtmlExporter().write(kg, path)
            written.append(path)
            lap(path.name)
        path = out / "graph.graphml"
        GraphmlExporter().write(kg, path)
        written.append(path)
        lap(path.name)
    if args.store:
        from kgraph.query.sparql import write_store

        write_store(out / "graph.ttl", args.store)
        written.append(Path(args.store))
        lap("store")
    return written


def _cmd_build(args: argparse.Namespace) -> int:
    import contextlib
    import gc

    from kgraph.graph import KnowledgeGraph
    from kgraph.incremental import BuildState, StateError, load_state, locked, save_state
    from kgraph.pipeline import extend

    if args.workers < 1:
        print("kgraph build: --workers must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    if (args.engine == "dask") != bool(args.scheduler):
        print("kgraph build: --engine dask and --scheduler ADDRESS go together", file=sys.stderr)
        return EXIT_USAGE
    if args.update and args.output is not None and Path(args.output) != Path(args.update):
        print("kgraph build: --update DIR writes its outputs into DIR: leave out -o", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.update or args.output or "output")
    lap = _Laps()
    # A build is millions of small acyclic objects (tests/test_scale.py checks extraction makes no
    # cycles): reference counting frees them, and the cycle collector would only rescan them.
    gc.disable()
    with contextlib.ExitStack() as hold:
        state, home = BuildState(), args.home_region
        if args.update:
            try:
                hold.enter_context(locked(out))
                state = load_state(out)
            except StateError as e:
                print(f"kgraph: {e}", file=sys.stderr)
                return EXIT_FAILED
            if state.generation and home is not None and home != state.home_region:
                print(f"kgraph: {out} was built with --home-region {state.home_region or '(none)'}; "
                      f"an update cannot change it", file=sys.stderr)
                return EXIT_USAGE
            home = state.home_region = state.home_region if state.generation else home
            lap("load state")
        resolution = state.resolution
        try:
            with _engine(args, home, resolution.articles.keys()) as engine:
                result = extend(resolution, args.paths, engine,
                                on_skip=lambda s: print(f"kgraph: {s}", file=sys.stderr), max_mb=args.max_file_mb)
        except (RuntimeError, OSError) as e:
            print(f"kgraph: {e}", file=sys.stderr)
            return EXIT_FAILED
        lap("extract")
        if result.skipped and args.strict:
            print(f"kgraph: {len(result.skipped)} inputs skipped and --strict given: nothing written",
                  file=sys.stderr)
            return EXIT_FAILED
        if not len(resolution):
            print("kgraph: no articles found in the inputs: nothing written", file=sys.stderr)
            return EXIT_FAILED
        status = EXIT_SKIPPED if result.skipped else EXIT_OK
        if args.update and state.generation and not result.added and (out / "graph.ttl").exists():
            print(f"read {result.documents} documents: nothing new, {out} holds all their articles "
                  f"({len(resolution)} articles); nothing written")
            return status
        # a build that keeps no state lets the fold go as the corpus is made
        corpus = resolution.corpus(release=not args.update)
        kg = KnowledgeGraph.from_corpus(corpus)
        del corpus
        lap("resolve")
        written = _write_outputs(kg, out, args, lap)
        if args.update:  # the commit, after the outputs: a failed update leaves the kept state as it was
            save_state(out, state, {"paths": [str(p) for p in args.paths], "documents": result.documents,
                                    "added": result.added})
            lap("save state")
    s = kg.summary()
    if args.update:
        print(f"read {result.documents} documents: {result.added} new articles, {s['articles']} in the build "
              f"({len(result.skipped)} skipped)")
    else:
        print(f"read {result.documents} documents, {s['articles']} articles ({len(result.skipped)} skipped)")
    print(f"entities {s['entities']}: " + ", ".join(f"{k} {v}" for k, v in s["per_class"].items()))
    print(f"relations {s['relations']} ({s['statements']} statements), figures {s['figures']}")
    for p in written:
        print(f"wrote {p}")
    if args.timings:
        print(f"kgraph: took {lap}", file=sys.stderr)
    return status


def _read_query(args: argparse.Namespace) -> str:
    if args.file:
        return Path(args.file).read_text(encoding="utf-8")
    if args.query is None:
        raise SystemExit("kgraph query: give a query or --file FILE")
    return args.query


def _cmd_query(args: argparse.Namespace) -> int:
    from kgraph.query.sparql import QueryError, format_results, run_query

    try:
        store = _open_store(args)
        res = run_query(store, _read_query(args), limit=args.limit)
    except QueryError as e:
        print(f"kgraph: {e}", file=sys.stderr)
        return EXIT_USAGE
    print(format_results(res, args.format))
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    from kgraph.query.show import show_entity
    from kgraph.query.sparql import QueryError, load_store

    try:
        print(show_entity(load_store(args.graph), args.name))
    except QueryError as e:
        print(f"kgraph: {e}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _cmd_extract(args: argparse.Namespace) -> int:
    from kgraph.extract.jsonl import extract_jsonl

    try:
        n = extract_jsonl(args.jsonl, args.output, home_region=args.home_region)
    except (OSError, ValueError) as e:
        print(f"kgraph: {e}", file=sys.stderr)
        return EXIT_USAGE
    print(f"extracted entities from {n} records into {args.output}", file=sys.stderr)
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from kgraph.query.sparql import QueryError
    from kgraph.query.validate import validate

    try:
        problems = validate(args.graph, args.shapes)
    except QueryError as e:
        print(f"kgraph: {e}", file=sys.stderr)
        return EXIT_USAGE
    for line in problems:
        print(line)
    print(f"{args.graph}: {'conforms' if not problems else f'{len(problems)} violations'}", file=sys.stderr)
    return EXIT_OK if not problems else EXIT_FAILED


def _open_store(args: argparse.Namespace):
    from kgraph.query.sparql import load_store, open_store

    return open_store(args.store) if getattr(args, "store", None) else load_store(args.graph)


def _cmd_serve(args: argparse.Namespace) -> int:
    from kgraph.query.server import Limits, serve
    from kgraph.query.sparql import QueryError

    page = Path(args.store or Path(args.graph).parent) / "graph.html"
    limits = Limits(seconds=args.timeout, rows=args.max_rows, workers=args.workers)
    try:
        server = serve(None if args.store else args.graph, store=args.store, host=args.host, port=args.port,
                       limits=limits, page=page if page.exists() else None)
    except QueryError as e:
        print(f"kgraph: {e}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as e:
        print(f"kgraph: cannot listen on {args.host}:{args.port}: {e.strerror or e}", file=sys.stderr)
        return EXIT_FAILED
    print(f"kgraph: serving {args.store or args.graph} read-only at {server.url}/sparql "
          f"(query page {server.url}/); Ctrl-C stops", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK


def _cmd_viz(args: argparse.Namespace) -> int:
    from kgraph.export.html import HtmlExporter
    from kgraph.query.load import graph_from_rdf
    from kgraph.query.sparql import QueryError

    try:
        kg = graph_from_rdf(args.graph)
    except QueryError as e:
        print(f"kgraph: {e}", file=sys.stderr)
        return EXIT_USAGE
    focus = None
    if args.focus:
        focus = kg.find(args.focus)
        if not focus:
            print(f"kgraph: no entity named {args.focus!r} in {args.graph}", file=sys.stderr)
            return EXIT_USAGE
    classes = set(args.classes.split(",")) if args.classes else None
    part = kg.subgraph(focus, args.hops, classes) if focus or classes else kg
    HtmlExporter(max_nodes=args.max_nodes).write(part, args.output)
    print(f"wrote {args.output} ({len(part)} of {len(kg)} entities)")
    return EXIT_OK


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return value


def _base_iri(text: str) -> str:
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(text + "x")
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not an absolute IRI: {text!r} ({e})") from None
    return text


def make_parser() -> argparse.ArgumentParser:
    from kgraph import __version__
    from kgraph.ingest.read import DEFAULT_MAX_MB

    p = argparse.ArgumentParser(prog="kgraph", description="Chinese regional news → a knowledge graph.")
    p.add_argument("--version", action="version", version=f"kgraph {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the graph from articles (files or folders)",
                       description="Read articles (.txt .md .html .jsonl, folders recursively), extract "
                                   "entities, relations and figures, and write graph.ttl, graph.html and "
                                   "graph.graphml. The output is the same, byte for byte, for any --workers "
                                   "and --engine, and after any sequence of --update runs it is the same as "
                                   "one build of all the articles. "
                                   "An input that cannot be read is named on stderr and skipped. Exit status: "
                                   "0 all read, 3 built but some inputs skipped, 1 failed (or --strict and "
                                   "something skipped), 2 bad usage.")
    b.add_argument("paths", nargs="+", help="files or folders of articles")
    b.add_argument("-o", "--output", help="output folder (default: output)")
    b.add_argument("--workers", type=int, default=1, metavar="N",
                   help="extract in N processes (default 1: in this one)")
    b.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local (this machine, --workers processes) or dask (the workers of a dask.distributed "
                        "cluster; needs kgraph[dask])")
    b.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786")
    b.add_argument("--update", metavar="DIR",
                   help="add the articles to the build kept in DIR (started if DIR has none) and rewrite DIR's "
                        "outputs; articles already in it are not extracted again. The build's state is kept in "
                        "DIR/.kgraph; an update that fails or is killed leaves it as it was")
    b.add_argument("--home-region", help="the publisher's region (我省/我市 resolve to it), e.g. 江西省")
    b.add_argument("--rdf-format", action="append", default=[], choices=["nt", "nq", "trig", "jsonld"],
                   help="also write graph.<fmt> (repeatable)")
    b.add_argument("--base", default="https://w3id.org/kgraph/id/", type=_base_iri,
                   help="base IRI for minted resources")
    b.add_argument("--no-html", action="store_true", help="do not write graph.html")
    b.add_argument("--store", help="also load the graph into a persistent store folder, for large graphs "
                                   "(query and serve it with --store)")
    b.add_argument("--strict", action="store_true",
                   help="treat any skipped input as fatal: exit 1 and write nothing")
    b.add_argument("--max-file-mb", type=_positive_float, default=DEFAULT_MAX_MB, metavar="MB",
                   help=f"skip a file (or a JSONL record) larger than this (default {DEFAULT_MAX_MB:g})")
    b.add_argument("--timings", action="store_true", help="say on stderr how long each stage took")
    b.set_defaults(func=_cmd_build)

    x = sub.add_parser("extract", help="entity mentions of JSONL texts, for scoring against NER benchmarks",
                       description='Read {"id","text"} lines and write {"id","entities":[{"start","end","type",'
                                   '"text"}]} lines: character offsets into "text", types named as the contract\'s '
                                   'classes (County, Enterprise, Person …); only the outermost names, as NER sets '
                                   'annotate them (贵溪 inside 贵溪经开区 is left out).')
    x.add_argument("--jsonl", required=True, help="input JSONL file")
    x.add_argument("-o", "--output", required=True, help="output JSONL file")
    x.add_argument("--home-region", help="the publisher's region, e.g. 江西省")
    x.set_defaults(func=_cmd_extract)

    q = sub.add_parser("query", help="run SPARQL over an exported graph",
                       description="Run a SPARQL query over an exported graph. The contract's prefixes "
                                   "(kg:, kgr:, rdfs:, skos:, prov:, dcterms: …) are predeclared.")
    q.add_argument("query", nargs="?", help="the query text (or use --file)")
    q.add_argument("--file", "-f", help="read the query from this file")
    q.add_argument("--graph", "-g", default="output/graph.ttl", help="graph file (default: output/graph.ttl)")
    q.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    q.add_argument("--limit", type=int, help="print at most this many rows")
    q.add_argument("--store", help="query a store folder written by `kgraph build --store` instead of a file")
    q.set_defaults(func=_cmd_query)

    e = sub.add_parser("serve", help="a read-only SPARQL 1.1 endpoint (and query page) over a graph",
                       description="Serve SPARQL 1.1 Protocol at /sparql (GET, POST; JSON, XML, CSV, TSV results; "
                                   "Turtle or N-Triples for CONSTRUCT/DESCRIBE) and a query page at /. Read-only: "
                                   "updates, LOAD and SERVICE get 403. Bound to 127.0.0.1 unless --host says so.")
    e.add_argument("graph", nargs="?", default="output/graph.ttl", help="graph file (default: output/graph.ttl)")
    e.add_argument("--store", help="serve a store folder written by `kgraph build --store` instead")
    e.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    e.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    e.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")
    e.add_argument("--max-rows", type=int, default=10_000, help="result cap per query (default 10000)")
    e.add_argument("--workers", type=int, default=2, help="queries run at once, one process each (default 2)")
    e.set_defaults(func=_cmd_serve)

    v = sub.add_parser("validate", help="check a graph against the contract's SHACL shapes",
                       description="Validate an exported graph (Turtle) with pyshacl against schema/shapes.ttl. "
                                   "Prints one line per violation; exit 0 when it conforms, 1 when not.")
    v.add_argument("graph", nargs="?", default="output/graph.ttl", help="graph file (default: output/graph.ttl)")
    v.add_argument("--shapes", help="another shapes file")
    v.set_defaults(func=_cmd_validate)

    z = sub.add_parser("viz", help="write the interactive page for a graph, or the part of it you ask for",
                       description="Write a self-contained HTML page of an exported graph: all of it, or the "
                                   "entities within --hops of --focus, of the --classes given.")
    z.add_argument("--graph", "-g", default="output/graph.ttl", help="graph file (default: output/graph.ttl)")
    z.add_argument("--focus", help="a name or alias: show what lies around it")
    z.add_argument("--hops", type=int, default=2, help="steps out from --focus (default 2)")
    z.add_argument("--classes", help="only these classes, comma separated (e.g. County,Enterprise)")
    z.add_argument("--max-nodes", type=int, default=5000,
                   help="above this, show the most connected part and say what was left out (default 5000)")
    z.add_argument("-o", "--output", default="output/part.html", help="page to write (default: output/part.html)")
    z.set_defaults(func=_cmd_viz)

    s = sub.add_parser("show", help="one entity: type, aliases, relations, figures, evidence")
    s.add_argument("name", help="a name or alias, e.g. 贵溪市")
    s.add_argument("--graph", "-g", default="output/graph.ttl", help="graph file (default: output/graph.ttl)")
    s.set_defaults(func=_cmd_show)
    return p


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except OSError as e:  # an output folder that cannot be written, a full disk: one line, not a traceback
        from kgraph.ingest.read import display_path

        where = f"{display_path(e.filename)}: " if e.filename else ""
        why = "a file is there, not a folder" if e.errno in (errno.EEXIST, errno.ENOTDIR) else e.strerror or e
        print(f"kgraph: {where}{why}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
