"""An index with damaged documents (document data that is no JSON, or JSON with keys of the
wrong type, as a damaged disk or another program could leave): `dragoman-search` exits 2 with
a message instead of aborting, and the daemon answers the documented error JSON (500,
`internal`) and goes on serving. The damage is written with python3-xapian."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
from index_checksum import data_key, xapian  # noqa: E402  (Debian's python3-xapian, found as there)

RECORDS = [
    {"id": "t:notjson", "source": "test", "language": "en", "date": "2020-01-01",
     "title": "Broken one", "text": "The albatross treaty was signed."},
    {"id": "t:wrongtype", "source": "test", "language": "en", "date": "2020-01-02",
     "title": "Broken two", "text": "The cormorant treaty was signed."},
    {"id": "t:healthy", "source": "test", "language": "en", "date": "2020-01-03",
     "title": "Healthy", "text": "The pelican agreement was signed."},
]

# What each damaged transcript's passages hold instead of their data.
DAMAGE = {
    "t:notjson": lambda data: "not json at all",
    "t:wrongtype": lambda data: json.dumps(dict(data, **{data_key("number"): "first", data_key("title"): ["a"]})),
}


def setUpModule():
    global TMP, DB, PASSAGE_IDS
    TMP = tempfile.TemporaryDirectory(prefix="dragoman-damaged-")
    DB = os.path.join(TMP.name, "db")
    src = os.path.join(TMP.name, "in.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for r in RECORDS:
            f.write(json.dumps(r) + "\n")
    h.index(DB, src)
    PASSAGE_IDS = {}
    db = xapian.WritableDatabase(os.path.realpath(os.path.join(DB, "current")), xapian.DB_OPEN)
    for posting in list(db.postlist("")):
        doc = db.get_document(posting.docid)
        data = json.loads(doc.get_data())
        transcript = data[data_key("transcript_id")]
        PASSAGE_IDS[transcript] = data[data_key("passage_id")]
        if transcript in DAMAGE:
            doc.set_data(DAMAGE[transcript](data))
            db.replace_document(posting.docid, doc)
    db.commit()
    db.close()


def tearDownModule():
    TMP.cleanup()


class Cli(unittest.TestCase):
    def assert_fails_cleanly(self, p):
        self.assertEqual(p.returncode, 2, "exit %d, stderr: %s" % (p.returncode, p.stderr))
        self.assertEqual(p.stdout, "")
        lines = p.stderr.splitlines()
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertTrue(lines[0].startswith("dragoman-search: "), p.stderr)

    def test_a_search_that_finds_a_damaged_document_exits_2_with_a_message(self):
        for word in ("albatross", "cormorant", "treaty"):
            with self.subTest(word=word):
                p, _ = h.search_json(DB, word)
                self.assert_fails_cleanly(p)

    def test_citing_a_damaged_passage_exits_2_with_a_message(self):
        p = h.run([h.binary("dragoman-search"), "--db", DB, "--cite", "albatross"])
        self.assert_fails_cleanly(p)

    def test_a_search_that_misses_the_damaged_documents_still_answers(self):
        p, obj = h.search_json(DB, "pelican", check=0)
        self.assertEqual(h.result_ids(obj), ["t:healthy"])


class Daemon(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.daemon = h.Daemon(DB, extra=("--no-access-log",))

    @classmethod
    def tearDownClass(cls):
        code = cls.daemon.stop()
        if code != 0:
            raise AssertionError("daemon exited %d: %s" % (code, cls.daemon.stderr))

    def assert_internal_error(self, path, params=None):
        status, obj = self.daemon.get_json(path, params)
        self.assertEqual(status, 500, obj)
        self.assertEqual(set(obj), {"error"})
        self.assertEqual(obj["error"]["code"], "internal")
        self.assertTrue(obj["error"]["message"])

    def test_every_route_that_reads_a_damaged_document_answers_500_internal(self):
        for transcript in DAMAGE:
            word = "albatross" if transcript == "t:notjson" else "cormorant"
            with self.subTest(transcript=transcript):
                self.assert_internal_error("/api/search", {"q": word})
                self.assert_internal_error("/api/doc/" + transcript)
                self.assert_internal_error("/api/passage/" + PASSAGE_IDS[transcript])
                self.assert_internal_error("/api/cite/" + PASSAGE_IDS[transcript])

    def test_the_daemon_goes_on_serving_after_the_errors(self):
        self.assert_internal_error("/api/search", {"q": "treaty"})
        status, obj = self.daemon.get_json("/api/search", {"q": "pelican"})
        self.assertEqual(status, 200, obj)
        self.assertEqual(h.result_ids(obj), ["t:healthy"])
        status, obj = self.daemon.get_json("/healthz")
        self.assertEqual(status, 200, obj)


if __name__ == "__main__":
    unittest.main()
