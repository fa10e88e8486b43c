"""A full disk during a full build, an incremental run, a publish, with a rejects log under
DBROOT, and with a killed run's leftovers taking the space: the run stops with a message
naming the failure and the path, exits 2, the live generation stays whole and searchable,
the unfinished generation is removed, the lock is released, and the next run succeeds once
there is space again.

Two ways to fill the disk, and the test says which ran:
- a real filesystem out of space: a small tmpfs mounted for the test (root, where the
  machine allows mounts), filled to a chosen number of free bytes or free inodes: the
  indexer meets ENOSPC wherever it happens to write or create a file;
- a file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so that write(2) fails with EFBIG
  instead of killing the process): runs everywhere, mounts or not.
Where mounts are refused the tmpfs cases are reported as SKIPPED on stderr and in the
unittest summary, and the file-size cases still run."""
import errno
import fcntl
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
import index_checksum as ck  # noqa: E402

ENOSPC = os.strerror(errno.ENOSPC)  # "No space left on device"
EFBIG = os.strerror(errno.EFBIG)  # "File too large"
QUERIES = ["cooperation", "security council"]
TMPFS_MB = 96
TMPFS_INODES = 4000
# Free space levels of the byte sweeps, as fractions of what the run leaves on disk: every
# level is short of it, so every run must fail, each at another point of the run (segments,
# merge, spelling data, version pass, commit).
FRACTIONS = (0.0, 0.01, 0.03, 0.1, 0.25, 0.45, 0.65, 0.85, 0.99)
PAGE = 4096
REASON = {"tmpfs": ENOSPC, "fsize": EFBIG}


def load_records():
    """The bundled sample, twice over (the second copy under other ids): 90 transcripts."""
    base = []
    for name in sorted(os.listdir(h.SAMPLE)):
        if name.endswith(".jsonl"):
            with open(os.path.join(h.SAMPLE, name), encoding="utf-8") as f:
                base += [json.loads(line) for line in f if line.strip()]
    return base + [dict(r, id=r["id"] + "~2") for r in base]


def write_version(src, records, version):
    """Version 0: the records in two files. Version 1: five changed, five removed, five
    added. Returns the records written."""
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    recs = [dict(r) for r in records]
    if version == 1:
        for r in recs[:5]:
            r["text"] = r["text"] + "\n\nA closing remark on cooperation, added later."
        recs = recs[:5] + recs[10:] + [dict(records[k], id="disk:added-%d" % k) for k in range(5)]
    half = len(recs) // 2
    for n, part in enumerate((recs[:half], recs[half:])):
        with open(os.path.join(src, "part-%d.jsonl" % n), "w", encoding="utf-8") as f:
            for r in part:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return recs


def fsize_limit(limit):
    """preexec_fn: files of the child may not grow past `limit` bytes; writes past it fail
    with EFBIG (SIGXFSZ, which would kill the process instead, is ignored)."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


# Xapian 1.4.22 leaks a little when its writes fail; runs made to meet a full disk take the
# suppressions of tests/lsan-xapian-write-failures.supp (libxapian's stacks only).
LSAN_SUPPRESSIONS = os.path.join(h.SOURCE_DIR, "tests", "lsan-xapian-write-failures.supp")


def index(db, src, extra=(), preexec_fn=None, rejects=None, full_disk=False):
    args = [h.binary("dragoman-index"), "--db", db, "--threads", "2", "--keep", "20", *extra]
    if rejects:
        args += ["--rejects", rejects]
    env = None
    if full_disk:
        env = dict(os.environ, LSAN_OPTIONS=("suppressions=%s:print_suppressions=0:" % LSAN_SUPPRESSIONS) + os.environ.get("LSAN_OPTIONS", ""))
    return h.run(args + [src], preexec_fn=preexec_fn, env=env)


def lock_is_free(db):
    with open(os.path.join(db, "lock"), "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        fcntl.flock(f, fcntl.LOCK_UN)
        return True


def answers(db):
    out = {}
    for q in QUERIES:
        p, obj = h.search_json(db, q, "--limit", "100")
        if obj is None:
            raise AssertionError("dragoman-search --db %s failed on %r: %s" % (db, q, p.stderr))
        out[q] = (obj["total"], sorted(h.result_ids(obj)))
    return out


def live_databases(db):
    live = os.path.realpath(os.path.join(db, "current"))
    manifest = os.path.join(live, "manifest.json")
    if not os.path.exists(manifest):
        return [live]
    with open(manifest) as f:
        return [os.path.join(live, s) for s in json.load(f)["shards"]]


def largest_file(directory):
    return max(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(directory) for f in files)


class State:
    """What a failed run must leave as it was: the live link, the generations, the live
    index's records (checksum) and its answers."""

    def __init__(self, db, with_answers=True):
        self.live = os.path.realpath(os.path.join(db, "current"))
        self.generations = sorted(os.listdir(os.path.join(db, "generations")))
        self.checksum = ck.checksum(ck.index_hashes(db))
        self.answers = answers(db) if with_answers else None


