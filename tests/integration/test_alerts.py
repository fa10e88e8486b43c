"""dragoman-alerts over consecutive index runs of a changing source: new, changed and
withdrawn transcripts, a failed delivery and a failed index run in between, and a run
killed with SIGKILL: every matching passage is told exactly once, the withdrawn ones are
reported to the searches they were sent to, and the mails are read by Python's email
parser."""
import email
import email.policy
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402


def record(rid, text, speaker="Spokesperson", country="FRA", date="2024-01-10"):
    return {"id": rid, "source": "test", "language": "en", "date": date, "title": "Briefing " + rid,
            "speakers": [speaker], "country": country, "url": "", "text": text}


class AlertsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="dragoman-test-")
        self.addCleanup(self.tmp.cleanup)
        d = self.tmp.name
        self.src = os.path.join(d, "src.jsonl")
        self.db = os.path.join(d, "db")
        self.state = os.path.join(d, "state.json")
        self.searches = os.path.join(d, "searches.conf")
        with open(self.searches, "w", encoding="utf-8") as f:
            f.write("# name = query\n"
                    "sanctions = sanctions\n"
                    "zakharova = speaker:Zakharova sanctions\n"
                    "russia-grain = grain country:RUS\n")
        self.records = {}

    def saved_state(self):
        with open(self.state, encoding="utf-8") as f:
            return json.load(f)

    def write_source(self):
        with open(self.src, "w", encoding="utf-8") as f:
            for r in self.records.values():
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    def index(self, *extra, check=0):
        self.write_source()
        return h.index(self.db, self.src, extra=list(extra), check=check)

    def alerts(self, *extra, check=0):
        p = h.run([h.binary("dragoman-alerts"), "--db", self.db, "--searches", self.searches, "--state", self.state,
                   "--base-url", "http://dragoman.example", *extra], check=check)
        return p

    def told(self, out):
        """{search name: [passage permalinks]} and {search name: [withdrawn ids]} of printed alerts."""
        passages, withdrawn, name, in_withdrawn = {}, {}, None, False
        for line in out.splitlines():
            m = re.match(r'Dragoman: \d+ new passages?(?:, \d+ withdrawn)? for "(.*)"$', line)
            if m:
                name, in_withdrawn = m.group(1), False
                passages.setdefault(name, [])
                continue
            if line.startswith("Withdrawn from their sources"):
                in_withdrawn = True
                continue
            url = re.match(r"\s+(http://dragoman\.example/p/\S+)$", line)
            if url and not in_withdrawn:
                passages[name].append(url.group(1))
            elif in_withdrawn and line.strip():
                withdrawn.setdefault(name, []).append(line.strip())
        return passages, withdrawn

    def test_runs_changes_failures_and_withdrawals(self):
        self.records = {"r1": record("r1", "Sanctions were discussed.", "Мария Захарова", "RUS"),
                        "r2": record("r2", "Tourism grows.")}
        self.index()
        # The first alert run only starts following: nothing is sent, the state is written.
        p = self.alerts()
        self.assertEqual(p.stdout, "")
        state = self.saved_state()
        self.assertEqual(set(state["searches"]), {"sanctions", "zakharova", "russia-grain"})
        self.assertEqual({s["run"] for s in state["searches"].values()}, {1})

        # Run 2: a new transcript, a changed one, an unchanged one.
        self.records["r3"] = record("r3", "New sanctions on grain exports.", "Maria Zakharova", "RUS", "2024-02-01")
        self.records["r2"] = record("r2", "Tourism grows despite sanctions.")
        self.index("--incremental")
        # A dry run prints and keeps the state.
        dry = self.alerts("--dry-run").stdout
        self.assertEqual(self.saved_state(), state)
        # A mail command that fails: nothing is marked sent.
        p = self.alerts("--mail-command", "cat > /dev/null; exit 3", check=1)
        self.assertIn("not delivered", p.stderr)
        self.assertEqual(self.saved_state(), state)
        # Delivered to standard output: the same alerts the dry run showed.
        out = self.alerts().stdout
        self.assertEqual(out, dry)
        passages, withdrawn = self.told(out)
        self.assertEqual(len(passages["sanctions"]), 2)  # r2 changed, r3 new; r1 not touched
        self.assertEqual(len(passages["zakharova"]), 1)  # Maria Zakharova across scripts: r3
        self.assertEqual(len(passages["russia-grain"]), 1)
        self.assertEqual(withdrawn, {})
        # Nothing is sent twice.
        self.assertEqual(self.alerts().stdout, "")

        # A run that fails before publishing anything: nothing to tell.
        self.records["r4"] = record("r4", "More sanctions.", date="2024-03-01")
        bad = os.path.join(self.tmp.name, "no-such-dir", "rejects.log")
        self.index("--incremental", "--rejects", bad, check=2)
        self.assertEqual(self.alerts().stdout, "")
        # A run killed mid-way: whatever it left, the next run's changes are told once.
        self.write_source()
        big = os.path.join(self.tmp.name, "big.jsonl")
        with open(big, "w", encoding="utf-8") as f:
            for i in range(4000):
                f.write(json.dumps(record("big%d" % i, "Filler text about weather number %d." % i)) + "\n")
        proc = subprocess.Popen([h.binary("dragoman-index"), "--db", self.db, "--quiet", self.src, big],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        self.index()  # a full rebuild of the source without the filler: the filler is withdrawn if it had landed
        passages, _ = self.told(self.alerts().stdout)
        self.assertEqual(len(passages.get("sanctions", [])), 1)  # r4, once
        self.assertEqual(self.alerts().stdout, "")

        # Run: r3 withdrawn from the source: the searches it was sent to are told.
        del self.records["r3"]
        mail_dir = os.path.join(self.tmp.name, "mail")
        os.mkdir(mail_dir)
        self.index("--incremental")
        self.alerts("--mail-command", "cat > %s/$(date +%%s%%N).eml" % mail_dir, "--mail-to", "analyst@example.org")
        mails = []
        for name in sorted(os.listdir(mail_dir)):
            with open(os.path.join(mail_dir, name), "rb") as f:
                mails.append(email.message_from_binary_file(f, policy=email.policy.default))
        subjects = sorted(m["Subject"] for m in mails)
        self.assertEqual(subjects, ['Dragoman: 0 new passages, 1 withdrawn for "russia-grain"',
                                    'Dragoman: 0 new passages, 1 withdrawn for "sanctions"',
                                    'Dragoman: 0 new passages, 1 withdrawn for "zakharova"'])
        for m in mails:
            self.assertEqual(m["To"], "analyst@example.org")
            self.assertIn("r3", m.get_content())
        state = self.saved_state()
        self.assertNotIn("r3", state["searches"]["zakharova"]["sent"])

    def test_bad_files_are_named(self):
        self.records = {"r1": record("r1", "Sanctions.")}
        self.index()
        with open(self.searches, "w", encoding="utf-8") as f:
            f.write("one = sanctions\nnot a search\n")
        p = self.alerts(check=2)
        self.assertIn(self.searches + ":2: error: expected 'name = value'", p.stderr)
        with open(self.searches, "w", encoding="utf-8") as f:
            f.write("one = sanctions\none = grain\n")
        self.assertIn(":2: error: the search 'one' is named twice", self.alerts(check=2).stderr)
        with open(self.searches, "w", encoding="utf-8") as f:
            f.write("one = sanctions\n")
        with open(self.state, "w") as f:
            f.write("{not json")
        self.assertIn(self.state + ": error: the state file is not JSON", self.alerts(check=2).stderr)

    def test_a_journal_started_again_is_told_whole(self):
        self.records = {"r1": record("r1", "Sanctions.")}
        self.index()
        self.alerts()
        state = self.saved_state()
        for s in state["searches"].values():
            s["run"] = 7  # as if the state outlived the DBROOT it was written for
        with open(self.state, "w", encoding="utf-8") as f:
            json.dump(state, f)
        self.records["r2"] = record("r2", "New sanctions.")
        self.index("--incremental")
        passages, _ = self.told(self.alerts().stdout)
        self.assertEqual(len(passages["sanctions"]), 2)  # runs 1 and 2: r1 and r2
        self.assertEqual({s["run"] for s in self.saved_state()["searches"].values()}, {2})
        self.assertEqual(self.alerts().stdout, "")

    def test_a_bad_query_fails_its_search_only(self):
        self.records = {"r1": record("r1", "Sanctions.")}
        self.index()
        with open(self.searches, "w", encoding="utf-8") as f:
            f.write("bad = 2021..2019\ngood = sanctions\n")
        self.alerts()  # both start following
        self.records["r2"] = record("r2", "New sanctions.")
        self.index("--incremental")
        p = self.alerts(check=1)
        self.assertIn("dragoman-alerts: bad:", p.stderr)
        passages, _ = self.told(p.stdout)
        self.assertEqual(len(passages["good"]), 1)


if __name__ == "__main__":
    unittest.main()
