#!/usr/bin/env python3
"""The corpus JSONL as Sphinx tsvpipe rows for bench/latency (the peers' jsonl2tsv.py plus the
facet attributes: year, country, source, and speakers as a list of ids), and the id -> name
list of speakers. Sphinx 2.2's tsvpipe has no escaping: tabs and newlines become spaces.
Usage: sphinx_tsv.py CORPUS.jsonl OUT.tsv SPEAKERS.tsv"""
import json
import sys


def clean(v):
    return str(v).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def main():
    corpus, out_path, speakers_path = sys.argv[1:4]
    ids = {}
    with open(out_path, "w", encoding="utf-8") as out:
        for n, line in enumerate(open(corpus, encoding="utf-8"), 1):
            d = json.loads(line)
            date = d.get("date", "") or ""
            digits = date.replace("-", "")
            speakers = [s for s in d.get("speakers", []) if s]
            speaker_ids = [str(ids.setdefault(s, len(ids) + 1)) for s in speakers]
            cols = [str(n), d.get("title", ""), d.get("text", ""), d.get("id", ""), date,
                    digits if len(digits) == 8 and digits.isdigit() else "0",
                    date[:4] if date[:4].isdigit() else "0",
                    d.get("language", ""), d.get("country", ""), d.get("source", ""),
                    " ".join(speakers), ",".join(speaker_ids)]
            out.write("\t".join(clean(c) for c in cols) + "\n")
    with open(speakers_path, "w", encoding="utf-8") as out:
        for name, i in ids.items():
            out.write(f"{i}\t{clean(name)}\n")


if __name__ == "__main__":
    main()
