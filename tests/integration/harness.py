"""Shared helpers for integration tests: the real binaries, temporary indexes, a real daemon."""
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.abspath(os.path.join(HERE, "..", ".."))
SAMPLE = os.path.join(SOURCE_DIR, "corpus", "sample")
SHARED_CORPUS = os.environ.get("DRAGOMAN_SHARED_CORPUS",
                               os.path.abspath(os.path.join(SOURCE_DIR, "..", "shared", "corpus")))


def binary(name):
    """Path of a built program: $DRAGOMAN_BUILD_DIR/<dir>/<name>."""
    build = os.environ.get("DRAGOMAN_BUILD_DIR", os.path.join(SOURCE_DIR, "build"))
    sub = "indexer" if name == "dragoman-index" else "searchd"
    return os.path.join(build, sub, name)


def have_shared_corpus():
    return os.path.exists(os.path.join(SHARED_CORPUS, "sample-small.jsonl"))


def skip_without_corpus(test):
    """Skips loudly (stderr and the unittest report) when ../shared/corpus is absent."""
    if not have_shared_corpus():
        sys.stderr.write("SKIPPED: %s needs ../shared/corpus, which is not present\n" % test.id())
        test.skipTest("SKIPPED: needs ../shared/corpus")


def run(args, check=None, **kw):
    p = subprocess.run(args, capture_output=True, text=True, timeout=kw.pop("timeout", 600), **kw)
    if check is not None and p.returncode != check:
        raise AssertionError("%s exited %d, expected %d\nstdout: %s\nstderr: %s"
                             % (args, p.returncode, check, p.stdout[-2000:], p.stderr[-2000:]))
    return p


def index(db, *sources, extra=(), check=0):
    return run([binary("dragoman-index"), "--db", db, *extra, *sources], check=check)


def search_json(db, query, *extra, check=None):
    p = run([binary("dragoman-search"), "--db", db, "--json", *extra, query], check=check)
    return p, (json.loads(p.stdout) if p.stdout.strip() else None)


def result_ids(obj):
    return [r["id"] for r in obj["results"]]


class Daemon:
    """dragoman-searchd on a free loopback port, stopped with SIGTERM."""

    def __init__(self, *dbs, extra=()):
        args = [binary("dragoman-searchd")]
        for db in dbs:
            args += ["--db", db]
        args += ["--listen", "127.0.0.1:0", *extra]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "http://" not in line:
            self.proc.kill()
            raise AssertionError("daemon did not start: %r %s" % (line, self.proc.stderr.read()))
        self.url = line.strip().split()[-1].rstrip("/")

    def get(self, path, params=None, raw_path=False):
        url = self.url + path
        if params:
            url += "?" + urllib.parse.urlencode(params)
        req = urllib.request.Request(url)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, dict(r.headers), r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode("utf-8")

    def get_json(self, path, params=None):
        status, headers, body = self.get(path, params)
        return status, json.loads(body)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                raise AssertionError("daemon did not stop on SIGTERM")
        self.stderr = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return self.proc.returncode


def request(url, method, path, body=None, headers=None):
    """One request to the daemon at `url` on a connection of its own, redirects not followed:
    (status, headers with lower-case names, body as bytes)."""
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        c.close()


def speech(tid, date, speaker, texts, language="en"):
    """A record of one speaker's turns from the source `test`, titled after its id."""
    return {"id": tid, "source": "test", "language": language, "date": date, "title": "Briefing " + tid,
            "speakers": [speaker], "country": "", "url": "", "turns": [{"speaker": speaker, "text": t} for t in texts]}


def indexed_daemon(tmp, records):
    """`records` written to TMP/in.jsonl, indexed into TMP/db, and a daemon serving it: (db, daemon)."""
    src = os.path.join(tmp, "in.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    db = os.path.join(tmp, "db")
    index(db, src)
    return db, Daemon(db)


def temp_dir(test):
    d = tempfile.TemporaryDirectory(prefix="dragoman-test-")
    test.addCleanup(d.cleanup)
    return d.name
