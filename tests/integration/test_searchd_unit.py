"""dist/dragoman-searchd.service: systemd accepts it, its sandbox scores as hardened, and
its command line (with the example settings) starts the real daemon."""
import os
import re
import shutil
import signal
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

UNIT = os.path.join(h.SOURCE_DIR, "dist", "dragoman-searchd.service")
DEFAULTS = os.path.join(h.SOURCE_DIR, "dist", "dragoman-searchd.default")
INSTALLED = "/usr/local/sbin/dragoman-searchd"


def unit_text():
    with open(UNIT, encoding="utf-8") as f:
        return f.read()


def settings(text):
    """KEY=value lines of the example file and the unit's Environment= lines."""
    out = {}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Environment="):
            line = line[len("Environment="):]
        m = re.match(r"^([A-Z_]+)=(.*)$", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


class SystemdUnit(unittest.TestCase):
    def setUp(self):
        self.assertIsNotNone(shutil.which("systemd-analyze"),
                             "systemd-analyze is missing: scripts/install-deps.sh installs systemd")
        self.tmp = h.temp_dir(self)
        # The unit names the installed path; point it at the built binary for checking.
        self.unit = os.path.join(self.tmp, "dragoman-searchd.service")
        with open(self.unit, "w", encoding="utf-8") as f:
            f.write(unit_text().replace(INSTALLED + " ", h.binary("dragoman-searchd") + " "))

    def test_systemd_verify_accepts_the_unit(self):
        p = h.run(["systemd-analyze", "verify", self.unit], timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr.strip(), "")

    def test_the_sandbox_scores_as_hardened(self):
        p = h.run(["systemd-analyze", "security", "--offline=yes", self.unit], timeout=60)
        m = re.search(r"Overall exposure level for \S+: ([0-9.]+)", p.stdout)
        self.assertIsNotNone(m, p.stdout[-500:] + p.stderr)
        self.assertLessEqual(float(m.group(1)), 2.0, p.stdout)
        text = unit_text()
        for line in ("ProtectSystem=strict", "ReadOnlyPaths=/var/lib/dragoman", "NoNewPrivileges=yes",
                     "User=dragoman", "KillSignal=SIGTERM", "CapabilityBoundingSet=\n"):
            self.assertIn(line, text)

    def test_the_example_settings_cover_the_unit_and_start_the_daemon(self):
        text = unit_text()
        with open(DEFAULTS, encoding="utf-8") as f:
            example = settings(f.read())
        unit_defaults = settings(text)
        used = set(re.findall(r"\$\{([A-Z_]+)\}", text))
        self.assertEqual(used, set(unit_defaults), "every variable has a default in the unit")
        self.assertEqual(used, set(example), "the example file sets the same variables")
        self.assertTrue(example["DRAGOMAN_LISTEN"].startswith("127.0.0.1:"), "loopback by default")

        exec_start = re.search(r"^ExecStart=(.*)$", text, re.M).group(1)
        db = os.path.join(self.tmp, "db")
        h.index(db, h.SAMPLE)
        values = dict(example, DRAGOMAN_DB=db, DRAGOMAN_LISTEN="127.0.0.1:0")
        args = [re.sub(r"\$\{([A-Z_]+)\}", lambda m: values[m.group(1)], a) for a in exec_start.split()]
        self.assertEqual(args[0], INSTALLED)
        args[0] = h.binary("dragoman-searchd")
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = proc.stdout.readline()
            self.assertIn("serving http://127.0.0.1:", line, proc.stderr.read() if not line else "")
        finally:
            proc.send_signal(signal.SIGTERM)
            self.assertEqual(proc.wait(timeout=20), 0)
            proc.stdout.close()
            proc.stderr.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
