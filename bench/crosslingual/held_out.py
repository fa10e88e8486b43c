#!/usr/bin/env python3
"""Writes the held-out list of the cross-lingual evaluation: every fifth UN document (by its
symbol, sorted, from the second), all six language versions of it, one transcript id a line.
Usage: held_out.py CORPUS.jsonl > held_out.txt"""
import json
import sys

docs = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if not line.startswith('{"id": "unpc:'):
            continue
        d = json.loads(line)
        docs.setdefault(d["id"].rsplit(":", 1)[0], []).append(d["id"])
for i, stem in enumerate(sorted(docs)):
    if i % 5 == 1:
        for tid in sorted(docs[stem]):
            print(tid)
