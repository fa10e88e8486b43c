#!/usr/bin/env python3
"""Times GET /api/concordance (lines sorted by the words before, 8 words each side, at most
2,000 lines) on one dragoman-searchd against SQLite FTS5 doing the same work: the matching
transcripts in rank order, highlight() marking every match in their text, and the 8 words
before and after each mark cut and sorted in Python, up to the same 2,000 lines. Medians
of --runs after one warm-up, per query; lines and time, and the ratio."""
import os
import re
import sqlite3
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from daemon_timing import Daemon, arguments, median_ms  # noqa: E402

QUERIES = ["cooperation", "sanctions", "security", "moratorium"]
CONTEXT = 8
LINES = 2000
OPEN, CLOSE = "\x01", "\x02"


def fts5_concordance(db, word):
    """At most LINES occurrences of `word` with CONTEXT words each side, sorted by the
    words before (nearest first), from FTS5's highlight() of the matching transcripts."""
    lines = []
    rows = db.execute("SELECT id, highlight(fts, 1, ?, ?) FROM fts WHERE fts MATCH ? ORDER BY rank",
                      (OPEN, CLOSE, '"%s"' % word))
    for tid, text in rows:
        parts = re.split("[\x01\x02]", text)  # plain, hit, plain, hit, ..., plain
        for i in range(1, len(parts), 2):
            left = parts[i - 1].split()[-CONTEXT:]
            right = parts[i + 1].split()[:CONTEXT]
            lines.append((tid, " ".join(left), parts[i], " ".join(right), [w.lower() for w in reversed(left)]))
            if len(lines) >= LINES:
                break
        if len(lines) >= LINES:
            break
    lines.sort(key=lambda line: line[4])
    return lines


def main():
    a = arguments(__doc__)
    fts = sqlite3.connect(a.fts5)
    took = []  # the server's took_ms of each request

    with Daemon(a.searchd, a.db) as daemon:
        def concordance(q):
            body = daemon.get("/api/concordance", {"q": q, "sort": "left", "context": CONTEXT, "limit": LINES})
            took.append(body["took_ms"])
            return body

        print("%-14s %8s %9s %6s %10s %10s %8s %10s %7s" % ("query", "lines", "passages", "cut", "dragoman", "server",
                                                          "fts5 ln", "fts5", "ratio"))
        ratios = []
        for q in QUERIES:
            c = concordance(q)
            took.clear()
            ours = median_ms(lambda: concordance(q), a.runs)
            server = statistics.median(took[1:])  # the timed runs, not the warm-up
            peer_lines = len(fts5_concordance(fts, q))
            peer = median_ms(lambda: fts5_concordance(fts, q), a.runs)
            ratios.append(ours / peer)
            print("%-14s %8d %9d %6s %8.1f ms %7.1f ms %8d %7.1f ms %7.2f" % (
                q, len(c["lines"]), c["passages"], "yes" if c["cut"] else "no", ours, server, peer_lines, peer,
                ours / peer))
            if c["timed_out"]:
                print("  (the concordance of %r ran out of its time budget)" % q)
        print("median ratio Dragoman to FTS5: %.2f (ms are medians of %d runs: Dragoman's through HTTP on the client "
              "side, server = its took_ms; FTS5's in this process)" % (statistics.median(ratios), a.runs))


if __name__ == "__main__":
    main()
