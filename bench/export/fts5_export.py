#!/usr/bin/env python3
"""The SQLite FTS5 peer doing an export's work: every row matching QUERY (best first, at
most LIMIT) with its fields and whole text written as JSON Lines to standard output, from
the peers' FTS5 index (bench/eval/fts5_search.py --build).
Usage: fts5_export.py DB LIMIT WORD..."""
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "eval"))
import fts5_search  # noqa: E402
import peer_query  # noqa: E402

db, limit, words = sys.argv[1], int(sys.argv[2]), " ".join(sys.argv[3:])
c = sqlite3.connect(db)
out = sys.stdout
n = 0
for row in c.execute("SELECT id, date, language, source, title, speakers, text FROM fts WHERE fts MATCH ? "
                     "ORDER BY rank LIMIT ?", (fts5_search.match_expression(peer_query.parse(words)), limit)):
    out.write(json.dumps(dict(zip(("id", "date", "language", "source", "title", "speakers", "text"), row)),
                         ensure_ascii=False) + "\n")
    n += 1
sys.stderr.write("fts5_export: %d rows\n" % n)
