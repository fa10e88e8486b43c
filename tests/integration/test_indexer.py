"""dragoman-index as cron runs it: the lock, incremental runs, the summary, bad input, shards."""
import fcntl
import gzip
import json
import os
import re
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

SUMMARY = re.compile(r"^indexed (\d+), updated (\d+), removed (\d+), rejected (\d+) in \d+\.\d s$", re.M)


def record(i, words="", **fields):
    """A small good transcript whose text holds a word unique to it: marker<i>."""
    r = {"id": "t:%d" % i, "source": "test", "language": "en", "date": "2020-03-%02d" % (i % 28 + 1),
         "title": "Briefing %d" % i, "speakers": ["Maria Zakharova"], "country": "RUS", "url": "",
         "text": "Question: What about marker%d?\n\nMaria Zakharova: We discussed cooperation %s.\n\nThank you."
                 % (i, words)}
    r.update(fields)
    return r


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")


def ids(db, query, limit=100):
    p, obj = h.search_json(db, query, "--limit", str(limit))
    if obj is None:
        raise AssertionError("dragoman-search printed nothing for %r: %s" % (query, p.stderr))
    return sorted(h.result_ids(obj))


def delve(db_path, *args):
    p = h.run(["xapian-delve", *args, db_path])
    if p.returncode != 0 and "not in database" not in p.stdout + p.stderr:
        raise AssertionError("xapian-delve %s %s: %s" % (args, db_path, p.stderr))
    return p.stdout


def databases(db):
    """The Xapian databases of DBROOT's live generation (its shards, or itself)."""
    live = os.path.realpath(os.path.join(db, "current"))
    manifest = os.path.join(live, "manifest.json")
    if os.path.exists(manifest):
        with open(manifest) as f:
            return [os.path.join(live, s) for s in json.load(f)["shards"]]
    return [live]


def document_count(db):
    total = 0
    for d in databases(db):
        total += int(re.search(r"number of documents = (\d+)", delve(d)).group(1))
    return total


def docids_of(db, transcript_id):
    """(shard, docids) of the passages of one transcript: equal before and after a run
    means the run left that transcript's documents untouched."""
    out = []
    for n, d in enumerate(databases(db)):
        text = delve(d, "-t", "XID" + transcript_id)
        m = re.search(r"\):(.*)$", text.strip().splitlines()[0]) if text.strip() else None
        if m and m.group(1).strip():
            out.append((n, m.group(1).split()))
    return out


