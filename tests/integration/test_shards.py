"""Sharded indexes served by xapian-tcpsrv and searched as one: the same transcripts indexed
as one database and as 2 and 3 shards give the same answers (ids, scores, totals, facets,
snippets) through dragoman-search --json and the daemon; a shard that dies, stops or drops
its connection fails queries clearly and within a bounded time, and the daemon recovers
when it returns; --config lists the shards."""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

# Every 50th transcript of the real corpus: all its sources and scripts, indexed in seconds.
CORPUS_STRIDE = 50
SCORE_TOLERANCE = 1e-9  # relative
PAGE = 20

# (what it exercises, query, extra parameters as in GET /api/search)
QUERIES = [
    ("French word", "énergie", {}),
    ("English word", "energy", {}),
    ("Cyrillic name", "Захарова", {}),
    ("Russian word", "санкции", {}),
    ("Chinese word", "合作", {}),
    ("Arabic word", "السلام", {}),
    ("Turkish word", "işbirliği", {}),
    ("French phrase", '"Union européenne"', {}),
    ("English phrase", '"human rights"', {}),
    ("speaker field", "speaker:zakharova", {}),
    ("title field", "title:conference", {}),
    ("country filter and a word", "country:RUS security", {}),
    ("date range and a word", "2015..2021 cooperation", {}),
    ("date range alone", "2019..2021", {}),
    ("OR", "cooperation OR energy", {}),
    ("NOT", "security -Russia", {}),
    ("language filter alone", "lang:ru", {}),
    ("NEAR", "peace NEAR/5 security", {}),
    ("wildcard", "cooperat*", {}),
    ("sorted by date", "cooperation", {"sort": "date"}),
    ("sorted oldest first", "energy", {"sort": "date-asc"}),
    ("second page", "cooperation", {"offset": "10"}),
    ("misspelt word", "cooperatoin", {}),
]
MISSPELT = "cooperatoin"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TcpSrv:
    """xapian-tcpsrv serving one shard on a loopback port, in its own process group so
    that the connection children it forks die or stop with it."""

    def __init__(self, path, extra=()):
        self.path, self.extra, self.port = path, list(extra), free_port()
        self.start()

    @property
    def url(self):
        return "tcp://127.0.0.1:%d" % self.port

    def start(self):
        for _ in range(50):  # the port of a killed server may take a moment to be free
            self.proc = subprocess.Popen(
                ["xapian-tcpsrv", "--port", str(self.port), "--interface", "127.0.0.1", "--quiet",
                 *self.extra, self.path],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
            for _ in range(100):
                if self.proc.poll() is not None:
                    break
                try:
                    socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                    return
                except OSError:
                    time.sleep(0.05)
            self.proc.kill()
            self.proc.wait()
            self.proc.stderr.close()
            time.sleep(0.2)
        raise AssertionError("xapian-tcpsrv did not start on port %d" % self.port)

    def signal(self, sig):
        os.killpg(self.proc.pid, sig)

    def kill(self):
        if self.proc.poll() is None:
            self.signal(signal.SIGCONT)
            self.signal(signal.SIGKILL)
            self.proc.wait()
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # connection children left behind
        except ProcessLookupError:
            pass
        self.proc.stderr.close()


def close(a, b):
    return abs(a - b) <= SCORE_TOLERANCE * max(abs(a), abs(b))


def ids(obj):
    return [r["id"] for r in obj["results"]]


def tie_groups(results):
    """Runs of results with the same date and scores equal within the tolerance."""
    groups = []
    for r in results:
        if groups and groups[-1][-1]["date"] == r["date"] and close(groups[-1][-1]["score"], r["score"]):
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def cli(dbs, query, params, extra=()):
    args = [h.binary("dragoman-search"), "--json", "--limit", str(PAGE)]
    for db in dbs:
        args += ["--db", db]
    for key in ("sort", "offset"):
        if key in params:
            args += ["--" + key, params[key]]
    p = h.run(args + list(extra) + ["--", query])
    if p.returncode not in (0, 1):
        raise AssertionError("dragoman-search %s exited %d: %s" % (query, p.returncode, p.stderr))
    return json.loads(p.stdout)


def api(daemon, query, params):
    status, obj = daemon.get_json("/api/search", dict(params, q=query, limit=str(PAGE)))
    if status != 200:
        raise AssertionError("GET /api/search %s: %d %s" % (query, status, obj))
    return obj


class SameAnswers:
    """The same transcripts as one database and as shards, local and behind xapian-tcpsrv."""

    needs_corpus = False

    @classmethod
    def sources(cls, tmp):
        raise NotImplementedError

    @classmethod
    def setUpClass(cls):
        cls.servers, cls.daemons = [], []
        if cls.needs_corpus and not (h.have_shared_corpus()
                                     and os.path.exists(os.path.join(h.SHARED_CORPUS, "transcripts.jsonl"))):
            return
        cls.tmpdir = tempfile.TemporaryDirectory(prefix="dragoman-shards-")
        tmp = cls.tmpdir.name
        sources = cls.sources(tmp)
        cls.one = os.path.join(tmp, "one")
        cls.two = os.path.join(tmp, "two")
        cls.three = os.path.join(tmp, "three")
        h.index(cls.one, *sources, extra=["--quiet"])
        h.index(cls.two, *sources, extra=["--quiet", "--shards", "2"])
        h.index(cls.three, *sources, extra=["--quiet", "--shards", "3"])
        try:
            two = [TcpSrv(os.path.join(cls.two, "current", "shard-%d" % i)) for i in range(2)]
            cls.servers += two
            three = [TcpSrv(os.path.join(cls.three, "current", "shard-%d" % i)) for i in range(3)]
            cls.servers += three
            cls.layouts = {
                # Each shard's spelling table holds the words of at least 3 of its own
                # passages, so a rare word's suggestion may differ from one database's.
                "2 local shards": ([cls.two], None),
                "2 shards on xapian-tcpsrv": ([s.url for s in two], "none"),
                "3 shards on xapian-tcpsrv": ([s.url for s in three], "none"),
                "1 local shard and 2 on xapian-tcpsrv":
                    ([os.path.join(cls.three, "current", "shard-0")] + [s.url for s in three[1:]], None),
            }
            cls.config = os.path.join(tmp, "two-remote.conf")
            with open(cls.config, "w") as f:
                f.write("# the two shards, one line each\n\n" + "".join("db = %s\n" % s.url for s in two))
            cls.reference_daemon = h.Daemon(cls.one)
            cls.daemons.append(cls.reference_daemon)
            cls.remote_daemon = h.Daemon(*[s.url for s in three])
            cls.daemons.append(cls.remote_daemon)
            cls.config_daemon = h.Daemon(extra=["--config", cls.config])
            cls.daemons.append(cls.config_daemon)
        except BaseException:
            cls.tearDownClass()
            raise
        cls.reference = {label: cli([cls.one], q, p) for label, q, p in QUERIES}

    @classmethod
    def tearDownClass(cls):
        for d in cls.daemons:
            d.stop()
        for s in cls.servers:
            s.kill()
        if hasattr(cls, "tmpdir"):
            cls.tmpdir.cleanup()

    def setUp(self):
        if self.needs_corpus:
            h.skip_without_corpus(self)

    def assert_same(self, ref, got, label, suggestion="same"):
        """The same results in the same order, up to the order of ties: results with the
        same date and scores equal within the tolerance come in docid order, and docids
        depend on how the transcripts are split into shards. A tie cut by the end of the
        page may show different members of the tie."""
        a_groups, b_groups = tie_groups(ref["results"]), tie_groups(got["results"])
        self.assertEqual([len(g) for g in a_groups], [len(g) for g in b_groups],
                         "%s: %s != %s" % (label, ids(ref), ids(got)))
        page_full = len(ref["results"]) == PAGE  # the page may cut a tie
        by_id = {r["id"]: r for r in got["results"]}
        for n, (a, b) in enumerate(zip(a_groups, b_groups)):
            if n < len(a_groups) - 1 or not page_full:
                self.assertEqual(sorted(r["id"] for r in a), sorted(r["id"] for r in b),
                                 "%s: %s != %s" % (label, ids(ref), ids(got)))
            self.assertEqual(a[0]["date"], b[0]["date"], label)
            self.assertTrue(close(a[0]["score"], b[0]["score"]), label)
            for r in a:
                if r["id"] not in by_id:
                    continue
                other = by_id[r["id"]]
                self.assertTrue(close(r["score"], other["score"]),
                                "%s: %s scored %r, not %r" % (label, r["id"], other["score"], r["score"]))
                # best_passage (the citation target) is left out: among passages of one
                # transcript scoring nearly alike it follows the layout (see docs/scaling.md).
                skip = ("score", "best_passage")
                self.assertEqual({k: v for k, v in r.items() if k not in skip},
                                 {k: v for k, v in other.items() if k not in skip}, label)  # snippets
        skip = ("took_ms", "results", "suggestion")
        self.assertEqual({k: v for k, v in ref.items() if k not in skip},
                         {k: v for k, v in got.items() if k not in skip}, label)  # totals, facets
        if suggestion == "same":
            self.assertEqual(ref["suggestion"], got["suggestion"], label)
        elif suggestion == "none":
            self.assertIsNone(got["suggestion"], label + ": remote shards have no spelling data")

    def test_the_query_set_finds_transcripts(self):
        found = [label for label, _, _ in QUERIES if self.reference[label]["results"]]
        self.assertGreaterEqual(len(found), len(QUERIES) - 5, "too few queries find anything: %s" % found)
        self.assertTrue(any(self.reference[label]["total"] >= 10 for label in found), "every query finds few")
        self.assertTrue(any(len(tie_groups(self.reference[label]["results"])) >= 10 for label in found),
                        "no query ranks ten results apart")

    def test_every_layout_answers_as_one_database_through_the_cli(self):
        for layout, (dbs, suggestion) in self.layouts.items():
            for label, query, params in QUERIES:
                with self.subTest(layout=layout, query=label):
                    self.assert_same(self.reference[label], cli(dbs, query, params),
                                     "%s, %s" % (layout, label), suggestion)

    def test_the_daemon_over_remote_shards_answers_as_over_one_database(self):
        for daemon, suggestion in ((self.reference_daemon, "same"), (self.remote_daemon, "none"),
                                   (self.config_daemon, "none")):
            for label, query, params in QUERIES:
                with self.subTest(daemon=daemon.url, query=label):
                    self.assert_same(self.reference[label], api(daemon, query, params), label, suggestion)

    def test_trends_over_remote_shards_are_those_of_one_database(self):
        for query in ("energy", "cooperation", "Захарова"):
            with self.subTest(query=query):
                answers = []
                for daemon in (self.reference_daemon, self.remote_daemon):
                    status, obj = daemon.get_json("/api/trend", {"q": query})
                    self.assertEqual(status, 200, obj)
                    obj.pop("took_ms", None)
                    answers.append(obj)
                self.assertEqual(answers[0], answers[1])
                self.assertTrue(any(p["matches"] for p in answers[0]["periods"]), "the trend counts nothing")

    def test_spelling_suggestions_come_only_from_local_databases(self):
        label = [l for l, q, _ in QUERIES if q == MISSPELT][0]
        self.assertIsNotNone(self.reference[label]["suggestion"], "one database suggests a spelling")
        self.assertEqual(cli([self.two], MISSPELT, {})["suggestion"], self.reference[label]["suggestion"])
        self.assertIsNone(cli([s.url for s in self.servers[:2]], MISSPELT, {})["suggestion"])
        self.assertIsNone(api(self.remote_daemon, MISSPELT, {})["suggestion"])

    def test_the_transcript_view_reads_remote_shards(self):
        hit = self.reference["Russian word"]["results"][0]["id"]
        status, ref = self.reference_daemon.get_json("/api/doc/" + urllib.parse.quote(hit, safe=""),
                                                      {"q": "санкции"})
        self.assertEqual(status, 200)
        status, got = self.remote_daemon.get_json("/api/doc/" + urllib.parse.quote(hit, safe=""),
                                                   {"q": "санкции"})
        self.assertEqual(status, 200)
        self.assertEqual(ref, got)
        self.assertGreater(got["hits"], 0)


class SampleCorpus(SameAnswers, unittest.TestCase):
    """The bundled sample corpus: always there."""

    @classmethod
    def sources(cls, tmp):
        return [h.SAMPLE]


class RealCorpusSlice(SameAnswers, unittest.TestCase):
    """Every 50th transcript of ../shared/corpus/transcripts.jsonl plus the sample corpus."""

    needs_corpus = True

    @classmethod
    def sources(cls, tmp):
        path = os.path.join(tmp, "slice.jsonl")
        with open(os.path.join(h.SHARED_CORPUS, "transcripts.jsonl"), encoding="utf-8") as src, \
                open(path, "w", encoding="utf-8") as out:
            for n, line in enumerate(src):
                if n % CORPUS_STRIDE == 0:
                    out.write(line)
        return [path, h.SAMPLE]


class ShardFailures(unittest.TestCase):
    """A daemon over two remote shards while one of them dies, stops or drops idle
    connections: a clear 503 naming the trouble, never a hang, the same answers after."""

    QUERY = {"q": "cooperation OR énergie", "limit": "20"}
    # xapian-tcpsrv closes connections idle this long; the daemon must reopen them.
    IDLE_MS = 1500

    @classmethod
    def setUpClass(cls):
        cls.tmpdir = tempfile.TemporaryDirectory(prefix="dragoman-shards-")
        db = os.path.join(cls.tmpdir.name, "db")
        h.index(db, h.SAMPLE, extra=["--quiet", "--shards", "2"])
        cls.servers = [TcpSrv(os.path.join(db, "current", "shard-%d" % i),
                              extra=["--idle-timeout", str(cls.IDLE_MS), "--active-timeout", "60000"])
                       for i in range(2)]
        cls.daemon = h.Daemon(*[s.url for s in cls.servers], extra=["--threads", "4"])
        status, cls.expected = cls.daemon.get_json("/api/search", cls.QUERY)
        assert status == 200 and cls.expected["results"], cls.expected

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()
        for s in cls.servers:
            s.kill()
        cls.tmpdir.cleanup()

    def tearDown(self):
        for s in self.servers:  # whatever a test did, both shards serve again
            if s.proc.poll() is None:
                s.signal(signal.SIGCONT)
            else:
                s.kill()
                s.start()

    def assert_unavailable(self, status, obj, *words):
        self.assertEqual(status, 503, obj)
        self.assertEqual(obj["error"]["code"], "unavailable")
        for w in words:
            self.assertIn(w, obj["error"]["message"])

    def assert_recovered(self):
        # Several requests, so that every worker thread's shard connections are exercised.
        for _ in range(8):
            status, got = self.daemon.get_json("/api/search", self.QUERY)
            self.assertEqual(status, 200, got)
            got.pop("took_ms")
            self.assertEqual(got, {k: v for k, v in self.expected.items() if k != "took_ms"})

    def timed_get(self):
        started = time.monotonic()
        status, obj = self.daemon.get_json("/api/search", self.QUERY)
        return status, obj, time.monotonic() - started

    def test_a_killed_shard_gives_503_naming_it_and_the_daemon_recovers_when_it_returns(self):
        down = self.servers[1]
        down.kill()
        for _ in range(3):
            status, obj, took = self.timed_get()
            self.assert_unavailable(status, obj, down.url)
            self.assertLess(took, 20)
        p = h.run([h.binary("dragoman-search"), "--db", self.servers[0].url, "--db", down.url, "cooperation"])
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn(down.url, p.stderr)
        down.start()
        self.assert_recovered()

    def test_a_stopped_shard_fails_within_the_remote_timeout_instead_of_hanging(self):
        self.servers[0].signal(signal.SIGSTOP)
        status, obj, took = self.timed_get()
        self.assert_unavailable(status, obj, "did not answer in time")
        self.assertLess(took, 20, "a stopped shard must not hang the query")
        self.servers[0].signal(signal.SIGCONT)
        self.assert_recovered()

    def test_a_shard_killed_mid_query_fails_that_query_and_not_the_next(self):
        self.servers[1].signal(signal.SIGSTOP)  # the query waits for it...
        answer = {}
        t = threading.Thread(target=lambda: answer.update(zip(("status", "obj", "took"), self.timed_get())))
        t.start()
        time.sleep(1.0)
        self.servers[1].kill()                  # ...and it dies meanwhile
        t.join(30)
        self.assertFalse(t.is_alive(), "the query hangs")
        self.assert_unavailable(answer["status"], answer["obj"])
        self.servers[1].start()
        self.assert_recovered()

    def test_connections_the_shard_closed_when_idle_are_reopened(self):
        self.assert_recovered()
        time.sleep(self.IDLE_MS / 1000 + 1)
        self.assert_recovered()


class NewGenerationOnTheShardsHost(unittest.TestCase):
    """A connection to xapian-tcpsrv keeps the generation it opened; the daemon reconnects
    after --remote-reconnect seconds and so serves what was published since."""

    def test_the_daemon_finds_a_transcript_published_after_it_connected(self):
        tmp = h.temp_dir(self)
        src = os.path.join(tmp, "src")
        os.mkdir(src)
        for name in sorted(os.listdir(h.SAMPLE)):
            with open(os.path.join(h.SAMPLE, name), "rb") as f, open(os.path.join(src, name), "wb") as out:
                out.write(f.read())
        db = os.path.join(tmp, "db")
        h.index(db, src, extra=["--quiet", "--shards", "2"])
        servers = [TcpSrv(os.path.join(db, "current", "shard-%d" % i)) for i in range(2)]
        for s in servers:
            self.addCleanup(s.kill)
        daemon = h.Daemon(*[s.url for s in servers], extra=["--remote-reconnect", "1"])
        self.addCleanup(daemon.stop)
        query = {"q": "zebrafinch", "facets": "0"}
        status, before = daemon.get_json("/api/search", query)
        self.assertEqual((status, before["total"]), (200, 0))
        with open(os.path.join(src, "new.jsonl"), "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "test:zebrafinch", "source": "test", "language": "en", "date": "2024-02-02",
                                "title": "Birds", "speakers": [], "country": "", "url": "",
                                "text": "The zebrafinch was discussed at length."}) + "\n")
        h.index(db, src, extra=["--quiet", "--shards", "2"])
        deadline = time.monotonic() + 15
        while True:
            status, after = daemon.get_json("/api/search", query)
            self.assertEqual(status, 200, after)
            if after["total"] == 1 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        self.assertEqual([r["id"] for r in after["results"]], ["test:zebrafinch"])


