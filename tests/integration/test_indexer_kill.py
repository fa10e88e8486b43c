"""kill -9 at random moments of full and incremental runs: the live index stays intact and
servable, answers exactly as before (or, when the run had finished, as after), and the next
run completes and publishes."""
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
import index_checksum as ck  # noqa: E402

TRIALS = int(os.environ.get("DRAGOMAN_KILL_TRIALS", "24"))
# Seconds for all trials: stop early (and say so) on a slow machine. A trial (a killed run,
# the run after it, the answers compared) took about 30 s in the sanitizer build beside the
# other tests (ctest -j2) until full builds mined the translation lexicon and wrote quote
# fingerprints and the history, 44 s since (6 trials in 266 s): 420 s still gives 8 or more.
TIME_BUDGET = 420
QUERIES = ["cooperation", "security council", "sanctions OR embargo", "\"united nations\"",
           "minister -president", "speaker:zakharova", "id:kill:changed-0", "id:kill:added-0", "lang:en 2019..2021"]


def answers(db):
    """The fixed query set's answers: total and the ordered top ids of each query."""
    out = {}
    for q in QUERIES:
        p, obj = h.search_json(db, q, "--limit", "50")
        if obj is None:
            raise AssertionError("dragoman-search failed on %r: %s" % (q, p.stderr))
        out[q] = (obj["total"], h.result_ids(obj))
    return out


def normalised(ans):
    """Answers compared across two indexes with the same content but other document ids:
    ties rank by document id, so compare the sets of ids (and totals only, for big ones)."""
    return {q: (total, sorted(ids) if total <= 50 else None) for q, (total, ids) in ans.items()}


def check_databases(test, db):
    live = os.path.realpath(os.path.join(db, "current"))
    manifest = os.path.join(live, "manifest.json")
    dbs = [live]
    if os.path.exists(manifest):
        with open(manifest) as f:
            dbs = [os.path.join(live, s) for s in json.load(f)["shards"]]
    for d in dbs:
        p = h.run(["xapian-check", d])
        test.assertEqual(p.returncode, 0, "xapian-check %s:\n%s%s" % (d, p.stdout[-2000:], p.stderr[-2000:]))


