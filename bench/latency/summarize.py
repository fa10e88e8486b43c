#!/usr/bin/env python3
"""Tables of bench/latency/run.sh from the clients' raw lines
(ENGINE SHAPE N MS MATCHES HITS): p50/p95/p99/mean per engine, Dragoman's ratio to each
peer, per-shape p50/p99, and what each engine found (so a fast answer is not an empty one).
Usage: summarize.py RAW.tsv CORPUS.jsonl QUERIES.tsv PASSES"""
import collections
import os
import platform
import statistics
import subprocess
import sys

NAMES = {
    "dragoman": "Dragoman (dragoman-searchd, HTTP)",
    "sphinx": "Sphinx 2.2.11 (searchd, SphinxQL)",
    "sqlite": "SQLite 3.40 FTS5 (in-process)",
    "pg": "PostgreSQL 15 (libpq, TCP)",
}


def pct(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def stats(xs):
    return pct(xs, 50), pct(xs, 95), pct(xs, 99), statistics.fmean(xs)


def machine():
    out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    info = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return "{} CPUs ({}, {}), {:.0f} GiB RAM, {} {}".format(
        info.get("CPU(s)", "?").strip(), info.get("Model name", "?").strip(),
        info.get("Hypervisor vendor", "bare metal").strip() + " guest" if "Hypervisor vendor" in info else "bare metal",
        mem, platform.system(), platform.release())


def main():
    raw, corpus, queries, passes = sys.argv[1:5]
    ms = collections.defaultdict(list)
    by_shape = collections.defaultdict(lambda: collections.defaultdict(list))
    found = collections.defaultdict(dict)  # engine -> n -> (matches, hits)
    shapes = {}
    for line in open(raw, encoding="utf-8"):
        engine, shape, n, t, matches, hits = line.rstrip("\n").split("\t")
        ms[engine].append(float(t))
        by_shape[shape][engine].append(float(t))
        found[engine][int(n)] = (int(matches), int(hits))
        shapes[int(n)] = shape
    engines = [e for e in NAMES if e in ms]
    nq = len(shapes)
    docs = sum(1 for _ in open(corpus, encoding="utf-8"))
    print(f"Machine: {machine()}. Corpus `{os.path.basename(corpus)}` ({docs:,} transcripts); "
          f"{nq} queries of {len(set(shapes.values()))} shapes from `bench/latency/queries.tsv`; "
          f"one untimed pass, then {passes} timed passes: {nq * int(passes)} timings per engine. "
          "Single client, one query at a time, the engines taking turns on each query; client and "
          f"servers on the same machine (load average 1/5/15 min before / after: {os.environ.get('LOAD', '?')}).")
    print()
    print("| engine | p50 ms | p95 ms | p99 ms | mean ms | queries with no match |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for e in engines:
        p50, p95, p99, mean = stats(ms[e])
        empty = sum(1 for m, h in found[e].values() if h == 0)
        print(f"| {NAMES[e]} | {p50:.2f} | {p95:.2f} | {p99:.2f} | {mean:.2f} | {empty} |")
    if "dragoman" in ms and len(engines) > 1:
        print()
        print("Dragoman's time / the peer's (below 1: Dragoman is faster):")
        print()
        print("| peer | p50 | p95 | p99 | mean |")
        print("| --- | ---: | ---: | ---: | ---: |")
        d = stats(ms["dragoman"])
        for e in engines[1:]:
            s = stats(ms[e])
            print(f"| {NAMES[e]} | " + " | ".join(f"{a / b:.2f}" for a, b in zip(d, s)) + " |")
    print()
    print("Per shape, p50 / p99 ms (median number of matching transcripts or documents):")
    print()
    print("| shape | queries | " + " | ".join(NAMES[e].split(" (")[0] for e in engines) + " |")
    print("| --- | ---: | " + " | ".join("---" for _ in engines) + " |")
    order = []
    for n in sorted(shapes):
        if shapes[n] not in order:
            order.append(shapes[n])
    for shape in order:
        ids = [n for n in shapes if shapes[n] == shape]
        cells = []
        for e in engines:
            xs = by_shape[shape][e]
            med = statistics.median(found[e][n][0] for n in ids)
            cells.append(f"{pct(xs, 50):.1f} / {pct(xs, 99):.1f} ({med:,.0f})")
        print(f"| {shape} | {len(ids)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
