#!/usr/bin/env python3
"""Query latency with and without `across`, bench/latency's queries through a running
daemon's /api/search (facets and snippets as the page asks: on), each query run once per
mode after one warm-up pass, modes interleaved. Prints median, p95 and mean per mode (ms,
the daemon's own `took_ms`) and the translations added per query.
Usage: latency.py URL [QUERIES=bench/latency/queries.tsv]"""
import json
import statistics
import sys
import urllib.parse
import urllib.request

url = sys.argv[1]
path = sys.argv[2] if len(sys.argv) > 2 else "bench/latency/queries.tsv"
queries = []
for line in open(path, encoding="utf-8"):
    line = line.rstrip("\n")
    if line and not line.startswith("#"):
        queries.append(line.split("\t")[-1])


def run(q, across):
    qs = {"q": q, "limit": "10"}
    if across:
        qs["across"] = "1"
    with urllib.request.urlopen(url + "/api/search?" + urllib.parse.urlencode(qs), timeout=60) as r:
        d = json.load(r)
    return d["took_ms"], len(d.get("added", []))


for q in queries:
    run(q, False)
    run(q, True)
times = {False: [], True: []}
added = []
for q in queries:
    for mode in (False, True):
        t, n = run(q, mode)
        times[mode].append(t)
        if mode:
            added.append(n)
for mode in (False, True):
    v = sorted(times[mode])
    print("%-14s median %.1f ms, p95 %.1f ms, mean %.1f ms over %d queries"
          % ("across" if mode else "without", statistics.median(v), v[int(0.95 * (len(v) - 1))], statistics.mean(v), len(v)))
print("translations added per query: mean %.1f, max %d" % (statistics.mean(added), max(added)))