def load_records():
    """A medium input: the real sample when ../shared/corpus is there, else the bundled one."""
    records = []
    if h.have_shared_corpus():
        paths = [os.path.join(h.SHARED_CORPUS, "sample-small.jsonl")]
    else:
        sys.stderr.write("note: ../shared/corpus absent; the kill test uses the bundled sample, repeated\n")
        paths = [os.path.join(h.SAMPLE, f) for f in sorted(os.listdir(h.SAMPLE)) if f.endswith(".jsonl")]
    for p in paths:
        with open(p, encoding="utf-8") as f:
            records += [json.loads(l) for l in f if l.strip()]
    if len(records) < 200:  # the bundled sample is small: repeat it under new ids
        base = list(records)
        for k in range(1, 200 // len(base) + 2):
            for r in base:
                # A text of its own: identical texts would be one result (identical copies),
                # and this input is meant to be more transcripts, not copies.
                copy = dict(r, id="%s~%d" % (r["id"], k))
                if r.get("turns"):
                    copy["turns"] = [dict(t) for t in r["turns"]]
                    copy["turns"][-1]["text"] += " (%d)" % k
                else:
                    copy["text"] = r.get("text", "") + "\n\n(%d)" % k
                records.append(copy)
    return records


def write_version(src, records, version):
    """Version 0: the records as they are, in three files. Version 1: ten changed, ten
    removed, ten added, and the third file gone. Returns the records written."""
    if os.path.exists(src):
        shutil.rmtree(src)
    os.makedirs(src)
    recs = [dict(r) for r in records]
    if version == 1:
        for k, r in enumerate(recs[:10]):
            r["id"] = "kill:changed-%d" % k if k == 0 else r["id"]
            r["text"] = r["text"] + "\n\nAn added closing remark on cooperation."
        recs = recs[:10] + recs[20:]
        recs += [dict(records[k], id="kill:added-%d" % k) for k in range(10)]
    third = len(recs) // 3
    parts = [recs[:third], recs[third:2 * third], recs[2 * third:]]
    if version == 1:
        parts = parts[:2] + [[]]
    for n, part in enumerate(parts):
        if part:
            with open(os.path.join(src, "part-%d.jsonl" % n), "w", encoding="utf-8") as f:
                for r in part:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return [r for part in parts for r in part]


def journal(db):
    """The published entries of DBROOT/changes, oldest first, and the names of pending ones."""
    d = os.path.join(db, "changes")
    names = sorted(os.listdir(d)) if os.path.isdir(d) else []
    entries = []
    for n in names:
        if n.endswith(".json"):
            with open(os.path.join(d, n), encoding="utf-8") as f:
                entries.append(json.load(f))
    return entries, [n for n in names if n.endswith(".pending")]


def history_rows(db):
    """The transcript history (DBROOT/history), read-only: its runs {run: journal run} and its
    versions [(id, version, hash, first run, withdrawn run or None)]."""
    con = sqlite3.connect("file:%s?mode=ro" % os.path.join(db, "history", "history.sqlite"), uri=True)
    try:
        runs = dict(con.execute("SELECT run, journal_run FROM runs"))
        versions = list(con.execute("SELECT id, version, hash, first_run, withdrawn_run FROM versions"))
    finally:
        con.close()
    return runs, versions


def check_history(test, db, what, pending_runs=()):
    """The history holds exactly the versions of the runs that published: each journaled run's
    added and changed transcripts one new version each, its withdrawn ones marked, nothing
    else (but the rows of a run whose journal entry is still pending, decided by the next run);
    and the current versions are the live index's records."""
    entries, _ = journal(db)
    runs, versions = history_rows(db)
    pending = {int(n.split(".")[0]) for n in pending_runs}
    by_journal = {}
    for run, jrun in runs.items():
        by_journal.setdefault(jrun, []).append(run)
    test.assertTrue(set(by_journal) - {0} <= {e["run"] for e in entries} | pending,
                    what + ": history rows of a run that never published")
    for e in entries:
        ours = set(by_journal.get(e["run"], []))
        test.assertEqual(len(ours), 1, what + ": one history run per journal entry")
        got = sorted(v[0] for v in versions if v[3] in ours)
        test.assertEqual(got, sorted(e["changes"]["added"] + e["changes"]["changed"]),
                         what + ": the versions of journal run %d" % e["run"])
        test.assertEqual(sorted(v[0] for v in versions if v[4] in ours), sorted(e["changes"]["withdrawn"]),
                         what + ": the withdrawals of journal run %d" % e["run"])
    if pending:
        return
    current = {}
    for tid, version, digest, _, withdrawn in sorted(versions, key=lambda v: (v[0], v[1])):
        current[tid] = None if withdrawn else digest
    live = {tid: digest for tid, digest in current.items() if digest}
    test.assertEqual(live, {tid: v["hash"] for tid, v in ck.index_hashes(db).items()},
                     what + ": the current versions are the live index's records")


def expected_changes(before, after):
    """What a run from records `before` to records `after` adds, changes and withdraws."""
    old = {r["id"]: json.dumps(r, sort_keys=True) for r in before}
    new = {r["id"]: json.dumps(r, sort_keys=True) for r in after}
    return {"added": sorted(set(new) - set(old)), "withdrawn": sorted(set(old) - set(new)),
            "changed": sorted(i for i in set(old) & set(new) if old[i] != new[i])}


class KillNine(unittest.TestCase):
    def test_sigkill_at_random_moments_never_harms_the_live_index(self):
        tmp = h.temp_dir(self)
        records = load_records()
        src = os.path.join(tmp, "src")
        rng = random.Random(int(os.environ.get("DRAGOMAN_KILL_SEED", "20240917")))

        # Reference answers of each version, from clean full builds.
        reference = {}
        duration = {}
        contents = {}  # each version's records: what "nothing lost" compares the index with
        for v in (0, 1):
            contents[v] = write_version(src, records, v)
            ref_db = os.path.join(tmp, "ref%d" % v)
            start = time.monotonic()
            h.index(ref_db, src, check=0)
            duration[v] = time.monotonic() - start
            reference[v] = normalised(answers(ref_db))
        self.assertNotEqual(reference[0], reference[1], "the two versions must answer differently")
        # How long an incremental run takes (version 0 → 1 on the first reference index).
        start = time.monotonic()
        h.index(os.path.join(tmp, "ref0"), src, extra=["--incremental"], check=0)
        duration["incremental"] = time.monotonic() - start
        duration["full"] = max(duration[0], duration[1])

        db = os.path.join(tmp, "db")
        write_version(src, records, 0)
        h.index(db, src, check=0)
        state = 0
        self.assertEqual(normalised(answers(db)), reference[0])
        sums = {v: ck.checksum(ck.expected_transcripts(contents[v])) for v in (0, 1)}
        ck.assert_nothing_lost(self, db, contents[0], "version 0")
        self.assertEqual(len(journal(db)[0]), 1, "the first run's changes are journaled")
        check_history(self, db, "version 0")

        started = time.monotonic()
        kills = completed_anyway = trials = 0
        for trial in range(TRIALS):
            if time.monotonic() - started > TIME_BUDGET:
                sys.stderr.write("kill test: time budget spent after %d trials\n" % trial)
                break
            trials += 1
            target = 1 - state
            incremental = trial % 2 == 1
            write_version(src, records, target)
            before = answers(db)
            args = [h.binary("dragoman-index"), "--db", db] + (["--incremental"] if incremental else []) + [src]
            # Anywhere in the run: opening, reading, writing segments, merging, publishing,
            # committing (a run that finishes first still counts, and is checked too).
            delay = rng.uniform(0.0, duration["incremental" if incremental else "full"])
            proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate(timeout=120)
            what = "trial %d (%s, kill after %.3f s)" % (trial, "incremental" if incremental else "full", delay)

            check_databases(self, db)
            check_history(self, db, what + ", before the next run", journal(db)[1])
            # Nothing lost: the live index holds exactly one version's records, whole.
            live = ck.checksum(ck.index_hashes(db))
            self.assertIn(live, (sums[state], sums[target]), what + ": the live index is neither version")
            now = answers(db)
            if proc.returncode == -signal.SIGKILL:
                kills += 1
                # Killed before the publish or commit: exactly as before, to the order of the
                # results; killed after it: what the new sources say.
                if now != before:
                    self.assertEqual(normalised(now), reference[target], what + ": neither before nor after")
            else:
                completed_anyway += 1
                self.assertEqual(proc.returncode, 0, what + ": " + err.decode(errors="replace"))
                self.assertEqual(normalised(now), reference[target], what)

            # The next run completes, publishes and answers as its sources say.
            p = h.index(db, src, extra=["--incremental"] if rng.random() < 0.5 else [], check=0)
            self.assertEqual(p.stderr, "", what)
            state = target
            check_databases(self, db)
            got = normalised(answers(db))
            for q in got:
                if got[q] != reference[state][q]:
                    sys.stderr.write("DIFF %s: %s\n  ref %s\n" % (q, got[q], reference[state][q]))
            self.assertEqual(got, reference[state], what + ": the run after")
            self.assertEqual(ck.checksum(ck.index_hashes(db)), sums[state], what + ": the run after")
            # The journal holds exactly the runs that published: the killed one or the next,
            # one entry either way, with the changes between the two versions.
            entries, pending = journal(db)
            self.assertEqual(pending, [], what + ": a pending journal entry after a finished run")
            self.assertEqual(len(entries), trial + 2, what + ": one journal entry per published change")
            last = entries[-1]["changes"]
            self.assertEqual({k: sorted(v) for k, v in last.items()}, expected_changes(contents[1 - state], contents[state]),
                             what + ": the journal entry's changes")
            check_history(self, db, what + ": the run after")
            gens = os.listdir(os.path.join(db, "generations"))
            self.assertLessEqual(len(gens), 3, "killed runs' generations are pruned: %s" % gens)
            self.assertFalse([n for n in os.listdir(db) if n.startswith("current.tmp")], "stray links")

        ck.assert_nothing_lost(self, db, contents[state], "after the last trial")  # and every paragraph
        sys.stderr.write("kill test: %d runs killed, %d finished before the signal, %.0f s; live index "
                         "checksums: version 0 %d transcripts %s, version 1 %d transcripts %s\n"
                         % (kills, completed_anyway, time.monotonic() - started, sums[0][0], sums[0][1][:16],
                            sums[1][0], sums[1][1][:16]))
        self.assertGreaterEqual(trials, min(TRIALS, 8), "too few trials in the time budget")
        self.assertGreaterEqual(kills, trials // 2, "too few runs were really killed")


if __name__ == "__main__":
    unittest.main(verbosity=2)
