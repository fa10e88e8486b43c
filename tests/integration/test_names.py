"""Names as real transcripts write them, through `dragoman-search --json` and through the real
daemon: initials glued to surnames, one speaker across scripts and spellings (facets,
`speaker:`, who says it most), Arabic clitics and transliteration gaps."""
import json
import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402


def record(rid, language, source, speaker, text):
    return {"id": rid, "source": source, "language": language, "date": "2020-03-04", "title": "Briefing " + rid,
            "speakers": [speaker] if speaker else [], "country": "", "url": "", "text": text}


RECORDS = [
    record("mid:1", "ru", "mfa-rus", "",
           "М.В.Захарова: Санкции против нашей страны незаконны.\n\nВопрос: А что с переговорами?\n\n"
           "М.В.Захарова: Переговоры продолжатся."),
    record("mid:2", "ru", "mfa-rus", "Мария Захарова", "Мария Захарова: Санкции вредят Европе."),
    record("en:3", "en", "mfa-rus", "Maria Zakharova", "Maria Zakharova: Sanctions hurt Europe itself."),
    record("az:4", "en", "mfa-aze", "Ilham Aliyev", "Ilham Aliyev: Sanctions are not our policy."),
    record("az:5", "en", "mfa-aze", "Elmar Aliyev", "Elmar Aliyev: Sanctions were discussed at length."),
    record("ru:6", "ru", "news", "", "Министр С.В.Лавров встретился с коллегой. Речь Ахмадинежада прозвучала."),
    record("en:11", "en", "news", "", "Putin met the delegation in the Kremlin."),
    record("un:12", "en", "ungdc", "Mahmoud Ahmadinejad", "Mahmoud Ahmadinejad: The assembly must reform itself."),
    record("cn:13", "zh", "cnmfa", "", "华春莹：我们坚决反对这种做法。"),
    record("ar:7", "ar", "un", "", "نؤكد على أهمية الحوار والتعاون بين الدول الأعضاء في المنظمة الدولية."),
    record("tr:8", "tr", "parlamint_tr", "Celal Adan", "Önergeyi oylarınıza sunuyorum."),
    record("tr:9", "tr", "parlamint_tr", "Mustafa Şentop", "Önergeyi oylarınıza sunuyorum."),
    record("tr:10", "tr", "parlamint_tr", "Celal Adan", "Önergeyi oylarınıza sunuyorum."),
]
ZAKHAROVA = {"mid:1", "mid:2", "en:3"}


def setUpModule():
    global TMP, DB, SAMPLE_DB
    TMP = tempfile.TemporaryDirectory(prefix="dragoman-names-")
    src = os.path.join(TMP.name, "names.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for r in RECORDS:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    DB = os.path.join(TMP.name, "db")
    h.index(DB, src)
    SAMPLE_DB = os.path.join(TMP.name, "sample")
    h.index(SAMPLE_DB, h.SAMPLE)


def tearDownModule():
    TMP.cleanup()


def cli(query, *extra, db=None):
    p, obj = h.search_json(db or DB, query, "--limit", "50", *extra)
    if obj is None:
        raise AssertionError("no JSON for %r: %s" % (query, p.stderr))
    return obj


def ids(obj):
    return set(h.result_ids(obj))


def marked(obj, rid):
    out = set()
    for r in obj["results"]:
        if r["id"] == rid:
            for s in r["snippets"]:
                out.update(re.findall(r"<mark>(.*?)</mark>", s["html"]))
    return out


def zakharova_entries(facet):
    return {k: v for k, v in facet.items() if "Zakharova" in k or "Захарова" in k}


class Checks:
    """The same cases, asked of the command line and of the daemon."""

    def ask(self, query, **params):
        raise NotImplementedError

    def test_surname_finds_glued_initials_and_marks_it(self):
        obj = self.ask("Лавров")
        self.assertEqual(ids(obj), {"ru:6"})
        self.assertEqual(marked(obj, "ru:6"), {"Лавров"})
        self.assertIn("ru:6", ids(self.ask("Lavrov")))

    def test_speaker_across_scripts_and_initials(self):
        for q in ("speaker:Захарова", "speaker:Zakharova", 'speaker:"Maria Zakharova"'):
            self.assertEqual(ids(self.ask(q)), ZAKHAROVA, q)
        self.assertEqual(ids(self.ask('speaker:"Ilham Aliyev"')), {"az:4"})
        self.assertEqual(ids(self.ask("speaker:Aliyev")), {"az:4", "az:5"})
        self.assertEqual(ids(self.ask("speaker:Ахмадинежад")), {"un:12"})
        self.assertEqual(ids(self.ask('speaker:"Hua Chunying"')), {"cn:13"})

    def test_speaker_facet_shows_one_person_with_variants(self):
        obj = self.ask("sanctions OR санкции")
        entries = zakharova_entries(obj["facets"]["speaker"])
        self.assertEqual(len(entries), 1, obj["facets"]["speaker"])
        (name, count), = entries.items()
        self.assertEqual(count, 3)
        self.assertEqual(set(obj["speaker_variants"][name]), {"М.В.Захарова", "Мария Захарова", "Maria Zakharova"})
        self.assertEqual(len([k for k in obj["facets"]["speaker"] if "Aliyev" in k]), 2)
        self.assertEqual(ids(self.ask("", speaker=name)), ZAKHAROVA)

    def test_arabic_clitics(self):
        for q in ("التعاون", "تعاون"):
            obj = self.ask(q)
            self.assertEqual(ids(obj), {"ar:7"}, q)
            self.assertEqual(marked(obj, "ar:7"), {"والتعاون"})

    def test_identical_copies_are_one_result(self):
        obj = self.ask("oylarınıza")
        self.assertEqual(len(obj["results"]), 1)
        (r,) = obj["results"]
        self.assertEqual({r["id"]} | {d["id"] for d in r["duplicates"]}, {"tr:8", "tr:9", "tr:10"})
        self.assertEqual(obj["total"], 1)

    def test_transliteration_j_finds_zh_in_an_inflected_name(self):
        obj = self.ask("Ahmadinejad")
        self.assertEqual(ids(obj), {"ru:6", "un:12"})
        self.assertEqual(marked(obj, "ru:6"), {"Ахмадинежада"})
        self.assertIn("en:11", ids(self.ask("Путина")))


class CommandLine(Checks, unittest.TestCase):
    def ask(self, query, **params):
        extra = []
        for k, v in params.items():
            extra += ["--" + k, v]
        return cli(query, *extra)

    def test_sample_lists_elmar_aliyev_once(self):
        facet = cli("speaker:Aliyev", db=SAMPLE_DB)["facets"]["speaker"]
        elmar = [k for k in facet if "Elmar" in k or "Эльмар" in k]
        self.assertEqual(len(elmar), 1, facet)


class Daemon(Checks, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = h.Daemon(DB)

    @classmethod
    def tearDownClass(cls):
        cls.d.stop()

    def ask(self, query, **params):
        status, body = self.d.get_json("/api/search", {"q": query, "limit": 50, **params})
        self.assertEqual(status, 200, body)
        return body

    def test_who_says_it_most_counts_a_person_once(self):
        status, body = self.d.get_json("/api/trend", {"q": "sanctions OR санкции", "min_passages": 1})
        self.assertEqual(status, 200, body)
        rows = [w for w in body["who"]["speakers"] if "Zakharova" in w["name"] or "Захарова" in w["name"]]
        self.assertEqual(len(rows), 1, body["who"]["speakers"])
        self.assertEqual(rows[0]["passages"], 4)


if __name__ == "__main__":
    unittest.main()