class Tmpfs:
    """A tmpfs of TMPFS_MB MiB and TMPFS_INODES inodes, mounted for one test, with filler
    files that leave a chosen number of bytes or inodes free."""

    def __init__(self, path):
        self.path = path
        self.filler = os.path.join(path, "filler")

    @staticmethod
    def mount(test):
        """Mounts one, or returns (None, why not)."""
        d = tempfile.mkdtemp(prefix="dragoman-full-disk-")
        p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dm,nr_inodes=%d" % (TMPFS_MB, TMPFS_INODES),
                            "tmpfs", d], capture_output=True, text=True)
        if p.returncode != 0:
            os.rmdir(d)
            return None, (p.stderr or p.stdout).strip() or "mount exited %d" % p.returncode

        def unmount():
            if subprocess.run(["umount", d]).returncode != 0:
                subprocess.run(["umount", "-l", d])
            os.rmdir(d)
        test.addCleanup(unmount)
        return Tmpfs(d), None

    def free_bytes(self):
        st = os.statvfs(self.path)
        return st.f_bavail * st.f_frsize

    def free_inodes(self):
        return os.statvfs(self.path).f_favail

    def used_bytes(self):
        st = os.statvfs(self.path)
        return (st.f_blocks - st.f_bfree) * st.f_frsize

    def used_inodes(self):
        st = os.statvfs(self.path)
        return st.f_files - st.f_ffree

    def leave(self, free_bytes=None, free_inodes=None):
        """Fills the filesystem until `free_bytes` bytes (to the page) and `free_inodes`
        inodes are left."""
        self.release()
        os.makedirs(self.filler)
        if free_bytes is not None:
            fill = self.free_bytes() - free_bytes
            if fill > 0:
                fd = os.open(os.path.join(self.filler, "bytes"), os.O_CREAT | os.O_WRONLY, 0o644)
                try:
                    os.posix_fallocate(fd, 0, fill)
                finally:
                    os.close(fd)
            assert abs(self.free_bytes() - free_bytes) <= PAGE, (self.free_bytes(), free_bytes)
        if free_inodes is not None:
            n = 0
            while self.free_inodes() > free_inodes:
                open(os.path.join(self.filler, "i%d" % n), "w").close()
                n += 1
            assert self.free_inodes() == free_inodes, (self.free_inodes(), free_inodes)

    def release(self):
        shutil.rmtree(self.filler, ignore_errors=True)


_mount_report = []


def report_mechanism(what):
    if what not in _mount_report:
        _mount_report.append(what)
        sys.stderr.write("full-disk: %s\n" % what)


