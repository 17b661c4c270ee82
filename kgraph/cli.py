"""The command line: kgraph build | export | query | serve | show | viz | validate | extract."""

from __future__ import annotations

import argparse
import errno
import sys
from dataclasses import dataclass
from pathlib import Path

from kgraph.fsutil import replace_together

KGR = "https://w3id.org/kgraph/id/"  # the default base IRI (kgraph.export.rdf.KGR; not imported: start-up time)
RDF_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")

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


def _extract_into(fold, args: argparse.Namespace, home_region: str | None, known, lap: _Laps):
    """Read and extract the inputs into ``fold``: what was read and the batch's exit status (EXIT_FAILED,
    after one line on stderr, if the engine failed or nothing was read)."""
    from kgraph.pipeline import extend

    try:
        with _engine(args, home_region, known) as engine:
            result = extend(fold, args.paths, engine, on_skip=_say_skipped, max_mb=args.max_file_mb)
    except (RuntimeError, OSError) as e:
        print(f"kgraph: {e}", file=sys.stderr)
        return None, EXIT_FAILED
    lap("extract")
    return result, _batch_status(result, len(fold), args)


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


@dataclass
class Outputs:
    """The flat files a build writes: graph.ttl, any --rdf-format, graph.html unless --no-html, graph.graphml."""

    rdf_formats: list[str]
    html: bool = True
    base: str = KGR

    @classmethod
    def of(cls, names: list[str], base: str) -> Outputs:
        """The outputs a kept build recorded (their file names)."""
        return cls([n.split(".", 1)[1] for n in names if n.split(".", 1)[1] in RDF_FORMATS], "graph.html" in names,
                   base)

    def names(self) -> list[str]:
        rdf = [f"graph.{fmt}" for fmt in dict.fromkeys(["ttl", *self.rdf_formats])]
        return [*rdf, *(["graph.html"] if self.html else []), "graph.graphml"]


def _write_outputs(kg, out: Path, outputs: Outputs, lap: _Laps) -> list[Path]:
    from kgraph.export import write_file

    written = []
    with replace_together():  # the files replace the previous build's together at the end, or not at all
        for name in outputs.names():
            write_file(kg, out / name, outputs.base)
            written.append(out / name)
            lap(name)
    return written


def _check_build(args: argparse.Namespace) -> str | None:
    if args.workers < 1:
        return "--workers must be 1 or more"
    if (args.engine == "dask") != bool(args.scheduler):
        return "--engine dask and --scheduler ADDRESS go together"
    if args.update and args.output is not None and Path(args.output) != Path(args.update):
        return "--update DIR writes its outputs into DIR: leave out -o"
    if args.update and args.store:
        return f"--update keeps its store in {args.update}: query it with --store {args.update}"
    return None


def _print_summary(s: dict) -> None:
    print(f"entities {s['entities']}: " + ", ".join(f"{k} {v}" for k, v in s["per_class"].items()))
    print(f"relations {s['relations']} ({_n(s['statements'], 'statement')}), figures {s['figures']}")


