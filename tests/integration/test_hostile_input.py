"""Hostile input through the real dragoman-index, in every format it reads: each bad record
or file is reported as `file:line: error: reason` and skipped, the run exits 1, the good
records around it are all indexed exactly (count and checksum, see index_checksum.py), and
text meant to attack a terminal or a page comes out inert from dragoman-search and the daemon."""
import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
import index_checksum as ck  # noqa: E402

# Text that would move the cursor, retitle or clear a terminal, reverse the display of what
# follows, or run in a page: the marker words find the records that carry it.
ESCAPES = ("\x1b[2J\x1b[H clear \x1b]0;pwned\x07 title \x1b[6n report \x07 bell \u009b2J csi "
           "<script>alert(1)</script> <img src=x onerror=alert(2)> &amp;")
BIDI = "\u202egnirts desrever\u202c \u2066isolated\u2069 \u200bzero\u200cwidth\u200djoiner \ufeffbom"
SUMMARY = re.compile(r"indexed (\d+), updated (\d+), removed (\d+), rejected (\d+)")
# Control bytes a terminal acts on (C0 but tab and newline, DEL, C1) and bidi controls.
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]")


def good(n, **fields):
    r = {"id": "ok:%d" % n, "source": "hostile", "language": "en", "date": "2020-03-%02d" % (n % 28 + 1),
         "title": "Good record %d" % n, "speakers": ["Alice Smith"], "country": "FRA", "url": "",
         "text": "Alice Smith: Cooperation goodmarker%d stays searchable.\n\nQ: And then?\n\n"
                 "Alice Smith: Then more cooperation." % n}
    r.update(fields)
    return r


def line(r):
    return json.dumps(r, ensure_ascii=False).encode("utf-8")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


TEI = ("<?xml version='1.0' encoding='utf-8'?>\n%s"
       "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:id=\"ParlaMint-HR_2022-07-14-%d\" xml:lang=\"hr\">\n"
       "  <teiHeader><fileDesc><sourceDesc><bibl><date when=\"2022-07-14\">2022-07-14</date></bibl>"
       "</sourceDesc></fileDesc>\n  <profileDesc><settingDesc><setting><name type=\"country\" key=\"HR\">"
       "Croatia</name><date when=\"2022-07-14\"/></setting></settingDesc></profileDesc></teiHeader>\n"
       "  <text xml:lang=\"hr\"><body><div>\n%s  </div></body></text>\n</TEI>\n")
TEI_U = '    <u who="#Ana.Horvat" xml:id="%s"><seg>%s</seg></u>\n'
# An external entity naming a local file and nested entities that would expand a
# thousandfold: neither may be expanded.
DOCTYPE = ('<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">'
           '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n')
MD = "---\ntitle: '%s'\ndate: '%s'\n---\n\nMS. PSAKI: %s\n\nQ Thank you.\n"
HTML = ("<html lang='en'><head><title>%s</title></head><body><main><h1>%s</h1>"
        "<p><b>Minister</b>: %s</p></main></body></html>")