class FullDiskChecks(unittest.TestCase):
    """Assertions shared by both ways of filling the disk."""

    def setUp(self):
        self.records = load_records()

    def assert_failed_cleanly(self, p, db, before, reason, what, shards=1):
        """The run stopped with exit 2 and a message naming the reason and a path under
        DBROOT; nothing changed: the live link, the generations (the unfinished one
        removed), the records and the answers; no temporary file is left; the lock is free.
        An incremental run over several shards may have committed some of them before the
        disk filled (Xapian commits one database at a time): it must say how many, and the
        records then are those of the shards as committed, each shard whole."""
        err = p.stderr
        partial = re.search(r"dragoman-index: (\d+) of the (\d+) shards hold this run's changes", err)
        if partial:
            self.assertGreater(shards, 1, what + ": a partial commit of one database:\n" + err)
            self.assertEqual(int(partial.group(2)), shards, what)
            self.assertTrue(0 < int(partial.group(1)) < shards, what)
        self.assertEqual(p.returncode, 2, "%s: exit %d, expected 2\n%s" % (what, p.returncode, err[-3000:]))
        self.assertIn(reason, err, what)
        self.assertRegex(err, r"dragoman-index: .*%s" % re.escape(db), what + ": the message names the path")
        self.assertLessEqual(len(err.splitlines()), 3, what + ": a few lines, not a flood:\n" + err[-3000:])
        self.assertNotIn("AddressSanitizer", err, what)
        after = State(db, with_answers=False)
        self.assertEqual(after.live, before.live, what + ": the live link moved")
        self.assertEqual(after.generations, before.generations, what + ": an unfinished generation was left")
        if not partial:
            self.assertEqual(after.checksum, before.checksum, what + ": the live index's records changed")
        if before.answers is not None and not partial:
            self.assertEqual(answers(db), before.answers, what + ": dragoman-search answers otherwise")
        # Dragoman's own temporary files; Xapian may leave its `v.tmp` (the next version
        # file, overwritten by its next commit) in a database whose commit failed.
        stray = [n for n in os.listdir(db) if ".tmp" in n]
        stray += [n for n in os.listdir(before.live) if n in ("manifest.json.tmp", ".segments")]
        self.assertEqual(stray, [], what + ": temporary files left")
        self.assertTrue(lock_is_free(db), what + ": the lock is still held")
        for d in live_databases(db):
            c = h.run(["xapian-check", d])
            self.assertEqual(c.returncode, 0, "%s: xapian-check %s:\n%s" % (what, d, c.stdout[-2000:]))

    def assert_succeeds(self, db, src, records, extra=(), preexec_fn=None, what=""):
        p = index(db, src, extra, preexec_fn)
        self.assertEqual(p.returncode, 0, "%s: the run with space again: %s" % (what, p.stderr[-3000:]))
        self.assertEqual(ck.checksum(ck.index_hashes(db)), ck.checksum(ck.expected_transcripts(records)), what)
        self.assertTrue(lock_is_free(db), what)


