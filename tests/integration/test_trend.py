"""GET /api/trend through the real daemon: per-period counts and denominators, the split,
who says it most, CSV and errors, checked against passages counted independently through
/api/search and /api/doc (every passage of each transcript, matches marked by the
highlighter), on corpus/sample and, when present, ../shared/corpus/sample-small.jsonl."""
import csv
import io
import json
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

FORMULA_SPEAKER = "=HYPERLINK(\"http://example.org\",\"x\")"
EXTRA_RECORDS = [{
    "id": "test:formula", "source": "test", "language": "en", "date": "2022-02-02",
    "title": "A speaker whose name is a formula", "speakers": [FORMULA_SPEAKER], "country": "XFM", "url": "",
    "turns": [{"speaker": FORMULA_SPEAKER, "text": "The tribunal of formulas convened."},
              {"speaker": "-2+3", "text": "The tribunal adjourned, said minus two."}],
}]


class Counter:
    """Counts passages the long way: the transcripts /api/search finds, every passage of
    each from /api/doc, and for a one-word query the passages the highlighter marks."""

    def __init__(self, daemon):
        self.d = daemon
        self.docs = {}

    def ids(self, q):
        out, offset = [], 0
        while True:
            status, body = self.d.get_json("/api/search", {"q": q, "limit": 100, "offset": offset,
                                                            "snippets": 0, "facets": 0})
            assert status == 200, body
            for r in body["results"]:
                out.append(r["id"])
                # Language versions and identical copies are one result; each is a
                # transcript of its own here, counted when it matches the query itself.
                out += [v["id"] for v in r.get("versions", []) + r.get("duplicates", []) if self.matches(v["id"], q)]
            if len(body["results"]) < 100:
                return out
            offset += 100

    def matches(self, tid, q):
        """Whether transcript `tid` itself matches `q` (a language version of a result may not)."""
        status, body = self.d.get_json("/api/search", {"q": '%s id:"%s"' % (q, tid), "limit": 1,
                                                        "snippets": 0, "facets": 0})
        assert status == 200, body
        return any(r["id"] == tid or any(v["id"] == tid for v in r["versions"]) for r in body["results"]) \
            and body["total"] > 0

    def doc(self, tid, word):
        key = (tid, word)
        if key not in self.docs:
            status, body = self.d.get_json("/api/doc/" + urllib.parse.quote(tid, safe=""), {"q": word})
            assert status == 200, body
            self.docs[key] = body
        return self.docs[key]

    def passages(self, q):
        """All passages of the transcripts matching filter-only query `q`."""
        return sum(len(self.doc(t, "")["passages"]) for t in self.ids(q))

    def marked(self, word, filters=""):
        """Passages with `word` marked, in transcripts matching `word filters`."""
        return sum(sum("<mark>" in p["html"] for p in self.doc(t, word)["passages"])
                   for t in self.ids((word + " " + filters).strip()))


