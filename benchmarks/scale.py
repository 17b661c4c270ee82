"""Scale runs: `kgraph build` on generated corpora of growing size, and the 1 → 2 worker scaling.

    .venv/bin/python benchmarks/scale.py                          # 1k, 10k, 100k articles, 2 workers
    .venv/bin/python benchmarks/scale.py --sizes 1000,10000 --scaling 10000

For each size the corpus is generated once (benchmarks/make_corpus.py, seed 1) under --work, and
`kgraph build CORPUS -o OUT --workers W` runs as a child process. Reported: wall time, peak memory
of the build's process tree (the sum of each process's PSS, so pages the workers share with the
parent after fork count once, sampled every second), entities, statements and triples (counted
afterwards from graph.ttl), and the growth exponents of time and memory against articles from a
log-log least-squares fit (1.0 is linear).

--update N,M builds N articles with --update, adds M new ones (articles N … N+M-1 of the same
generator) with a second --update, and builds all N+M at once: the update's time against the
full rebuild's, and whether their graph.ttl are the same bytes.

--proportional N1,N2,M keeps a build of N1 and one of N2 articles, then times adding the same M
new articles (from article 1,000,000 on: in neither) to each with --update --workers 1, three
rounds, each from a copy of the kept build, beside `kgraph build` of the M articles alone. The
ratio of the two updates' medians is 1.0 if an update costs what its articles do, N2/N1 if it
costs what the build does. The largest update's files are then compared with a full build of
N2+M articles.

--scaling N times the extraction alone (read → extract → resolve fold, no export) on the first
N articles with 1 and then 2 worker processes, alternately, three rounds each, in one process
tree: the ratio of the medians is the speed-up from a second worker.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def corpus(work: Path, n: int) -> Path:
    from make_corpus import write_corpus

    folder = work / f"corpus-{n}"
    done = folder / ".complete"
    if not done.exists():
        t = time.perf_counter()
        chars = write_corpus(n, folder)
        done.write_text(f"{chars}\n")
        print(f"  generated {n:,} articles ({chars:,} chars) in {time.perf_counter() - t:.0f} s", flush=True)
    return folder


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory(pid: int) -> int:
    """PSS of a process and all its descendants, in KiB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _pss_kib(p)
        todo += _children(p)
    return total


def run_build(cmd: list[str]) -> tuple[float, int, str]:
    """(wall seconds, peak tree PSS in bytes, stdout) of a command; its --timings line is printed."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_memory(proc.pid))
            time.sleep(1.0)  # reading smaps_rollup of a large process costs the kernel: not too often

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t
    sampler.join()
    if proc.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    for line in err.splitlines():
        if line.startswith("kgraph: took"):
            print(f"    {line}", flush=True)
    return wall, peak[0] * 1024, out


def count_triples(ttl: Path) -> int:
    import pyoxigraph as ox

    return sum(1 for _ in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))


def exponent(xs: list[float], ys: list[float]) -> float:
    """Slope of log y against log x (least squares)."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _spin(n: int = 20_000_000) -> float:
    """Pure Python arithmetic: what the machine gives a CPU-bound Python process."""
    t = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - t


def machine_scaling() -> float:
    """The throughput of two processes running _spin at once against one: the machine's own 1 → 2 speed-up now."""
    import concurrent.futures as cf

    one = _spin()
    with cf.ProcessPoolExecutor(2) as pool:
        t = time.perf_counter()
        list(pool.map(_spin, [20_000_000] * 2))
        two = time.perf_counter() - t
    return 2 * one / two