@unittest.skipUnless(hasattr(resource, "RLIMIT_FSIZE"), "no RLIMIT_FSIZE on this platform")
class FileSizeLimit(FullDiskChecks):
    """EFBIG: every file the indexer writes is limited in size. Runs everywhere."""

    @classmethod
    def setUpClass(cls):
        report_mechanism("EFBIG by a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored)")

    def sweep(self, extra, incremental):
        tmp = h.temp_dir(self)
        src, db, scratch = (os.path.join(tmp, n) for n in ("src", "db", "scratch"))
        v1 = write_version(src, self.records, 1)
        run_extra = list(extra) + (["--incremental"] if incremental else [])
        # The largest file the run writes: every limit below it must stop the run.
        if incremental:
            write_version(src, self.records, 0)
            self.assertEqual(index(scratch, src, extra).returncode, 0)
            before = {os.path.join(d, f): os.path.getsize(os.path.join(d, f))
                      for d, _, fs in os.walk(scratch) for f in fs}
            write_version(src, self.records, 1)
            self.assertEqual(index(scratch, src, run_extra).returncode, 0)
            grown = [os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(scratch) for f in fs
                     if os.path.getsize(os.path.join(d, f)) > before.get(os.path.join(d, f), 0)]
            ceiling = max(grown)
        else:
            self.assertEqual(index(scratch, src, extra).returncode, 0)
            ceiling = largest_file(os.path.join(scratch, "current", ""))
        v0 = write_version(src, self.records, 0)
        self.assertEqual(index(db, src, extra).returncode, 0)
        write_version(src, self.records, 1)
        limits = sorted({0, 1, 100, PAGE, 3 * PAGE} | {int(ceiling * f) for f in FRACTIONS[1:]})
        limits = [x for x in limits if x < ceiling]
        before = State(db)
        for limit in limits:
            what = "%s, files limited to %d bytes (the run writes one of %d)" % (
                " ".join(run_extra) or "full build", limit, ceiling)
            p = index(db, src, run_extra, fsize_limit(limit), full_disk=True)
            self.assert_failed_cleanly(p, db, before, EFBIG, what)
        self.assertEqual(before.checksum, ck.checksum(ck.expected_transcripts(v0)))
        self.assert_succeeds(db, src, v1, run_extra, fsize_limit(ceiling * 4), "no limit but 4 x the largest file")
        sys.stderr.write("full-disk: EFBIG, %s: %d limits from 0 to %d bytes, every run stopped cleanly\n"
                         % (" ".join(run_extra) or "full build", len(limits), limits[-1]))

    def test_a_full_build_stops_cleanly_at_every_file_size_limit(self):
        self.sweep([], incremental=False)

    def test_a_sharded_full_build_stops_cleanly_at_every_file_size_limit(self):
        self.sweep(["--shards", "3"], incremental=False)

    def test_an_incremental_run_stops_cleanly_at_every_file_size_limit(self):
        self.sweep([], incremental=True)

    def test_a_rejects_log_that_cannot_be_written_changes_nothing(self):
        """The log is larger than any index file (a rejected 6 MB record): a limit between
        the two lets the index be written and fails the log, which must then publish
        nothing, keep the previous log whole and leave no temporary file."""
        tmp = h.temp_dir(self)
        src, db = os.path.join(tmp, "src"), os.path.join(tmp, "db")
        log = os.path.join(db, "rejects.jsonl")
        write_version(src, self.records, 0)
        self.assertEqual(index(db, src, rejects=log).returncode, 0)
        with open(log, "rb") as f:
            old_log = f.read()
        v1 = write_version(src, self.records, 1)
        with open(os.path.join(src, "part-2.jsonl"), "w") as f:
            bad = dict(self.records[0], id="disk:bad-date", date="2020-13-45", text="word " * 1200000)
            f.write(json.dumps(bad) + "\n")
        limit = 4 << 20
        before = State(db)
        for extra in ([], ["--incremental"]):
            p = index(db, src, extra, fsize_limit(limit), rejects=log, full_disk=True)
            self.assert_failed_cleanly(p, db, before, EFBIG, "rejects log " + " ".join(extra))
            self.assertIn(log, p.stderr)
            with open(log, "rb") as f:
                self.assertEqual(f.read(), old_log, "the previous log is kept whole")
        p = index(db, src, rejects=log)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertEqual(ck.checksum(ck.index_hashes(db)), ck.checksum(ck.expected_transcripts(v1)))
        with open(log, encoding="utf-8") as f:
            self.assertEqual([json.loads(line)["id"] for line in f], ["disk:bad-date"])


