"""Permalinks and citations end to end: stable passage ids across full rebuilds and
incremental runs, --cite and --json, the daemon's /p/, /api/passage and /api/cite, and
questions shown with their answers in every turn-marking convention the readers know."""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import Daemon, binary, index, run, search_json, skip_without_corpus, temp_dir  # noqa: E402

# (id, language, question label, answer label, distractor question, question, answer, asked word, speaker query)
# The question label marks a question in the reader's convention; the answer label is a
# name or an answer word. Each record has a distractor pair first, so the test also
# checks that `asked:` finds the answer to the right question.
CONVENTIONS = [
    ("conv:en-q", "en", "Q", "Maria Zakharova", "Will the minister travel to Geneva?",
     "What is your comment on the new sanctions?", "They are counterproductive and hurt ordinary people.",
     "sanctions", "zakharova"),
    ("conv:en-question", "en", "Question", "Answer", "Is the summit confirmed?",
     "What about the embargo on grain?", "The embargo is lifted for humanitarian cargo.", "embargo", None),
    ("conv:en-qa", "en", "Q", "A", "Any news on the talks?",
     "Do you expect a ceasefire soon?", "We hope for a ceasefire before winter.", "ceasefire", None),
    ("conv:ru", "ru", "Вопрос", "Мария Захарова", "Когда состоится визит министра?",
     "Как вы прокомментируете новые санкции?", "Это контрпродуктивные меры, они бьют по простым людям.",
     "санкции", "zakharova"),
    ("conv:ru-answer", "ru", "Вопрос журналиста", "Ответ", "Будет ли саммит?",
     "Что вы скажете о переговорах по зерну?", "Переговоры продолжаются в Стамбуле.", "зерну", None),
    ("conv:uk", "uk", "Питання", "Дмитро Кулеба", "Коли відбудеться візит?",
     "Як ви оцінюєте нові санкції?", "Санкції мають бути посилені.", "санкції", "кулеба"),
    ("conv:tr", "tr", "Soru", "Mevlüt Çavuşoğlu", "Zirve ne zaman yapılacak?",
     "Yaptırımlar hakkında ne düşünüyorsunuz?", "Tek taraflı yaptırımları tanımıyoruz.", "yaptırımlar", "cavusoglu"),
    ("conv:ar", "ar", "سؤال", "جواب", "متى ستعقد القمة؟",
     "ما موقفكم من العقوبات الجديدة؟", "نرفض العقوبات الأحادية.", "العقوبات", None),
    ("conv:ar-def", "ar", "السؤال", "أيمن الصفدي", "هل ستزورون دمشق؟",
     "ما رأيكم في المفاوضات حول المياه؟", "المفاوضات مستمرة.", "المياه", "الصفدي"),
    ("conv:zh", "zh", "问", "答", "外长何时访华？",
     "你对新的制裁有何评论？", "中方一贯反对单边制裁。", "制裁", None),
    ("conv:zh-reporter", "zh", "记者", "华春莹", "峰会何时举行？",
     "中方如何看待粮食安全问题？", "粮食安全是最紧迫的挑战之一。", "粮食", "华春莹"),
    ("conv:es", "es", "Pregunta", "Respuesta", "¿Cuándo será la cumbre?",
     "¿Qué opina de las nuevas sanciones?", "Las sanciones no resuelven nada.", "sanciones", None),
    ("conv:fr", "fr", "Question", "Réponse", "Le sommet aura-t-il lieu ?",
     "Que pensez-vous des nouvelles sanctions ?", "Les sanctions doivent être ciblées.", "sanctions", None),
    ("conv:fr-journaliste", "fr", "Question du journaliste", "Jean-Yves Le Drian", "Le ministre ira-t-il à Genève ?",
     "Quelle est la position de la France sur l'embargo ?", "La France soutient un embargo ciblé.", "embargo", "drian"),
    ("conv:de", "de", "Frage", "Annalena Baerbock", "Wann beginnt der Gipfel?",
     "Wie bewerten Sie die neuen Sanktionen?", "Die Sanktionen wirken.", "sanktionen", "baerbock"),
    ("conv:it", "it", "Domanda", "Antonio Tajani", "Quando sarà il vertice?",
     "Cosa pensa delle nuove sanzioni?", "Le sanzioni sono necessarie.", "sanzioni", "tajani"),
    ("conv:pt", "pt", "Pergunta", "Mauro Vieira", "Quando será a cúpula?",
     "O que acha das novas sanções?", "O Brasil não apoia sanções unilaterais.", "sanções", "vieira"),
    ("conv:el", "el", "Ερώτηση", "Νίκος Δένδιας", "Πότε θα γίνει η σύνοδος;",
     "Τι λέτε για τις νέες κυρώσεις;", "Οι κυρώσεις πρέπει να εφαρμοστούν.", "κυρώσεις", "δενδιας"),
    ("conv:az", "az", "Sual", "Cavab", "Sammit nə vaxt olacaq?",
     "Yeni sanksiyalar barədə nə deyirsiniz?", "Sanksiyalar heç nəyi həll etmir.", "sanksiyalar", None),
    ("conv:en-journalist", "en", "Journalist", "Ned Price", "Is the trip confirmed?",
     "Will the tariffs be lifted?", "The tariffs stay in place for now.", "tariffs", "price"),
    ("conv:ru-journalist", "ru", "Журналист", "Сергей Лавров", "Когда вы поедете в Женеву?",
     "Как вы оцениваете эмбарго?", "Эмбарго незаконно.", "эмбарго", "lavrov"),
    ("conv:en-reporter", "en", "Reporter", "John Kirby", "Is the carrier still there?",
     "Where did the drones come from?", "The drones were launched from the south.", "drones", "kirby"),
    ("conv:en-participant", "en", "Participant", "Antony Blinken", "Thank you for coming.",
     "How many vaccines will you donate?", "We will donate a billion doses.", "vaccines", "blinken"),
    ("conv:en-audience", "en", "Audience question", "Linda Thomas-Greenfield", "Can you hear me?",
     "What will you do for the refugees?", "We are doubling our support.", "refugees", "greenfield"),
    ("conv:ja", "ja", "記者", "林芳正", "訪問の日程は決まりましたか。",
     "新たな制裁についてどうお考えですか。", "日本は国際社会と連携して対応します。", "制裁", "林芳正"),
    ("conv:en-turns", "en", "Question", "Wang Wenbin", "Any update on the visit?",
     "Will China join the wheat initiative?", "China supports every effort on food security.", "wheat", "wang"),
]


