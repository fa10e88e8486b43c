"""The query language, multilingual matching, snippets, facets and suggestions, through
`dragoman-search --json` on an index of the bundled sample corpus (and the real sample)."""
import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402


def setUpModule():
    global TMP, DB
    TMP = tempfile.TemporaryDirectory(prefix="dragoman-search-")
    DB = os.path.join(TMP.name, "db")
    h.index(DB, h.SAMPLE)


def tearDownModule():
    TMP.cleanup()


def search(query, *extra, check=None):
    limit = () if "--limit" in extra else ("--limit", "50")
    p, obj = h.search_json(DB, query, *limit, *extra, check=check)
    if obj is None:
        raise AssertionError("no JSON for %r: %s" % (query, p.stderr))
    return obj


def ids(query, *extra):
    return h.result_ids(search(query, *extra))


def marked(obj):
    """Every highlighted surface form in the snippets."""
    out = []
    for r in obj["results"]:
        for s in r["snippets"]:
            out += re.findall(r"<mark>(.*?)</mark>", s["html"])
    return out


class QueryLanguage(unittest.TestCase):
    def test_implicit_and_requires_every_word(self):
        both = set(ids("water security"))
        self.assertTrue(both)
        self.assertTrue(both <= set(ids("water")) & set(ids("security")))

    def test_or_finds_either_word(self):
        either = set(ids("Shoygu OR Шойгу"))
        self.assertIn("press:2019-01-01-shoygu", either)
        self.assertIn("mod:2018-02-23-shoigu", either)

    def test_not_and_minus_exclude(self):
        base = set(ids("cooperation"))
        without = set(ids("cooperation -Azerbaijan"))
        self.assertTrue(without < base)
        self.assertEqual(without, set(ids("cooperation NOT Azerbaijan")))

    def test_phrase_needs_adjacent_words(self):
        self.assertIn("press:2021-03-18-aliyev", ids('"freight corridors"'))
        self.assertEqual(ids('"corridors freight"'), [])

    def test_near_and_wildcard(self):
        self.assertIn("press:2021-03-18-aliyev", ids("freight NEAR/3 corridors"))
        self.assertIn("press:2021-03-18-aliyev", ids("cooperat*"))

    def test_field_filters(self):
        self.assertEqual(set(ids("lang:zh")), {i for i in ids("lang:zh") if True})
        for r in search("cooperation lang:ru")["results"]:
            self.assertTrue(any(s["language"] == "ru" for s in r["snippets"]))
        self.assertTrue(all(r["country"] == "AZE" for r in search("cooperation country:aze")["results"]))
        self.assertTrue(search("cooperation country:aze")["results"])
        self.assertEqual(set(ids("source:un")), {i for i in ids("source:un")})
        self.assertIn("press:2021-03-18-aliyev", ids("title:cooperation"))

    def test_speaker_filter_matches_across_scripts(self):
        got = set(ids("speaker:zakharova"))
        self.assertIn("mfa:2017-03-16-zakharova", got)
        self.assertIn("mfa:2021-09-09-zakharova", got)
        self.assertEqual(got, set(ids("speaker:Захарова")))

    def test_date_ranges(self):
        for r in search("cooperation 2019..2021")["results"]:
            self.assertTrue("2019-01-01" <= r["date"] <= "2021-12-31", r)
        for r in search("date:2020-05-01..2020-05-31")["results"]:
            self.assertTrue(r["date"].startswith("2020-05"), r)
        self.assertTrue(search("date:2020-05-01..2020-05-31")["results"])

    def test_sort_by_date(self):
        dates = [r["date"] for r in search("cooperation", "--sort", "date")["results"]]
        self.assertEqual(dates, sorted(dates, reverse=True))

    def test_malformed_queries_exit_2_with_a_reason(self):
        for q, reason in (("(water", "unbalanced '('"), ("water)", "unbalanced ')'"),
                          ("speaker:", "has no value"), ("water OR", "nothing after it")):
            p = h.run([h.binary("dragoman-search"), "--db", DB, q], check=2)
            self.assertIn(reason, p.stderr, q)

    def test_no_transcript_with_every_word_relaxes_and_says_so(self):
        obj = search("freight zzzunknownword")
        self.assertTrue(obj["relaxed"])
        self.assertIn("press:2021-03-18-aliyev", h.result_ids(obj))


    def test_stopwords_are_dropped_from_words_but_not_from_phrases(self):
        self.assertEqual(ids("the freight corridors"), ids("freight corridors"))
        self.assertEqual(ids('"corridors the"'), [])
        self.assertTrue(ids("the"))  # a query of stopwords alone still searches them

    def test_a_misspelt_query_gets_a_suggestion_from_the_index(self):
        obj = search("cooperatoin", check=1)
        self.assertEqual(obj["suggestion"], "cooperation")
        self.assertIsNone(search("cooperation")["suggestion"])