class RealDisk(FullDiskChecks):
    """ENOSPC: a real filesystem out of bytes or inodes (a tmpfs mounted for each test)."""

    def setUp(self):
        super().setUp()
        self.fs, why = Tmpfs.mount(self)
        if self.fs is None:
            report_mechanism("SKIPPED: tmpfs mount refused (%s); ENOSPC is not tested on this machine, "
                             "EFBIG by RLIMIT_FSIZE is" % why)
            self.skipTest("SKIPPED: needs a tmpfs mount (root, mounts allowed): " + why)
        report_mechanism("ENOSPC on a real filesystem: a tmpfs of %d MiB, %d inodes, mounted per test"
                         % (TMPFS_MB, TMPFS_INODES))

    def dirs(self):
        return (os.path.join(self.fs.path, n) for n in ("src", "db", "scratch"))

    def growth(self, scratch, src, extra, incremental):
        """Bytes a run leaves on the filesystem (in a scratch DBROOT, removed after)."""
        write_version(src, self.records, 0)
        if incremental:
            self.assertEqual(index(scratch, src, extra).returncode, 0)
        used = self.fs.used_bytes()
        write_version(src, self.records, 1)
        self.assertEqual(index(scratch, src, list(extra) + (["--incremental"] if incremental else [])).returncode, 0)
        grown = self.fs.used_bytes() - used
        shutil.rmtree(scratch)
        return grown

    def byte_sweep(self, extra, incremental, daemon=False, shards=1):
        src, db, scratch = self.dirs()
        need = self.growth(scratch, src, extra, incremental)
        run_extra = list(extra) + (["--incremental"] if incremental else [])
        v0 = write_version(src, self.records, 0)
        self.assertEqual(index(db, src, extra).returncode, 0)
        v1 = write_version(src, self.records, 1)
        server = h.Daemon(db) if daemon else None
        try:
            before = State(db)
            if server:
                status, served = server.get_json("/api/search", {"q": QUERIES[0]})
                self.assertEqual(status, 200)
            # A failed incremental run leaves the live files longer (blocks written past their
            # end, free again in the revision that stays): each level starts from a copy.
            pristine = os.path.join(h.temp_dir(self), "pristine")
            shutil.copytree(db, pristine, symlinks=True)
            for fraction in FRACTIONS:
                if incremental:
                    shutil.rmtree(db)
                    shutil.copytree(pristine, db, symlinks=True)
                free = int(need * fraction) // PAGE * PAGE
                what = "%s, %d bytes free (the run needs %d)" % (" ".join(run_extra) or "full build", free, need)
                self.fs.leave(free_bytes=free)
                p = index(db, src, run_extra, full_disk=True)
                self.fs.release()
                self.assert_failed_cleanly(p, db, before, ENOSPC, what, shards if incremental else 1)
                if server:
                    status, now = server.get_json("/api/search", {"q": QUERIES[0]})
                    self.assertEqual((status, now["total"]), (200, served["total"]), what + ": the daemon")
            self.assertEqual(before.checksum, ck.checksum(ck.expected_transcripts(v0)))
            self.assert_succeeds(db, src, v1, run_extra, what="space again")
        finally:
            if server:
                self.assertEqual(server.stop(), 0)
        sys.stderr.write("full-disk: ENOSPC, %s: %d levels from 0 to %d of %d bytes, every run stopped cleanly\n"
                         % (" ".join(run_extra) or "full build", len(FRACTIONS), int(need * FRACTIONS[-1]), need))

    def test_a_full_build_stops_cleanly_wherever_the_disk_fills(self):
        self.byte_sweep([], incremental=False, daemon=True)

    def test_a_sharded_full_build_stops_cleanly_wherever_the_disk_fills(self):
        self.byte_sweep(["--shards", "3"], incremental=False)

    def test_an_incremental_run_stops_cleanly_wherever_the_disk_fills(self):
        self.byte_sweep([], incremental=True)

    def test_a_sharded_incremental_run_stops_cleanly_wherever_the_disk_fills(self):
        self.byte_sweep(["--shards", "3"], incremental=True, shards=3)

    def test_every_file_the_run_creates_can_meet_a_full_inode_table(self):
        """Out of inodes at each file creation in turn, counted up from none free until the
        run succeeds: segments, the merged shards, the manifest (the last file a sharded
        build creates before its segments are removed)."""
        src, db, _ = self.dirs()
        write_version(src, self.records, 0)
        extra = ["--shards", "2"]
        self.assertEqual(index(db, src, extra).returncode, 0)
        v1 = write_version(src, self.records, 1)
        before = State(db, with_answers=False)
        free = 0
        while True:
            self.fs.leave(free_inodes=free)
            p = index(db, src, extra, full_disk=True)
            self.fs.release()
            if p.returncode == 0:
                break
            self.assert_failed_cleanly(p, db, before, ENOSPC, "sharded full build, %d inodes free" % free)
            free += 1
            self.assertLess(free, 500, "the run never succeeded")
        self.assertGreater(free, 10, "a build creates more files than that")
        self.assertEqual(ck.checksum(ck.index_hashes(db)), ck.checksum(ck.expected_transcripts(v1)))
        sys.stderr.write("full-disk: ENOSPC for inodes: %d runs, 0 to %d inodes free, each stopped cleanly\n"
                         % (free, free - 1))

    def test_a_new_dbroot_on_a_full_disk_leaves_no_generation(self):
        """No inode for DBROOT itself, its lock, its generations directory or the new
        generation: a clear message, exit 2, no generation left, and then a first build."""
        src, _, _ = self.dirs()
        records = write_version(src, self.records, 0)
        for free in range(4):
            db = os.path.join(self.fs.path, "new-%d" % free)
            self.fs.leave(free_inodes=free)
            p = index(db, src, full_disk=True)
            self.fs.release()
            what = "a new DBROOT, %d inodes free" % free
            self.assertEqual(p.returncode, 2, what + ": " + p.stderr)
            self.assertIn(ENOSPC, p.stderr, what)
            self.assertIn(db, p.stderr, what)
            self.assertFalse(os.path.lexists(os.path.join(db, "current")), what)
            gens = os.path.join(db, "generations")
            self.assertEqual(os.listdir(gens) if os.path.isdir(gens) else [], [], what)
            self.assert_succeeds(db, src, records, what=what)

    def test_a_killed_runs_leftover_does_not_keep_the_disk_full(self):
        """A run killed before publishing leaves its unfinished generation; on a nearly full
        disk the next run must remove it before it writes, or every run after fails too."""
        src, db, scratch = self.dirs()
        need = self.growth(scratch, src, [], incremental=False)
        write_version(src, self.records, 0)
        self.assertEqual(index(db, src).returncode, 0)
        live = os.path.realpath(os.path.join(db, "current"))
        leftover = os.path.join(db, "generations", "99991231T235959-1-0")  # newer than the live one
        shutil.copytree(live, leftover)
        os.makedirs(os.path.join(leftover, ".segments"))
        with open(os.path.join(leftover, ".segments", "s0-00000000"), "wb") as f:
            f.write(b"\0" * need)
        v1 = write_version(src, self.records, 1)
        self.fs.leave(free_bytes=need // 2 // PAGE * PAGE)
        p = index(db, src)
        self.assertEqual(p.returncode, 0, "the leftover kept the disk full: " + p.stderr[-2000:])
        self.assertFalse(os.path.exists(leftover))
        self.assertEqual(ck.checksum(ck.index_hashes(db)), ck.checksum(ck.expected_transcripts(v1)))
        self.assertIn(os.path.basename(live), os.listdir(os.path.join(db, "generations")),
                      "the previous generation is kept (--keep)")


class Publish(FullDiskChecks):
    """The publish itself out of space. A build frees its segments just before it publishes,
    so a disk can only be full there when something else fills it in that instant; that
    instant cannot be timed from outside, so ENOSPC is injected into the one symlink(2) of
    the run (the new `current` link) by strace."""

    def setUp(self):
        super().setUp()
        self.strace = shutil.which("strace")
        self.assertIsNotNone(self.strace, "strace is needed (scripts/install-deps.sh installs it)")
        probe = h.run([self.strace, "-f", "-qq", "-o", "/dev/null", "true"])
        if probe.returncode != 0:
            sys.stderr.write("full-disk: SKIPPED: the publish case needs ptrace: %s\n" % probe.stderr.strip())
            self.skipTest("SKIPPED: ptrace refused: " + probe.stderr.strip())

    def test_a_publish_that_cannot_create_the_link_keeps_the_live_generation(self):
        tmp = h.temp_dir(self)
        src, db = os.path.join(tmp, "src"), os.path.join(tmp, "db")
        for extra in ([], ["--shards", "2"]):
            shutil.rmtree(db, ignore_errors=True)
            write_version(src, self.records, 0)
            self.assertEqual(index(db, src, extra).returncode, 0)
            v1 = write_version(src, self.records, 1)
            before = State(db)
            args = [self.strace, "-f", "-qq", "-o", "/dev/null", "-e", "trace=symlink,symlinkat",
                    "-e", "inject=symlink,symlinkat:error=ENOSPC", h.binary("dragoman-index"), "--db", db,
                    *extra, src]
            # LeakSanitizer cannot run under ptrace; the other runs check for leaks.
            env = dict(os.environ, ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0")
            p = h.run(args, env=env)
            self.assert_failed_cleanly(p, db, before, ENOSPC, "publish " + " ".join(extra))
            self.assertIn("current", p.stderr)
            self.assert_succeeds(db, src, v1, extra, what="publish " + " ".join(extra))


if __name__ == "__main__":
    unittest.main(verbosity=2)