def _n(count: int, noun: str) -> str:
    """``count`` and ``noun``, singular or plural: 1 document, 2 documents."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _cmd_build(args: argparse.Namespace) -> int:
    import gc

    from kgraph.graph import KnowledgeGraph
    from kgraph.resolve import Resolution

    problem = _check_build(args)
    if problem:
        print(f"kgraph build: {problem}", file=sys.stderr)
        return EXIT_USAGE
    # A build is millions of small acyclic objects (tests/test_scale.py checks extraction makes no
    # cycles): reference counting frees them, and the cycle collector would only rescan them.
    gc.disable()
    if args.update:
        return _cmd_update(args)
    out = Path(args.output or "output")
    lap = _Laps()
    resolution = Resolution()
    result, status = _extract_into(resolution, args, args.home_region, frozenset(), lap)
    if status == EXIT_FAILED:
        return status
    kg = KnowledgeGraph.from_corpus(resolution.corpus(release=True))  # nothing kept: the fold goes as it is read
    lap("resolve")
    written = _write_outputs(kg, out, Outputs(args.rdf_format, not args.no_html, args.base or KGR), lap)
    if args.store:
        from kgraph.query.sparql import write_store

        write_store(out / "graph.ttl", args.store)
        written.append(Path(args.store))
        lap("store")
    s = kg.summary()
    print(f"read {_n(result.documents, 'document')}, {_n(s['articles'], 'article')} ({len(result.skipped)} skipped)")
    _print_summary(s)
    for p in written:
        print(f"wrote {p}")
    if args.timings:
        print(f"kgraph: took {lap}", file=sys.stderr)
    return status


def _say_skipped(item) -> None:
    print(f"kgraph: {item}", file=sys.stderr)


def _batch_status(result, articles: int, args: argparse.Namespace) -> int:
    """EXIT_FAILED (said why) if nothing may be written, else the status the build ends with."""
    if result.skipped and args.strict:
        print(f"kgraph: {_n(len(result.skipped), 'input')} skipped and --strict given: nothing written",
              file=sys.stderr)
        return EXIT_FAILED
    if not articles:
        print("kgraph: no articles found in the inputs: nothing written", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_SKIPPED if result.skipped else EXIT_OK


def _open_kept(out: Path, args: argparse.Namespace | None, hold):
    """The folder's state, locked and closed with ``hold`` (an ExitStack), checked against this kgraph and the
    options given (StateError or a usage message)."""
    from kgraph.incremental import code_fingerprint
    from kgraph.state import State, StateError, locked

    hold.enter_context(locked(out))
    state = State.open(out, create=args is not None)
    if state is None:
        raise StateError(f"{out}: not a kept build (make one with `kgraph build --update {out} ARTICLES…`)")
    hold.callback(state.close)
    meta = state.meta
    if meta.generation and meta.code != code_fingerprint():
        raise StateError(f"{out}: built by different extraction code or tables than this kgraph's; build into a "
                         f"new folder (or remove {out}/.kgraph) to rebuild from all the articles")
    if args is not None and meta.generation:
        if args.home_region is not None and args.home_region != meta.home_region:
            return state, (f"{out} was built with --home-region {meta.home_region or '(none)'}; "
                           f"an update cannot change it")
        if args.base is not None and args.base != meta.base:
            return state, f"{out} was built with --base {meta.base}; an update cannot change it"
    return state, None


def _cmd_update(args: argparse.Namespace) -> int:
    import contextlib

    from kgraph.incremental import KnownArticles, Update, bring_up_to_date
    from kgraph.resolve import Resolution
    from kgraph.state import StateError

    out = Path(args.update)
    lap = _Laps()
    with contextlib.ExitStack() as hold:
        try:
            state, problem = _open_kept(out, args, hold)
            if problem:
                print(f"kgraph: {problem}", file=sys.stderr)
                return EXIT_USAGE
            first = not state.meta.generation
            # what an update killed after its commit left to do
            caught_up = [] if first else bring_up_to_date(out, state)
        except StateError as e:
            print(f"kgraph: {e}", file=sys.stderr)
            return EXIT_FAILED
        home = args.home_region if first else state.meta.home_region
        fold = Resolution() if first else Update(state)
        lap("load state")
        result, status = _extract_into(fold, args, home, frozenset() if first else KnownArticles(state.path), lap)
        if status == EXIT_FAILED:
            return status
        batch = {"paths": [str(p) for p in args.paths], "documents": result.documents, "added": result.added}
        written: list[Path] = []
        if first:
            meta = _first_build(fold, state, out, args, home, batch, written, lap)
        elif not result.added:
            print(f"read {_n(result.documents, 'document')}: nothing new, {out} holds all their articles "
                  f"({_n(len(fold), 'article')}); nothing written" + (" but what a stopped update left to do"
                                                                 if caught_up else ""))
            return status
        else:
            if args.rdf_format or args.no_html:
                _remember_outputs(state, args)
            meta = fold.commit(batch)
            lap("commit")
            written = bring_up_to_date(out, state, lap)
            meta = state.meta
    print(f"read {_n(result.documents, 'document')}: {_n(result.added, 'new article')}, "
          f"{meta.summary['articles']} in the build ({len(result.skipped)} skipped)")
    _print_summary(meta.summary)
    print(f"updated the store {out}/.kgraph (generation {meta.generation}, {meta.triples} triples): "
          f"kgraph query --store {out}")
    for p in written:
        print(f"wrote {p}")
    if args.timings:
        print(f"kgraph: took {lap}", file=sys.stderr)
    return status


def _first_build(resolution, state, out: Path, args: argparse.Namespace, home: str | None, batch: dict,
                 written: list[Path], lap: _Laps):
    """The build that starts a kept folder: the whole fold written at once, the outputs, the store."""
    from dataclasses import replace

    from kgraph.graph import KnowledgeGraph
    from kgraph.incremental import code_fingerprint, graph_fingerprint, write_live_store
    from kgraph.kept_outputs import stamps
    from kgraph.store import LiveStore

    corpus = resolution.corpus()
    outputs = Outputs(args.rdf_format, not args.no_html, args.base or KGR)
    with state.transaction():
        state.write_resolution(resolution, set(corpus.statements), set(corpus.figures))
        del resolution
        kg = KnowledgeGraph.from_corpus(corpus)
        del corpus
        lap("resolve")
        written += _write_outputs(kg, out, outputs, lap)
        state.set_degrees(kg.nx.degree())  # the page of a later update shows the most connected
        triples = write_live_store(out, kg, outputs.base)
        lap("store")
        meta = replace(state.meta, generation=1, code=code_fingerprint(), graph_code=graph_fingerprint(),
                       home_region=home, base=outputs.base, exported=1, outputs=outputs.names(),
                       files=stamps(out, outputs.names()),
                       summary=kg.summary(), triples=triples)
        state.add_batch(1, batch)
        state.write_meta(meta)
    LiveStore(out).publish(1)
    lap("save state")
    return meta


def _remember_outputs(state, args: argparse.Namespace) -> None:
    """--rdf-format and --no-html on an update: the flat files the build writes from now on."""
    from dataclasses import replace

    meta = state.meta
    outputs = Outputs.of(meta.outputs, meta.base)
    outputs.rdf_formats += [f for f in args.rdf_format if f not in outputs.rdf_formats]
    outputs.html = outputs.html and not args.no_html
    with state.transaction():
        state.write_meta(replace(meta, outputs=outputs.names()))


def _export(out: Path, state, lap: _Laps) -> list[Path]:
    """The flat files of a kept build, written from its state (the same bytes one build of all its articles writes)."""
    from dataclasses import replace

    from kgraph.incremental import graph_of_state
    from kgraph.kept_outputs import stamps

    kg = graph_of_state(state)
    lap("resolve")
    written = _write_outputs(kg, out, Outputs.of(state.meta.outputs, state.meta.base), lap)
    with state.transaction():
        state.write_meta(replace(state.meta, exported=state.meta.generation,
                                 files=stamps(out, state.meta.outputs)))
    return written


def _cmd_export(args: argparse.Namespace) -> int:
    import contextlib
    import gc

    from kgraph.incremental import bring_up_to_date
    from kgraph.state import StateError

    gc.disable()
    out = Path(args.folder)
    lap = _Laps()
    with contextlib.ExitStack() as hold:
        try:
            state, _ = _open_kept(out, None, hold)
            if not state.meta.generation:
                raise StateError(f"{out}: the build has no articles yet")
        except StateError as e:
            print(f"kgraph: {e}", file=sys.stderr)
            return EXIT_FAILED
        bring_up_to_date(out, state)
        lap("store")
        if args.rdf_format or args.no_html:
            _remember_outputs(state, args)
        written = _export(out, state, lap)
    for p in written:
        print(f"wrote {p}")
    if args.timings:
        print(f"kgraph: took {lap}", file=sys.stderr)
    return EXIT_OK


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
    from kgraph.query.sparql import QueryError

    try:
        print(show_entity(_open_store(args), args.name))
    except QueryError as e:
        print(f"kgraph: {e}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _classes(text: str) -> frozenset[str]:
    """The classes a --classes option names; ValueError naming the unknown ones and listing the known."""
    from kgraph.model import ENTITY_CLASSES

    classes = frozenset(c.strip() for c in text.split(",") if c.strip())
    unknown = sorted(classes - set(ENTITY_CLASSES))
    if unknown or not classes:
        known = {c.lower(): c for c in ENTITY_CLASSES}
        meant = [known[u.lower()] for u in unknown if u.lower() in known]
        raise ValueError(f"--classes: no such class: {', '.join(unknown) or '(none given)'}"
                         + (f" (did you mean {', '.join(meant)}?)" if meant else "")
                         + f"; the classes are {', '.join(sorted(ENTITY_CLASSES))}")
    return classes


def _cmd_extract(args: argparse.Namespace) -> int:
    from kgraph.extract.jsonl import extract_jsonl

    try:
        classes = _classes(args.classes) if args.classes else None
        n = extract_jsonl(args.jsonl, args.output, home_region=args.home_region, classes=classes)
    except (OSError, ValueError) as e:
        print(f"kgraph: {e}", file=sys.stderr)
        return EXIT_USAGE
    into = "standard output" if args.output == "-" else args.output
    print(f"extracted entities from {n} records into {into}", file=sys.stderr)
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
    print(f"{args.graph}: {'conforms' if not problems else _n(len(problems), 'violation')}", file=sys.stderr)
    return EXIT_OK if not problems else EXIT_FAILED


def _open_store(args: argparse.Namespace):
    from kgraph.query.sparql import load_store, open_store

    return open_store(_store_folder(args.store)) if getattr(args, "store", None) else load_store(args.graph)


def _store_folder(folder: str) -> str:
    """The folder to open for ``--store``: a store folder as it is, for a kept build its latest snapshot
    (held for reading by this process; a lagging one is said on stderr)."""
    from kgraph.query.sparql import QueryError
    from kgraph.state import State, StateError
    from kgraph.store import StoreError, is_build_folder, open_snapshot

    if not is_build_folder(folder):
        return folder
    try:
        path, generation = open_snapshot(folder)
        state = State.open(folder, read_only=True)
        committed = state.meta.generation if state else generation
    except (StoreError, StateError) as e:
        raise QueryError(str(e)) from None
    if committed != generation:
        print(f"kgraph: {folder}: the store shows generation {generation}; generation {committed} is committed "
              f"but not yet in the store (its update was stopped): the next `kgraph build --update {folder} …` "
              f"or `kgraph export {folder}` puts it in", file=sys.stderr)
    return str(path)


def _cmd_serve(args: argparse.Namespace) -> int:
    from kgraph.query.server import Limits, serve
    from kgraph.query.sparql import QueryError

    page = Path(args.store or Path(args.graph).parent) / "graph.html"
    limits = Limits(seconds=args.timeout, rows=args.max_rows, workers=args.workers)
    try:
        store = _store_folder(args.store) if args.store else None  # one snapshot for every worker, all along
        server = serve(None if args.store else args.graph, store=store, host=args.host, port=args.port,
                       limits=limits, page=page if page.exists() else None, cors=args.cors)
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
    from kgraph.query.load import graph_from_store
    from kgraph.query.sparql import QueryError

    try:
        classes = set(_classes(args.classes)) if args.classes else None  # before the graph loads
        kg = graph_from_store(_open_store(args))
    except (QueryError, ValueError) as e:
        print(f"kgraph: {e}", file=sys.stderr)
        return EXIT_USAGE
    focus = None
    if args.focus:
        focus = kg.find(args.focus)
        if not focus:
            print(f"kgraph: no entity named {args.focus!r} in {args.store or args.graph}", file=sys.stderr)
            return EXIT_USAGE
    classes = set(args.classes.split(",")) if args.classes else None
    if args.map:
        from kgraph.export.html import map_part

        part = map_part(kg, focus) if focus else kg
        if classes:
            part = part.subgraph(None, 0, classes)
        if not any(d.get("point") for _, d in part.nx.nodes(data=True)):
            print("kgraph: no region with coordinates to put on a map", file=sys.stderr)
            return EXIT_USAGE
        HtmlExporter(max_nodes=args.max_nodes, view="map", map_only=True).write(part, args.output)
        print(f"wrote {args.output} (map of {len(part)} of {len(kg)} entities)")
        return EXIT_OK
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


STORE_HELP = ("instead of a file, a store folder written by `kgraph build --store`, or a build kept with "
              "`kgraph build --update DIR` (its latest update)")


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
                   help="add the articles to the build kept in DIR (started if DIR has none): its state "
                        "(DIR/.kgraph), its SPARQL store (`kgraph query --store DIR`) and its graph files change "
                        "where the new articles touch them, and end as one build of all the articles would "
                        "write them; articles already in it are not extracted again. An update that fails or "
                        "is killed leaves the previous build whole (the next update finishes one killed after "
                        "its commit)")
    b.add_argument("--home-region", help="the publisher's region (我省/我市 resolve to it), e.g. 江西省")
    b.add_argument("--rdf-format", action="append", default=[], choices=["nt", "nq", "trig", "jsonld"],
                   help="also write graph.<fmt> (repeatable; with --update, remembered for later exports)")
    b.add_argument("--base", type=_base_iri, help=f"base IRI for minted resources (default {KGR})")
    b.add_argument("--no-html", action="store_true", help="do not write graph.html")
    b.add_argument("--store", help="also load the graph into a persistent store folder, for large graphs "
                                   "(query and serve it with --store); a build kept with --update has one")
    b.add_argument("--strict", action="store_true",
                   help="treat any skipped input as fatal: exit 1 and write nothing")
    b.add_argument("--max-file-mb", type=_positive_float, default=DEFAULT_MAX_MB, metavar="MB",
                   help=f"skip a file (or a JSONL record) larger than this (default {DEFAULT_MAX_MB:g})")
    b.add_argument("--timings", action="store_true", help="say on stderr how long each stage took")
    b.set_defaults(func=_cmd_build)

    o = sub.add_parser("export", help="rewrite a kept build's graph files whole from its state",
                       description="Write graph.ttl, graph.html, graph.graphml (and the --rdf-format files the "
                                   "build writes) of a build kept with `kgraph build --update DIR`, whole, from "
                                   "its state: the same bytes one build of all its articles writes. Updates keep "
                                   "the files current themselves; this is to write a file that was lost or "
                                   "changed by hand, or a new --rdf-format. Takes time proportional to the "
                                   "whole graph.")
    o.add_argument("folder", metavar="DIR", help="a folder made by `kgraph build --update DIR`")
    o.add_argument("--rdf-format", action="append", default=[], choices=["nt", "nq", "trig", "jsonld"],
                   help="also write graph.<fmt> (repeatable; remembered for later exports)")
    o.add_argument("--no-html", action="store_true",
                   help="no longer write graph.html (from now on; a graph.html already there is left as it is)")
    o.add_argument("--timings", action="store_true", help="say on stderr how long each stage took")
    o.set_defaults(func=_cmd_export)

    x = sub.add_parser("extract", help="entity mentions of JSONL texts, for scoring against NER benchmarks",
                       description='Read {"id","text"} lines and write {"id","entities":[{"start","end","type",'
                                   '"text"}]} lines: character offsets into "text", types named as the contract\'s '
                                   'classes (County, Enterprise, Person …); only the outermost names, as NER sets '
                                   'annotate them (贵溪 inside 贵溪经开区 is left out).')
    x.add_argument("--jsonl", required=True, help="input JSONL file (- for standard input)")
    x.add_argument("-o", "--output", required=True, help="output JSONL file (- for standard output)")
    x.add_argument("--home-region", help="the publisher's region, e.g. 江西省")
    x.add_argument("--classes", metavar="C1,C2", help="only mentions of these classes, the outermost among them "
                   "(e.g. Person,Enterprise: the names inside an event's name count then)")
    x.set_defaults(func=_cmd_extract)

    q = sub.add_parser("query", help="run SPARQL over an exported graph",
                       description="Run a SPARQL query over an exported graph. The contract's prefixes "
                                   "(kg:, kgr:, rdfs:, skos:, prov:, dcterms: …) are predeclared.")
    q.add_argument("query", nargs="?", help="the query text (or use --file)")
    q.add_argument("--file", "-f", help="read the query from this file")
    q.add_argument("--graph", "-g", default="output/graph.ttl", help="graph file (default: output/graph.ttl)")
    q.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    q.add_argument("--limit", type=int, help="print at most this many rows")
    q.add_argument("--store", help=STORE_HELP)
    q.set_defaults(func=_cmd_query)

    e = sub.add_parser("serve", help="a read-only SPARQL 1.1 endpoint (and query page) over a graph",
                       description="Serve SPARQL 1.1 Protocol at /sparql (GET, POST; JSON, XML, CSV, TSV results; "
                                   "Turtle or N-Triples for CONSTRUCT/DESCRIBE) and a query page at /. Read-only: "
                                   "updates, LOAD and SERVICE get 403. Bound to 127.0.0.1 unless --host says so.")
    e.add_argument("graph", nargs="?", default="output/graph.ttl", help="graph file (default: output/graph.ttl)")
    e.add_argument("--store", help=STORE_HELP)
    e.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    e.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    e.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")
    e.add_argument("--max-rows", type=int, default=10_000, help="result cap per query (default 10000)")
    e.add_argument("--workers", type=int, default=2, help="queries run at once, one process each (default 2)")
    e.add_argument("--cors", metavar="ORIGIN",
                   help="let web pages from ORIGIN (e.g. https://yasgui.triply.cc) read the answers; by default no "
                        "other site's page can (a page you visit could otherwise read your graph)")
    e.set_defaults(func=_cmd_serve)

    v = sub.add_parser("validate", help="check a graph against the contract's SHACL shapes",
                       description="Validate an exported graph (Turtle) with pyshacl against schema/shapes.ttl. "
                                   "Prints one line per violation; exit 0 when it conforms, 1 when not.")
    v.add_argument("graph", nargs="?", default="output/graph.ttl", help="graph file (default: output/graph.ttl)")
    v.add_argument("--shapes", help="another shapes file")
    v.set_defaults(func=_cmd_validate)

    z = sub.add_parser("viz", help="write the interactive page for a graph, or the part of it you ask for",
                       description="Write a self-contained HTML page of an exported graph: all of it, or the "
                                   "entities within --hops of --focus, of the --classes given. With --map, the map "
                                   "view alone: the regions under --focus (all, without it) at their coordinates over "
                                   "province and city outlines, each marked by what lies there.")
    z.add_argument("--graph", "-g", default="output/graph.ttl", help="graph file (default: output/graph.ttl)")
    z.add_argument("--store", help=STORE_HELP)
    z.add_argument("--focus", help="a name or alias: show what lies around it (with --map: the region to map)")
    z.add_argument("--map", action="store_true",
                   help="write the map view alone: regions at their coordinates, marked by the enterprises, "
                        "projects and 总投资 that lie there (e.g. --map --focus 赣州市)")
    z.add_argument("--hops", type=int, default=2, help="steps out from --focus (default 2)")
    z.add_argument("--classes", help="only these classes, comma separated (e.g. County,Enterprise)")
    z.add_argument("--max-nodes", type=int, default=5000,
                   help="above this, show the most connected part and say what was left out (default 5000)")
    z.add_argument("-o", "--output", default="output/part.html", help="page to write (default: output/part.html)")
    z.set_defaults(func=_cmd_viz)

    s = sub.add_parser("show", help="one entity: type, aliases, relations, figures, evidence (a project: investors, "
                                         "place, amounts, dated stages; an event: its date)")
    s.add_argument("name", help="a name or alias, e.g. 贵溪市")
    s.add_argument("--graph", "-g", default="output/graph.ttl", help="graph file (default: output/graph.ttl)")
    s.add_argument("--store", help=STORE_HELP)
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
