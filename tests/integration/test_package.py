"""The Debian package: cpack builds it from the build tree, and unpacked into a scratch root
it holds the programs, man pages, systemd unit and examples where they belong, and they run."""
import glob
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import unittest
import urllib.parse
import urllib.request

from harness import SAMPLE, SOURCE_DIR, binary, run, temp_dir

BUILD_DIR = os.environ.get("DRAGOMAN_BUILD_DIR", os.path.join(SOURCE_DIR, "build"))

EXPECTED_FILES = [
    "usr/bin/dragoman-index",
    "usr/bin/dragoman-search",
    "usr/bin/dragoman-alerts",
    "usr/sbin/dragoman-searchd",
    "usr/share/man/man1/dragoman-index.1",
    "usr/share/man/man1/dragoman-search.1",
    "usr/share/man/man1/dragoman-alerts.1",
    "usr/share/man/man5/dragoman-formats.5",
    "usr/share/man/man7/dragoman-query.7",
    "usr/share/man/man8/dragoman-searchd.8",
    "usr/lib/systemd/system/dragoman-searchd.service",
    "usr/share/doc/dragoman/examples/dragoman.cron",
    "usr/share/doc/dragoman/examples/dragoman-searchd.default",
    "usr/share/dragoman/synonyms.txt",
    "usr/share/doc/dragoman/manual/index.html",
    "usr/share/doc/dragoman/manual/screenshot.png",
]
# A word no synonym file has: added to the unpacked package's copy only.
PROBE_SYNONYM = "zqxjvword = cooperation"


