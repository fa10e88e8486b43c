"""A record of one 20 MB line (an export that lost its paragraph breaks) is cut into
bounded passages, and a search that matches it answers with bounded snippets, from
dragoman-search and from the daemon. Before passages were bounded it was one passage,
which every matching query highlighted whole (3.3 s for 48 MB)."""
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Daemon, index, search_json  # noqa: E402

MAX_PASSAGE_BYTES = 8192  # shared/schema/passage.hpp
LINE_BYTES = 20 << 20
SENTENCES = [
    "The delegation discussed grain exports through the Black Sea corridor.",
    "Ministers agreed to meet again before the end of the month in Geneva.",
    "Questions about sanctions were left for the working group to answer.",
]


def one_line_text():
    parts = []
    size = 0
    i = 0
    while size < LINE_BYTES:
        s = SENTENCES[i % len(SENTENCES)]
        if i == 123457:
            s = "Only here does the rare word peacemaking appear in the whole line."
        parts.append(s)
        size += len(s) + 1
        i += 1
    return " ".join(parts)


class OneLineRecord(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-oneline-")
        cls.db = os.path.join(cls.tmp.name, "db")
        src = os.path.join(cls.tmp.name, "in.jsonl")
        cls.text = one_line_text()
        with open(src, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "export:one-line", "source": "export", "language": "en",
                                "date": "2021-03-04", "title": "An export without newlines",
                                "text": cls.text}) + "\n")
            f.write(json.dumps({"id": "export:small", "source": "export", "language": "en",
                                "date": "2021-03-05", "title": "A small one",
                                "text": "Peace talks resume in Geneva."}) + "\n")
        index(cls.db, src)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_line_is_cut_into_bounded_passages(self):
        d = Daemon(self.db, extra=["--no-access-log"])
        try:
            status, _, metrics = d.get("/metrics")
        finally:
            d.stop()
        self.assertEqual(status, 200)
        passages = int(re.search(r"^dragoman_index_passages (\d+)$", metrics, re.M).group(1))
        self.assertGreaterEqual(passages, 1 + len(self.text) // MAX_PASSAGE_BYTES)
        self.assertLess(passages, 1 + 2 * len(self.text) // MAX_PASSAGE_BYTES)

    def check_snippets(self, obj, word):
        self.assertEqual(obj["results"][0]["id"], "export:one-line")
        snippets = obj["results"][0]["snippets"]
        self.assertTrue(snippets)
        for s in snippets:
            self.assertLess(len(s["text"].encode("utf-8")), 1024)
            self.assertLess(len(s["html"].encode("utf-8")), 2048)
        self.assertIn(word, snippets[0]["text"].lower())

    def test_a_search_for_a_word_in_it_answers_with_bounded_snippets(self):
        _, obj = search_json(self.db, "corridor", check=0)
        self.check_snippets(obj, "corridor")
        _, obj = search_json(self.db, "peacemaking", check=0)
        self.check_snippets(obj, "peacemaking")
        self.assertEqual(len(obj["results"][0]["snippets"]), 1)  # one passage holds it

    def test_the_daemon_answers_with_bounded_snippets(self):
        d = Daemon(self.db, extra=["--no-access-log"])
        try:
            status, body = d.get_json("/api/search", {"q": "sanctions"})
        finally:
            d.stop()
        self.assertEqual(status, 200)
        self.check_snippets(body, "sanctions")


if __name__ == "__main__":
    unittest.main()
