#!/usr/bin/env python3
"""Query latency with and without `across`, bench/latency's queries through a running
daemon's /api/search (facets and snippets as the page asks: on), each query run once per
mode after one warm-up pass, modes interleaved. Prints median, p95 and mean per mode (ms,
the daemon's own `took_ms`), the translations added per query, and how often `across`'s
first result is in the language of the first result without it (the query's own language
ranks first where it answers).
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
    return d["took_ms"], len(d.get("added", [])), (d["results"][0]["language"] if d["results"] else None)


for q in queries:
    run(q, False)
    run(q, True)
times = {False: [], True: []}
added = []
first = {False: [], True: []}
for q in queries:
    for mode in (False, True):
        t, n, language = run(q, mode)
        times[mode].append(t)
        first[mode].append(language)
        if mode:
            added.append(n)
for mode in (False, True):
    v = sorted(times[mode])
    print("%-14s median %.1f ms, p95 %.1f ms, mean %.1f ms over %d queries"
          % ("across" if mode else "without", statistics.median(v), v[int(0.95 * (len(v) - 1))], statistics.mean(v), len(v)))
print("translations added per query: mean %.1f, max %d" % (statistics.mean(added), max(added)))
answered = [(a, b) for a, b in zip(first[False], first[True]) if a is not None]
print("first result in the language of the first without across: %d of %d queries"
      % (sum(1 for a, b in answered if a == b), len(answered)))
