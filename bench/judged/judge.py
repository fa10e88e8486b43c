#!/usr/bin/env python3
"""The judged query set: queries written for Dragoman's users' needs (queries.jsonl), each with
a relevance rule that says which transcripts of the corpus answer it (metadata conditions and
regular expressions over title and text, written independently of any engine's analysis:
inflections, spellings and scripts are spelled out in the rule). The rules are applied to the
corpus at run time, so the judgements are the corpus' own, not an engine's.

Usage: judge.py --counts JSONL                      relevant transcripts per query
       judge.py JSONL NAME=SEARCH_BIN:DB ...         P@5 and MRR@10 of each engine, per language
Each SEARCH_BIN speaks `dragoman-search --json --limit N --db DB QUERY`."""
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_queries():
    with open(os.path.join(HERE, "queries.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def matcher(rule):
    """The rule as a predicate over a transcript record."""
    flags = re.IGNORECASE | re.UNICODE
    all_of = [re.compile(p, flags) for p in rule.get("all", [])]
    any_of = [re.compile(p, flags) for p in rule.get("any", [])]
    none_of = [re.compile(p, flags) for p in rule.get("none", [])]
    speaker = re.compile(rule["speaker"], flags) if "speaker" in rule else None
    date = rule.get("date")

    def relevant(d):
        if "source" in rule and d.get("source") != rule["source"]:
            return False
        if "language" in rule and d.get("language") != rule["language"]:
            return False
        if date and not (d.get("date") and date[0] <= d["date"] <= date[1]):
            return False
        if speaker and not any(speaker.search(s) for s in d.get("speakers") or []):
            return False
        text = (d.get("title") or "") + "\n" + (d.get("text") or "")
        if not all(r.search(text) for r in all_of):
            return False
        if any_of and not any(r.search(text) for r in any_of):
            return False
        return not any(r.search(text) for r in none_of)
    return relevant


def judgements(corpus, queries):
    preds = {q["id"]: matcher(q["rule"]) for q in queries}
    rel = collections.defaultdict(set)
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            for qid, pred in preds.items():
                if pred(d):
                    rel[qid].add(d["id"])
    return rel


def ranked(cmd, db, query, limit=10):
    try:
        p = subprocess.run([cmd, "--db", db, "--json", "--limit", str(limit), query],
                           capture_output=True, text=True, timeout=60)
        return [r["id"] for r in json.loads(p.stdout).get("results", [])] if p.stdout.strip() else []
    except (subprocess.TimeoutExpired, ValueError):
        return []


def main(argv):
    if argv[0] == "--counts":
        queries = load_queries()
        rel = judgements(argv[1], queries)
        for q in queries:
            print("%s\t%d\t%s" % (q["id"], len(rel[q["id"]]), q["query"]))
        return 0
    corpus, engines = argv[0], [e.split("=", 1) for e in argv[1:]]
    queries = load_queries()
    rel = judgements(corpus, queries)
    queries = [q for q in queries if rel[q["id"]]]
    per = {name: collections.defaultdict(list) for name, _ in engines}
    detail = []
    for q in queries:
        row = [q["id"], str(len(rel[q["id"]]))]
        for name, spec in engines:
            cmd, db = spec.split(":", 1)
            ids = ranked(cmd, db, q["query"])
            good = [i in rel[q["id"]] for i in ids]
            p5 = sum(good[:5]) / 5.0
            rr = next((1.0 / (k + 1) for k, g in enumerate(good) if g), 0.0)
            per[name][q["lang"]].append((p5, rr))
            per[name]["all"].append((p5, rr))
            row.append("%.1f/%.2f" % (p5, rr))
        detail.append("\t".join(row + [q["query"]]))
    print("query\trelevant\t" + "\t".join("%s P@5/RR" % n for n, _ in engines) + "\tquery")
    print("\n".join(detail))
    print()
    langs = sorted({q["lang"] for q in queries}, key=lambda l: -sum(1 for q in queries if q["lang"] == l))
    print("| language | queries | " + " | ".join("%s P@5 | %s MRR" % (n, n) for n, _ in engines) + " |")
    print("| --- | --- |" + " --- | --- |" * len(engines))
    for lang in ["all"] + langs:
        cells = []
        for name, _ in engines:
            v = per[name][lang]
            cells.append("%.3f | %.3f" % (sum(p for p, _ in v) / len(v), sum(r for _, r in v) / len(v)))
        print("| %s | %d | %s |" % (lang, len(per[engines[0][0]][lang]), " | ".join(cells)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