def scaling(folder: Path, n: int, rounds: int = 3) -> None:
    import gc

    from kgraph.ingest.read import Skipped, read_paths
    from kgraph.parallel import ProcessEngine
    from kgraph.resolve import Resolution

    docs = [d for d in read_paths([folder]) if not isinstance(d, Skipped)][:n]
    chars = sum(len(d.text) for d in docs)
    times: dict[int, list[float]] = {1: [], 2: []}
    machine: list[float] = []
    gc.disable()  # as in kgraph build
    for _ in range(rounds):
        machine.append(machine_scaling())
        print(f"  the machine now: two CPU-bound Python processes do {machine[-1]:.2f}x the work of one", flush=True)
        for w in times:
            with ProcessEngine(w) as e:
                list(e.shares(docs[: 300 * w]))  # workers start and build their pipelines outside the timing
                pids = list(e._pool._processes)
                cpu0 = [_cpu_seconds(p) for p in pids] + [time.process_time()]
                t = time.perf_counter()
                r = Resolution()
                for shares in e.shares(docs):
                    for s in shares:
                        r.add(s)
                times[w].append(time.perf_counter() - t)
                cpu = [_cpu_seconds(p) - c for p, c in zip(pids, cpu0, strict=False)]
                main_cpu = time.process_time() - cpu0[-1]
            wall = times[w][-1]
            print(f"  {w} worker{'s' if w > 1 else ''}: {wall:.1f} s wall ({chars / wall:,.0f} chars/s); "
                  f"CPU s: workers {' + '.join(f'{c:.1f}' for c in cpu)}, main {main_cpu:.1f}; "
                  f"load average {os.getloadavg()[0]:.2f}", flush=True)
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(f"extraction of {n:,} articles ({chars:,} chars), median of {rounds}: 1 worker {one:.1f} s, "
          f"2 workers {two:.1f} s: speed-up {one / two:.2f}x; the machine's own, median: "
          f"{statistics.median(machine):.2f}x")


def update_run(work: Path, n: int, m: int, workers: int) -> None:
    from make_corpus import write_corpus

    base = corpus(work, n)
    new = work / f"new-{n}-{m}"
    if not (new / ".complete").exists():
        write_corpus(m, new, start=n)
        (new / ".complete").write_text("done\n")
    kept, full = work / f"kept-{n}", work / f"full-{n}-{m}"
    for d in (kept, full):
        subprocess.run(["rm", "-rf", str(d)], check=True)
    w = ["--workers", str(workers)]
    build = [sys.executable, "-m", "kgraph.cli", "build", "--timings"]
    t_first, peak_first, _ = run_build([*build, "--update", str(kept), str(base), *w])
    t_update, peak_update, _ = run_build([*build, "--update", str(kept), str(new), *w])
    t_full, peak_full, _ = run_build([*build, str(base), str(new), "-o", str(full), *w])
    same = (kept / "graph.ttl").read_bytes() == (full / "graph.ttl").read_bytes()
    print(f"| first build, {n:,} articles, state kept | {t_first:.1f} | {peak_first / 2**30:.2f} |")
    print(f"| update: {m:,} new articles | {t_update:.1f} | {peak_update / 2**30:.2f} |")
    print(f"| full rebuild, {n + m:,} articles | {t_full:.1f} | {peak_full / 2**30:.2f} |")
    print(f"update / full rebuild: {t_update / t_full:.2f}; graph.ttl identical: {same}")


