"""Load test for `kgraph serve`: many concurrent clients on loopback, running the example queries.

    .venv/bin/python benchmarks/serve_load.py [--graph output/graph.ttl] [--clients 50] [--seconds 30]

Starts `kgraph serve` as a separate process, then runs --clients threads that each send the
queries of schema/queries/ round-robin (POST, JSON results) for --seconds. Reports requests,
errors by status, throughput, latency percentiles, and the resident memory of the server and
its query workers at the start, halfway and at the end (growth would show a leak).
"""

from __future__ import annotations

import argparse
import collections
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if (status.parent.name == str(pid) or fields.get("PPid", "").strip() == str(pid)) and "VmRSS" in fields:
            total += int(fields["VmRSS"].split()[0])
    return total / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", type=Path, default=ROOT / "output" / "graph.ttl")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--workers", type=int, default=2, help="the server's query processes")
    args = ap.parse_args()

    queries = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "schema" / "queries").glob("*.rq"))]
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kgraph.cli", "serve", str(args.graph), "--port", str(port),
                               "--workers", str(args.workers)], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/sparql"
    server.stderr.readline()
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/").read()
            break
        except OSError:
            time.sleep(0.1)

    def ask(q: str) -> int:
        req = urllib.request.Request(url, method="POST", data=q.encode("utf-8"),
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                r.read()
                return r.status
        except urllib.error.HTTPError as e:
            return e.code
        except OSError:
            return -1

    for q in queries:  # warm up, and check every query answers
        assert ask(q) == 200, q
    memory = [rss_mb(server.pid)]
    latencies: list[float] = []
    statuses: collections.Counter = collections.Counter()
    lock = threading.Lock()
    stop = time.monotonic() + args.seconds

    def client(i: int) -> None:
        n = i
        while time.monotonic() < stop:
            t = time.perf_counter()
            status = ask(queries[n % len(queries)])
            with lock:
                latencies.append(time.perf_counter() - t)
                statuses[status] += 1
            n += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(args.seconds / 2)
    memory.append(rss_mb(server.pid))
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    memory.append(rss_mb(server.pid))
    server.terminate()
    server.wait(10)

    total = sum(statuses.values())
    errors = total - statuses[200]
    lat = sorted(latencies)
    print(f"graph {args.graph} ({os.path.getsize(args.graph) / 1e3:,.0f} kB), {len(queries)} queries, "
          f"{args.clients} clients, {args.seconds:g} s, {args.workers} query workers")
    print(f"requests {total}, errors {errors} {dict(statuses)}, {total / wall:.0f} requests/s")
    print(f"latency ms: median {statistics.median(lat) * 1000:.1f}, p95 {lat[int(len(lat) * 0.95)] * 1000:.1f}, "
          f"max {lat[-1] * 1000:.1f}")
    print("server + workers RSS MB: start {:.0f}, halfway {:.0f}, end {:.0f}".format(*memory))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
