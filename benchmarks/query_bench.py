"""Query benchmark: the example queries of schema/queries/ on pyoxigraph and on rdflib, same graph, same run.

    .venv/bin/python benchmarks/query_bench.py --graph BIG.ttl [--rounds 3] [--rdflib-timeout 60]

Reports the load time and memory of each engine, then each query's median time (pyoxigraph, the
embedded store `kgraph query` and `kgraph serve` use) against rdflib's (one run: it is slow), and
whether both give the same number of rows. rdflib runs in a child process; a query over
--rdflib-timeout seconds is stopped there and reported as such (the child is restarted for the
next one). Make a graph of a million triples or more with benchmarks/make_corpus.py and
`kgraph build` (see docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kgraph.query.sparql import PROLOGUE, load_store, run_query  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rdflib_child(graph: str, conn) -> None:
    """Load the graph into rdflib once, then answer query texts with (rows, seconds)."""
    import rdflib

    t = time.perf_counter()
    g = rdflib.Graph()
    g.parse(graph)
    conn.send((len(g), time.perf_counter() - t, peak_rss_mb()))
    while True:
        try:
            q = conn.recv()
        except EOFError:
            return
        t = time.perf_counter()
        n = len(list(g.query(PROLOGUE + q)))
        conn.send((n, time.perf_counter() - t))


class RdflibRunner:
    def __init__(self, graph: Path, timeout: float):
        self.graph, self.timeout = str(graph), timeout
        self.load_info = self._start()

    def _start(self):
        self.conn, child = mp.Pipe()
        self.proc = mp.get_context("fork").Process(target=rdflib_child, args=(self.graph, child), daemon=True)
        self.proc.start()
        return self.conn.recv()

    def run(self, query: str) -> tuple[int | None, float | None]:
        self.conn.send(query)
        if self.conn.poll(self.timeout):
            return self.conn.recv()
        self.proc.kill()
        self.proc.join()
        self._start()
        return None, None

    def close(self) -> None:
        self.proc.kill()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=3, help="pyoxigraph runs per query (median)")
    ap.add_argument("--rdflib-timeout", type=float, default=60.0)
    ap.add_argument("--no-rdflib", action="store_true")
    args = ap.parse_args()

    queries = sorted((ROOT / "schema" / "queries").glob("*.rq"))
    rdf = None if args.no_rdflib else RdflibRunner(args.graph, args.rdflib_timeout)
    t = time.perf_counter()
    store = load_store(args.graph)
    ox_load = time.perf_counter() - t
    triples = len(store)
    print(f"graph {args.graph.name}: {triples:,} triples ({args.graph.stat().st_size / 1e6:.0f} MB)")
    print(f"load: pyoxigraph {ox_load:.1f} s (peak RSS {peak_rss_mb():,.0f} MB)", end="")
    if rdf:
        n, secs, rss = rdf.load_info
        print(f"; rdflib {secs:.1f} s (peak RSS {rss:,.0f} MB, {n:,} triples)")
    else:
        print()
    print()
    print("| query | rows | pyoxigraph (ms) | rdflib (ms) | rdflib / pyoxigraph |")
    print("|---|---|---|---|---|")
    for path in queries:
        q = path.read_text(encoding="utf-8")
        times = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            rows = len(run_query(store, q).rows)
            times.append(time.perf_counter() - t)
        ox_ms = statistics.median(times) * 1000
        cells = [path.stem, f"{rows:,}", f"{ox_ms:,.1f}"]
        if rdf:
            n, secs = rdf.run(q)
            if secs is None:
                cap_ms = args.rdflib_timeout * 1000
                cells += [f"> {cap_ms:,.0f} (stopped)", f"> {cap_ms / ox_ms:,.0f}×"]
            else:
                same = "" if n == rows else f" ({n:,} rows!)"
                cells += [f"{secs * 1000:,.0f}{same}", f"{secs * 1000 / ox_ms:,.0f}×"]
        else:
            cells += ["", ""]
        print("| " + " | ".join(cells) + " |", flush=True)
    if rdf:
        rdf.close()


if __name__ == "__main__":
    main()