class TrendChecks:
    """Checks shared by the sample and the real corpus; subclasses set up cls.daemon."""
    WORD = None

    def trend(self, **params):
        status, body = self.daemon.get_json("/api/trend", params)
        self.assertEqual(status, 200, body)
        return body

    def test_periods_and_denominators_match_passages_counted_per_year(self):
        t = self.trend(q=self.WORD)
        self.assertEqual(t["by"], "year")
        self.assertEqual(t["unit"], "per_million_passages")
        self.assertTrue(t["matches_exact"])
        self.assertGreater(t["matches"], 0)
        c = Counter(self.daemon)
        for p in t["periods"]:
            y = p["period"]
            self.assertEqual(p["passages"], c.passages("%s..%s" % (y, y)), y)
            self.assertEqual(p["matches"], c.marked(self.WORD, "%s..%s" % (y, y)), y)
            self.assertAlmostEqual(p["per_million"], round(p["matches"] * 1e6 / p["passages"], 2), places=2)
        dated = sum(p["matches"] for p in t["periods"])
        self.assertEqual(dated + t["undated"], t["matches"])
        self.assertEqual(t["matches"], c.marked(self.WORD))
        _, health = self.daemon.get_json("/healthz")
        self.assertLessEqual(sum(p["passages"] for p in t["periods"]), health["passages"])

    def test_months_of_the_busiest_year_add_up_to_it(self):
        years = self.trend(q=self.WORD)["periods"]
        busiest = max(years, key=lambda p: p["matches"])
        y = busiest["period"]
        months = self.trend(q=self.WORD, by="month", **{"from": y, "to": y})
        self.assertTrue(months["periods"])
        self.assertTrue(all(p["period"].startswith(y + "-") for p in months["periods"]))
        self.assertEqual(sum(p["matches"] for p in months["periods"]), busiest["matches"])
        self.assertEqual(sum(p["passages"] for p in months["periods"]), busiest["passages"])
        self.assertEqual(months["matches"], busiest["matches"])

    def test_country_series_match_the_country_filter(self):
        t = self.trend(q=self.WORD, split="country", limit=3)
        self.assertEqual(t["split"], "country")
        self.assertTrue(1 <= len(t["series"]) <= 3)
        counts = [s["matches"] for s in t["series"]]
        self.assertEqual(counts, sorted(counts, reverse=True))
        top = t["series"][0]
        c = Counter(self.daemon)
        self.assertEqual(top["matches"], c.marked(self.WORD, "country:" + top["name"]))
        for p, total in zip(top["points"], t["periods"]):
            self.assertEqual(p["period"], total["period"])
            self.assertLessEqual(p["matches"], total["matches"])

    def test_who_says_it_most_shares_are_counted_over_their_own_passages(self):
        t = self.trend(q=self.WORD, min_passages=1, who=5)
        who = t["who"]
        self.assertEqual(who["ranked_by"], "share")
        self.assertEqual(who["min_passages"], 1)
        self.assertTrue(who["countries"])
        shares = [r["share"] for r in who["countries"]]
        self.assertEqual(shares, sorted(shares, reverse=True))
        c = Counter(self.daemon)
        for row in who["countries"][:2]:
            self.assertEqual(row["passages"], c.passages("country:" + row["name"]), row)
            self.assertEqual(row["matches"], c.marked(self.WORD, "country:" + row["name"]), row)
            self.assertAlmostEqual(row["share"], row["matches"] / row["passages"], places=4)
        strict = self.trend(q=self.WORD, min_passages=100000)["who"]
        self.assertEqual(strict["speakers"], [])
        self.assertEqual(strict["countries"], [])