def record(row):
    """The row as an input record: turn labels in the text, or (ids ending in -turns) the
    format's explicit `turns` with the labels as speakers."""
    rid, lang, qlabel, alabel, distractor, question, answer, _, _ = row
    if rid.endswith("-turns"):
        turns = [{"speaker": qlabel, "text": distractor}, {"speaker": alabel, "text": "Not today."},
                 {"speaker": qlabel, "text": question}, {"speaker": alabel, "text": answer}]
        return {"id": rid, "source": "test", "language": lang, "date": "2024-02-29", "title": "Briefing " + rid,
                "speakers": [alabel], "country": "", "url": "", "turns": turns,
                "text": "\n\n".join(t["text"] for t in turns)}
    colon = "：" if lang in ("zh", "ja") else ": "
    text = "\n\n".join([
        qlabel + colon + distractor,
        alabel + colon + "Not today.",
        qlabel + colon + question,
        alabel + colon + answer,
    ])
    return {"id": rid, "source": "test", "language": lang, "date": "2024-02-29",
            "title": "Briefing " + rid, "speakers": [] if alabel in ("Answer", "A", "Ответ", "جواب", "答", "Respuesta", "Réponse", "Cavab") else [alabel],
            "country": "", "url": "https://example.org/" + rid, "text": text}


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


