#!/usr/bin/env python3
"""Times GET /api/trend (by year, by month, split by speaker) against GET /api/search
(top 10 with snippets and facets) on one dragoman-searchd, and SQLite FTS5's count of
matching transcripts per year (GROUP BY over the match) as the peer: medians of --runs
requests after one warm-up, per query, and the ratios."""
import os
import sqlite3
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from daemon_timing import Daemon, arguments, median_ms  # noqa: E402

QUERIES = ["sanctions", "climate change", "nuclear weapons", "cooperation", "terrorism 2001..2010",
           "speaker:psaki", "lang:en"]


def main():
    a = arguments(__doc__)
    fts = sqlite3.connect(a.fts5)

    def fts5_per_year(q):
        # Words quoted and ANDed (the peers' query semantics); filters have no FTS5 equivalent.
        words = [w for w in q.split() if ":" not in w and ".." not in w]
        if not words:
            return []
        match = " ".join('"%s"' % w.replace('"', '""') for w in words)
        return fts.execute("SELECT substr(date, 1, 4) AS y, count(*) FROM fts WHERE fts MATCH ? GROUP BY y",
                           (match,)).fetchall()

    with Daemon(a.searchd, a.db) as daemon:
        get = daemon.get
        cold = get("/api/trend", {"q": QUERIES[0]})["took_ms"]
        print("first /api/trend after start (speaker denominators read once): %.1f ms server time" % cold)
        print("%-22s %9s %6s %9s %9s %9s %9s %9s %7s %7s" % ("query", "passages", "exact", "trend", "month", "speaker",
                                                            "search", "fts5/yr", "t/srch", "t/fts5"))
        ratios = []
        for q in QUERIES:
            t = get("/api/trend", {"q": q})
            trend = median_ms(lambda: get("/api/trend", {"q": q}), a.runs)
            month = median_ms(lambda: get("/api/trend", {"q": q, "by": "month"}), a.runs)
            speaker = median_ms(lambda: get("/api/trend", {"q": q, "split": "speaker"}), a.runs)
            search = median_ms(lambda: get("/api/search", {"q": q}), a.runs)
            peer = median_ms(lambda: fts5_per_year(q), a.runs) if fts5_per_year(q) else float("nan")
            ratios.append(trend / search)
            print("%-22s %9d %6s %9.1f %9.1f %9.1f %9.1f %9.1f %7.2f %7.2f" % (
                q, t["matches"], "yes" if t["matches_exact"] else "no", trend, month, speaker, search, peer,
                trend / search, trend / peer if peer == peer else float("nan")))
        print("median ratio /api/trend to /api/search: %.2f (ms are medians of %d requests, client side)"
              % (statistics.median(ratios), a.runs))


if __name__ == "__main__":
    main()