class TrendOnSample(TrendChecks, unittest.TestCase):
    WORD = "cooperation"

    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-trend-")
        extra = os.path.join(cls.tmp.name, "extra.jsonl")
        with open(extra, "w", encoding="utf-8") as f:
            for r in EXTRA_RECORDS:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        cls.db = os.path.join(cls.tmp.name, "db")
        h.index(cls.db, h.SAMPLE, extra)
        cls.daemon = h.Daemon(cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()
        cls.tmp.cleanup()

    def test_csv_is_escaped_and_formula_names_neutralised(self):
        status, headers, body = self.daemon.get("/api/trend", {"q": "tribunal", "split": "speaker", "format": "csv"})
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/csv"))
        self.assertIn("attachment", headers["Content-Disposition"])
        rows = list(csv.reader(io.StringIO(body, newline="")))
        self.assertEqual(rows[0], ["period", "series", "matches", "period_passages", "per_million", "exact"])
        series = {r[1] for r in rows[1:]}
        self.assertIn("'" + FORMULA_SPEAKER, series)
        self.assertIn("'-2+3", series)
        self.assertFalse(any(cell[:1] in "=+-@" for r in rows for cell in r if cell), rows)
        status, t = self.daemon.get_json("/api/trend", {"q": "tribunal", "split": "speaker"})
        self.assertIn(FORMULA_SPEAKER, [s["name"] for s in t["series"]])  # JSON keeps the name as it is
        total = [r for r in rows[1:] if r[1] == ""]
        self.assertEqual([(r[0], int(r[2])) for r in total], [(p["period"], p["matches"]) for p in t["periods"]])

    def test_errors_use_the_error_table(self):
        for params, code, word in [({"q": "sanctions OR"}, "bad_query", "OR"),
                                   ({"q": ""}, "bad_query", "empty"),
                                   ({"q": "x", "by": "week"}, "bad_parameter", "'by'"),
                                   ({"q": "x", "split": "party"}, "bad_parameter", "'split'"),
                                   ({"q": "x", "limit": "999"}, "bad_parameter", "'limit'"),
                                   ({"q": "x", "min_passages": "-1"}, "bad_parameter", "'min_passages'"),
                                   ({"q": "x", "format": "xml"}, "bad_parameter", "'format'"),
                                   ({"q": "x", "from": "20x9"}, "bad_parameter", "'from'"),
                                   ({"q": "x" * 3000}, "bad_parameter", "'q'")]:
            status, body = self.daemon.get_json("/api/trend", params)
            self.assertEqual(status, 400, params)
            self.assertEqual(body["error"]["code"], code, params)
            self.assertIn(word, body["error"]["message"], params)
        status, _, metrics = self.daemon.get("/metrics")
        self.assertIn('dragoman_requests_total{route="/api/trend",status="400"}', metrics)

    def test_search_results_count_the_same_passages(self):
        # /api/search's matching_passages per transcript, summed, is the trend's count.
        for p in self.trend(q=self.WORD, **{"from": "2019", "to": "2021"})["periods"]:
            status, found = self.daemon.get_json("/api/search", {"q": "", "from": p["period"], "to": p["period"],
                                                                 "limit": 100})
            self.assertEqual(status, 200, found)
            passages = 0
            for r in found["results"]:
                passages += r["matching_passages"]
                # language versions and identical copies are one result, each its own passages
                for v in r["versions"] + r.get("duplicates", []):
                    _, one = self.daemon.get_json("/api/search", {"q": 'id:"%s"' % v["id"], "from": p["period"],
                                                                  "to": p["period"]})
                    passages += sum(x["matching_passages"] for x in one["results"] if x["id"] == v["id"])
            self.assertEqual(passages, p["passages"], p)

    def test_a_remote_shard_gives_the_same_trend(self):
        # xapian-tcpsrv runs only Xapian's own match spies: the trend must use nothing else.
        import shutil
        import socket
        import subprocess
        import time
        tcpsrv = shutil.which("xapian-tcpsrv")
        if not tcpsrv:
            self.fail("xapian-tcpsrv is missing: scripts/install-deps.sh installs xapian-tools")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        srv = subprocess.Popen([tcpsrv, "--interface", "127.0.0.1", "--port", str(port),
                                os.path.realpath(os.path.join(self.db, "current"))],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)  # on SIGTERM it signals its whole process group
        self.addCleanup(srv.wait)
        self.addCleanup(srv.terminate)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        remote = h.Daemon("tcp://127.0.0.1:%d" % port)
        self.addCleanup(remote.stop)
        for params in [{"q": self.WORD, "split": "speaker", "min_passages": 1},
                       {"q": self.WORD, "split": "country", "by": "month"}]:
            _, here = self.daemon.get_json("/api/trend", params)
            status, there = remote.get_json("/api/trend", params)
            self.assertEqual(status, 200, there)
            for t in (here, there):
                t.pop("took_ms")
            self.assertEqual(there, here)

    def test_filters_apply_and_periods_follow_from_and_to(self):
        t = self.trend(q=self.WORD, **{"from": "2019", "to": "2021"})
        self.assertEqual([p["period"] for p in t["periods"]], ["2019", "2020", "2021"])
        self.assertEqual(t["undated"], 0)
        whole = {p["period"]: p["matches"] for p in self.trend(q=self.WORD)["periods"]}
        self.assertEqual(t["matches"], whole["2019"] + whole["2020"] + whole["2021"])
        only = self.trend(q=self.WORD, country="AZE")
        self.assertEqual(only["matches"], Counter(self.daemon).marked(self.WORD, "country:AZE"))


class TrendOnRealCorpus(TrendChecks, unittest.TestCase):
    WORD = "sanctions"

    @classmethod
    def setUpClass(cls):
        cls.daemon = None
        if not h.have_shared_corpus():
            return
        import tempfile
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-trend-real-")
        cls.db = os.path.join(cls.tmp.name, "db")
        h.index(cls.db, os.path.join(h.SHARED_CORPUS, "sample-small.jsonl"))
        cls.daemon = h.Daemon(cls.db)

    @classmethod
    def tearDownClass(cls):
        if cls.daemon:
            cls.daemon.stop()
            cls.tmp.cleanup()

    def setUp(self):
        h.skip_without_corpus(self)


if __name__ == "__main__":
    unittest.main(verbosity=2)
