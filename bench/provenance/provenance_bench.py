#!/usr/bin/env python3
"""Near-duplicate detection and quote lookup latency: GET /api/quote on one dragoman-searchd
beside SQLite FTS5 doing the same with its own tools, on a labelled set built here from the
corpus (seeded, so every run builds the same set):

- real repeats: sentences (12 to 60 words, or 15 to 80 characters of Chinese or Japanese)
  said in two transcripts or more (ParlaMint-TR's identical utterances, the General Debate's
  formulas), each quoted as it is;
- perturbed copies of sampled sentences: two words inserted, two dropped, the two halves
  swapped, case and punctuation changed, or one word inserted, one dropped and the case
  changed;
- negatives: fifteen words (not Chinese or Japanese, where a "word" cut at spaces is a
  clause) drawn from fifteen transcripts, and sampled sentences with two
  words in three replaced: no transcript says them.

A query's relevant transcripts are those whose text, lower-cased and cut to words
(Python's \\w+) and joined by spaces, holds the original sentence so cut. A system's answer
is the set of transcripts of the passages (Dragoman) or rows (FTS5) it gives; precision and
recall are micro-averaged over the queries.

FTS5 (the peers' table, porter unicode61, one row per transcript) is asked two ways: the
quote's four longest words ANDed ("and4"), and the same words in a NEAR group of 12 tokens
("near4"), at most 500 rows each as Dragoman verifies at most 500 passages.

Latency: each query's wall time over HTTP and the server's took_ms (p50, p99); FTS5's
query time. With --scaled-db, Dragoman's latency again on that index (the corpus 10 times),
and with --scaled-fts5 the peer's on its table of the same corpus."""
import argparse
import json
import random
import re
import sqlite3
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import os

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from daemon_timing import Daemon  # noqa: E402

WORD = re.compile(r"\w+")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


def norm(text):
    return " ".join(WORD.findall(text.lower()))


def sentences(text):
    for s in SENTENCE_END.split(text):
        s = s.strip()
        if CJK.search(s):
            if 15 <= len(CJK.findall(s)) <= 80:
                yield s
        elif 12 <= len(WORD.findall(s)) <= 60 and len(s) < 1500:
            yield s


def tokens(s):
    """Units a perturbation moves: words, or pairs of characters in Chinese and Japanese."""
    if CJK.search(s):
        return [s[i:i + 2] for i in range(0, len(s), 2)], ""
    return s.split(), " "


def perturb(s, kind, rng, vocabulary):
    t, sep = tokens(s)
    if kind == "insert2":
        for _ in range(2):
            t.insert(rng.randrange(1, len(t)), rng.choice(vocabulary))
    elif kind == "drop2":
        for _ in range(2):
            del t[rng.randrange(1, len(t) - 1)]
    elif kind == "reorder":
        half = len(t) // 2
        t = t[half:] + t[:half]
    elif kind == "case_punct":
        return re.sub(r"[^\w\s]", "", s).upper()
    elif kind == "mixed":
        t.insert(rng.randrange(1, len(t)), rng.choice(vocabulary))
        del t[rng.randrange(1, len(t) - 1)]
        return sep.join(t).lower()
    return sep.join(t)


def build_set(corpus, seed, n_repeats, n_perturbed, n_negatives):
    rng = random.Random(seed)
    texts, by_sentence = {}, {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts[d["id"]] = norm(d.get("text", ""))
            for s in sentences(d.get("text", "")):
                by_sentence.setdefault(norm(s), (s, set()))[1].add(d["id"])
    repeated = sorted(v[0] for v in by_sentence.values() if len(v[1]) >= 2)
    single = sorted(v[0] for v in by_sentence.values() if len(v[1]) == 1)
    vocabulary = sorted({w for s in rng.sample(single, 2000) for w in s.split() if w.isalpha()})
    corpus_text = "\n".join(texts.values())
    ids = list(texts)

    def relevant(original):
        n = norm(original)
        return {i for i, t in texts.items() if n in t} if n in corpus_text else set()

    queries = []
    for s in rng.sample(repeated, min(n_repeats, len(repeated))):
        queries.append(("repeat", s, relevant(s)))
    kinds = ["insert2", "drop2", "reorder", "case_punct", "mixed"]
    for i, s in enumerate(rng.sample(single + repeated, n_perturbed)):
        kind = kinds[i % len(kinds)]
        queries.append((kind, perturb(s, kind, rng, vocabulary), relevant(s)))
    for i in range(n_negatives):
        if i % 2 == 0:
            # Words of other scripts only: a "word" of Chinese cut at spaces is a whole clause.
            words = []
            while len(words) < 15:
                w = rng.choice(texts[rng.choice(ids)].split() or ["x"])
                if not CJK.search(w):
                    words.append(w)
            queries.append(("negative_mix", " ".join(words), set()))
        else:
            t, sep = tokens(rng.choice(single))
            t = [rng.choice(vocabulary) if j % 3 else w for j, w in enumerate(t)]
            queries.append(("negative_replaced", sep.join(t), set()))
    return queries, len(repeated)


def dragoman(url, quote):
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url + "/api/quote?" + urllib.parse.urlencode({"q": quote}), timeout=60) as r:
            body = json.loads(r.read())
    except urllib.error.HTTPError as e:
        body = {"matches": [], "took_ms": 0, "error": json.loads(e.read())}
    wall = (time.perf_counter() - t) * 1000
    return {m["transcript_id"] for m in body["matches"]}, wall, body.get("took_ms", 0)


