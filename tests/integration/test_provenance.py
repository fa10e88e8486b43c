"""Quote provenance and talking points through the real programs: GET /api/quote and
/api/talking-points on the daemon, dragoman-search --quote (an argument, standard input,
--server) and --talking-points, checked against repeats written here: exact, with case and
punctuation changed, words inserted and dropped, and unrelated passages; the errors of bad
parameters; a quote near the request line's bound."""
import json
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

QUOTE = ("Our position on the settlement of this conflict remains unchanged and is based on the "
         "principles of international law and the resolutions of the Security Council.")
POINT = "We urge all sides to refrain from any steps that could further escalate the situation on the ground."

RECORDS = [
    # id, date, speaker, text
    ("q:first", "2012-02-01", "Speaker One", QUOTE),
    ("q:upper", "2014-03-01", "Speaker Two", QUOTE.upper().replace(",", "").replace(".", "!")),
    ("q:inserted", "2015-04-01", "Speaker Three",
     "As I said, our position on the settlement of this long conflict remains unchanged and it is based on the "
     "principles of international law and the relevant resolutions of the Security Council."),
    ("q:dropped", "2016-05-01", "Speaker Four",
     "Our position on the settlement of this conflict remains unchanged and is based on international law and the "
     "resolutions of the Security Council."),
    ("q:unrelated", "2011-01-01", "Speaker Five",
     "The settlement of the trade dispute is based on the rules agreed by the parties and remains a matter for the "
     "council to consider."),
    ("p:1", "2020-01-01", "Anna Lee", "Thank you. " + POINT),
    ("p:2", "2020-06-01", "Bo Chen", POINT),
    ("p:3", "2021-01-01", "Carl Diaz", POINT + " Next question."),
    ("p:4", "2021-06-01", "A. Lee", POINT),
]


class ProvenanceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-test-")
        cls.db, cls.daemon = h.indexed_daemon(
            cls.tmp.name, [h.speech(tid, date, speaker, [text]) for tid, date, speaker, text in RECORDS])

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()
        cls.tmp.cleanup()

    def check_quote_answer(self, got):
        ids = [m["transcript_id"] for m in got["matches"]]
        self.assertEqual(ids, ["q:first", "q:upper", "q:inserted", "q:dropped"])
        self.assertEqual(got["first_use"], 0)
        self.assertEqual([m["first_use"] for m in got["matches"]], [True, False, False, False])
        for m, (tid, date, speaker, text) in zip(got["matches"], RECORDS):
            self.assertEqual((m["date"], m["speaker"], m["source"], m["language"]), (date, speaker, "test", "en"))
            self.assertEqual(m["before"] + m["match"] + m["after"], text)
            self.assertTrue(m["permalink"].startswith("/p/"))
        self.assertEqual(got["matches"][0]["similarity"], 1.0)

    def test_api_quote_finds_repeats_by_date(self):
        status, got = self.daemon.get_json("/api/quote", {"q": QUOTE})
        self.assertEqual(status, 200)
        self.check_quote_answer(got)

    def test_api_quote_similarity_and_errors(self):
        status, got = self.daemon.get_json("/api/quote", {"q": QUOTE, "similarity": "0.99"})
        self.assertEqual(status, 200)
        self.assertEqual([m["transcript_id"] for m in got["matches"]], ["q:first", "q:upper"])
        for params, code in [({"q": ""}, "bad_parameter"), ({"q": "two words"}, "bad_query"),
                             ({"q": QUOTE, "similarity": "2"}, "bad_parameter"),
                             ({"q": QUOTE, "similarity": "x"}, "bad_parameter")]:
            status, body = self.daemon.get_json("/api/quote", params)
            self.assertEqual(status, 400, params)
            self.assertEqual(body["error"]["code"], code, params)

    def test_api_quote_bound_of_the_request_line(self):
        # 7,000 bytes of Latin text fit in httplib's 8 KB request line; 9,000 do not (414).
        long_quote = (QUOTE + " ") * (7000 // (len(QUOTE) + 1))
        status, got = self.daemon.get_json("/api/quote", {"q": long_quote})
        self.assertEqual(status, 200)
        status, _, body = self.daemon.get("/api/quote", {"q": "x" * 9000})
        self.assertEqual(status, 414)
        self.assertEqual(json.loads(body)["error"]["code"], "uri_too_long")

    def test_cli_quote_local_stdin_and_server_agree(self):
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--json", "--quote", QUOTE], check=0)
        self.check_quote_answer(json.loads(p.stdout))
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--json", "--quote", "-"], check=0, input=QUOTE)
        self.check_quote_answer(json.loads(p.stdout))
        p = h.run([h.binary("dragoman-search"), "--server", self.daemon.url, "--json", "--quote", QUOTE], check=0)
        self.check_quote_answer(json.loads(p.stdout))
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--quote", QUOTE], check=0)
        lines = p.stdout.splitlines()
        self.assertTrue(lines[0].startswith("first 2012-02-01  Speaker One  [test, en]  /p/"), lines[0])
        self.assertIn("Security Council", lines[1])
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--quote", "words that nobody has said here at all"],
                  check=1)
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--quote", "short"], check=2)
        self.assertIn("at least 4 words", p.stderr)

    def check_points(self, got, speakers, passages):
        self.assertEqual(len(got["points"]), 1, got)
        point = got["points"][0]
        self.assertEqual(point["sentence"], POINT)
        self.assertEqual((point["speakers"], point["passages"]), (speakers, passages))
        self.assertEqual(point["first_use"]["transcript_id"], "p:1")
        self.assertEqual(point["first_use"]["match"], POINT)

    def test_api_talking_points(self):
        status, got = self.daemon.get_json("/api/talking-points")
        self.assertEqual(status, 200)
        self.check_points(got, 3, 4)  # Anna Lee and A. Lee are one person
        status, got = self.daemon.get_json("/api/talking-points", {"from": "2020-06", "to": "2021-12"})
        self.check_points(got, 3, 3)
        status, got = self.daemon.get_json("/api/talking-points", {"from": "2020-06", "to": "2020-12"})
        self.assertEqual(got["points"], [])
        status, got = self.daemon.get_json("/api/talking-points", {"source": "other,TEST"})
        self.check_points(got, 3, 4)
        for params in [{"min_speakers": "1"}, {"limit": "0"}, {"from": "2020-13"}]:
            status, body = self.daemon.get_json("/api/talking-points", params)
            self.assertEqual(status, 400, params)
            self.assertEqual(body["error"]["code"], "bad_parameter")

    def test_cli_talking_points(self):
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--json", "--talking-points"], check=0)
        self.check_points(json.loads(p.stdout), 3, 4)
        p = h.run([h.binary("dragoman-search"), "--server", self.daemon.url, "--json", "--talking-points",
                   "--from", "2020-06"], check=0)
        self.check_points(json.loads(p.stdout), 3, 3)
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--talking-points"], check=0)
        self.assertTrue(p.stdout.startswith("3 speakers, 4 passages: " + POINT), p.stdout)
        h.run([h.binary("dragoman-search"), "--db", self.db, "--talking-points", "--min-speakers", "9"], check=1)


if __name__ == "__main__":
    unittest.main()
