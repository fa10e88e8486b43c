"""Concordances through the real programs: GET /api/concordance on the daemon, its CSV read
back with Python's csv and compared with the JSON, and dragoman-search --concordance (local
and --server), checked against occurrences and neighbouring words counted here from the
records' own text, and the errors of bad parameters."""
import collections
import csv
import io
import json
import os
import random
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

VOCABULARY = ["embargo", "weather", "meeting", "partners", "today", "question", "tourism", "friendship",
              "culture", "festival", "students", "treaty", "border", "harbour", "river", "market"]
YEARS = ["2019", "2020", "2021"]


def words(text):
    return re.findall(r"\w+", text)


class ConcordanceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-test-")
        rng = random.Random(11)
        cls.turns = {}  # transcript id -> (year, speaker, texts)
        for i in range(9):
            year = YEARS[i % 3]
            texts = [" ".join(rng.choice(VOCABULARY) for _ in range(12)) + "." for _ in range(6)]
            cls.turns["c:%d" % i] = (year, "Speaker %s" % "ABC"[i % 3], texts)
        # A context a spreadsheet would take for a formula: the CSV must guard it.
        cls.turns["c:formula"] = ("2021", "Speaker A", ["=HYPERLINK embargo now."])
        # Escape sequences, direction overrides and markup around a word of its own.
        cls.turns["c:hostile"] = ("2021", "Speaker \u202eB", [
            "Evil \x1b[31mred\x1b[0m \u202ezanzibar\u202c <script>alert(1)</script> \u0007bell here."])
        cls.db, cls.daemon = h.indexed_daemon(cls.tmp.name, [
            h.speech(tid, year + "-03-01", speaker, texts) for tid, (year, speaker, texts) in sorted(cls.turns.items())])

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()
        cls.tmp.cleanup()

    def occurrences(self):
        """(year, word before or None, word after or None) of every "embargo" written."""
        out = []
        for year, _, texts in self.turns.values():
            for t in texts:
                ws = words(t)
                for i, w in enumerate(ws):
                    if w.lower() == "embargo":
                        out.append((year, ws[i - 1].lower() if i else None, ws[i + 1].lower() if i + 1 < len(ws) else None))
        return out

    def concordance(self, **params):
        status, body = self.daemon.get_json("/api/concordance", dict({"q": "embargo"}, **params))
        self.assertEqual(status, 200, body)
        return body

    def test_every_occurrence_with_its_neighbours(self):
        expected = self.occurrences()
        self.assertGreater(len(expected), 30)
        body = self.concordance(context=1)
        self.assertEqual(len(body["lines"]), len(expected))
        self.assertFalse(body["cut"])
        self.assertFalse(body["timed_out"])
        self.assertEqual({l["keyword"] for l in body["lines"]}, {"embargo"})
        got = collections.Counter((l["date"][:4], (l["sort_keys"]["left"] or [None])[0],
                                   (l["sort_keys"]["right"] or [None])[0]) for l in body["lines"])
        self.assertEqual(got, collections.Counter(expected))
        texts = [t for _, _, ts in self.turns.values() for t in ts]
        for l in body["lines"]:  # the context is the text's own, a word each side
            around = ((l["left"] + " " if l["left"] else "") + l["keyword"] +
                      (" " + l["right"] if l["right"][:1].isalnum() else l["right"]))
            self.assertTrue(any(around in t for t in texts), around)
            self.assertLessEqual(len(words(l["left"])), 1)
            self.assertTrue(l["permalink"].startswith("/p/"))

    def test_sorted_by_the_words_before_and_after(self):
        for side, index in (("left", 1), ("right", 2)):
            body = self.concordance(sort=side)
            self.assertEqual(body["sort"], side)
            keys = [l["sort_keys"][side] for l in body["lines"]]
            self.assertEqual(keys, sorted(keys))
            self.assertEqual([k[0] if k else None for k in keys if k],
                             sorted(o[index] for o in self.occurrences() if o[index]))

    def test_grouped_by_year_against_counts_made_here(self):
        body = self.concordance(group="year")
        per_year = collections.Counter(o[0] for o in self.occurrences())
        self.assertEqual([(g["group"], g["lines"]) for g in body["groups"]], sorted(per_year.items()))
        self.assertEqual([l["group"] for l in body["lines"]], sorted(l["group"] for l in body["lines"]))
        body = self.concordance(group="speaker")
        per_speaker = collections.Counter()
        for year, speaker, texts in self.turns.values():
            per_speaker[speaker] += sum(1 for t in texts for w in words(t) if w.lower() == "embargo")
        self.assertEqual({g["group"]: g["lines"] for g in body["groups"]}, {k: n for k, n in per_speaker.items() if n})

    def test_csv_reads_back_as_the_json(self):
        params = {"q": "embargo", "sort": "right", "group": "year", "context": "3"}
        status, headers, text = self.daemon.get("/api/concordance", dict(params, format="csv"))
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/csv"))
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        body = self.concordance(**params)
        self.assertEqual(len(rows), len(body["lines"]))
        for row, line in zip(rows, body["lines"]):
            for key in ("group", "date", "speaker", "language", "keyword", "right", "passage_id", "transcript_id"):
                self.assertEqual(row[key], line[key], key)
            # The one left context a spreadsheet would run is guarded, the rest are as in the JSON.
            self.assertEqual(row["left"], ("'" + line["left"]) if line["left"].startswith("=") else line["left"])
        self.assertIn("'=HYPERLINK", [r["left"] for r in rows])

    def test_the_line_bound(self):
        total = len(self.occurrences())
        body = self.concordance(limit=10)
        self.assertEqual(len(body["lines"]), 10)
        self.assertTrue(body["cut"])
        body = self.concordance(limit=total)
        self.assertEqual(len(body["lines"]), total)
        self.assertFalse(body["cut"])

    def test_command_line_local_and_through_the_daemon(self):
        api = self.concordance(sort="left", context=4)
        _, _, api_csv = self.daemon.get("/api/concordance", {"q": "embargo", "sort": "left", "context": "4",
                                                             "format": "csv"})
        for where in (["--db", self.db], ["--server", self.daemon.url]):
            base = [h.binary("dragoman-search"), *where, "--concordance", "--sort", "left", "--context", "4"]
            got = json.loads(h.run(base + ["--json", "embargo"], check=0).stdout)
            self.assertEqual(got["lines"], api["lines"], where)
            # (read as text, so its CRLF ends read as "\n")
            self.assertEqual(h.run(base + ["--format", "csv", "embargo"], check=0).stdout, api_csv.replace("\r\n", "\n"))
            text = h.run(base + ["embargo"], check=0).stdout.splitlines()
            rows = [t for t in text if "embargo" in t]
            self.assertEqual(len(rows), len(api["lines"]))
            # Aligned: every keyword starts in the same column, the left context before it.
            columns = set()
            for row, line in zip(rows, api["lines"]):
                column = row.index(line["left"] + "  embargo  ") + len(line["left"]) + 2
                self.assertEqual(row[:column].strip(), line["left"])
                columns.add(column)
            self.assertEqual(len(columns), 1, rows[:5])
            self.assertIn("%d lines from" % len(api["lines"]), text[-1])
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--concordance", "--format", "ris", "x"], check=2)
        self.assertIn("with --concordance, --format is csv", p.stderr)
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--sort", "left", "x"], check=2)
        self.assertIn("needs --concordance", p.stderr)
        for option in (["--group", "year"], ["--context", "3"]):
            p = h.run([h.binary("dragoman-search"), "--db", self.db, *option, "x"], check=2)
            self.assertIn("--concordance", p.stderr)
        h.run([h.binary("dragoman-search"), "--db", self.db, "--concordance", "nowordlikethis"], check=1)

    def test_no_control_character_reaches_any_output(self):
        body = self.concordance(q="zanzibar")
        self.assertEqual(len(body["lines"]), 1)
        line = body["lines"][0]
        self.assertEqual(line["keyword"], "zanzibar")
        self.assertIn("<script>", line["right"])  # text in JSON; the page sets it as text
        _, _, text = self.daemon.get("/api/concordance", {"q": "zanzibar", "format": "csv"})
        plain = h.run([h.binary("dragoman-search"), "--db", self.db, "--concordance", "--color", "always",
                       "zanzibar"], check=0).stdout
        for out in (json.dumps(body, ensure_ascii=False), text, plain):
            for bad in ("\x1b[31m", "\u202e", "\u202c", "\u0007"):
                self.assertNotIn(bad, out)
        self.assertIn("\x1b[1;31m", plain)  # our own colour, around the keyword

    def test_bad_parameters(self):
        for params, word in (({"sort": "up"}, "sort"), ({"group": "month"}, "group"), ({"context": "31"}, "context"),
                             ({"limit": "2001"}, "limit"), ({"format": "xml"}, "format"), ({"q": ""}, "query"),
                             ({"q": "2019..2021"}, "words")):
            status, body = self.daemon.get_json("/api/concordance", dict({"q": "embargo"}, **params))
            self.assertEqual(status, 400, params)
            self.assertIn(word, body["error"]["message"])

    def test_the_same_lines_over_remote_shards(self):
        """Each passage's layout and term list read over xapian-tcpsrv mark the same words."""
        from test_shards import TcpSrv
        tmp = h.temp_dir(self)
        sharded = os.path.join(tmp, "sharded")
        h.index(sharded, os.path.join(self.tmp.name, "in.jsonl"), extra=["--shards", "2"])
        servers = [TcpSrv(os.path.join(sharded, "current", "shard-%d" % i)) for i in range(2)]
        try:
            remote = [x for s in servers for x in ("--db", s.url)]
            args = ["--concordance", "--json", "--sort", "right", "--context", "3", "embargo"]
            far = json.loads(h.run([h.binary("dragoman-search"), *remote, *args], check=0).stdout)
            local = json.loads(h.run([h.binary("dragoman-search"), "--db", self.db, *args], check=0).stdout)
            self.assertEqual(len(far["lines"]), len(self.occurrences()))
            # Ties of equal sort keys may come in another order: shards number passages apart.
            def key(line):
                return json.dumps(line, sort_keys=True)
            self.assertEqual(sorted(far["lines"], key=key), sorted(local["lines"], key=key))
            self.assertEqual([l["sort_keys"]["right"] for l in far["lines"]],
                             [l["sort_keys"]["right"] for l in local["lines"]])
        finally:
            for s in servers:
                s.kill()


if __name__ == "__main__":
    unittest.main()
