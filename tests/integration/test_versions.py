"""Language versions of one transcript: detected at index time (full, sharded and
incremental runs), an explicit group winning, results shown once in the query's language
with the other versions listed, through dragoman-search --json and the daemon."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (SHARED_CORPUS, Daemon, index, result_ids, search_json, skip_without_corpus,  # noqa: E402
                     temp_dir)

EN = ("Sergey Lavrov: We met Minister Wang Yi in Moscow on 12 March and discussed resolution 2231.\n\n"
      "The Foreign Ministers agreed to hold 14 rounds of consultations on the pipeline before 2017.\n\n"
      "Question: Will Kazakhstan host the talks in Astana?\n\n"
      "Sergey Lavrov: Astana offered to host them; 37 delegations have confirmed.")
RU = ("Сергей Лавров: Мы встретились с министром Ван И в Москве 12 марта и обсудили резолюцию 2231.\n\n"
      "Министры иностранных дел договорились провести 14 раундов консультаций по трубопроводу до 2017 года.\n\n"
      "Вопрос: Примет ли Казахстан переговоры в Астане?\n\n"
      "Сергей Лавров: Астана предложила их принять; 37 делегаций подтвердили участие.")
FR = ("Sergueï Lavrov : Nous avons rencontré le ministre Wang Yi à Moscou le 12 mars et discuté de la résolution 2231.\n\n"
      "Les ministres des Affaires étrangères sont convenus de tenir 14 cycles de consultations sur le gazoduc avant 2017.\n\n"
      "Question : Le Kazakhstan accueillera-t-il les pourparlers à Astana ?\n\n"
      "Sergueï Lavrov : Astana a proposé de les accueillir ; 37 délégations ont confirmé.")
ZH = ("拉夫罗夫：我们3月12日在莫斯科会见了王毅部长，讨论了第2231号决议。\n\n"
      "外长们同意在2017年之前就管道举行14轮磋商。\n\n"
      "问：哈萨克斯坦会在阿斯塔纳主办会谈吗？\n\n"
      "拉夫罗夫：阿斯塔纳提出主办；已有37个代表团确认。")
OTHER_EN = ("Maria Zakharova: The Ministry comments on the pipeline in Venezuela and the 3 new sanctions.\n\n"
            "Caracas has asked for 250 tonnes of humanitarian aid by 1 June.")


def rec(id_, lang, text, group=None, date="2016-03-12"):
    r = {"id": id_, "source": "mfa", "language": lang, "date": date, "title": "Talks " + id_, "text": text}
    if group:
        r["group"] = group
    return r


def write(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


class DetectedVersions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-test-")
        cls.src = os.path.join(cls.tmp.name, "talks.jsonl")
        write(cls.src, [rec("talks-en", "en", EN), rec("talks-ru", "ru", RU), rec("talks-fr", "fr", FR),
                        rec("talks-zh", "zh", ZH), rec("other-en", "en", OTHER_EN),
                        # An explicit group wins: these two share nothing but the group.
                        rec("summit-en", "en", "The summit adopted the pipeline declaration.", group="summit-7",
                            date="2016-04-01"),
                        rec("summit-de", "de", "Der Gipfel verabschiedete die Erklärung zur Pipeline.",
                            group="summit-7", date="2016-05-09")])
        cls.db = os.path.join(cls.tmp.name, "db")
        index(cls.db, cls.src)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_verbose_summary_counts_the_transcripts_in_detected_versions(self):
        # The four talks are linked; the summit's two are grouped by the input, not detected.
        p = index(os.path.join(self.tmp.name, "db-verbose"), self.src, extra=["--verbose"])
        self.assertRegex(p.stderr, r"\b4 transcripts in detected language versions \(\d+\.\d s\)", p.stderr)

    def test_a_russian_query_shows_the_russian_version_and_lists_the_others(self):
        _, r = search_json(self.db, "переговоры Астане", check=0)
        self.assertEqual(result_ids(r), ["talks-ru"])
        hit = r["results"][0]
        self.assertEqual(hit["language"], "ru")
        self.assertEqual(sorted(v["language"] for v in hit["versions"]), ["en", "fr", "zh"])
        self.assertEqual(sorted(v["id"] for v in hit["versions"]), ["talks-en", "talks-fr", "talks-zh"])
        self.assertTrue(all(v["title"].startswith("Talks ") for v in hit["versions"]))
        self.assertEqual(r["total"], 1)

    def test_a_name_every_version_holds_shows_one_result_in_the_querys_script(self):
        # "Astana" matches every version (transliteration keys); a Chinese query picks Chinese.
        _, r = search_json(self.db, "阿斯塔纳", check=0)
        self.assertEqual(result_ids(r), ["talks-zh"])
        _, r = search_json(self.db, "Астана", check=0)
        self.assertEqual(result_ids(r), ["talks-ru"])

    def test_lang_filter_returns_that_version(self):
        _, r = search_json(self.db, "Astana lang:fr", check=0)
        self.assertEqual(result_ids(r), ["talks-fr"])
        self.assertEqual(sorted(v["language"] for v in r["results"][0]["versions"]), ["en", "ru", "zh"])

    def test_versions_count_once_in_total_and_facets(self):
        _, r = search_json(self.db, "2231", check=0)
        self.assertEqual(r["total"], 1)
        self.assertEqual(len(r["results"]), 1)
        # Facets count results as the total does: each value what its filter would give.
        self.assertEqual(r["facets"]["language"], {"en": 1, "fr": 1, "ru": 1, "zh": 1})
        self.assertEqual(r["facets"]["year"], {"2016": 1})
        self.assertEqual(r["facets"]["source"], {"mfa": 1})
        _, ru = search_json(self.db, "2231 lang:ru", check=0)
        self.assertEqual(ru["total"], r["facets"]["language"]["ru"])

    def test_an_unrelated_transcript_is_not_linked(self):
        _, r = search_json(self.db, "Zakharova Caracas", check=0)
        self.assertEqual(result_ids(r), ["other-en"])
        self.assertEqual(r["results"][0]["versions"], [])
        self.assertIsNone(r["results"][0]["group"])

    def test_an_explicit_group_wins(self):
        # Different dates and no shared number: only the given group links them.
        _, r = search_json(self.db, "group:summit-7", check=0)
        self.assertEqual(r["total"], 1)
        self.assertEqual(r["results"][0]["group"], "summit-7")
        self.assertEqual(len(r["results"][0]["versions"]), 1)
        _, r = search_json(self.db, "Gipfel", check=0)
        self.assertEqual(result_ids(r), ["summit-de"])
        self.assertEqual([v["id"] for v in r["results"][0]["versions"]], ["summit-en"])

    def test_detected_groups_are_searchable_by_group(self):
        _, r = search_json(self.db, "переговоры", check=0)
        group = r["results"][0]["group"]
        self.assertTrue(group)
        _, g = search_json(self.db, "group:%s lang:zh" % json.dumps(group), check=0)
        self.assertEqual(result_ids(g), ["talks-zh"])

    def test_the_terminal_lists_the_other_languages(self):
        from harness import binary, run
        p = run([binary("dragoman-search"), "--db", self.db, "переговоры"], check=0)
        self.assertIn("also in: en, fr, zh", p.stdout)

    def test_the_daemon_serves_versions_in_search_and_doc(self):
        d = Daemon(self.db)
        try:
            status, r = d.get_json("/api/search", {"q": "переговоры Астане"})
            self.assertEqual(status, 200)
            self.assertEqual(result_ids(r), ["talks-ru"])
            self.assertEqual(len(r["results"][0]["versions"]), 3)
            status, doc = d.get_json("/api/doc/talks-en")
            self.assertEqual(status, 200)
            self.assertEqual(sorted(v["id"] for v in doc["versions"]), ["talks-fr", "talks-ru", "talks-zh"])
            self.assertIn("Astana", " ".join(p["text"] for p in doc["passages"]))
            status, doc = d.get_json("/api/doc/other-en")
            self.assertEqual(doc["versions"], [])
        finally:
            self.assertEqual(d.stop(), 0)


class IncrementalAndShards(unittest.TestCase):
    def test_a_new_version_links_to_what_the_index_holds_and_leaves_when_removed(self):
        tmp = temp_dir(self)
        first, second = os.path.join(tmp, "a.jsonl"), os.path.join(tmp, "b.jsonl")
        write(first, [rec("talks-en", "en", EN), rec("other-en", "en", OTHER_EN)])
        write(second, [rec("talks-ru", "ru", RU)])
        db = os.path.join(tmp, "db")
        index(db, first)
        _, r = search_json(db, "2231", check=0)
        self.assertEqual(r["results"][0]["versions"], [])
        index(db, first, second, extra=("--incremental",))
        _, r = search_json(db, "Астане", check=0)
        self.assertEqual(result_ids(r), ["talks-ru"])
        self.assertEqual([v["id"] for v in r["results"][0]["versions"]], ["talks-en"])
        _, r = search_json(db, "2231", check=0)
        self.assertEqual(r["total"], 1)
        index(db, first, extra=("--incremental",))
        _, r = search_json(db, "2231", check=0)
        self.assertEqual(result_ids(r), ["talks-en"])
        self.assertEqual(r["results"][0]["versions"], [])
        self.assertIsNone(r["results"][0]["group"])

    def test_versions_in_different_shards_link(self):
        tmp = temp_dir(self)
        src = os.path.join(tmp, "talks.jsonl")
        write(src, [rec("talks-en", "en", EN), rec("talks-ru", "ru", RU), rec("talks-fr", "fr", FR),
                    rec("talks-zh", "zh", ZH)])
        db = os.path.join(tmp, "db")
        index(db, src, extra=("--shards", "3"))
        _, r = search_json(db, "2231", check=0)
        self.assertEqual(r["total"], 1)
        self.assertEqual(len(r["results"][0]["versions"]), 3)


class RealUnDocuments(unittest.TestCase):
    """Twenty UN documents in six languages from ../shared/corpus/transcripts.jsonl."""

    def test_un_versions_link_and_a_russian_query_shows_russian(self):
        skip_without_corpus(self)
        corpus = os.path.join(SHARED_CORPUS, "transcripts.jsonl")
        if not os.path.exists(corpus):
            sys.stderr.write("SKIPPED: %s needs %s\n" % (self.id(), corpus))
            self.skipTest("SKIPPED: needs transcripts.jsonl")
        tmp = temp_dir(self)
        src = os.path.join(tmp, "unpc.jsonl")
        stems, lines = [], []
        with open(corpus, encoding="utf-8") as f:
            for line in f:
                if '"source": "unpc"' not in line:
                    continue
                stem = json.loads(line)["id"].rsplit(":", 1)[0]
                if stem not in stems:
                    if len(stems) == 20:
                        continue
                    stems.append(stem)
                lines.append(line)
        with open(src, "w", encoding="utf-8") as f:
            f.writelines(lines)
        self.assertEqual(len(lines), 120)
        db = os.path.join(tmp, "db")
        index(db, src)
        # Every version of every document, found by its symbol's number: one result each.
        _, r = search_json(db, "source:unpc", "--limit", "100", check=0)
        self.assertEqual(r["total"], 20, "each UN document should be one result, versions linked")
        for hit in r["results"]:
            stem = hit["id"].rsplit(":", 1)[0]
            self.assertEqual(len(hit["versions"]), 5, hit["id"])
            for v in hit["versions"]:
                self.assertEqual(v["id"].rsplit(":", 1)[0], stem, "a version of another document was linked")
        # A Russian query shows the Russian version, "also in" the other five.
        ru = next(json.loads(x) for x in lines if json.loads(x)["language"] == "ru")
        word = next(w for w in ru["text"].split() if len(w) > 8 and w.isalpha())
        _, r = search_json(db, word, check=0)
        self.assertEqual(r["results"][0]["language"], "ru")
        self.assertEqual(sorted(v["language"] for v in r["results"][0]["versions"]), ["ar", "en", "es", "fr", "zh"])
        _, r = search_json(db, "lang:fr source:unpc", check=0)
        self.assertTrue(r["results"])
        self.assertTrue(all(h["language"] == "fr" for h in r["results"]))


if __name__ == "__main__":
    unittest.main()
