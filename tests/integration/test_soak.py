"""Soak: dragoman-searchd under bounded wrk load on loopback while dragoman-index publishes
generation after generation (full and incremental) of the bundled sample. Asserts zero failed
requests (non-2xx, socket errors, timeouts), that each generation holds exactly its records
(count and checksum, index_checksum.py) and is served, and that the daemon's resident memory
does not grow without bound. Prints the figures for the CI log."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
import index_checksum as ck  # noqa: E402

SECONDS = int(os.environ.get("DRAGOMAN_SOAK_SECONDS", "60"))
CONNECTIONS = 6
DELAY_MS = 5
QUERIES = ["energy", "Aliyev", "cooperation", "corridors", "sanctions OR embargo", "\"foreign minister\"",
           "speaker:zakharova", "lang:ru сотрудничество", "minister -president", "2019..2021 security",
           "soakgen", "Rudenko", "Захарова", "Hüseynli", "climate change"]


def sample_records():
    records = []
    for name in sorted(os.listdir(h.SAMPLE)):
        if name.endswith(".jsonl"):
            with open(os.path.join(h.SAMPLE, name), encoding="utf-8") as f:
                records += [json.loads(l) for l in f if l.strip()]
    return records


def generation(base, k):
    """Generation k: the sample with one transcript's text changed and one record of its own."""
    recs = [dict(r) for r in base]
    changed = recs[k % len(recs)]
    changed["text"] = changed["text"] + "\n\nA closing remark added in generation %d." % k
    recs.append({"id": "soak:gen-%d" % k, "source": "soak", "language": "en", "date": "2022-01-01",
                 "title": "Soak generation %d" % k, "speakers": ["Test Speaker"], "country": "TST", "url": "",
                 "text": "Test Speaker: The soakgen%d marker of generation %d." % (k, k)})
    return recs


def write_source(src, recs):
    if os.path.exists(src):
        shutil.rmtree(src)
    os.makedirs(src)
    with open(os.path.join(src, "records.jsonl"), "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def vm_rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


class Soak(unittest.TestCase):
    def test_load_while_generations_are_published_fails_no_request(self):
        if shutil.which("wrk") is None:
            sys.stderr.write("SKIPPED: %s: wrk is not installed (scripts/install-deps.sh)\n" % self.id())
            self.skipTest("wrk is not installed")
        tmp = h.temp_dir(self)
        base = sample_records()
        src = os.path.join(tmp, "src")
        db = os.path.join(tmp, "db")
        write_source(src, generation(base, 0))
        h.index(db, src)
        ck.assert_nothing_lost(self, db, generation(base, 0), "generation 0")
        queries = os.path.join(tmp, "queries.txt")
        with open(queries, "w", encoding="utf-8") as f:
            f.write("\n".join(QUERIES) + "\n")

        d = h.Daemon(db, extra=("--no-access-log",))
        wrk = None
        try:
            for q in QUERIES * 10:  # warm the caches: RSS "before" is the daemon at work
                self.assertEqual(d.get("/api/search", {"q": q})[0], 200, q)
            rss_before = vm_rss_kb(d.proc.pid)
            env = dict(os.environ, DRAGOMAN_QUERIES=queries, DRAGOMAN_PARAMS="&limit=20",
                       DRAGOMAN_QUERIES_LUA=os.path.join(h.SOURCE_DIR, "bench", "searchd", "queries.lua"),
                       DRAGOMAN_DELAY_MS=str(DELAY_MS))
            wrk = subprocess.Popen(["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", "%ds" % SECONDS, "--timeout", "10s",
                                    "-s", os.path.join(h.HERE, "soak.lua"), d.url + "/"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            started = time.monotonic()
            published = {"full": 0, "incremental": 0}
            k = 0
            checksums = []
            while time.monotonic() - started < SECONDS - 8 or k < 4:
                k += 1
                mode = "incremental" if k % 2 == 0 else "full"
                recs = generation(base, k)
                write_source(src, recs)
                h.index(db, src, extra=["--incremental"] if mode == "incremental" else [], check=0)
                published[mode] += 1
                checksums.append(ck.assert_nothing_lost(self, db, recs, "generation %d (%s)" % (k, mode)))
                # The daemon serves the new generation within seconds.
                seen = time.monotonic()
                while True:
                    status, obj = d.get_json("/api/search", {"q": "soakgen%d" % k})
                    if status == 200 and h.result_ids(obj) == ["soak:gen-%d" % k]:
                        break
                    self.assertLess(time.monotonic() - seen, 10, "generation %d not served" % k)
                    time.sleep(0.1)
            out, err = wrk.communicate(timeout=SECONDS + 60)
            rss_after = vm_rss_kb(d.proc.pid)
            self.assertEqual(d.get_json("/healthz")[1]["status"], "ok")
        finally:
            if wrk is not None and wrk.poll() is None:
                wrk.kill()
                wrk.wait()
            code = d.stop()
            if d.stderr.strip():  # a sanitizer's report or a failed connection says why here
                sys.stderr.write("dragoman-searchd's standard error:\n%s\n" % d.stderr[-20000:])
        self.assertEqual(code, 0)
        self.assertEqual(wrk.returncode, 0, err)
        m = re.search(r"RESULT (.*)", out)
        self.assertIsNotNone(m, out + err)
        result = dict(kv.split("=") for kv in m.group(1).split())
        sys.stderr.write(
            "soak: %s s, %d connections (%d ms pause each): %s requests, %s req/s, p50 %s ms, p99 %s ms, "
            "max %s ms; errors connect %s read %s write %s status %s timeout %s; %d generations published "
            "(%d full, %d incremental), last %d transcripts, checksum %s; daemon VmRSS %d MB before, %d MB after\n"
            % (result["seconds"], CONNECTIONS, DELAY_MS, result["requests"], result["rps"], result["p50_ms"],
               result["p99_ms"], result["max_ms"], result["errors_connect"], result["errors_read"],
               result["errors_write"], result["errors_status"], result["errors_timeout"], k,
               published["full"], published["incremental"], checksums[-1][0], checksums[-1][1],
               rss_before // 1024, rss_after // 1024))
        self.assertGreater(int(result["requests"]), 300, "the load ran")
        for e in ("errors_connect", "errors_read", "errors_write", "errors_status", "errors_timeout"):
            self.assertEqual(result[e], "0", "%s: %s" % (e, m.group(1)))
        self.assertGreaterEqual(k, 4)
        # Generous: caches, arenas and (under ASan) the allocator's quarantine may grow; a
        # leak per request or per generation would pass this within the run.
        self.assertLess(rss_after, 2 * rss_before + 400 * 1024, "VmRSS %d kB -> %d kB" % (rss_before, rss_after))


if __name__ == "__main__":
    unittest.main(verbosity=2)
