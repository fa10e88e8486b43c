"""Keyness through the real programs: GET /api/keyness on the daemon, its CSV, and
dragoman-search --keyness (local and --server), checked against word counts and Dunning's
G² computed here from the records' own text, and the errors of bad parameters."""
import collections
import csv
import io
import json
import math
import os
import random
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

HAWK = ["sanctions", "embargo", "missiles", "deterrence", "tariffs"]
DOVE = ["tourism", "culture", "friendship", "festival", "students"]
SHARED = ["weather", "meeting", "partners", "today", "question", "the", "and"]


def turns(vocabulary, n, rng):
    return [" ".join(rng.choice(vocabulary) for _ in range(9)) + "." for _ in range(n)]


def g2(a, ta, b, tb):
    e_a = ta * (a + b) / (ta + tb)
    e_b = tb * (a + b) / (ta + tb)
    return 2 * ((a * math.log(a / e_a) if a else 0) + (b * math.log(b / e_b) if b else 0))


class KeynessTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-test-")
        rng = random.Random(5)
        cls.texts = {"Hawk Speaker": turns(HAWK + SHARED, 30, rng), "Dove Speaker": turns(DOVE + SHARED, 20, rng)}
        src = os.path.join(cls.tmp.name, "in.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for i, (speaker, texts) in enumerate(sorted(cls.texts.items())):
                f.write(json.dumps({"id": "k:%d" % i, "source": "test", "language": "en",
                                    "date": "2021-0%d-01" % (i + 1), "title": "Briefing %d" % i,
                                    "speakers": [speaker], "country": "", "url": "",
                                    "turns": [{"speaker": speaker, "text": t} for t in texts]}) + "\n")
        cls.db = os.path.join(cls.tmp.name, "db")
        h.index(cls.db, src)
        cls.daemon = h.Daemon(cls.db)
        cls.counts = {s: collections.Counter(w.lower() for t in ts for w in re.findall(r"\w+", t))
                      for s, ts in cls.texts.items()}

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()
        cls.tmp.cleanup()

    def expected(self, mine, other):
        """The words `mine` over-uses, as the API lists them, computed from the text."""
        a, b = self.counts[mine], self.counts[other]
        ta, tb = sum(a.values()), sum(b.values())
        out = {}
        for w, n in a.items():
            if n < 5 or w in ("the", "and") or n / ta <= b[w] / tb:
                continue
            if g2(n, ta, b[w], tb) >= 15.13:
                out[w] = (n, b[w], g2(n, ta, b[w], tb))
        return out

    def check_side(self, words, expected):
        self.assertEqual({w["word"] for w in words}, set(expected))
        for w in words:
            n, other, strength = expected[w["word"]]
            self.assertEqual((w["count"], w["other_count"]), (n, other), w)
            self.assertAlmostEqual(w["log_likelihood"], strength, places=1)
        self.assertEqual([w["log_likelihood"] for w in words], sorted((w["log_likelihood"] for w in words), reverse=True))

    def test_two_speakers_against_counts_made_here(self):
        status, body = self.daemon.get_json("/api/keyness", {"q": "speaker:hawk", "versus": "speaker:dove"})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["slice"]["passages"], 30)
        self.assertEqual(body["versus"]["passages"], 20)
        self.assertEqual(body["slice"]["words"], sum(self.counts["Hawk Speaker"].values()))
        self.assertEqual(body["versus"]["words"], sum(self.counts["Dove Speaker"].values()))
        self.check_side(body["slice_words"], self.expected("Hawk Speaker", "Dove Speaker"))
        self.check_side(body["versus_words"], self.expected("Dove Speaker", "Hawk Speaker"))
        self.assertTrue(set(HAWK) & {w["word"] for w in body["slice_words"]})

    def test_the_rest_is_every_other_passage(self):
        status, body = self.daemon.get_json("/api/keyness", {"q": "", "speaker": "dove"})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["versus"]["passages"], 30)
        self.check_side(body["slice_words"], self.expected("Dove Speaker", "Hawk Speaker"))

    def test_csv_reads_back_as_the_json(self):
        params = {"q": "speaker:hawk", "versus": "speaker:dove"}
        status, headers, text = self.daemon.get("/api/keyness", dict(params, format="csv"))
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/csv"))
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        _, body = self.daemon.get_json("/api/keyness", params)
        self.assertEqual([(r["side"], r["word"], int(r["count"])) for r in rows],
                         [("slice", w["word"], w["count"]) for w in body["slice_words"]] +
                         [("versus", w["word"], w["count"]) for w in body["versus_words"]])

    def test_command_line_local_and_through_the_daemon(self):
        _, api = self.daemon.get_json("/api/keyness", {"q": "speaker:hawk", "versus": "speaker:dove", "limit": 3})
        for where in (["--db", self.db], ["--server", self.daemon.url]):
            p = h.run([h.binary("dragoman-search"), *where, "--json", "--keyness", "--versus", "speaker:dove",
                       "--words", "3", "speaker:hawk"], check=0)
            got = json.loads(p.stdout)
            self.assertEqual(got["slice_words"], api["slice_words"], where)
            self.assertEqual(len(got["slice_words"]), 3)
            text = h.run([h.binary("dragoman-search"), *where, "--keyness", "speaker:hawk"], check=0).stdout
            self.assertIn("Said more in speaker:hawk (30 passages", text)
            self.assertIn(api["slice_words"][0]["word"], text)
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--keyness", "--words", "101", "x"], check=2)
        self.assertIn("--words is at most 100", p.stderr)

    def test_bad_parameters(self):
        for params, word in (({"q": "speaker:hawk", "limit": "101"}, "limit"),
                             ({"q": "speaker:hawk", "min_count": "x"}, "min_count"),
                             ({"q": "speaker:hawk", "format": "xml"}, "format"),
                             ({"q": "speaker:hawk", "versus": "x" * 3000}, "versus"),
                             ({"q": "2021..2019"}, "")):
            status, body = self.daemon.get_json("/api/keyness", params)
            self.assertEqual(status, 400, params)
            self.assertIn(word, body["error"]["message"])


if __name__ == "__main__":
    unittest.main()