class Multilingual(unittest.TestCase):
    def test_russian_inflections_find_each_other_and_are_highlighted(self):
        obj = search("санкциями")
        self.assertIn("mfa:2021-09-09-zakharova", h.result_ids(obj))  # has санкции/санкций only
        forms = {m.lower() for m in marked(obj)}
        self.assertTrue(forms & {"санкции", "санкций"}, forms)

    def test_cooperating_finds_cooperation(self):
        obj = search("cooperating lang:en")
        self.assertTrue(any("ooperation" in m for m in marked(obj)), marked(obj))

    def test_chinese_query_finds_and_highlights_chinese(self):
        obj = search("外交部")
        self.assertIn("mfa:2016-04-12-geng-shuang", h.result_ids(obj))
        self.assertIn("外交部", marked(obj))

    def test_names_match_across_scripts(self):
        pairs = [("Rudenko", "mfa:2017-03-16-zakharova"),      # Руденко
                 ("Zakharova", "mfa:2021-09-09-zakharova"),     # Захарова
                 ("Shoigu", "mod:2018-02-23-shoigu"),           # Шойгу
                 ("Shoigu", "press:2019-01-01-shoygu"),         # Shoygu
                 ("Aliyev", "mfa:2020-05-30-rudenko"),          # Алиев
                 ("Aliyev", "press:2022-09-05-aliyev"),         # Əliyev
                 ("Erdogan", "press:2023-03-20-erdogan"),       # Erdoğan
                 ("Erdogan", "mfa:2017-03-16-zakharova"),       # Эрдоган
                 ("Захарова", "mfa:2023-09-21-rudenko-unga78"), # Zakharova
                 ("Руденко", "mfa:2018-05-17-erdogan")]         # Rudenko
        for query, expected in pairs:
            # A transcript with language versions is one result: it may be shown in another language.
            found = [x for r in search(query)["results"] for x in [r["id"]] + [v["id"] for v in r["versions"]]]
            self.assertIn(expected, found, query)

    def test_exact_script_ranks_above_transliteration(self):
        got = ids("Эрдоган")  # written so in two Russian briefings, as Erdoğan/Erdogan elsewhere
        cyrillic = {"mfa:2021-09-09-zakharova", "mfa:2017-03-16-zakharova"}
        self.assertEqual(set(got[:2]), cyrillic)
        self.assertGreater(len(got), 2)

    def test_synonyms_expand_abbreviations_across_languages(self):
        results = search("ООН")["results"]
        langs = [r["language"] for r in results]
        self.assertIn("en", langs)
        self.assertIn("zh", langs)
        self.assertEqual(langs[0], "ru")  # the word as typed ranks first

    def test_an_english_word_is_not_stemmed_as_german(self):
        # German's stemmer maps "kinder" to "kind"; in English text it must stay "kinder".
        obj = search("kind lang:en")
        self.assertNotIn("kinder", {m.lower() for m in marked(obj)})