SMALL = [
    {"id": "perm:a", "source": "test", "language": "en", "date": "2023-05-01", "title": "Briefing A",
     "speakers": ["Ned Price"], "country": "USA", "url": "https://example.org/a",
     "text": "Q: What about the sanctions?\n\nNed Price: The sanctions stay.\n\nQ: And the talks?\n\n"
             "Ned Price: The talks resume on Monday.\n\nQ: Thank you.\n\nNed Price: Thank you."},
    {"id": "perm:b", "source": "test", "language": "en", "date": "2023-05-02", "title": "Briefing B",
     "speakers": ["Maria Zakharova"], "country": "RUS", "url": "",
     "text": "Q: Any comment on the grain deal?\n\nMaria Zakharova: The grain deal was not honoured.\n\n"
             "Q: And on the sanctions?\n\nMaria Zakharova: Sanctions are illegal."},
]


def all_permalinks(daemon, ids):
    """passage number → passage id for each transcript, read from /api/doc."""
    out = {}
    for tid in ids:
        status, body = daemon.get_json("/api/doc/" + urllib.parse.quote(tid, safe=""))
        assert status == 200, (tid, status, body)
        out[tid] = [(p["passage"], p["passage_id"], p["text"]) for p in body["passages"]]
    return out


def permalinks_of(db, ids):
    d = Daemon(db, extra=["--no-access-log"])
    try:
        return all_permalinks(d, ids)
    finally:
        d.stop()


class PermalinkStability(unittest.TestCase):
    def setUp(self):
        self.dir = temp_dir(self)
        self.src = os.path.join(self.dir, "src")
        os.mkdir(self.src)
        write_jsonl(os.path.join(self.src, "a.jsonl"), SMALL[:1])
        write_jsonl(os.path.join(self.src, "b.jsonl"), SMALL[1:])

    def test_a_full_rebuild_keeps_every_permalink(self):
        db = os.path.join(self.dir, "db")
        index(db, self.src)
        first = permalinks_of(db, ["perm:a", "perm:b"])
        index(db, self.src)
        second = permalinks_of(db, ["perm:a", "perm:b"])
        self.assertEqual(first, second)
        ids = [pid for t in first.values() for _, pid, _ in t]
        self.assertEqual(len(ids), 10)
        self.assertEqual(len(set(ids)), 10, "every passage id is unique")
        for pid in ids:
            self.assertRegex(pid, r"^perm:[ab]~[0-9a-f]{10}(\.\d+)?$")
        # The repeated "Thank you." gets the ordinal of its repetition.
        thanks = [pid for _, pid, text in first["perm:a"] if text == "Thank you."]
        self.assertEqual(len(thanks), 2)
        self.assertEqual(thanks[1], thanks[0] + ".2")

    def test_an_incremental_run_keeps_permalinks_and_changes_only_edited_passages(self):
        db = os.path.join(self.dir, "db")
        index(db, self.src)
        before = permalinks_of(db, ["perm:a", "perm:b"])
        # Another transcript changes: perm:a's ids stay.
        changed_b = dict(SMALL[1])
        changed_b["text"] = changed_b["text"].replace("Sanctions are illegal.", "Sanctions are illegal and useless.")
        changed_b["text"] = "Host: Welcome to the briefing.\n\n" + changed_b["text"]
        write_jsonl(os.path.join(self.src, "b.jsonl"), [changed_b])
        index(db, self.src, extra=["--incremental"])
        after = permalinks_of(db, ["perm:a", "perm:b"])
        self.assertEqual(before["perm:a"], after["perm:a"], "an untouched transcript keeps every id")
        old_b = {text: pid for _, pid, text in before["perm:b"]}
        new_b = {text: pid for _, pid, text in after["perm:b"]}
        for text, pid in old_b.items():
            if text == "Sanctions are illegal.":
                self.assertNotIn(pid, new_b.values(), "the edited passage has a new id")
            else:
                self.assertEqual(new_b[text], pid, "an unedited passage keeps its id though its number moved")
        self.assertIn("Sanctions are illegal and useless.", new_b)
        self.assertNotEqual([n for n, _, _ in before["perm:b"]], [n for n, _, _ in after["perm:b"]])