def build_tree(root):
    """Writes the hostile tree under root/src and its good non-JSONL files again under
    root/control. Returns (good JSON records, expected diagnostics as (path, line, needle))."""
    src = os.path.join(root, "src")
    control = os.path.join(root, "control")
    records = []
    expect = []

    def keep(rel, data):
        write(os.path.join(src, rel), data)
        write(os.path.join(control, rel), data)

    # ---- JSON Lines: good records between every kind of bad line.
    mixed = os.path.join(src, "a-mixed.jsonl")
    lines = []

    def ok(r):
        records.append(r)
        lines.append(line(r))

    def bad(data, needle):
        lines.append(data)
        expect.append((mixed, len(lines), needle))

    ok(good(1))
    bad(b'{"id": "bad:utf8", "text": "caf\xe9 au lait"}', "UTF-8")
    ok(good(2, text="Escapes escmarker: " + ESCAPES))
    bad(b'{"id": "bad:surrogate", "text": "lone \\ud800 half"}', "broken JSON")
    ok(good(3, text="Bidi bidimarker: " + BIDI, title="\u202eeltit\u202c " + ESCAPES, speakers=["\x1b[31mEve"]))
    bad(line(good(101, text="nul \u0000 escaped")), "NUL byte")
    bad(b'{"id": "bad:rawnul", "text": "raw \x00 nul"}', "broken JSON")
    ok(good(4, text="A long word " + "x" * 100000 + " and longwordmarker after it."))
    bad(b'{"id": "bad:deep", "text": ' + b"[" * 100000 + b"]" * 100000 + b"}", "nested deeper than 16")
    bad(b"[" * 1000000, "nested deeper than 16")
    ok(good(5, text="Overlong line overlongmarker " + "cooperation words " * 60000))  # 1 MB, one paragraph
    bad(line(dict(good(102), text=12)), "'text': expected a string, got number")
    bad(line(dict(good(103), speakers={"a": 1})), "'speakers': expected an array of strings, got object")
    bad(line(dict(good(104), id=42)), "'id': expected a string, got number")
    bad(line(dict(good(105), turns="x")), "'turns': expected an array, got string")
    bad(line(dict(good(106), turns=[{"speaker": 1, "text": "x"}])), "'turns'[0]: 'speaker': expected a string")
    bad(line(dict(good(107), date=20200101)), "'date': expected a string, got number")
    bad(b'"just a string"', "expected a JSON object")
    bad(line(good(1, text="A second ok:1, with other text.")), "duplicate id")
    bad(line(good(108, date="0000-00-00")), "'0000-00-00'")
    bad(line(good(109, date="2020-02-30")), "'2020-02-30'")
    bad(line(good(110, source="s" * 400)), "'source': longer than 200 bytes")
    bad(line(good(111, country="C" * 400)), "'country': longer than 200 bytes")
    bad(line(good(112, id="i" * 5000)), "'id': longer than 4096 bytes (5000)")
    ok(good(6, turns=[{"speaker": "Alice Smith", "text": "Explicit turnmarker turn."},
                      {"speaker": "\u202eQ\u202c", "text": ESCAPES}], text=""))
    bad(b'{"id": "bad:truncated", "text": "no end', "broken JSON")  # last line, no newline
    write(mixed, b"\n".join(lines))
    r7 = good(7)
    records.append(r7)
    write(os.path.join(src, "b-more.jsonl"), line(good(2, text="Duplicate across files.")) + b"\n" + line(r7) + b"\n")
    expect.append((os.path.join(src, "b-more.jsonl"), 1, "duplicate id, first seen at " + mixed + ":3"))
    nightly = [good(8), good(9)]
    records.extend(nightly)
    write(os.path.join(src, "c-nightly.jsonl"),
          line(nightly[0]) + b'\n{"id": "bad:nightly", "text": "one \x00 corrupt record"}\n' + line(nightly[1]) + b"\n")
    expect.append((os.path.join(src, "c-nightly.jsonl"), 2, "control character U+0000"))

    # ---- Dated plain text.
    keep("dated/good.txt", " date 2020-05-30 Andrei Rudenko spoke of cooperation datedmarker. " + ESCAPES +
         "\n\n" + BIDI + "\n\nA last paragraph.")
    write(os.path.join(src, "dated/badutf8.txt"), b" date 2020-05-30 caf\xe9 au lait\n")
    expect.append((os.path.join(src, "dated/badutf8.txt"), 1, "invalid UTF-8"))
    write(os.path.join(src, "dated/nul-head.txt"), b" date 2020-05-30 has a \x00 byte\n")
    expect.append((os.path.join(src, "dated/nul-head.txt"), 1, "NUL byte"))
    write(os.path.join(src, "dated/nul-late.txt"), b" date 2020-05-30 late " + b"word " * 400 + b"\x00 nul\n")
    expect.append((os.path.join(src, "dated/nul-late.txt"), 1, "NUL byte"))
    write(os.path.join(src, "dated/zero.txt"), " date 0000-00-00 zero date\n")
    expect.append((os.path.join(src, "dated/zero.txt"), 1, "'0000-00-00'"))
    write(os.path.join(src, "dated/feb30.txt"), " date 2020-02-30 no such day\n")
    expect.append((os.path.join(src, "dated/feb30.txt"), 1, "'2020-02-30'"))

    # ---- Markdown with front matter.
    keep("md/good.md", MD % ("Good", "2021-03-01", "Hello cooperation mdmarker. " + ESCAPES + " " + BIDI))
    write(os.path.join(src, "md/badutf8.md"), (MD % ("Bad", "2021-03-01", "x")).encode() + b"caf\xe9\n")
    expect.append((os.path.join(src, "md/badutf8.md"), 9, "invalid UTF-8"))
    write(os.path.join(src, "md/nul.md"), (MD % ("Nul", "2021-03-01", "a \x00 byte")))
    expect.append((os.path.join(src, "md/nul.md"), 6, "NUL byte"))
    write(os.path.join(src, "md/zero.md"), MD % ("Zero", "0000-00-00", "x"))
    expect.append((os.path.join(src, "md/zero.md"), 3, "'0000-00-00'"))
    write(os.path.join(src, "md/feb30.md"), MD % ("Feb", "2020-02-30", "x"))
    expect.append((os.path.join(src, "md/feb30.md"), 3, "'2020-02-30'"))
    write(os.path.join(src, "md/yaml.md"), "---\ntitle: [unclosed\ndate: x: y\n---\n\nText.\n")
    expect.append((os.path.join(src, "md/yaml.md"), 3, "broken YAML"))
    write(os.path.join(src, "md/deep.md"), "---\ntitle: " + "[" * 100000 + "\n---\n\nText.\n")
    expect.append((os.path.join(src, "md/deep.md"), 3, "broken YAML"))

    # ---- HTML pages.
    keep("html/good.html", HTML % ("Good", "Good page", "words of cooperation htmlmarker " + ESCAPES + " " + BIDI))
    write(os.path.join(src, "html/badutf8.html"), (HTML % ("Bad", "Bad", "w\udcffrds")).encode("utf-8", "surrogateescape"))
    expect.append((os.path.join(src, "html/badutf8.html"), 1, "invalid UTF-8"))
    write(os.path.join(src, "html/nul.html"), HTML % ("Nul", "Nul", "w\x00rds"))
    expect.append((os.path.join(src, "html/nul.html"), 1, "NUL byte"))
    write(os.path.join(src, "html/deep.html"), "<html><body>" + "<div>" * 200000 + "deep" + "</div>" * 200000)
    expect.append((os.path.join(src, "html/deep.html"), 1, "HTML nested deeper than 2000 elements"))
    write(os.path.join(src, "html/lang.html"), "<html lang='%s'><body><p>x</p></body></html>" % ("l" * 400))
    expect.append((os.path.join(src, "html/lang.html"), None, "'language': longer than 200 bytes"))

    # ---- ParlaMint: TEI sessions and text exports.
    keep("tei/ParlaMint-HR_2022-07-14-0.xml",
         TEI % ("", 0, TEI_U % ("hu1", "Dobar dan, suradnja teimarker. " + ESCAPES.replace("&amp;", "&amp;amp;")
                                .replace("<", "&lt;") + " " + BIDI) + TEI_U % ("hu2", "Hvala.")))
    keep("tei/ParlaMint-HR_2022-07-14-1.xml",
         TEI % (DOCTYPE, 1, TEI_U % ("hu3", "entities &xxe; and &c; here") + TEI_U % ("hu4", "Drugi.")))
    write(os.path.join(src, "tei/ParlaMint-HR_2022-07-14-2.xml"),
          (TEI % ("", 2, TEI_U % ("hu5", "b\udcffd") + TEI_U % ("hu6", "x"))).encode("utf-8", "surrogateescape"))
    write(os.path.join(control, "tei/ParlaMint-HR_2022-07-14-2.xml"), TEI % ("", 2, TEI_U % ("hu6", "x")))
    expect.append((os.path.join(src, "tei/ParlaMint-HR_2022-07-14-2.xml"), 6, "invalid UTF-8"))
    write(os.path.join(src, "tei/ParlaMint-HR_2022-07-14-3.xml"),
          TEI % ("", 3, "<u><seg>unclosed</u>\n" + TEI_U % ("hu7", "Sljedeći govor.")))
    write(os.path.join(control, "tei/ParlaMint-HR_2022-07-14-3.xml"), TEI % ("", 3, TEI_U % ("hu7", "Sljedeći govor.")))
    expect.append((os.path.join(src, "tei/ParlaMint-HR_2022-07-14-3.xml"), 6, "broken XML"))
    pm_good = ("ParlaMint-HR_2022-07-15-0.u1\tGood speech on cooperation pmmarker " + ESCAPES + " " + BIDI + "\n" +
               "".join("ParlaMint-HR_2022-07-15-0.p%d\tPadding speech number %d of the session.\n" % (k, k)
                       for k in range(30)))
    meta = ("Text_ID\tID\tTitle\tDate\tLang\tSpeaker_name\n" +
            "x\tParlaMint-HR_2022-07-15-0.u1\tT\t2022-07-15\tCroatian\tHorvat, Ana\n")
    keep("pm/ParlaMint-HR_2022-07-15-0-meta.tsv", meta)
    keep("pm/ParlaMint-HR_2022-07-15-0.txt", pm_good + "ParlaMint-HR_2022-07-15-0.u4\tFine again.\n")
    write(os.path.join(src, "pm/ParlaMint-HR_2022-07-15-1-meta.tsv"), meta.replace("-0.u1", "-1.u1"))
    pm_bad = os.path.join(src, "pm/ParlaMint-HR_2022-07-15-1.txt")
    write(pm_bad, pm_good.replace("-0.", "-1.").replace("pmmarker", "pmothermarker").encode() + b"ParlaMint-HR_2022-07-15-1.u2\tbad \xff utf8\n" +
          b"ParlaMint-HR_2022-07-15-1.u3\tnul \x00 byte\n")
    write(os.path.join(control, "pm/ParlaMint-HR_2022-07-15-1-meta.tsv"), meta.replace("-0.u1", "-1.u1"))
    write(os.path.join(control, "pm/ParlaMint-HR_2022-07-15-1.txt"), pm_good.replace("-0.", "-1.").replace("pmmarker", "pmothermarker"))
    expect.append((pm_bad, 32, "UTF-8"))
    expect.append((pm_bad, 33, "NUL byte"))

    # ---- Links and special files.
    links = os.path.join(src, "links")
    os.makedirs(links)
    os.symlink("..", os.path.join(links, "loop"))
    os.symlink("self.jsonl", os.path.join(links, "self.jsonl"))
    os.symlink("nowhere.jsonl", os.path.join(links, "dangling.jsonl"))
    os.mkfifo(os.path.join(links, "fifo.jsonl"))
    expect.append((os.path.join(links, "self.jsonl"), None, "cannot read"))
    expect.append((os.path.join(links, "dangling.jsonl"), None, "cannot read"))
    expect.append((os.path.join(links, "fifo.jsonl"), None, "not a regular file"))
    return records, expect


