#!/usr/bin/env python3
"""A SQLite FTS5 peer that speaks `dragoman-search --json` (the subset the evaluations read):
`fts5_search.py --db FILE --json --limit N QUERY`, or `fts5_search.py --build FILE JSONL` to
build the index with the peers' configuration (../shared/peers/sqlite/build.sql.in: porter
over unicode61, bm25 title x2). Queries: each word quoted, implicit AND (the peers' query
semantics, RESULTS.head.md); the judged set's OR, -word, phrases, speaker: (the speakers
column), lang:/source:/dates (SQL conditions) through peer_query."""
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_query  # noqa: E402


def build(db, jsonl):
    c = sqlite3.connect(db)
    c.execute("PRAGMA journal_mode=OFF")
    c.execute("PRAGMA synchronous=OFF")
    c.execute("""CREATE VIRTUAL TABLE fts USING fts5(title, text, speakers, id UNINDEXED,
                 date UNINDEXED, language UNINDEXED, source UNINDEXED, tokenize = 'porter unicode61')""")
    c.execute("INSERT INTO fts(fts, rank) VALUES('rank', 'bm25(2.0, 1.0, 1.0)')")
    with open(jsonl, encoding="utf-8") as f:
        rows = []
        for line in f:
            d = json.loads(line)
            rows.append((d.get("title", ""), d.get("text", ""), json.dumps(d.get("speakers", []), ensure_ascii=False),
                         d["id"], d.get("date", ""), d.get("language", ""), d.get("source", "")))
    c.executemany("INSERT INTO fts(title, text, speakers, id, date, language, source) VALUES (?,?,?,?,?,?,?)", rows)
    c.execute("INSERT INTO fts(fts) VALUES('optimize')")
    c.commit()


def quoted(words):
    return '"%s"' % " ".join(w.replace('"', '""') for w in words)


def match_expression(q):
    parts = ["(" + " OR ".join(quoted(item) for item in group) + ")" for group in q.groups]
    if q.speaker:
        parts.append("speakers : (" + " ".join(quoted([w]) for w in q.speaker) + ")")
    expr = " AND ".join(parts)
    for item in q.negated:
        expr += " NOT " + quoted(item)
    return expr


def search(db, query, limit):
    q = peer_query.parse(query)
    sql, args = "SELECT id FROM fts WHERE fts MATCH ?", [match_expression(q)]
    if q.lang:
        sql += " AND language = ?"; args.append(q.lang)
    if q.source:
        sql += " AND source = ?"; args.append(q.source)
    if q.date_from:
        sql += " AND date BETWEEN ? AND ?"; args += [q.date_from, q.date_to]
    sql += " ORDER BY rank LIMIT ?"
    args.append(limit)
    c = sqlite3.connect(db)
    try:
        rows = c.execute(sql, args).fetchall() if q.groups or q.speaker else []
    except sqlite3.OperationalError:
        rows = []
    return {"query": query, "results": [{"id": r[0]} for r in rows]}


def main(argv):
    if argv[:1] == ["--build"]:
        build(argv[1], argv[2])
        return 0
    return peer_query.answer(search, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