class ConfigFile(unittest.TestCase):
    """--config FILE: one option per line; mistakes named by file and line."""

    @classmethod
    def setUpClass(cls):
        cls.tmpdir = tempfile.TemporaryDirectory(prefix="dragoman-shards-")
        cls.db = os.path.join(cls.tmpdir.name, "db")
        h.index(cls.db, h.SAMPLE, extra=["--quiet", "--shards", "2"])

    @classmethod
    def tearDownClass(cls):
        cls.tmpdir.cleanup()

    def write(self, text):
        path = os.path.join(self.tmpdir.name, "x.conf")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_options_from_the_file_and_the_command_line_combine(self):
        shards = [os.path.join(self.db, "current", "shard-%d" % i) for i in range(2)]
        conf = self.write('# shards\ndb = %s\n\n  db = "%s"\nlimit = 3\njson = true\n' % tuple(shards))
        p = h.run([h.binary("dragoman-search"), "--config", conf, "énergie"], check=0)
        from_file = json.loads(p.stdout)
        self.assertEqual(len(from_file["results"]), 3)
        direct = json.loads(h.run([h.binary("dragoman-search"), "--db", self.db, "--json", "--limit", "3", "énergie"],
                                  check=0).stdout)
        self.assertEqual([r["id"] for r in from_file["results"]], [r["id"] for r in direct["results"]])
        self.assertEqual(from_file["total"], direct["total"])
        # The command line replaces a single-valued option of the file.
        p = h.run([h.binary("dragoman-search"), "--config", conf, "--limit", "1", "énergie"], check=0)
        self.assertEqual(len(json.loads(p.stdout)["results"]), 1)

    def test_mistakes_are_named_by_file_and_line(self):
        for program, flag, args in (("dragoman-search", "json", ["x"]),
                                    ("dragoman-searchd", "no-access-log", ["--listen", "127.0.0.1:0"])):
            cases = [
                ("db = %s\nbogus = 1\n" % self.db, ":2: error: unknown option 'bogus'"),
                ("\n\ndb %s\n" % self.db, ":3: error: expected 'name = value'"),
                ("db =\n", ":1: error: 'db' has no value"),
                ("%s = maybe\n" % flag, ":1: error: '%s' is a flag" % flag),
            ]
            for text, message in cases:
                with self.subTest(program=program, message=message):
                    conf = self.write(text)
                    p = h.run([h.binary(program), "--config", conf, *args], check=2)
                    self.assertIn(conf + message, p.stderr)
        p = h.run([h.binary("dragoman-search"), "--config", os.path.join(self.tmpdir.name, "missing.conf"), "x"],
                  check=2)
        self.assertIn("missing.conf: error: cannot read the config file", p.stderr)

    def test_a_malformed_remote_address_is_refused_at_start(self):
        for bad in ("tcp://127.0.0.1", "tcp://:7000", "tcp://127.0.0.1:99999", "tcp://127.0.0.1:x"):
            with self.subTest(address=bad):
                p = h.run([h.binary("dragoman-search"), "--db", bad, "x"], check=2)
                self.assertIn("remote shard '%s'" % bad, p.stderr)
                p = h.run([h.binary("dragoman-searchd"), "--db", bad, "--listen", "127.0.0.1:0"], check=2)
                self.assertIn("remote shard '%s'" % bad, p.stderr)


if __name__ == "__main__":
    unittest.main()
