"""Transcript history over nightly index runs of a source directory whose files are edited,
removed and restored between runs (full and incremental runs in turn): every version, its
first- and last-seen times, withdrawals, restorations, a language version changed alone, and
the diffs, through dragoman-search --history/--diff --json and the daemon's /api/history
and /api/diff."""
import datetime
import glob
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402


def record(rid, text, language="en", title=None, group=""):
    return {"id": rid, "source": "test", "language": language, "date": "2024-05-01", "title": title or "Remarks " + rid,
            "speakers": ["Minister"], "country": "FRA", "url": "", "text": text, "group": group}


A1 = "We met the delegation. We discussed the harbour. We disagreed on fishing quotas. We will meet again."
A2 = "We met the delegation. We discussed the harbour. We will meet again."
A3 = "We met the delegation. We discussed the new harbour. We will meet again."
EN = "We regret the incident at the border. We call for calm."
RU1 = "Мы сожалеем об инциденте на границе. Мы призываем к спокойствию."
RU2 = "Мы отмечаем инцидент на границе. Мы призываем к спокойствию."
AR = "نحن نعتذر عن الحادث. شكرا لكم."
AR2 = "نحن نأسف للحادث. شكرا لكم."


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class HistoryTest(unittest.TestCase):
    def setUp(self):
        d = h.temp_dir(self)
        self.src = os.path.join(d, "src")
        self.db = os.path.join(d, "db")
        os.makedirs(self.src)
        self.runs = []  # (start, end) UTC of each index run

    def write(self, name, *records):
        with open(os.path.join(self.src, name), "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    def index(self, *extra):
        start = utc_now()
        h.index(self.db, self.src, extra=list(extra))
        self.runs.append((start, utc_now()))

    def journal(self):
        """The published runs of the change journal, oldest first."""
        out = []
        for f in sorted(glob.glob(os.path.join(self.db, "changes", "*.json"))):
            with open(f, encoding="utf-8") as fh:
                out.append(json.load(fh))
        return out

    def cli(self, *args, check=0):
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--json", *args], check=check)
        return json.loads(p.stdout) if p.stdout.strip() else None

    def changed(self, query):
        """{id: changes} of the results of `query` through dragoman-search, each result's
        `changed` flag checked against its count."""
        out = {}
        for r in self.cli(query, "--limit", "50", check=None)["results"]:
            self.assertEqual(r["changed"], r["changes"] > 0, r["id"])
            out[r["id"]] = r["changes"]
        return out

    def assertDuring(self, stamp, run):
        start, end = self.runs[run]
        self.assertTrue(start <= stamp <= end, "%s not within run %d (%s .. %s)" % (stamp, run + 1, start, end))

    def test_edits_removals_and_restorations_over_four_runs(self):
        # Run 1 (full): everything is version 1.
        self.write("a.jsonl", record("fr:a", A1))
        self.write("b.jsonl", record("fr:b", "A statement that will be withdrawn."))
        self.write("g.jsonl", record("g:en", EN, group="border"), record("g:ru", RU1, "ru", group="border"))
        self.write("ar.jsonl", record("ar:1", AR, "ar"))
        self.index()
        # Run 2 (incremental): a sentence cut from a, b removed, the Russian version softened
        # alone, the Arabic one rewritten.
        self.write("a.jsonl", record("fr:a", A2))
        os.remove(os.path.join(self.src, "b.jsonl"))
        self.write("g.jsonl", record("g:en", EN, group="border"), record("g:ru", RU2, "ru", group="border"))
        self.write("ar.jsonl", record("ar:1", AR2, "ar"))
        self.index("--incremental")
        # The incremental run wrote the changed transcripts' `changed:` terms.
        self.assertEqual(self.changed("changed:yes"), {"fr:a": 1, "g:ru": 1, "ar:1": 1})
        # Run 3 (full rebuild): b restored as it was, a edited again with a new title.
        self.write("b.jsonl", record("fr:b", "A statement that will be withdrawn."))
        self.write("a.jsonl", record("fr:a", A3, title="Remarks on the harbour"))
        self.index()
        # Run 4 (incremental): nothing changed.
        self.index("--incremental")

        journal = self.journal()
        self.assertEqual([e["run"] for e in journal], [1, 2, 3])  # run 4 changed nothing

        # Search results say how often each transcript changed, and changed: filters on it;
        # b, withdrawn and restored as it was, has not changed. The full rebuild kept the marks.
        year = datetime.datetime.now(datetime.timezone.utc).year
        marks = {"fr:a": 2, "g:ru": 1, "ar:1": 1}
        self.assertEqual(self.changed("changed:yes"), marks)
        self.assertEqual(self.changed("changed:%d" % year), marks)
        self.assertEqual(self.changed("changed:%d..%d" % (year - 1, year)), marks)
        self.assertEqual(self.changed("changed:%d.." % (year + 1)), {})
        self.assertEqual(self.changed("changed:no"), {"fr:b": 0, "g:en": 0})
        self.assertEqual(self.changed("harbour"), {"fr:a": 2})
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "changed:perhaps"], check=2)
        self.assertIn("changed:", p.stderr)
        self.assertIn("changed 2 times", h.run([h.binary("dragoman-search"), "--db", self.db, "harbour"], check=0).stdout)
        at = [e["published"] for e in journal]

        a = self.cli("--history", "fr:a")
        self.assertEqual(a["id"], "fr:a")
        self.assertEqual(a["changes"], 2)
        self.assertEqual([v["version"] for v in a["versions"]], [1, 2, 3])
        self.assertEqual([v["first_seen"] for v in a["versions"]], at)
        self.assertEqual(a["versions"][0]["last_seen"], at[0])
        self.assertEqual(a["versions"][1]["last_seen"], at[1])
        self.assertDuring(a["versions"][2]["last_seen"], 3)  # seen by the run that changed nothing
        self.assertEqual(a["first_seen"], at[0])
        self.assertIsNone(a["withdrawn"])

        b = self.cli("--history", "fr:b")
        self.assertEqual(b["changes"], 0)
        self.assertEqual(len(b["versions"]), 2)
        self.assertEqual(b["versions"][0]["withdrawn"], at[1])
        self.assertEqual(b["versions"][0]["last_seen"], at[0])
        self.assertTrue(b["versions"][1]["restored"])
        self.assertEqual(b["versions"][1]["first_seen"], at[2])
        self.assertIsNone(b["withdrawn"])

        ru = self.cli("--history", "g:ru")
        self.assertEqual(ru["versions"][1]["changed_alone"], "ru")
        en = self.cli("--history", "g:en")
        self.assertEqual(len(en["versions"]), 1)

        # Diffs: the sentence cut, then the word changed and the title.
        d12 = self.cli("--diff", "fr:a", "--versions", "1..2")
        self.assertEqual([(u["op"], u["text"]) for u in d12["units"] if u["op"] != "same"],
                         [("deleted", "We disagreed on fishing quotas.")])
        self.assertEqual((d12["inserted"], d12["deleted"], d12["changed"]), (0, 1, 0))
        last = self.cli("--diff", "fr:a")  # the last change: 2 → 3
        self.assertEqual((last["from"]["version"], last["to"]["version"]), (2, 3))
        self.assertEqual(last["fields"], [{"field": "title", "from": "Remarks fr:a", "to": "Remarks on the harbour"}])
        changed = [u for u in last["units"] if u["op"] == "changed"]
        self.assertEqual(len(changed), 1)
        self.assertEqual([w["text"] for w in changed[0]["words"] if w["op"] == "inserted"], ["new "])
        ar = self.cli("--diff", "ar:1")
        self.assertEqual(ar["units"][0]["op"], "changed")
        gone = "".join(w["text"] for w in ar["units"][0]["words"] if w["op"] == "deleted")
        added = "".join(w["text"] for w in ar["units"][0]["words"] if w["op"] == "inserted")
        self.assertIn("نعتذر", gone)
        self.assertIn("نأسف", added)
        self.assertNotIn("نحن", gone)

        # Errors: an id never seen, a version that is not there.
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--history", "nothing:here"], check=1)
        self.assertIn("no history", p.stderr)
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--diff", "fr:a", "--versions", "1..9"], check=2)
        self.assertIn("versions 1 to 3", p.stderr)
        text = h.run([h.binary("dragoman-search"), "--db", self.db, "--diff", "fr:a", "--versions", "1..2"], check=0).stdout
        self.assertIn("- We disagreed on fishing quotas.", text)

        # The daemon answers the same, read-only.
        daemon = h.Daemon(self.db)
        try:
            status, body = daemon.get_json("/api/history/fr:a")
            self.assertEqual(status, 200)
            self.assertEqual(body, a)
            status, body = daemon.get_json("/api/diff/fr:a", {"from": "1", "to": "2"})
            self.assertEqual(status, 200)
            self.assertEqual(body, d12)
            status, body = daemon.get_json("/api/diff/fr:a", {"from": "x"})
            self.assertEqual(status, 400)
            self.assertEqual(body["error"]["code"], "bad_parameter")
            status, body = daemon.get_json("/api/history/nothing")
            self.assertEqual(status, 404)
            self.assertEqual(body["error"]["code"], "not_found")
            status, body = daemon.get_json("/api/search", {"q": "changed:yes", "limit": "50"})
            self.assertEqual(status, 200)
            self.assertEqual({r["id"]: (r["changed"], r["changes"]) for r in body["results"]},
                             {k: (True, v) for k, v in marks.items()})
            status, body = daemon.get_json("/api/search", {"q": "changed:2024-05"})
            self.assertEqual(status, 400)
            self.assertEqual(body["error"]["code"], "bad_query")
            server = h.run([h.binary("dragoman-search"), "--server", daemon.url, "--json", "--history", "fr:b"], check=0)
            self.assertEqual(json.loads(server.stdout), b)
        finally:
            self.assertEqual(daemon.stop(), 0)


if __name__ == "__main__":
    unittest.main()