class Lock(unittest.TestCase):
    def test_second_indexer_exits_at_once_with_75_while_the_lock_is_held(self):
        tmp = h.temp_dir(self)
        db = os.path.join(tmp, "db")
        os.makedirs(db)
        with open(os.path.join(db, "lock"), "w") as holder:
            fcntl.flock(holder, fcntl.LOCK_EX)
            start = time.monotonic()
            p = h.index(db, h.SAMPLE, check=75)
            self.assertLess(time.monotonic() - start, 5)
        self.assertIn("locked by another indexer", p.stderr)
        self.assertIn(db, p.stderr)
        self.assertFalse(os.path.exists(os.path.join(db, "current")), "nothing may be published")
        h.index(db, h.SAMPLE, check=0)  # released: the next run works

    def test_a_running_indexer_holds_off_a_second_one(self):
        tmp = h.temp_dir(self)
        db = os.path.join(tmp, "db")
        src = os.path.join(tmp, "big.jsonl")
        # Enough text that the first run lasts well beyond the second's start.
        write_jsonl(src, [record(i, " ".join("word%d" % ((i * 7 + k) % 5000) for k in range(400)))
                          for i in range(2000)])
        first = subprocess.Popen([h.binary("dragoman-index"), "--db", db, src],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 10
            while not os.path.exists(os.path.join(db, "lock")) and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(0.3)
            start = time.monotonic()
            p = h.index(db, h.SAMPLE, check=75)
            took = time.monotonic() - start
            self.assertIsNone(first.poll(), "the first run ended too soon to test the lock")
            self.assertLess(took, 5)
            self.assertIn("locked by another indexer", p.stderr)
        finally:
            out, err = first.communicate(timeout=600)
        self.assertEqual(first.returncode, 0, err)
        self.assertEqual(ids(db, "id:t:1999"), ["t:1999"])


class SummaryAndQuiet(unittest.TestCase):
    def test_quiet_on_success_summary_with_progress_or_verbose(self):
        tmp = h.temp_dir(self)
        db = os.path.join(tmp, "db")
        p = h.index(db, h.SAMPLE)
        self.assertEqual(p.stderr, "")
        self.assertEqual(p.stdout, "")
        p = h.index(db, h.SAMPLE, extra=["--progress"])  # stderr is a pipe: no bar, the summary
        m = SUMMARY.search(p.stderr)
        self.assertIsNotNone(m, p.stderr)
        self.assertNotIn("\r", p.stderr)
        self.assertEqual(m.group(4), "0")
        p = h.index(db, h.SAMPLE, extra=["--incremental", "--verbose"])
        m = SUMMARY.search(p.stderr)
        self.assertEqual(m.groups(), ("0", "0", "0", "0"), p.stderr)

    def test_quiet_prints_errors_but_no_summary(self):
        tmp = h.temp_dir(self)
        src = os.path.join(tmp, "in.jsonl")
        write_jsonl(src, [record(1), "{broken", record(2)])
        p = h.index(os.path.join(tmp, "db"), src, extra=["--quiet"], check=1)
        self.assertIn("in.jsonl:2:", p.stderr)
        self.assertIsNone(SUMMARY.search(p.stderr))


class ProgressBar(unittest.TestCase):
    def test_progress_bar_on_a_terminal_shows_rate_and_eta_then_the_summary(self):
        import pty
        tmp = h.temp_dir(self)
        src = os.path.join(tmp, "in.jsonl")
        write_jsonl(src, [record(i, " ".join("word%d" % ((i * 7 + k) % 5000) for k in range(400)))
                          for i in range(2000)])
        master, slave = pty.openpty()
        p = subprocess.Popen([h.binary("dragoman-index"), "--db", os.path.join(tmp, "db"), "--progress", src],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the indexer closed the terminal
                break
            if not chunk:
                break
            out += chunk
        os.close(master)
        p.wait(timeout=600)
        self.assertEqual(p.returncode, 0)
        text = out.decode("utf-8", "replace")
        frames = [f for f in text.split("\r") if f.startswith("\x1b[K") and len(f) > 3]
        self.assertTrue(any(re.search(r"indexing \[#*\.*\] +\d+%  \d+ records  \d+ rec/s  [\d.]+ MB/s  ETA \d+:\d\d", f)
                            for f in frames), text[-2000:])
        last = text.split("\r")[-2:]  # the bar erased ("\x1b[K"), then the summary line
        self.assertIsNotNone(SUMMARY.search("".join(last).replace("\x1b[K", "")), text[-500:])
        # The bar tracks work done, not input read ahead of the workers: it is not full
        # while most records are still to be written.
        for f in frames:
            m = re.search(r"(\d+)%  (\d+) records", f)
            if m and int(m.group(2)) < 1000:
                self.assertLess(int(m.group(1)), 90, f)


class Incremental(unittest.TestCase):
    def test_adds_replaces_removes_and_leaves_unchanged_transcripts_untouched(self):
        for shards in (None, 3):
            with self.subTest(shards=shards):
                self.run_incremental(shards)

    def run_incremental(self, shards):
        tmp = h.temp_dir(self)
        db = os.path.join(tmp, "db")
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        write_jsonl(os.path.join(src, "a.jsonl"), [record(i) for i in range(0, 20)])
        write_jsonl(os.path.join(src, "b.jsonl"), [record(i) for i in range(20, 30)])
        extra = ["--shards", str(shards)] if shards else []
        h.index(db, src, extra=extra)
        self.assertEqual(len(databases(db)), shards or 1)
        passages_before = document_count(db)
        before = {i: docids_of(db, "t:%d" % i) for i in range(30)}
        self.assertTrue(all(before.values()))
        live = os.path.realpath(os.path.join(db, "current"))

        # a.jsonl: t:3 changed, t:4 dropped, t:100 added; b.jsonl vanished.
        write_jsonl(os.path.join(src, "a.jsonl"),
                    [record(i, "zeppelin" if i == 3 else "") for i in range(0, 20) if i != 4] + [record(100)])
        os.remove(os.path.join(src, "b.jsonl"))
        p = h.index(db, src, extra=["--incremental", "--verbose"])
        m = SUMMARY.search(p.stderr)
        self.assertEqual(m.groups(), ("1", "1", "11", "0"), p.stderr)
        self.assertEqual(os.path.realpath(os.path.join(db, "current")), live, "updated in place")
        self.assertEqual(len(databases(db)), shards or 1)

        self.assertEqual(ids(db, "zeppelin"), ["t:3"])
        self.assertEqual(ids(db, "id:t:100"), ["t:100"])
        for gone in ["t:4"] + ["t:%d" % i for i in range(20, 30)]:
            self.assertEqual(ids(db, "id:" + gone), [], gone)
        for i in set(range(20)) - {3, 4}:
            self.assertEqual(docids_of(db, "t:%d" % i), before[i], "t:%d was rewritten" % i)
        self.assertNotEqual(docids_of(db, "t:3"), before[3])
        per_transcript = passages_before // 30
        self.assertEqual(document_count(db), passages_before - 11 * per_transcript + per_transcript)
        for d in databases(db):
            h.run(["xapian-check", d], check=0)

        # The same sources again: nothing to do.
        p = h.index(db, src, extra=["--incremental", "--verbose"])
        self.assertEqual(SUMMARY.search(p.stderr).groups(), ("0", "0", "0", "0"))

    def test_a_file_with_errors_or_a_missing_source_keeps_what_it_held(self):
        tmp = h.temp_dir(self)
        db = os.path.join(tmp, "db")
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        a = os.path.join(src, "a.jsonl")
        write_jsonl(a, [record(i) for i in range(5)])
        h.index(db, src)
        # t:2's line is broken today: yesterday's t:2 stays, the error is reported.
        write_jsonl(a, [record(0), record(1), '{"id": "t:2", "text": ', record(3), record(4)])
        p = h.index(db, src, extra=["--incremental"], check=1)
        self.assertIn("a.jsonl:3:", p.stderr)
        self.assertEqual(SUMMARY.search(p.stderr).groups(), ("0", "0", "0", "1"))
        self.assertEqual(ids(db, "id:t:2"), ["t:2"])
        # A SOURCE that is missing altogether (an unmounted share) deletes nothing.
        os.rename(src, src + ".away")
        p = h.index(db, src, extra=["--incremental"], check=1)
        self.assertIn(src + ": error: no such file or directory", p.stderr)
        self.assertEqual(SUMMARY.search(p.stderr).groups(), ("0", "0", "0", "1"))
        self.assertEqual(ids(db, "cooperation"), ["t:%d" % i for i in range(5)])
        # A file that vanished from a source that is there is removed.
        os.rename(src + ".away", src)
        os.remove(a)
        write_jsonl(os.path.join(src, "b.jsonl"), [record(9)])
        p = h.index(db, src, extra=["--incremental", "--verbose"])
        self.assertEqual(SUMMARY.search(p.stderr).groups(), ("1", "0", "5", "0"))
        self.assertEqual(ids(db, "cooperation"), ["t:9"])

    def test_incremental_with_nothing_published_builds_in_full(self):
        tmp = h.temp_dir(self)
        db = os.path.join(tmp, "db")
        h.index(db, h.SAMPLE, extra=["--incremental"])
        self.assertTrue(os.path.islink(os.path.join(db, "current")))
        self.assertGreater(document_count(db), 40)

    def test_asking_for_another_shard_count_rebuilds_in_full(self):
        tmp = h.temp_dir(self)
        db = os.path.join(tmp, "db")
        h.index(db, h.SAMPLE)
        first = os.path.realpath(os.path.join(db, "current"))
        n = document_count(db)
        h.index(db, h.SAMPLE, extra=["--incremental", "--shards", "2"])
        self.assertNotEqual(os.path.realpath(os.path.join(db, "current")), first)
        self.assertEqual(len(databases(db)), 2)
        self.assertEqual(document_count(db), n)


class Shards(unittest.TestCase):
    def test_shards_are_published_together_with_a_manifest_and_search_as_one(self):
        tmp = h.temp_dir(self)
        single, sharded = os.path.join(tmp, "single"), os.path.join(tmp, "sharded")
        h.index(single, h.SAMPLE)
        h.index(sharded, h.SAMPLE, extra=["--shards", "4"])
        live = os.path.realpath(os.path.join(sharded, "current"))
        with open(os.path.join(live, "manifest.json")) as f:
            self.assertEqual(json.load(f), {"shards": ["shard-0", "shard-1", "shard-2", "shard-3"]})
        self.assertFalse(os.path.exists(os.path.join(live, ".segments")))
        self.assertFalse(os.path.exists(os.path.join(os.path.realpath(os.path.join(single, "current")),
                                                     ".segments")))
        self.assertEqual(document_count(single), document_count(sharded))
        for d in databases(sharded):
            h.run(["xapian-check", d], check=0)
            self.assertGreater(int(re.search(r"number of documents = (\d+)", delve(d)).group(1)), 0)
        # Each transcript lives, whole, in exactly one shard.
        everything = ids(single, "cooperation OR freight OR statement OR minister")
        self.assertTrue(everything)
        for t in everything:
            placed = docids_of(sharded, t)
            self.assertEqual(len(placed), 1, t)
        for q in ("cooperation", "freight corridors", "speaker:zakharova", "lang:ru"):
            self.assertEqual(ids(single, q), ids(sharded, q), q)

    def test_default_layout_is_one_database_in_input_order(self):
        tmp = h.temp_dir(self)
        db = os.path.join(tmp, "db")
        src = os.path.join(tmp, "in.jsonl")
        # 50 x 40 KB: several segments, written by two threads, merged in input order.
        write_jsonl(src, [record(i, "lorem ipsum dolor " * 2200) for i in range(50)])
        p = h.index(db, src, extra=["--threads", "2", "--verbose"])
        self.assertGreater(int(re.search(r"(\d+) segments merged", p.stderr).group(1)), 1, p.stderr)
        live = os.path.realpath(os.path.join(db, "current"))
        self.assertTrue(os.path.exists(os.path.join(live, "iamglass")))
        self.assertFalse(os.path.exists(os.path.join(live, "manifest.json")))
        first = [int(docids_of(db, "t:%d" % i)[0][1][0]) for i in range(50)]
        self.assertEqual(first, sorted(first), "document ids follow the input order")


class BadInput(unittest.TestCase):
    """Every bad-input case: reported as file:line (or file) with its reason, counted,
    written to --rejects, and the good records around it all searchable."""

    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-bad-")
        d = cls.tmp.name
        cls.src = os.path.join(d, "src")
        os.makedirs(cls.src)
        good = [record(i) for i in range(1, 9)]
        lines = [
            good[0],
            '{"id": "t:broken", "text": "no closing brace"',            # 2 broken JSON
            good[1],
            None,                                                       # 4 invalid UTF-8
            good[2],
            {"text": "a record without an id"},                         # 6 missing id
            good[3],
            record(2),                                                  # 8 duplicate id
            record(50, date="2019-13-01"),                              # 9 impossible date
            good[4],
            record(51, text=""),                                        # 11 empty text
            good[5],
            None,                                                       # 13 over the size limit
            good[6],
            good[7],
        ]
        cls.mixed = os.path.join(cls.src, "mixed.jsonl")
        with open(cls.mixed, "wb") as f:
            for n, r in enumerate(lines, 1):
                if n == 4:
                    f.write(b'{"id": "t:utf8", "text": "caf\xe9 au lait"}\n')
                elif n == 13:
                    # 64 MiB is the limit (shared/ingest/record_checks.hpp).
                    f.write(b'{"id": "t:huge", "text": "' + b"x" * (64 * 1024 * 1024 + 16) + b'"}\n')
                else:
                    f.write((r if isinstance(r, str) else json.dumps(r)).encode() + b"\n")
        with open(os.path.join(cls.src, "binary.jsonl"), "wb") as f:
            f.write(b"\x00\x01\x02\x03PK\x00\x00" * 200)
        # Tests run as root, so chmod cannot make a file unreadable: a FIFO cannot be read
        # as a file (and would block a reader that tried).
        os.mkfifo(os.path.join(cls.src, "unreadable.jsonl"))
        write_jsonl(os.path.join(cls.src, "zz-after.jsonl"), [record(60)])
        cls.db = os.path.join(d, "db")
        cls.rejects = os.path.join(d, "rejects.jsonl")
        cls.p = h.index(cls.db, cls.src, extra=["--rejects", cls.rejects], check=1)
        cls.lines = cls.p.stderr.splitlines()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def diagnostic(self, prefix, *needles):
        found = [l for l in self.lines if l.startswith(prefix)]
        self.assertEqual(len(found), 1, "%s not reported once in:\n%s" % (prefix, self.p.stderr))
        for n in needles:
            self.assertIn(n, found[0])
        return found[0]

    def test_each_case_is_reported_with_file_line_and_reason(self):
        m = self.mixed
        self.diagnostic(m + ":2:", "error:", "broken JSON")
        self.diagnostic(m + ":4:", "error:", "UTF-8")
        self.diagnostic(m + ":6:", "error:", "'id'")
        self.diagnostic(m + ":8:", "error:", "record 't:2'", "duplicate id", "first seen at " + m + ":3")
        self.diagnostic(m + ":9:", "error:", "record 't:50'", "2019-13-01")
        self.diagnostic(m + ":11:", "error:", "record 't:51'", "'text'", "empty")
        self.diagnostic(m + ":13:", "error:", "exceeds the limit")
        self.diagnostic(os.path.join(self.src, "binary.jsonl") + ": error:", "binary file")
        self.diagnostic(os.path.join(self.src, "unreadable.jsonl") + ": error:", "not a regular file")

    def test_summary_counts_every_rejection_and_exit_is_1(self):
        self.assertEqual(self.p.returncode, 1)
        m = SUMMARY.search(self.p.stderr)
        self.assertIsNotNone(m, self.p.stderr)
        self.assertEqual(m.group(1), "9")   # t:1..t:8 and t:60
        self.assertEqual(m.group(4), "9")   # 7 bad records, 2 bad files

    def test_every_good_record_is_searchable(self):
        for i in list(range(1, 9)) + [60]:
            self.assertEqual(ids(self.db, "marker%d" % i), ["t:%d" % i], i)
        self.assertEqual(ids(self.db, "cooperation"), sorted("t:%d" % i for i in list(range(1, 9)) + [60]))
        for bad in ("t:broken", "t:utf8", "t:50", "t:51", "t:huge"):
            self.assertEqual(ids(self.db, "id:" + bad), [], bad)

    def test_rejects_file_holds_each_rejected_record(self):
        with open(self.rejects, encoding="utf-8") as f:
            entries = [json.loads(l) for l in f]
        self.assertEqual(len(entries), 9)
        by_line = {(os.path.basename(e["file"]), e["line"]): e for e in entries}
        self.assertEqual(by_line[("mixed.jsonl", 2)]["record"], '{"id": "t:broken", "text": "no closing brace"')
        self.assertEqual(json.loads(by_line[("mixed.jsonl", 8)]["record"])["id"], "t:2")
        self.assertEqual(by_line[("mixed.jsonl", 9)]["id"], "t:50")
        self.assertIn("2019-13-01", by_line[("mixed.jsonl", 9)]["record"])
        self.assertIn("caf\ufffd au lait", by_line[("mixed.jsonl", 4)]["record"])
        self.assertIn(("binary.jsonl", 0), by_line)
        self.assertNotIn("record", by_line[("binary.jsonl", 0)])
        for e in entries:
            self.assertIn(e["reason"], e["diagnostic"])

    def test_rejects_file_that_cannot_be_written_is_fatal_before_indexing(self):
        tmp = h.temp_dir(self)
        p = h.index(os.path.join(tmp, "db"), h.SAMPLE, extra=["--rejects", os.path.join(tmp, "no", "such", "dir")],
                    check=2)
        self.assertIn("cannot open for writing", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(tmp, "db", "current")))


class OneBadByte(unittest.TestCase):
    """A NUL byte in one record costs that record, not its file; what makes a file binary
    (a magic number, a density of control bytes) still skips it whole, said once."""

    def test_a_raw_nul_in_line_2_rejects_that_record_and_indexes_the_others(self):
        # Regression: the file was skipped as "binary file (NUL bytes), not jsonl" and none
        # of its records indexed (indexed 0, rejected 1).
        tmp = h.temp_dir(self)
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        path = os.path.join(src, "nightly.jsonl")
        bad = b'{"id": "t:nul", "text": "raw \x00 nul"}'
        with open(path, "wb") as f:
            f.write(b"".join((json.dumps(record(i)).encode() if i else bad) + b"\n" for i in (1, 0, 2, 3)))
        db = os.path.join(tmp, "db")
        p = h.index(db, src, check=1)
        errors = [l for l in p.stderr.splitlines() if "error:" in l]
        self.assertEqual(len(errors), 1, p.stderr)
        self.assertTrue(errors[0].startswith("%s:2:%d: error: " % (path, bad.index(b"\x00") + 1)), errors)
        self.assertIn("U+0000", errors[0])
        self.assertNotIn("binary", p.stderr)
        m = SUMMARY.search(p.stderr)
        self.assertIsNotNone(m, p.stderr)
        self.assertEqual((m.group(1), m.group(4)), ("3", "1"))
        self.assertEqual(ids(db, "cooperation"), ["t:1", "t:2", "t:3"])

    def test_real_binary_files_given_as_jsonl_are_skipped_with_one_diagnostic_each(self):
        tmp = h.temp_dir(self)
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x01" * 100
        files = {
            "image.jsonl": (png, "PNG image"),
            "photo.jsonl": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 64, "JPEG image"),
            "report.jsonl": (b"%PDF-1.7\n" + b"\x00\x01\x02" * 50, "PDF document"),
            "archive.jsonl": (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
            "program.jsonl": (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56, "ELF executable"),
            "noise.jsonl": (bytes(range(256)) * 8, "control bytes in the first"),
            # zlib reads a gzip file whatever its name: its content is judged, and it is a PNG.
            "packed.jsonl.gz": (gzip.compress(png), "PNG image"),
        }
        for name, (data, _) in files.items():
            with open(os.path.join(src, name), "wb") as f:
                f.write(data)
        with open(os.path.join(src, "zz-good.jsonl"), "wb") as f:
            f.write(gzip.compress((json.dumps(record(1)) + "\n").encode()))  # gzip named .jsonl: read
        db = os.path.join(tmp, "db")
        p = h.index(db, src, check=1)
        lines = p.stderr.splitlines()
        for name, (_, kind) in files.items():
            with self.subTest(name=name):
                found = [l for l in lines if l.startswith(os.path.join(src, name) + ": error: binary file (")]
                self.assertEqual(len(found), 1, p.stderr)
                self.assertIn(kind, found[0])
                self.assertTrue(found[0].endswith("not jsonl; skipped"), found[0])
        m = SUMMARY.search(p.stderr)
        self.assertEqual((m.group(1), m.group(4)), ("1", str(len(files))))
        self.assertEqual(ids(db, "cooperation"), ["t:1"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
