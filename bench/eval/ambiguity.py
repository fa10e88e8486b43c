#!/usr/bin/env python3
"""Known-item MRR@10 by how many transcripts hold every word of the query.

Draws the queries exactly as ../shared/eval/known_item.py does (same seed, same modes),
runs them through each engine's search command, and splits MRR@10 by the number of
transcripts whose text holds every query word (as known_item.py's `\\w{4,}` words): a
query that 11 transcripts answer alike can rank its target first only by chance, so the
buckets show how much of a mode's figure ranking can still move.
Usage: ambiguity.py JSONL N SEED MODE NAME=SEARCH_CMD:DB [NAME=SEARCH_CMD:DB ...]
"""
import collections, json, random, re, subprocess, sys

jsonl, n, seed, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
engines = [(a.split("=", 1)[0], *a.split("=", 1)[1].rsplit(":", 1)) for a in sys.argv[5:]]
docs = [json.loads(l) for l in open(jsonl, encoding="utf-8")]
word_re = re.compile(r"\w{4,}", re.UNICODE)
df, holders = collections.Counter(), collections.defaultdict(set)
for i, d in enumerate(docs):
    words = set(w.lower() for w in word_re.findall(d.get("text", "")))
    df.update(words)
    for w in words:
        holders[w].add(i)

# -- as known_item.py draws them
hi = max(3, int(0.03 * len(docs)))
rng = random.Random(seed)
queries = []
for d in rng.sample(docs, min(n, len(docs))):
    paras = [p for p in d.get("text", "").split("\n\n") if len(word_re.findall(p)) >= 8] or [d.get("text", "")]
    para = rng.choice(paras)
    toks = [w for w in word_re.findall(para) if not w.isdigit()]
    if mode == "mid":
        pool = [w for w in toks if 3 <= df[w.lower()] <= hi]
        words = []
        while pool and len(words) < 3:
            w = rng.choice(pool); words.append(w); pool = [x for x in pool if x.lower() != w.lower()]
    else:
        words = list(dict.fromkeys(toks))
        words.sort(key=lambda w: (df[w.lower()] < 2, df[w.lower()]))
        words = words[:3]
    if words:
        queries.append((d["id"], " ".join(words)))
# --

buckets = [(1, 1), (2, 3), (4, 10), (11, None)]
def bucket(q):
    c = len(set.intersection(*[holders[w.lower()] for w in q.split()]))
    return next(b for b in buckets if c >= b[0] and (b[1] is None or c <= b[1]))

print(f"mode={mode} queries={len(queries)}")
for name, cmd, db in engines:
    rr = collections.defaultdict(list)
    for target, q in queries:
        try:
            out = subprocess.run([cmd, "--db", db, "--json", "--limit", "10", q],
                                 capture_output=True, text=True, timeout=30)
            ids = [[r.get("id")] + [v.get("id") if isinstance(v, dict) else v
                                    for v in (r.get("versions") or []) + (r.get("duplicates") or [])]
                   for r in json.loads(out.stdout).get("results", [])]
        except Exception:
            ids = []
        rank = next((i for i, g in enumerate(ids) if target in g), None)
        rr[bucket(q)].append(1.0 / (rank + 1) if rank is not None else 0.0)
    print(name + ": " + " | ".join(
        f"{lo if up == lo else f'{lo}+' if up is None else f'{lo}..{up}'} transcripts: "
        f"n={len(rr[(lo, up)])} MRR@10={sum(rr[(lo, up)]) / max(1, len(rr[(lo, up)])):.3f}"
        for lo, up in buckets))