def proportional_run(work: Path, sizes: list[int], m: int, workers: int, rounds: int = 3) -> None:
    from make_corpus import write_corpus

    new = work / f"new-far-{m}"
    if not (new / ".complete").exists():
        write_corpus(m, new, start=1_000_000)
        (new / ".complete").write_text("done\n")
    build = [sys.executable, "-m", "kgraph.cli", "build", "--timings"]
    kept = {}
    for n in sizes:
        k, orig = work / f"kept-{n}", work / f"kept-{n}.orig"
        subprocess.run(["rm", "-rf", str(k), str(orig)], check=True)
        print(f"  first build, {n:,} articles, kept", flush=True)
        run_build([*build, "--update", str(k), str(corpus(work, n)), "--workers", str(workers)])
        subprocess.run(["cp", "-a", str(k), str(orig)], check=True)
        kept[n] = (k, orig)
    times: dict[int, list[float]] = {n: [] for n in sizes}
    alone = []
    for r in range(rounds):
        for n in sizes:
            k, orig = kept[n]
            subprocess.run(["rm", "-rf", str(k)], check=True)
            subprocess.run(["cp", "-a", str(orig), str(k)], check=True)
            print(f"  round {r + 1}: {m} onto {n:,} (load average {os.getloadavg()[0]:.2f})", flush=True)
            times[n].append(run_build([*build, "--update", str(k), str(new), "--workers", "1"])[0])
        out = work / f"alone-{m}"
        subprocess.run(["rm", "-rf", str(out)], check=True)
        print(f"  round {r + 1}: {m} alone", flush=True)
        alone.append(run_build([*build, str(new), "-o", str(out), "--workers", "1"])[0])
    print("| run | wall, each round (s) | median (s) |\n|---|---|---|")
    for n in sizes:
        print(f"| update: {m:,} new onto {n:,} | {', '.join(f'{t:.1f}' for t in times[n])} | "
              f"{statistics.median(times[n]):.1f} |")
    print(f"| build of the {m:,} alone | {', '.join(f'{t:.1f}' for t in alone)} | {statistics.median(alone):.1f} |")
    lo, hi = min(sizes), max(sizes)
    print(f"update onto {hi:,} / onto {lo:,}: {statistics.median(times[hi]) / statistics.median(times[lo]):.2f} "
          f"(builds {hi / lo:.0f}x larger); update onto {hi:,} / build of the {m:,} alone: "
          f"{statistics.median(times[hi]) / statistics.median(alone):.2f}")
    full = work / f"full-{hi}-{m}"
    subprocess.run(["rm", "-rf", str(full)], check=True)
    print(f"  full build of {hi + m:,} articles, to compare", flush=True)
    run_build([*build, str(corpus(work, hi)), str(new), "-o", str(full), "--workers", str(workers)])
    k = kept[hi][0]
    same = {name: (k / name).read_bytes() == (full / name).read_bytes()
            for name in ("graph.ttl", "graph.html", "graph.graphml")}
    print(f"update onto {hi:,} against the full build of {hi + m:,}: {same}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="articles per run (default 1000,10000,100000)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--work", default="/tmp/kgraph-scale", help="where corpora and outputs go")
    ap.add_argument("--update", default="", metavar="N,M", help="also time adding M articles to a build of N")
    ap.add_argument("--proportional", default="", metavar="N1,N2,M",
                    help="also time adding the same M articles to kept builds of N1 and of N2")
    ap.add_argument("--scaling", type=int, default=0, metavar="N",
                    help="also time extraction of N articles with 1 and 2 workers")
    a = ap.parse_args()
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(n) for n in a.sizes.split(",") if n]
    print(f"machine: {os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.2f}")
    rows = []
    for n in sizes:
        folder = corpus(work, n)
        out = work / f"out-{n}"
        cmd = [sys.executable, "-m", "kgraph.cli", "build", str(folder), "-o", str(out), "--workers", str(a.workers),
               "--timings"]
        wall, peak, stdout = run_build(cmd)
        chars = int((folder / ".complete").read_text())
        entities = int(re.search(r"entities (\d+)", stdout).group(1))
        statements = int(re.search(r"\((\d+) statements\)", stdout).group(1))
        triples = count_triples(out / "graph.ttl")
        rows.append((n, chars, wall, peak, entities, statements, triples))
        print(f"  {n:,} articles: {wall:.1f} s, peak {peak / 2**30:.2f} GiB, {entities:,} entities, "
              f"{triples:,} triples (load average {os.getloadavg()[0]:.2f})", flush=True)
    if rows:
        print(f"\n`kgraph build --workers {a.workers}`")
        print("| articles | characters | wall (s) | chars/s | peak memory (GiB) | entities | statements | triples |")
        print("|---|---|---|---|---|---|---|---|")
    for n, chars, wall, peak, entities, statements, triples in rows:
        print(f"| {n:,} | {chars:,} | {wall:.1f} | {chars / wall:,.0f} | {peak / 2**30:.2f} | {entities:,} | "
              f"{statements:,} | {triples:,} |")
    if len(rows) >= 2:
        ns = [r[0] for r in rows]
        print(f"growth exponent (log-log fit over articles): time {exponent(ns, [r[2] for r in rows]):.2f}, "
              f"memory {exponent(ns, [r[3] for r in rows]):.2f}")
    if a.update:
        n, m = (int(x) for x in a.update.split(","))
        print(f"\n`kgraph build --update` (--workers {a.workers})")
        print("| run | wall (s) | peak memory (GiB) |\n|---|---|---|")
        update_run(work, n, m, a.workers)
    if a.proportional:
        *ns, m = (int(x) for x in a.proportional.split(","))
        print(f"\n`kgraph build --update` of {m:,} new articles onto kept builds of {', '.join(f'{n:,}' for n in ns)}")
        proportional_run(work, ns, m, a.workers)
    if a.scaling:
        scaling(corpus(work, a.scaling), a.scaling)
    return 0


if __name__ == "__main__":
    sys.exit(main())
