#!/usr/bin/env python3
"""Cross-lingual known-item search on the UN documents held out of the lexicon's training
(bench/crosslingual/held_out.py, by document: all six versions of a held-out document).
For each held-out document and ordered pair of languages (A, B): the query is a passage of
A's version (its first paragraph of at least 5 words, cut to 12 words; Chinese to 24
characters), searched among passages of language B (`lang` filter: the query's own version
is excluded by it); the target is B's version. MRR@10 per pair.

Engines, each a URL template or a command speaking `dragoman-search --json`:
  dragoman-across   the daemon's /api/search with across=1
  dragoman          the daemon's /api/search, no translation
  fts5              bench/eval/fts5_search.py (the query's words OR-ed: AND of 12 words in
                    another language finds nothing at all; OR gives it its shared names and numbers),
                    called in this process
  sphinx            bench/eval/sphinx_search.py over a running searchd (the peers'
                    configuration), the same OR of the words; it filters by language among
                    its best 1,000 matches, as it does for the judged set
Queries are stripped of the query language's syntax (quotes, brackets, colons, operators).
--skip N leaves out each pair's first N documents (those its constants were tuned on).
Usage: known_item.py CORPUS HELD_OUT URL [--fts5 DB] [--sphinx DIR] [--per-pair N] [--skip N]"""
import argparse
import collections
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "eval"))
import fts5_search  # noqa: E402
import sphinx_search  # noqa: E402

LANGS = ["ar", "en", "es", "fr", "ru", "zh"]


def held_out_docs(corpus, held_out):
    ids = set(l.strip() for l in open(held_out, encoding="utf-8") if l.strip())
    docs = collections.defaultdict(dict)
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if not line.startswith('{"id": "unpc:'):
                continue
            d = json.loads(line)
            if d["id"] in ids:
                stem, lang = d["id"].rsplit(":", 1)
                docs[stem][lang] = d["text"]
    return {s: v for s, v in sorted(docs.items()) if all(l in v for l in LANGS)}


SYNTAX = re.compile(r'["()*:\[\]{}]')


def plain(text):
    """`text` without what the query language reads as syntax (quotes, brackets, fields,
    wildcards, a leading minus, operators), so that every engine gets the same words."""
    words = [w.lstrip("-") for w in SYNTAX.sub(" ", text).split()]
    return " ".join(w for w in words if w and w not in ("OR", "AND", "NOT", "NEAR"))


def query_of(text, lang):
    for para in (plain(p) for p in text.split("\n\n")):
        if lang == "zh":
            if len(para) >= 10:
                return para[:24]
        else:
            words = para.split()
            if len(words) >= 5:
                return " ".join(words[:12])
    return None


def dragoman(url, query, lang, across):
    qs = {"q": query, "lang": lang, "limit": "10", "facets": "0", "snippets": "0"}
    if across:
        qs["across"] = "1"
    try:
        with urllib.request.urlopen(url + "/api/search?" + urllib.parse.urlencode(qs), timeout=60) as r:
            return [h["id"] for h in json.load(r)["results"]]
    except urllib.error.HTTPError as e:
        print("dragoman: %s for %r" % (e, query), file=sys.stderr)
        return []


def any_word(query, lang):
    """`query`'s words OR-ed, restricted to `lang`, in the peers' query subset."""
    words = [w for w in query.split() if any(c.isalnum() for c in w)]
    return " OR ".join(words) + " lang:" + lang


def fts5(db, query, lang):
    return [h["id"] for h in fts5_search.search(db, any_word(query, lang), 10)["results"]]


def sphinx(d, query, lang):
    return [h["id"] for h in sphinx_search.search(d, any_word(query, lang), 10)["results"]]


def rr(ids, target):
    return 1.0 / (ids.index(target) + 1) if target in ids else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("held_out")
    ap.add_argument("url")
    ap.add_argument("--fts5")
    ap.add_argument("--sphinx")
    ap.add_argument("--per-pair", type=int, default=1000)
    ap.add_argument("--skip", type=int, default=0)
    a = ap.parse_args()
    docs = held_out_docs(a.corpus, a.held_out)
    engines = ["dragoman-across", "dragoman"] + (["fts5"] if a.fts5 else []) + (["sphinx"] if a.sphinx else [])
    scores = {e: collections.defaultdict(list) for e in engines}
    for src in LANGS:
        for dst in LANGS:
            if src == dst:
                continue
            for stem in list(docs)[a.skip : a.skip + a.per_pair]:
                q = query_of(docs[stem][src], src)
                if not q:
                    continue
                target = stem + ":" + dst
                scores["dragoman-across"][(src, dst)].append(rr(dragoman(a.url, q, dst, True), target))
                scores["dragoman"][(src, dst)].append(rr(dragoman(a.url, q, dst, False), target))
                if a.fts5:
                    scores["fts5"][(src, dst)].append(rr(fts5(a.fts5, q, dst), target))
                if a.sphinx:
                    scores["sphinx"][(src, dst)].append(rr(sphinx(a.sphinx, q, dst), target))
    print("pair\t" + "\t".join(engines) + "\tqueries")
    for pair in scores[engines[0]]:
        n = len(scores[engines[0]][pair])
        print("%s→%s\t" % pair + "\t".join("%.3f" % (sum(scores[e][pair]) / n) for e in engines) + "\t%d" % n)
    for e in engines:
        allv = [v for vs in scores[e].values() for v in vs]
        below = sum(1 for p, vs in scores[e].items() if sum(vs) / len(vs) < 0.6)
        print("%s: MRR@10 over all pairs %.3f (%d queries); pairs below 0.6: %d of %d"
              % (e, sum(allv) / len(allv), len(allv), below, len(scores[e])))


if __name__ == "__main__":
    main()
