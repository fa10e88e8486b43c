"""What the benchmarks that time a dragoman-searchd beside SQLite FTS5 share (run through
bench/peer_indexes.sh's against_peers): their arguments, the daemon on a free loopback port,
its JSON answers, and the median time of repeated calls."""
import argparse
import json
import statistics
import subprocess
import time
import urllib.parse
import urllib.request


def arguments(description):
    """--searchd BINARY --db DBROOT --fts5 FILE [--runs N], parsed."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--searchd", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--fts5", required=True)
    ap.add_argument("--runs", type=int, default=10)
    return ap.parse_args()


def median_ms(fn, runs):
    """The median of `runs` timed calls of `fn`, after one untimed warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


class Daemon:
    """dragoman-searchd serving `db` on 127.0.0.1, port chosen by the system; a context manager."""

    def __init__(self, searchd, db):
        self.proc = subprocess.Popen([searchd, "--db", db, "--listen", "127.0.0.1:0", "--no-access-log"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.url = self.proc.stdout.readline().strip().split()[-1].rstrip("/")

    def get(self, path, params):
        with urllib.request.urlopen(self.url + path + "?" + urllib.parse.urlencode(params), timeout=60) as r:
            return json.loads(r.read())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=20)