class HostileTree(unittest.TestCase):
    """One tree with every hostile case in every format, indexed once (and once more
    incrementally); a control index of its good non-JSONL files alone."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-hostile-")
        root = cls.tmp.name
        cls.records, cls.expect = build_tree(root)
        cls.src = os.path.join(root, "src")
        cls.db = os.path.join(root, "db")
        cls.control_db = os.path.join(root, "control-db")
        started = time.monotonic()
        cls.p = h.index(cls.db, cls.src, extra=["--verbose", "--rejects", os.path.join(root, "rejects.jsonl")],
                        check=None)
        cls.seconds = time.monotonic() - started
        cls.lines = cls.p.stderr.splitlines()
        h.index(cls.control_db, os.path.join(root, "control"), check=0)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_each_hostile_input_is_reported_with_file_line_and_reason(self):
        for path, line_no, needle in self.expect:
            prefix = path + (":%d:" % line_no if line_no else ":")
            with self.subTest(path=os.path.relpath(path, self.src), line=line_no):
                found = [l for l in self.lines if l.startswith(prefix) and "error:" in l]
                self.assertEqual(len(found), 1, "%s not reported once in:\n%s" % (prefix, self.p.stderr))
                self.assertIn(needle, found[0])
        loop = [l for l in self.lines if "symlink loop" in l]
        self.assertEqual(len(loop), 1, "the loop is named once, not followed")
        self.assertTrue(loop[0].startswith(os.path.join(self.src, "links", "loop") + ": warning:"), loop)
        sys.stderr.write("hostile inputs: %d cases reported in %.1f s\n" % (len(self.expect), self.seconds))

    def test_the_run_exits_1_and_counts_every_rejection(self):
        self.assertEqual(self.p.returncode, 1, self.p.stderr)
        m = SUMMARY.search(self.p.stderr)
        self.assertIsNotNone(m, self.p.stderr)
        control = ck.index_transcripts(self.control_db)
        self.assertEqual(int(m.group(1)), len(self.records) + len(control))
        self.assertEqual(int(m.group(4)), len(self.expect))
        self.assertNotIn("fatal", self.p.stderr)

    def test_nothing_good_is_lost(self):
        control = ck.index_transcripts(self.control_db)
        for tid in ("dated:good", "md:good", "html:good", "parlamint:hu1", "parlamint:hu2", "parlamint:hu3",
                    "parlamint:hu4", "parlamint:hu7", "parlamint:ParlaMint-HR_2022-07-15-0.u4", "parlamint:ParlaMint-HR_2022-07-15-1.u1"):
            self.assertIn(tid, control, "the control index holds every good file's records")
        count, digest = ck.assert_nothing_lost(self, self.db, self.records, "hostile tree", control=self.control_db)
        sys.stderr.write("hostile tree: %d transcripts kept, checksum %s\n" % (count, digest))
        for marker in ("goodmarker1", "escmarker", "bidimarker", "longwordmarker", "overlongmarker", "turnmarker",
                       "datedmarker", "mdmarker", "htmlmarker", "teimarker", "pmmarker"):
            p, obj = h.search_json(self.db, marker)
            self.assertEqual(len(obj["results"]), 1, marker)

    def test_entities_are_not_expanded(self):
        hu3 = ck.index_transcripts(self.db)["parlamint:hu3"]["paragraphs"]
        self.assertEqual(hu3, ["entities &xxe; and &c; here"], "no external file read, nothing multiplied")

    def test_an_incremental_run_over_the_same_tree_keeps_everything(self):
        db = os.path.join(self.tmp.name, "db-incremental")
        h.index(db, self.src, check=1)
        before = ck.checksum(ck.index_transcripts(db))
        p = h.index(db, self.src, extra=["--incremental"], check=1)
        m = SUMMARY.search(p.stderr)
        self.assertEqual((m.group(1), m.group(2), m.group(3)), ("0", "0", "0"), p.stderr)
        self.assertEqual(ck.checksum(ck.index_transcripts(db)), before)
        ck.assert_nothing_lost(self, db, self.records, "incremental", control=self.control_db)

    def test_an_unreadable_file_is_reported(self):
        if os.geteuid() == 0:
            # chmod 000 does not stop root; the FIFO, the self-link and the dangling link
            # above are the unreadable files this run can make.
            sys.stderr.write("SKIPPED: %s: running as root, chmod 000 cannot make a file unreadable\n" % self.id())
            self.skipTest("running as root")
        tmp = h.temp_dir(self)
        src = os.path.join(tmp, "src")
        write(os.path.join(src, "a.jsonl"), line(good(1)) + b"\n")
        write(os.path.join(src, "b.jsonl"), line(good(2)) + b"\n")
        os.chmod(os.path.join(src, "b.jsonl"), 0)
        p = h.index(os.path.join(tmp, "db"), src, check=1)
        self.assertIn(os.path.join(src, "b.jsonl") + ": error: cannot open", p.stderr)
        ck.assert_nothing_lost(self, os.path.join(tmp, "db"), [good(1)], "unreadable")

    def test_terminal_output_carries_no_control_from_the_text_piped_or_on_a_pty(self):
        args = [h.binary("dragoman-search"), "--db", self.db, "--limit", "20",
                "escmarker OR bidimarker OR turnmarker OR datedmarker OR mdmarker OR htmlmarker OR teimarker OR pmmarker"]
        piped = subprocess.run(args, capture_output=True, timeout=60)
        self.assertEqual(piped.returncode, 0, piped.stderr)
        out = piped.stdout.decode("utf-8")
        self.assertIn("clear", out)
        self.assertIn("gnirts desrever", out, "the words stay, their controls go")
        self.assertIsNone(TERMINAL_CONTROLS.search(out), repr(TERMINAL_CONTROLS.search(out)))

        pid, fd = pty.fork()
        if pid == 0:
            os.execv(args[0], args)
        chunks = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if not ready:
                continue
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        _, status = os.waitpid(pid, 0)
        os.close(fd)
        self.assertEqual(os.waitstatus_to_exitcode(status), 0)
        tty = b"".join(chunks).decode("utf-8")
        self.assertIn("\x1b[", tty, "colours on a terminal")
        # The program's own colours are SGR sequences; nothing else may reach the terminal.
        bare = re.sub("\x1b\\[[0-9;]*m", "", tty).replace("\r\n", "\n")
        # Its own direction isolates around each field (FSI ... PDI) come in pairs; the text's
        # own direction controls may not reach the terminal.
        self.assertEqual(bare.count("\u2068"), bare.count("\u2069"))
        bare = bare.replace("\u2068", "").replace("\u2069", "")
        self.assertIsNone(TERMINAL_CONTROLS.search(bare), repr(TERMINAL_CONTROLS.search(bare)))
        self.assertNotIn("\x1b[2J", tty)
        self.assertNotIn("\x1b]0;", tty)

    def test_the_daemon_hands_the_text_out_escaped(self):
        d = h.Daemon(self.db, extra=("--no-access-log",))
        try:
            for marker in ("escmarker", "turnmarker", "htmlmarker", "teimarker", "pmmarker", "mdmarker", "datedmarker"):
                with self.subTest(marker=marker):
                    status, _, body = d.get("/api/search", {"q": marker})
                    self.assertEqual(status, 200)
                    self.assertNotIn("\x1b", body, "JSON escapes control characters")
                    obj = json.loads(body)
                    self.assertEqual(len(obj["results"]), 1)
                    html = "".join(s["html"] for r in obj["results"] for s in r["snippets"])
                    tid = obj["results"][0]["id"]
                    status, _, body = d.get("/api/doc/" + urllib.parse.quote(tid, safe=""), {"q": "script"})
                    self.assertEqual(status, 200)
                    html += "".join(p["html"] for p in json.loads(body)["passages"])
                    bare = html.replace("<mark>", "").replace("</mark>", "")
                    self.assertNotIn("<", bare)
                    self.assertNotIn(">", bare)
                    self.assertIsNone(TERMINAL_CONTROLS.search(bare), repr(TERMINAL_CONTROLS.search(bare)))
            self.assertEqual(d.get("/healthz")[0], 200)
        finally:
            self.assertEqual(d.stop(), 0)


class HugeRecord(unittest.TestCase):
    """A 100 MB record is over the 64 MiB limit: rejected with its size, in bounded memory,
    the records before and after it kept."""

    def test_a_100_mb_record_is_rejected_in_bounded_memory(self):
        tmp = h.temp_dir(self)
        src = os.path.join(tmp, "huge.jsonl")
        size = 100 * 1000 * 1000
        with open(src, "wb") as f:
            f.write(line(good(1)) + b"\n")
            f.write(b'{"id": "huge:1", "text": "')
            chunk = b"cooperation " * 87381
            written = 0
            while written < size:
                f.write(chunk)
                written += len(chunk)
            f.write(b'"}\n' + line(good(2)) + b"\n")
        db = os.path.join(tmp, "db")
        started = time.monotonic()
        with open(os.path.join(tmp, "stderr"), "w+b") as errf:
            proc = subprocess.Popen([h.binary("dragoman-index"), "--db", db, src], stdout=subprocess.DEVNULL,
                                    stderr=errf)
            # wait4 gives this child's own peak resident set (ru_maxrss, KiB).
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            errf.seek(0)
            err = errf.read().decode("utf-8")
        seconds = time.monotonic() - started
        peak_mb = usage.ru_maxrss / 1024.0
        self.assertEqual(proc.returncode, 1, err)
        self.assertRegex(err, r"^%s:2: error: record of \d{9} bytes exceeds the limit of 67108864" % re.escape(src))
        count, digest = ck.assert_nothing_lost(self, db, [good(1), good(2)], "huge record")
        sys.stderr.write("100 MB record: rejected in %.1f s, indexer peak RSS %.0f MB; kept %d, checksum %s\n"
                         % (seconds, peak_mb, count, digest))
        # The line is held while it is measured; its bytes are never parsed.
        self.assertLess(peak_mb, 700, "peak RSS of the indexer")


if __name__ == "__main__":
    unittest.main(verbosity=2)