class CiteCommandLine(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = __import__("tempfile").mkdtemp(prefix="dragoman-cite-")
        src = os.path.join(cls.tmp, "small.jsonl")
        write_jsonl(src, SMALL + [{
            "id": "perm:evil", "source": "test", "language": "en", "date": "2023-05-03",
            "title": "Title with \x1b[31mcolour\x1b[0m and \"quotes\"", "speakers": ["Mallory"], "country": "",
            "url": "https://example.org/evil",
            "text": "Q: Is the embargo \"total\"?\n\nMallory: The embargo\x07 is \x1b]0;pwned\x07total\u202e, she said."}])
        cls.db = os.path.join(cls.tmp, "db")
        index(cls.db, src)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_json_snippets_carry_passage_id_permalink_and_question(self):
        p, obj = search_json(self.db, "asked:(sanctions) speaker:zakharova", check=0)
        self.assertEqual([r["id"] for r in obj["results"]], ["perm:b"])
        r = obj["results"][0]
        sn = [s for s in r["snippets"] if "Sanctions are illegal" in s["text"]]
        self.assertEqual(len(sn), 1)
        self.assertEqual(sn[0]["question"], "And on the sanctions?")
        self.assertRegex(sn[0]["passage_id"], r"^perm:b~[0-9a-f]{10}$")
        self.assertEqual(sn[0]["permalink"], "/p/" + sn[0]["passage_id"])
        self.assertEqual(r["best_passage"], sn[0]["passage_id"])

    def test_cite_prints_the_plain_citation_of_each_best_passage(self):
        p = run([binary("dragoman-search"), "--db", self.db, "--cite", "--base-url", "http://cite.example:8080",
                 "asked:(sanctions) speaker:zakharova"], check=0)
        lines = p.stdout.splitlines()
        self.assertEqual(lines[0], "Question: “And on the sanctions?”")
        self.assertEqual(lines[1], "“Sanctions are illegal.”")
        self.assertEqual(lines[2], "— Maria Zakharova, “Briefing B”, test, 2023-05-02.")
        self.assertRegex(lines[3], r"^Permalink: http://cite\.example:8080/p/perm:b~[0-9a-f]{10} \(accessed \d{4}-\d\d-\d\d\)$")
        self.assertEqual(len(lines), 4)

    def test_cite_json_is_a_csl_json_array(self):
        p = run([binary("dragoman-search"), "--db", self.db, "--cite", "--json", "stay OR illegal"], check=0)
        items = json.loads(p.stdout)
        self.assertEqual(len(items), 2)
        for item in items:
            self.assertEqual(item["type"], "speech")
            self.assertRegex(item["id"], r"^perm:[ab]~[0-9a-f]{10}$")
            self.assertEqual(len(item["issued"]["date-parts"][0]), 3)
            self.assertIn("quote", item["custom"])
        by_id = {i["custom"]["transcript_id"]: i for i in items}
        self.assertEqual(by_id["perm:a"]["author"], [{"literal": "Ned Price"}])
        self.assertEqual(by_id["perm:a"]["URL"], "https://example.org/a")

    def test_csl_json_is_read_by_pandoc_citeproc(self):
        if shutil.which("pandoc") is None:
            sys.stderr.write("SKIPPED: pandoc is not installed\n")
            self.skipTest("SKIPPED: pandoc is not installed")
        p = run([binary("dragoman-search"), "--db", self.db, "--cite", "--json", "speaker:zakharova sanctions"], check=0)
        refs = os.path.join(self.tmp, "refs.json")
        with open(refs, "w", encoding="utf-8") as f:
            f.write(p.stdout)
        doc = subprocess.run(["pandoc", "--citeproc", "--bibliography=" + refs, "-t", "plain", "-f", "markdown"],
                             input="---\nnocite: '@*'\n---\n", capture_output=True, text=True, timeout=120)
        self.assertEqual(doc.returncode, 0, doc.stderr)
        self.assertIn("Maria Zakharova", doc.stdout)
        self.assertIn("Briefing B", doc.stdout)
        self.assertIn("2023", doc.stdout)

    def test_cite_output_has_no_control_characters(self):
        for extra in ([], ["--json"]):
            p = run([binary("dragoman-search"), "--db", self.db, "--cite", *extra, "speaker:mallory embargo"], check=0)
            self.assertIsNone(re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", p.stdout), repr(p.stdout))
        p = run([binary("dragoman-search"), "--db", self.db, "--cite", "speaker:mallory embargo"], check=0)
        self.assertIn("“The embargo is ]0;pwnedtotal, she said.”", p.stdout)
        self.assertIn("Question: “Is the embargo 'total'?”", p.stdout)

    def test_terminal_output_shows_the_question_above_the_answer(self):
        p = run([binary("dragoman-search"), "--db", self.db, "--color", "never", "speaker:zakharova illegal"], check=0)
        lines = p.stdout.splitlines()
        answer = next(i for i, l in enumerate(lines) if "Sanctions are illegal" in l)
        self.assertEqual(lines[answer - 1].strip(), "Question: And on the sanctions?")

    def test_cite_without_results_exits_1(self):
        p = run([binary("dragoman-search"), "--db", self.db, "--cite", "zzyzx"], check=1)
        self.assertEqual(p.stdout, "")


class CiteDaemon(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = __import__("tempfile").mkdtemp(prefix="dragoman-cite-")
        src = os.path.join(cls.tmp, "small.jsonl")
        write_jsonl(src, SMALL + [{"id": "perm:odd id/with?#&<b>", "source": "test", "language": "en",
                                   "date": "2023-07-01", "title": "<script>alert(1)</script>", "speakers": [],
                                   "country": "", "url": "", "text": "Speaker One: <b>bold</b> claim."}])
        cls.db = os.path.join(cls.tmp, "db")
        index(cls.db, src)
        cls.daemon = Daemon(cls.db, extra=["--no-access-log", "--public-url", "https://search.example.org/"])
        host = urllib.parse.urlparse(cls.daemon.url)
        cls.host, cls.port = host.hostname, host.port

    @classmethod
    def tearDownClass(cls):
        assert cls.daemon.stop() == 0
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def raw_get(self, path):
        """One GET without following redirects: (status, headers, body)."""
        c = http.client.HTTPConnection(self.host, self.port, timeout=30)
        c.request("GET", path)
        r = c.getresponse()
        out = (r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode("utf-8"))
        c.close()
        return out

    def snippet(self, query, needle):
        status, body = self.daemon.get_json("/api/search", {"q": query})
        self.assertEqual(status, 200)
        for r in body["results"]:
            for s in r["snippets"]:
                if needle in s["text"]:
                    return r, s
        self.fail("no snippet with %r for %r" % (needle, query))

    def test_permalink_redirects_to_the_passage_in_its_transcript(self):
        r, s = self.snippet("talks monday", "talks resume")
        status, headers, _ = self.raw_get(s["permalink"])
        self.assertEqual(status, 302)
        self.assertEqual(headers["location"], "/?doc=perm:a#passage-%d" % s["passage"])

    def test_api_passage_and_cite(self):
        r, s = self.snippet("asked:(grain)", "grain deal was not")
        pid = urllib.parse.quote(s["passage_id"], safe="")
        status, body = self.daemon.get_json("/api/passage/" + pid)
        self.assertEqual(status, 200)
        self.assertEqual(body["passage_id"], s["passage_id"])
        self.assertEqual(body["question"], "Any comment on the grain deal?")
        self.assertEqual(body["text"], "The grain deal was not honoured.")
        self.assertEqual(body["speaker"], "Maria Zakharova")
        permalink = "https://search.example.org/p/" + s["passage_id"]
        self.assertIn("Permalink: " + permalink, body["cite"]["text"])
        self.assertEqual(body["cite"]["csl"]["archive_location"], permalink)
        status, headers, text = self.daemon.get("/api/cite/" + pid)
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/plain"))
        self.assertEqual(text, body["cite"]["text"])
        status, headers, csl = self.daemon.get("/api/cite/" + pid, {"format": "csl"})
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("application/vnd.citationstyles.csl+json"))
        self.assertEqual(json.loads(csl), [body["cite"]["csl"]])

    def test_odd_ids_round_trip_escaped(self):
        r, s = self.snippet("bold claim", "bold")
        self.assertTrue(s["passage_id"].startswith("perm:odd id/with?#&<b>~"))
        self.assertNotIn("<", s["permalink"])
        self.assertNotIn(" ", s["permalink"])
        status, headers, _ = self.raw_get(s["permalink"])
        self.assertEqual(status, 302)
        self.assertEqual(headers["location"], "/?doc=perm%3Aodd%20id%2Fwith%3F%23%26%3Cb%3E#passage-0".replace("%3A", ":"))
        status, body = self.daemon.get_json("/api/passage/" + urllib.parse.quote(s["passage_id"], safe=""))
        self.assertEqual(status, 200)
        self.assertEqual(body["title"], "<script>alert(1)</script>")  # JSON: escaped by JSON, shown as text
        self.assertEqual(body["cite"]["csl"]["issued"], {"date-parts": [[2023, 7, 1]]})

    def test_bad_ids_get_clear_errors(self):
        for path, code, status in [
            ("/p/perm:a~0000000000", "not_found", 404),
            ("/api/passage/perm:a~0000000000", "not_found", 404),
            ("/api/cite/nothing", "not_found", 404),
            ("/api/passage/" + "x" * 4200, "bad_parameter", 400),
            ("/p/" + "x" * 4200, "bad_parameter", 400),
            ("/p/" + "x" * 300, "not_found", 404),
            ("/api/passage/%FF%FE", "bad_parameter", 400),
            ("/api/cite/perm:a~0000000000?format=bibtex", "bad_parameter", 400),
        ]:
            st, headers, body = self.raw_get(path)
            self.assertEqual(st, status, path)
            self.assertEqual(json.loads(body)["error"]["code"], code, path)
        st, headers, body = self.raw_get("/api/passage/%3Cscript%3E")
        self.assertEqual(st, 404)
        self.assertIn("<script>", json.loads(body)["error"]["message"])  # only ever inside JSON
        self.assertTrue(headers["content-type"].startswith("application/json"))

    def test_cite_through_the_server(self):
        p = run([binary("dragoman-search"), "--server", self.daemon.url, "--cite", "asked:(grain)"], check=0)
        self.assertIn("Question: “Any comment on the grain deal?”", p.stdout)
        self.assertIn("Permalink: https://search.example.org/p/perm:b~", p.stdout)
        p = run([binary("dragoman-search"), "--server", self.daemon.url, "--cite", "--json", "asked:(grain)"], check=0)
        self.assertEqual(json.loads(p.stdout)[0]["custom"]["question"], "Any comment on the grain deal?")


class QuestionsWithAnswers(unittest.TestCase):
    """`asked:` finds the answer to a question in every turn-marking convention."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = __import__("tempfile").mkdtemp(prefix="dragoman-asked-")
        src = os.path.join(cls.tmp, "conventions.jsonl")
        write_jsonl(src, [record(r) for r in CONVENTIONS])
        cls.db = os.path.join(cls.tmp, "db")
        index(cls.db, src)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_asked_finds_the_answer_and_shows_its_question(self):
        for row in CONVENTIONS:
            rid, lang, qlabel, alabel, _, question, answer, word, speaker = row
            # Several fixtures share a word (sanctions, embargo) across languages: lang: keeps one.
            queries = ["asked:(%s) lang:%s" % (word, lang)]
            if speaker:
                queries.append("asked:(%s) speaker:%s" % (word, speaker))
            for q in queries:
                with self.subTest(convention=rid, label=qlabel, query=q):
                    p, obj = search_json(self.db, q, check=0)
                    self.assertEqual([r["id"] for r in obj["results"]], [rid])
                    snippets = obj["results"][0]["snippets"]
                    self.assertEqual(len(snippets), 1, snippets)
                    self.assertEqual(snippets[0]["question"], question)
                    self.assertEqual(snippets[0]["text"], answer)
                    self.assertFalse(snippets[0]["is_question"])
                    self.assertEqual(obj["results"][0]["best_passage"], snippets[0]["passage_id"])


class RealCorpus(unittest.TestCase):
    """Press conferences and briefings of the real corpus (Chinese MFA 问：, Kremlin
    Question:, White House Q:): answers carry their questions, `asked:` finds them, and
    their permalinks survive a rebuild."""

    LABELS = {"cn_mfa_remarks": "问", "kremlin_en": "Question", "wh_briefings": "Q"}
    ZH_WORDS = ["美国", "日本", "台湾", "合作", "发展", "俄罗斯", "朝鲜", "欧盟"]

    def pairs(self, record):
        """(question paragraph, asked word) of the record's first labelled question that a
        named speaker answers; None when there is none."""
        label = self.LABELS[record["source"]]
        paras = [p.strip() for p in record["text"].split("\n\n") if p.strip()]
        for i, para in enumerate(paras[:-1]):
            m = re.match(re.escape(label) + r"\s*[:：]\s*(.+)", para, re.S)
            if not m or not re.match(r"^[^:：]{2,60}[:：]", paras[i + 1]):
                continue
            if re.match(re.escape(label) + r"\s*[:：]", paras[i + 1]):
                continue
            question = m.group(1)
            if record["language"] == "zh":
                words = [w for w in self.ZH_WORDS if w in question]
            else:
                words = sorted((w for w in re.findall(r"[A-Za-z]{7,}", question)), key=len, reverse=True)
            if words:
                return question, words[0]
        return None

    def test_answers_in_real_press_conferences_show_their_questions(self):
        skip_without_corpus(self)
        picked, per_source = [], {s: 0 for s in self.LABELS}
        with open(os.path.join(harness.SHARED_CORPUS, "transcripts.jsonl"), encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if per_source.get(r["source"], 99) >= 4:
                    continue
                pair = self.pairs(r)
                if pair:
                    picked.append((r, pair))
                    per_source[r["source"]] += 1
                if all(v >= 4 for v in per_source.values()):
                    break
        self.assertTrue(all(v >= 1 for v in per_source.values()), per_source)
        tmp = temp_dir(self)
        src = os.path.join(tmp, "real.jsonl")
        write_jsonl(src, [r for r, _ in picked])
        db = os.path.join(tmp, "db")
        index(db, src)
        found = {}
        for r, (question, word) in picked:
            with self.subTest(transcript=r["id"], word=word):
                p, obj = search_json(db, "asked:(%s)" % word, "--limit", "100", check=0)
                hits = [x for x in obj["results"] if x["id"] == r["id"]]
                self.assertEqual(len(hits), 1, "asked:(%s) finds %s" % (word, r["id"]))
                answers = [s for s in hits[0]["snippets"] if s.get("question")]
                self.assertTrue(answers)
                for s in answers:
                    self.assertIn(word.lower(), s["question"].lower())
                    self.assertFalse(s["is_question"])
                self.assertTrue(any(s["question"].startswith(question[:40]) for s in answers),
                                (question[:80], [s["question"][:80] for s in answers]))
                found[r["id"]] = sorted(s["passage_id"] for s in answers)
        index(db, src)
        for r, (question, word) in picked:
            p, obj = search_json(db, "asked:(%s)" % word, "--limit", "100", check=0)
            hit = [x for x in obj["results"] if x["id"] == r["id"]][0]
            self.assertEqual(sorted(s["passage_id"] for s in hit["snippets"] if s.get("question")), found[r["id"]],
                             "permalinks survive a full rebuild")


if __name__ == "__main__":
    unittest.main(verbosity=2)