class Results(unittest.TestCase):
    def test_results_are_transcripts_with_their_best_passages(self):
        obj = search("Aliyev")
        got = h.result_ids(obj)
        self.assertEqual(len(got), len(set(got)))
        for r in obj["results"]:
            self.assertTrue(1 <= len(r["snippets"]) <= 3)
            for s in r["snippets"]:
                self.assertIn("language", s)
                self.assertIn("speaker", s)

    def test_facets_count_matching_transcripts(self):
        obj = search("cooperation")
        total_by_lang = sum(obj["facets"]["language"].values())
        self.assertGreaterEqual(total_by_lang, obj["total"])
        # Facets count results as the total does (a transcript with its language versions once).
        self.assertEqual(sum(obj["facets"]["year"].values()),
                         len([r for r in search("cooperation", "--limit", "100")["results"] if r["date"]]))

    def test_answer_passages_carry_their_question(self):
        obj = search("speaker:zakharova санкций")
        self.assertTrue(any(s.get("question") for r in obj["results"] for s in r["snippets"]))

    def test_question_passages_are_marked_in_snippets(self):
        obj = search("speaker:вопрос")
        flags = [s["is_question"] for r in obj["results"] for s in r["snippets"]]
        self.assertTrue(flags)
        self.assertTrue(all(flags))

    def test_markup_in_a_query_is_returned_escaped(self):
        obj = search("<script>alert(1)</script> cooperation")
        for r in obj["results"]:
            for s in r["snippets"]:
                self.assertNotIn("<script", s["html"])