class DebianPackage(unittest.TestCase):
    """Built once for the class: cpack takes a few seconds (dpkg-shlibdeps)."""

    @classmethod
    def setUpClass(cls):
        for tool in ("cpack", "dpkg-deb", "dpkg-shlibdeps"):
            if shutil.which(tool) is None:
                raise AssertionError("%s is missing (Debian: cmake, dpkg, dpkg-dev)" % tool)
        scratch = tempfile.TemporaryDirectory(prefix="dragoman-package-")
        cls.addClassCleanup(scratch.cleanup)
        cls.tmp = scratch.name
        out = os.path.join(cls.tmp, "out")
        p = run(["cpack", "-G", "DEB", "--config", os.path.join(BUILD_DIR, "CPackConfig.cmake"), "-B", out],
                cwd=BUILD_DIR, timeout=600)
        if p.returncode != 0:
            raise AssertionError("cpack failed (%d):\n%s\n%s" % (p.returncode, p.stdout[-3000:], p.stderr[-3000:]))
        debs = glob.glob(os.path.join(out, "*.deb"))
        if len(debs) != 1:
            raise AssertionError("expected one .deb in %s, found %s" % (out, debs))
        cls.deb = debs[0]
        cls.root = os.path.join(cls.tmp, "root")
        run(["dpkg-deb", "-x", cls.deb, cls.root], check=0)

    def path(self, rel):
        return os.path.join(self.root, rel)

    def test_the_package_is_named_and_depends_on_its_libraries(self):
        self.assertRegex(os.path.basename(self.deb), r"^dragoman_\d+\.\d+\.\d+_[a-z0-9]+\.deb$")
        fields = run(["dpkg-deb", "-f", self.deb, "Package", "Version", "Depends"], check=0).stdout
        self.assertIn("Package: dragoman", fields)
        depends = re.search(r"^Depends: (.*)$", fields, re.M)
        self.assertIsNotNone(depends, fields)
        # Computed by dpkg-shlibdeps from the programs, not listed by hand.
        for lib in ("libxapian30", "libicu", "libstdc++6", "libc6"):
            self.assertIn(lib, depends.group(1))

    def test_postinst_creates_the_service_user_and_its_home(self):
        control = os.path.join(self.tmp, "control")
        run(["dpkg-deb", "-e", self.deb, control], check=0)
        postinst = os.path.join(control, "postinst")
        self.assertTrue(os.access(postinst, os.X_OK), "no executable postinst in the package")
        fields = run(["dpkg-deb", "-f", self.deb, "Depends"], check=0).stdout
        self.assertIn("adduser", fields)
        # Run it against stand-ins for getent, adduser and install that log their arguments:
        # on a machine without the user it creates the user and the directory, once.
        bin_dir = os.path.join(temp_dir(self), "bin")
        os.makedirs(bin_dir)
        calls = os.path.join(bin_dir, "calls")
        for tool, status in (("getent", 2), ("adduser", 0), ("install", 0)):
            with open(os.path.join(bin_dir, tool), "w") as f:
                f.write('#!/bin/sh\necho "%s $*" >> %s\nexit %d\n' % (tool, shlex.quote(calls), status))
            os.chmod(os.path.join(bin_dir, tool), 0o755)
        env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"])
        p = subprocess.run(["sh", postinst, "configure", ""], env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(calls) as f:
            logged = f.read().splitlines()
        self.assertEqual(logged[0], "getent passwd dragoman")
        self.assertRegex(logged[1], r"^adduser --system --group .*--home /var/lib/dragoman .*dragoman$")
        if not os.path.isdir("/var/lib/dragoman"):
            self.assertEqual(logged[2], "install -d -o dragoman -g dragoman -m 0755 /var/lib/dragoman")
        # Other maintainer actions (upgrade's abort-*, etc.) do nothing.
        os.remove(calls)
        p = subprocess.run(["sh", postinst, "abort-upgrade", "1.0"], env=env, capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertFalse(os.path.exists(calls))
        # The unit runs as that user and reads that directory.
        with open(self.path("usr/lib/systemd/system/dragoman-searchd.service"), encoding="utf-8") as f:
            unit = f.read()
        self.assertIn("User=dragoman", unit)
        self.assertIn("ReadOnlyPaths=/var/lib/dragoman", unit)

    def test_every_file_is_where_it_belongs(self):
        for rel in EXPECTED_FILES:
            with self.subTest(file=rel):
                self.assertTrue(os.path.isfile(self.path(rel)), "%s is not in the package" % rel)
        for program in ("usr/bin/dragoman-index", "usr/bin/dragoman-search", "usr/sbin/dragoman-searchd"):
            self.assertTrue(os.access(self.path(program), os.X_OK), program)
        listing = run(["dpkg-deb", "-c", self.deb], check=0).stdout
        self.assertNotIn("usr/local", listing)
        self.assertNotIn("unit_tests", listing)

    def test_the_man_pages_are_rendered(self):
        for rel in EXPECTED_FILES:
            m = re.match(r"usr/share/man/man(\d)/(.+)\.\d$", rel)
            if not m:
                continue
            with self.subTest(page=rel):
                with open(self.path(rel), encoding="utf-8") as f:
                    text = f.read()
                self.assertRegex(text, r'(?m)^\.TH "%s" "%s"' % (m.group(2).upper(), m.group(1)))
                self.assertIn(".SH NAME", text)

    def test_the_installed_search_program_runs(self):
        p = run([self.path("usr/bin/dragoman-search"), "--help"], timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Usage:", p.stdout)
        self.assertIn("--db", p.stdout)

    def test_the_unit_names_the_installed_daemon_and_documentation(self):
        with open(self.path("usr/lib/systemd/system/dragoman-searchd.service"), encoding="utf-8") as f:
            unit = f.read()
        exec_start = re.search(r"^ExecStart=(\S+)", unit, re.M).group(1)
        self.assertEqual(exec_start, "/usr/sbin/dragoman-searchd")
        for doc in re.findall(r"^Documentation=file://(\S+)", unit, re.M):
            self.assertTrue(os.path.isfile(self.path(doc.lstrip("/"))), "Documentation=%s is not installed" % doc)

    def cron_commands(self):
        with open(self.path("usr/share/doc/dragoman/examples/dragoman.cron"), encoding="utf-8") as f:
            lines = [l for l in f.read().splitlines() if l.strip() and not l.lstrip().startswith("#")]
        commands = []
        for line in lines:
            if re.match(r"^[A-Z_]+=", line):
                continue  # environment settings
            fields = line.split(None, 6)
            self.assertEqual(len(fields), 7, "not a /etc/cron.d line (5 times, user, command): %r" % line)
            for t in fields[:5]:
                self.assertRegex(t, r"^[\d*,/-]+$", line)
            self.assertEqual(fields[5], "dragoman")
            commands.append(shlex.split(fields[6]))
        self.assertGreaterEqual(len(commands), 1)
        return commands

    def index_with_the_cron_lines(self, db):
        """Runs each example cron command with the packaged programs: the indexer over the
        sample corpus, then the alerts with a saved search, mail going to a file."""
        work = temp_dir(self)
        searches = os.path.join(work, "searches.conf")
        with open(searches, "w", encoding="utf-8") as f:
            f.write("sanctions = sanctions\n")
        mail = os.path.join(work, "mail")
        paths = {"/var/lib/dragoman": db, "/srv/transcripts": SAMPLE, "/etc/dragoman/searches.conf": searches,
                 "/var/lib/dragoman/alerts-state.json": os.path.join(work, "state.json"),
                 "sendmail -t": "cat >> " + shlex.quote(mail)}
        commands = self.cron_commands()
        self.assertEqual([c[0] for c in commands][-1], "dragoman-alerts", "the alerts run after the index runs")
        for cmd in commands:
            self.assertIn(cmd[0], ("dragoman-index", "dragoman-alerts"))
            args = [self.path("usr/bin/" + cmd[0])] + [paths.get(a, a) for a in cmd[1:]]
            p = run(args, timeout=300)
            self.assertEqual(p.returncode, 0, p.stderr)
            # Quiet on success: cron mails whatever is printed.
            self.assertEqual(p.stdout + p.stderr, "", args)

    def test_the_example_crontab_runs_quietly_and_the_installed_programs_find_their_synonyms(self):
        db = os.path.join(temp_dir(self), "db")
        self.index_with_the_cron_lines(db)
        # The packaged programs read PREFIX/share/dragoman/synonyms.txt beside PREFIX/bin:
        # a group added to the unpacked copy only is used by them, not by the build tree's.
        with open(self.path("usr/share/dragoman/synonyms.txt"), "a", encoding="utf-8") as f:
            f.write("\n" + PROBE_SYNONYM + "\n")
        query = PROBE_SYNONYM.split()[0]
        packaged = run([self.path("usr/bin/dragoman-search"), "--db", db, "--json", query], timeout=60)
        self.assertEqual(packaged.returncode, 0, packaged.stderr)
        self.assertGreater(json.loads(packaged.stdout)["total"], 0)
        built = run([binary("dragoman-search"), "--db", db, "--json", query], timeout=60)
        self.assertEqual(built.returncode, 1, built.stdout[:500] + built.stderr)

        # The unit's command line, with the example settings, serves the index.
        settings = {}
        with open(self.path("usr/share/doc/dragoman/examples/dragoman-searchd.default"), encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^([A-Z_]+)=(.*)$", line.strip())
                if m:
                    settings[m.group(1)] = m.group(2)
        self.assertEqual(settings["DRAGOMAN_DB"], "/var/lib/dragoman")
        settings.update(DRAGOMAN_DB=db, DRAGOMAN_LISTEN="127.0.0.1:0")
        with open(self.path("usr/lib/systemd/system/dragoman-searchd.service"), encoding="utf-8") as f:
            exec_start = re.search(r"^ExecStart=(.*)$", f.read(), re.M).group(1)
        args = [re.sub(r"\$\{(\w+)\}", lambda m: settings[m.group(1)], a) for a in shlex.split(exec_start)]
        args[0] = self.path(args[0].lstrip("/"))
        daemon = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = daemon.stdout.readline()
            self.assertIn("http://", line, daemon.stderr.read() if daemon.poll() is not None else "")
            url = line.split()[-1].rstrip("/")
            with urllib.request.urlopen(url + "/api/search?" + urllib.parse.urlencode({"q": query}),
                                        timeout=30) as r:
                self.assertGreater(json.loads(r.read())["total"], 0)
            daemon.send_signal(signal.SIGTERM)
            self.assertEqual(daemon.wait(timeout=30), 0)
        finally:
            if daemon.poll() is None:
                daemon.kill()
                daemon.wait()
            daemon.stdout.close()
            daemon.stderr.close()


if __name__ == "__main__":
    unittest.main()
