"""The three real programs on the bundled sample corpus and on the shared real corpus."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402


class SampleCorpusEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-e2e-")
        cls.db = os.path.join(cls.tmp.name, "db")
        p = h.index(cls.db, h.SAMPLE)
        cls.index_stderr = p.stderr

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_indexer_is_quiet_on_success_and_publishes_current(self):
        self.assertEqual(self.index_stderr, "")
        self.assertTrue(os.path.islink(os.path.join(self.db, "current")))

    def test_cli_finds_the_transcript_containing_a_word(self):
        p, obj = h.search_json(self.db, "freight corridors", check=0)
        self.assertIn("press:2021-03-18-aliyev", h.result_ids(obj))
        top = obj["results"][0]
        for key in ("id", "title", "date", "language", "speakers", "country", "source", "url", "score", "snippets"):
            self.assertIn(key, top)
        self.assertIn("<mark>", top["snippets"][0]["html"])
        for key in ("query", "total", "took_ms", "suggestion", "results", "facets"):
            self.assertIn(key, obj)

    def test_cli_exits_1_when_nothing_matches_and_2_on_a_syntax_error(self):
        p, obj = h.search_json(self.db, "zzzqqqxxy", check=1)
        self.assertEqual(obj["results"], [])
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "(unbalanced"], check=2)
        self.assertIn("unbalanced '('", p.stderr)

    def test_plain_output_when_piped_has_no_escape_codes(self):
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "cooperating"], check=0)
        self.assertNotIn("\x1b", p.stdout)
        self.assertIn("press:2021-03-18-aliyev", p.stdout)

    def test_daemon_answers_search_and_healthz_over_http(self):
        d = h.Daemon(self.db)
        try:
            status, obj = d.get_json("/api/search", {"q": "freight corridors"})
            self.assertEqual(status, 200)
            self.assertIn("press:2021-03-18-aliyev", h.result_ids(obj))
            status, health = d.get_json("/healthz")
            self.assertEqual(status, 200)
            self.assertEqual(health["status"], "ok")
            self.assertGreater(health["passages"], 40)
            status, err = d.get_json("/api/search", {"q": "(broken"})
            self.assertEqual(status, 400)
            self.assertEqual(err["error"]["code"], "bad_query")
        finally:
            self.assertEqual(d.stop(), 0)
        self.assertIn("/api/search 200", d.stderr)


class SharedCorpusEndToEnd(unittest.TestCase):
    def test_real_sample_indexes_and_answers_a_query_in_each_script(self):
        h.skip_without_corpus(self)
        db = os.path.join(h.temp_dir(self), "db")
        h.index(db, os.path.join(h.SHARED_CORPUS, "sample-small.jsonl"))
        for query in ("Putin", "sanctions", "России", "外交部", "الأمم", "Türkiye"):
            p, obj = h.search_json(db, query)
            self.assertEqual(p.returncode, 0, query)
            self.assertGreater(len(obj["results"]), 0, query)


if __name__ == "__main__":
    unittest.main(verbosity=2)
