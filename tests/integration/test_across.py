"""Cross-lingual search through the real programs: a full build mines a lexicon from aligned
language versions (lexicon.tsv in the generation), dragoman-search --across-languages and
/api/search?across=1 find a text in another language by a word's translation, list what
they added, drop what they are told to, and refuse a malformed drop."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

EN = ["The council discussed sanctions today", "Water supply in {} improved", "The sanctions remain in force",
      "Schools opened in autumn"]
RU = ["Совет обсудил санкции сегодня", "Водоснабжение в {} улучшилось", "Санкции остаются в силе",
      "Школы открылись осенью"]
PLACES = [("Geneva", "Женеве"), ("Vienna", "Вене"), ("Nairobi", "Найроби"), ("Lima", "Лиме")]


def record(tid, lang, group, paragraphs):
    return {"id": tid, "source": "test", "language": lang, "date": "2020-01-02", "title": "Briefing",
            "speakers": [], "country": "", "url": "", "group": group, "text": "\n\n".join(paragraphs)}


class AcrossTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-test-")
        records = []
        for i, (en, ru) in enumerate(PLACES):
            records.append(record("b%d:en" % i, "en", "g%d" % i, [p.format(en) for p in EN]))
            records.append(record("b%d:ru" % i, "ru", "g%d" % i, [p.format(ru) for p in RU]))
        records.append(record("own:ru", "ru", "", ["Министр осудил новые санкции против страны"]))
        cls.db, cls.daemon = h.indexed_daemon(cls.tmp.name, records)

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()
        cls.tmp.cleanup()

    def test_the_build_writes_the_lexicon_into_the_generation(self):
        path = os.path.join(self.db, "current", "lexicon.tsv")
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.assertEqual(lines[0], "# dragoman lexicon 1")
        rows = [l.split("\t") for l in lines[1:]]
        best = [r for r in rows if r[0] == "en" and r[1] == "sanction" and r[2] == "ru"]
        self.assertTrue(best)
        self.assertEqual(best[0][3], "санкц")

    def test_cli_finds_the_other_language_only_across(self):
        _, plain = h.search_json(self.db, "sanctions", "--lang", "ru")
        self.assertNotIn("own:ru", h.result_ids(plain) if plain else [])
        _, across = h.search_json(self.db, "sanctions", "--lang", "ru", "--across-languages", check=0)
        self.assertIn("own:ru", h.result_ids(across))
        self.assertTrue(across["across"])
        added = {(a["language"], a["form"]) for a in across["added"]}
        self.assertIn(("ru", "санкц"), added)
        _, dropped = h.search_json(self.db, "sanctions", "--lang", "ru", "--across-languages", "--drop", "ru:санкц")
        self.assertNotIn("own:ru", h.result_ids(dropped) if dropped else [])

    def test_api_across_and_drop(self):
        status, body = self.daemon.get_json("/api/search", {"q": "sanctions", "lang": "ru", "across": "1"})
        self.assertEqual(status, 200)
        self.assertIn("own:ru", h.result_ids(body))
        first = body["added"][0]
        self.assertEqual((first["word"], first["language"], first["form"], first["shown"]),
                         ("sanctions", "ru", "санкц", "санкции"))
        self.assertGreater(first["score"], 0)
        status, body = self.daemon.get_json("/api/search", {"q": "sanctions", "lang": "ru", "across": "1",
                                                            "drop": "ru:санкц"})
        self.assertEqual(status, 200)
        self.assertNotIn("own:ru", h.result_ids(body))
        status, body = self.daemon.get_json("/api/search", {"q": "sanctions", "across": "1", "drop": "санкц"})
        self.assertEqual(status, 400)
        self.assertEqual(body["error"]["code"], "bad_parameter")

    def test_highlighting_marks_the_translation(self):
        status, body = self.daemon.get_json("/api/search", {"q": "sanctions", "lang": "ru", "across": "1"})
        own = [r for r in body["results"] if r["id"] == "own:ru"][0]
        self.assertIn("<mark>санкции</mark>", own["snippets"][0]["html"])


if __name__ == "__main__":
    unittest.main()
