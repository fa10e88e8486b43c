#!/usr/bin/env python3
"""A SQLite FTS5 peer that speaks `dragoman-search --json` (the subset the known-item
evaluation reads): `fts5_search.py --db FILE --json --limit N QUERY`, or
`fts5_search.py --build FILE JSONL` to build the index with the peers' configuration
(../shared/peers/sqlite/build.sql.in: porter over unicode61, bm25 title x2)."""
import json
import sqlite3
import sys


def build(db, jsonl):
    c = sqlite3.connect(db)
    c.execute("PRAGMA journal_mode=OFF")
    c.execute("PRAGMA synchronous=OFF")
    c.execute("""CREATE VIRTUAL TABLE fts USING fts5(title, text, speakers, id UNINDEXED,
                 date UNINDEXED, language UNINDEXED, tokenize = 'porter unicode61')""")
    c.execute("INSERT INTO fts(fts, rank) VALUES('rank', 'bm25(2.0, 1.0, 1.0)')")
    with open(jsonl, encoding="utf-8") as f:
        rows = []
        for line in f:
            d = json.loads(line)
            rows.append((d.get("title", ""), d.get("text", ""), json.dumps(d.get("speakers", []), ensure_ascii=False),
                         d["id"], d.get("date", ""), d.get("language", "")))
    c.executemany("INSERT INTO fts(title, text, speakers, id, date, language) VALUES (?,?,?,?,?,?)", rows)
    c.execute("INSERT INTO fts(fts) VALUES('optimize')")
    c.commit()


def search(db, query, limit):
    # Each word quoted, implicit AND: the peers' query semantics (RESULTS.head.md).
    words = [w.replace('"', '""') for w in query.split()]
    match = " ".join('"%s"' % w for w in words if w)
    c = sqlite3.connect(db)
    try:
        rows = c.execute("SELECT id FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?", (match, limit)).fetchall()
    except sqlite3.OperationalError:
        rows = []
    return {"query": query, "results": [{"id": r[0]} for r in rows]}


def main(argv):
    if argv[:1] == ["--build"]:
        build(argv[1], argv[2])
        return 0
    db, limit, words = None, 10, []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--db":
            db = argv[i + 1]; i += 2
        elif a == "--limit":
            limit = int(argv[i + 1]); i += 2
        elif a == "--json":
            i += 1
        else:
            words.append(a); i += 1
    out = search(db, " ".join(words), limit)
    print(json.dumps(out, ensure_ascii=False))
    return 0 if out["results"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