def longest_words(quote, n=4):
    words = sorted(set(WORD.findall(quote.lower())), key=lambda w: (-len(w), w))
    return words[:n]


def fts5(db, quote, near):
    words = longest_words(quote)
    if not words:
        return set(), 0.0
    quoted = " ".join('"%s"' % w.replace('"', '""') for w in words)
    expr = "NEAR(%s, 12)" % quoted if near else " AND ".join('"%s"' % w for w in words)
    t = time.perf_counter()
    try:
        rows = db.execute("SELECT id FROM fts WHERE fts MATCH ? LIMIT 500", ("text : (%s)" % expr,)).fetchall()
    except sqlite3.OperationalError:
        rows = []
    return {r[0] for r in rows}, (time.perf_counter() - t) * 1000


def pr(answers, queries):
    tp = sum(len(a & q[2]) for a, q in zip(answers, queries))
    got = sum(len(a) for a in answers)
    rel = sum(len(q[2]) for q in queries)
    return (tp / got if got else 1.0), (tp / rel if rel else 1.0)


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--searchd", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--fts5", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--scaled-db")
    ap.add_argument("--scaled-fts5", help="the peer's table of the same 10-times corpus, timed in the same run")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--repeats", type=int, default=100)
    ap.add_argument("--perturbed", type=int, default=150)
    ap.add_argument("--negatives", type=int, default=50)
    a = ap.parse_args()
    queries, n_repeated = build_set(a.corpus, a.seed, a.repeats, a.perturbed, a.negatives)
    print("labelled set: %d queries (%d sentences of the corpus said in 2+ transcripts), %d relevant transcripts"
          % (len(queries), n_repeated, sum(len(q[2]) for q in queries)))
    fts = sqlite3.connect(a.fts5)
    systems = {}
    with Daemon(a.searchd, a.db) as d:
        dragoman(d.url, queries[0][1])  # warm-up
        runs = [dragoman(d.url, q[1]) for q in queries]
    systems["dragoman"] = ([r[0] for r in runs], [r[1] for r in runs], [r[2] for r in runs])
    for name, near in (("fts5 and4", False), ("fts5 near4", True)):
        runs = [fts5(fts, q[1], near) for q in queries]
        systems[name] = ([r[0] for r in runs], [r[1] for r in runs], [])
    kinds = sorted({q[0] for q in queries})
    print("\n%-12s %s" % ("precision/recall", "  ".join("%-22s" % k for k in ["all"] + kinds)))
    for name, (answers, walls, _) in systems.items():
        cells = []
        for k in [None] + kinds:
            sel = [i for i, q in enumerate(queries) if k is None or q[0] == k]
            p, r = pr([answers[i] for i in sel], [queries[i] for i in sel])
            cells.append("%-22s" % ("P %.3f R %.3f" % (p, r)))
        print("%-16s %s" % (name, "  ".join(cells)))
    print("\nlatency ms        p50      p99")
    for name, (_, walls, took) in systems.items():
        print("%-14s %8.2f %8.2f   (wall%s)" % (name, pct(walls, 50), pct(walls, 99), ", HTTP" if took else ""))
        if took:
            print("%-14s %8.2f %8.2f   (server took_ms)" % (name, pct(took, 50), pct(took, 99)))
    if a.scaled_db:
        with Daemon(a.searchd, a.scaled_db) as d:
            dragoman(d.url, queries[0][1])
            runs = [dragoman(d.url, q[1]) for q in queries]
        walls, took = [r[1] for r in runs], [r[2] for r in runs]
        print("%-14s %8.2f %8.2f   (wall, HTTP, corpus x10)" % ("dragoman", pct(walls, 50), pct(walls, 99)))
        print("%-14s %8.2f %8.2f   (server took_ms, corpus x10)" % ("dragoman", pct(took, 50), pct(took, 99)))
    if a.scaled_fts5:
        scaled = sqlite3.connect(a.scaled_fts5)
        for name, near in (("fts5 and4", False), ("fts5 near4", True)):
            walls = [fts5(scaled, q[1], near)[1] for q in queries]
            print("%-14s %8.2f %8.2f   (wall, in process, corpus x10)" % (name, pct(walls, 50), pct(walls, 99)))


if __name__ == "__main__":
    main()