class TranscriptTiers(unittest.TestCase):
    """Transcripts with a passage holding every word come first; then those whose passages
    hold the words between them; fewer words only when no transcript has them all."""

    @classmethod
    def setUpClass(cls):
        import json
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-tiers-")
        records = [
            ("tier:one-passage", "Lavrov: The glacier melts and the harbour freezes in the same week."),
            ("tier:two-passages", "Lavrov: The glacier melts every spring.\n\nZakharova: Our harbour freezes in winter."),
            ("tier:glacier-only", "Lavrov: The glacier melts and nothing else is said here."),
            ("tier:near", "Lavrov: Ice breakers keep the northern glacier shipping route open all year."),
            ("tier:far", "Lavrov: The northern route matters to us. Ice breakers, crews, ports, fuel, "
                         "weather reports and many other things keep shipping going along the glacier."),
        ]
        src = os.path.join(cls.tmp.name, "tiers.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for rid, text in records:
                f.write(json.dumps({"id": rid, "title": "Briefing", "date": "2020-01-01", "language": "en",
                                    "source": "tiers", "text": text}) + "\n")
        cls.db = os.path.join(cls.tmp.name, "db")
        h.index(cls.db, src)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def query(self, q):
        p, obj = h.search_json(self.db, q, "--limit", "10")
        self.assertIsNotNone(obj, p.stderr)
        return obj

    def test_words_in_different_passages_come_after_words_in_one(self):
        obj = self.query("glacier harbour freezes")
        self.assertEqual(h.result_ids(obj), ["tier:one-passage", "tier:two-passages"])
        self.assertFalse(obj["relaxed"])
        self.assertEqual(obj["total"], 2)
        # The second shows the passages that hold the words between them (it showed none).
        spread = [s["text"] for s in obj["results"][1]["snippets"]]
        self.assertEqual(len(spread), 2, spread)
        self.assertIn("glacier", spread[0])
        self.assertIn("harbour", spread[1])

    def test_an_excluded_word_keeps_every_tier(self):
        # `-word` used to switch the across-passages and any-word tiers off.
        obj = self.query("glacier harbour freezes -volcano")
        self.assertEqual(h.result_ids(obj), ["tier:one-passage", "tier:two-passages"])
        self.assertEqual(h.result_ids(self.query("glacier harbour -same")), ["tier:two-passages"])
        relaxed = self.query("glacier harbour volcano -weather")
        self.assertTrue(relaxed["relaxed"])
        self.assertIn("tier:glacier-only", h.result_ids(relaxed))
        self.assertNotIn("tier:far", h.result_ids(relaxed))
        self.assertFalse(relaxed["timed_out"])

    def test_a_transcript_missing_a_word_is_not_in_an_and(self):
        self.assertNotIn("tier:glacier-only", h.result_ids(self.query("glacier harbour")))

    def test_fewer_words_only_when_no_transcript_has_them_all(self):
        obj = self.query("glacier harbour volcano")
        self.assertTrue(obj["relaxed"])
        ids = h.result_ids(obj)
        self.assertEqual(set(ids[:2]), {"tier:one-passage", "tier:two-passages"})
        self.assertIn("tier:glacier-only", ids)

    def test_words_close_together_rank_higher(self):
        ids = h.result_ids(self.query("glacier shipping"))
        self.assertLess(ids.index("tier:near"), ids.index("tier:far"))

    def test_not_leaves_out_transcripts_that_mention_the_word_anywhere(self):
        ids = set(h.result_ids(self.query("glacier -harbour")))
        self.assertEqual(ids, {"tier:glacier-only", "tier:near", "tier:far"})
        self.assertEqual(ids, set(h.result_ids(self.query("glacier NOT harbour"))))

    def test_a_filter_beside_an_or_applies_to_both_sides(self):
        ids = set(h.result_ids(self.query("harbour OR shipping speaker:lavrov")))
        self.assertEqual(ids, {"tier:one-passage", "tier:near", "tier:far"})

    def test_the_second_tier_pages_with_offset(self):
        first = h.result_ids(h.search_json(self.db, "glacier harbour freezes", "--limit", "1")[1])
        second = h.result_ids(h.search_json(self.db, "glacier harbour freezes", "--limit", "1", "--offset", "1")[1])
        self.assertEqual(first + second, ["tier:one-passage", "tier:two-passages"])



class Abbreviations(unittest.TestCase):
    """An abbreviation typed in capitals is not the same word in another language."""

    @classmethod
    def setUpClass(cls):
        import json
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-abbr-")
        src = os.path.join(cls.tmp.name, "abbr.jsonl")
        records = [("abbr:fr", "fr", "Il y a un accord entre les deux pays sur la question des frontières."),
                   ("abbr:es", "es", "Hay un acuerdo entre los dos países sobre la cuestión de las fronteras."),
                   ("abbr:en", "en", "The UN Security Council met on Monday to discuss the border question.")]
        with open(src, "w", encoding="utf-8") as f:
            for rid, lang, text in records:
                f.write(json.dumps({"id": rid, "title": "Note", "date": "2020-01-01", "language": lang,
                                    "source": "abbr", "text": text}, ensure_ascii=False) + "\n")
        cls.db = os.path.join(cls.tmp.name, "db")
        h.index(cls.db, src)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_un_in_capitals_is_not_the_french_or_spanish_article(self):
        obj = h.search_json(self.db, "UN", "--limit", "10")[1]
        self.assertEqual(h.result_ids(obj), ["abbr:en"])

    def test_un_in_lower_case_is_still_the_word(self):
        obj = h.search_json(self.db, "un", "--limit", "10")[1]
        self.assertEqual(set(h.result_ids(obj)), {"abbr:fr", "abbr:es", "abbr:en"})


class RealCorpus(unittest.TestCase):
    def test_every_script_of_the_real_sample_is_found(self):
        h.skip_without_corpus(self)
        db = os.path.join(h.temp_dir(self), "db")
        h.index(db, os.path.join(h.SHARED_CORPUS, "sample-small.jsonl"))
        for query in ("Putin", "sanctions", "России", "外交部", "الأمم", "Türkiye", "Україна"):
            p, obj = h.search_json(db, query)
            self.assertEqual(p.returncode, 0, query)
            self.assertTrue(obj["results"], query)
            self.assertTrue(any("<mark>" in s["html"] for r in obj["results"] for s in r["snippets"]), query)


if __name__ == "__main__":
    unittest.main(verbosity=2)
