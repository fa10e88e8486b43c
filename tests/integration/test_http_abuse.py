"""dragoman-searchd under abuse, on loopback: oversized and malformed requests, path
traversal in every route, absurd paging, slow clients holding every worker, clients that
vanish mid-answer. After each, the daemon still serves others and /healthz is ok.
(The basic limits and traversal of /static are in test_searchd.py; this extends them to
every route and to the cases above.)"""
import json
import os
import re
import socket
import struct
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

ROUTES = ["/", "/api/search", "/api/doc/press%3A2021-03-18-aliyev", "/static/app.js", "/healthz", "/metrics",
          "/api/trend", "/api/concordance"]
WORKERS = 4


def exchange(url, data, timeout=20, read=True):
    """Sends raw bytes, returns (status or None, head, body); a reset counts as no answer."""
    u = urllib.parse.urlsplit(url)
    with socket.create_connection((u.hostname, u.port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the daemon may answer and close before reading everything
        out = b""
        while read:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            out += chunk
            # After an unreadable request the daemon cannot know the client asked to close,
            # and keeps the connection for its keep-alive wait: stop at the answer's end.
            head, sep, body = out.partition(b"\r\n\r\n")
            length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
            if sep and length and len(body) >= int(length.group(1)):
                break
    head, _, body = out.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else None
    return status, head.decode("latin-1"), body


def get(url, target, extra=b""):
    return exchange(url, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\n" + extra + b"Connection: close\r\n\r\n")


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        return int(f.read().split("VmRSS:")[1].split()[0])


class Abuse(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-abuse-")
        cls.db = os.path.join(cls.tmp.name, "db")
        h.index(cls.db, h.SAMPLE)
        cls.d = h.Daemon(cls.db, extra=("--threads", str(WORKERS), "--no-access-log"))
        with open(os.path.join(h.SOURCE_DIR, "searchd", "server.cpp"), encoding="utf-8") as f:
            cls.source_start = f.read(60).encode()

    @classmethod
    def tearDownClass(cls):
        code = cls.d.stop()
        cls.tmp.cleanup()
        if code != 0:
            raise AssertionError("daemon exited %d after SIGTERM" % code)

    def assert_healthy(self, after):
        self.assertIsNone(self.d.proc.poll(), "the daemon died after " + after)
        status, obj = self.d.get_json("/healthz")
        self.assertEqual((status, obj["status"]), (200, "ok"), after)
        status, obj = self.d.get_json("/api/search", {"q": "Aliyev"})
        self.assertEqual(status, 200, after)
        self.assertGreater(len(obj["results"]), 0, after)

    def assert_json_error(self, status, body, statuses, what):
        self.assertIn(status, statuses, what)
        if status != 200:
            self.assertTrue(body.startswith(b'{"error"'), (what, body[:120]))
            json.loads(body)

    def test_oversized_request_lines_and_headers_on_every_route(self):
        for route in ROUTES:
            sep = b"&" if b"?" in route.encode() else b"?"
            with self.subTest(route=route):
                status, _, body = get(self.d.url, route.encode() + sep + b"q=" + b"a" * 9000)
                self.assert_json_error(status, body, (414,), "9 KB target")
                status, _, body = get(self.d.url, route.encode() + sep + b"q=" + b"a" * (1 << 20))
                self.assertIn(status, (414, None), "1 MB target: refused or cut off")
                status, _, body = get(self.d.url, route.encode(), b"X-Big: " + b"a" * 20000 + b"\r\n")
                self.assert_json_error(status, body, (400,), "20 KB header")
                status, _, body = get(self.d.url, route.encode(), b"Cookie: " + b"c=1; " * 4000 + b"\r\n")
                self.assert_json_error(status, body, (400,), "20 KB cookie")
        self.assert_healthy("oversized requests")

    def test_a_flood_of_small_headers_is_refused_quickly_at_bounded_memory(self):
        before = rss_kb(self.d.proc.pid)
        many = b"".join(b"X-H%d: v\r\n" % i for i in range(200000))  # 2.6 MB of headers
        for _ in range(3):
            started = time.monotonic()
            status, head, body = get(self.d.url, b"/healthz", many)
            waited = time.monotonic() - started
            # Answered 431, or cut off on the socket while it still arrives.
            self.assertIn(status, (431, None), head[:100])
            if status == 431:
                self.assert_json_error(status, body, (431,), "header flood")
            self.assertLess(waited, 2, "refused by its size, not by the 5 s time limit")
        after = rss_kb(self.d.proc.pid)
        sys.stderr.write("header flood: daemon RSS %d MB before, %d MB after 3 x 200,000 headers; last %s after %.2f s\n"
                         % (before // 1024, after // 1024, status, waited))
        self.assertLess(after - before, 300 * 1024, "RSS grew by %d MB" % ((after - before) // 1024))
        self.assert_healthy("a header flood")

    def test_a_head_with_too_many_or_too_large_header_fields_gets_431(self):
        heads = {"101 fields": b"".join(b"X-H%d: v\r\n" % i for i in range(101)),
                 "40 KB in 5 fields": b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 8000) for i in range(5))}
        for what, extra in heads.items():
            with self.subTest(head=what):
                status, head, body = get(self.d.url, b"/healthz", extra)
                self.assert_json_error(status, body, (431,), what)
                self.assertIn("header_fields_too_large", body.decode())
        status, _, _ = get(self.d.url, b"/healthz", b"".join(b"X-H%d: v\r\n" % i for i in range(90)))
        self.assertEqual(status, 200, "90 small fields are within the bound")
        self.assert_healthy("too many header fields")

    def test_malformed_percent_encoding_is_a_clean_answer(self):
        targets = [b"/api/search?q=%", b"/api/search?q=%z", b"/api/search?q=%zz", b"/api/search?q=%e2%82",
                   b"/api/search?q=%ff%fe", b"/api/search?q=%00", b"/api/search?q=a%00b&limit=%00",
                   b"/api/search?q=%%%%", b"/api/search?%=%", b"/api/search?q=energy&lang=%c0%af",
                   b"/api/doc/%", b"/api/doc/%zz", b"/api/doc/%ff", b"/api/doc/%00", b"/api/doc/a%2",
                   b"/static/%", b"/static/app.js%", b"/static/%ff", b"/%", b"/%00", b"/healthz%",
                   b"/api/trend?q=%zz", b"/api/trend?q=%ff"]
        for target in targets:
            with self.subTest(target=target):
                status, head, body = get(self.d.url, target)
                self.assertIn(status, (200, 400, 404), head[:200])
                if status == 200 and target.startswith(b"/api/"):
                    json.loads(body)
                elif status != 200:
                    self.assert_json_error(status, body, (400, 404), target)
        self.assert_healthy("malformed percent-encoding")

    def test_path_traversal_in_every_route_serves_no_file(self):
        evil = [b"../../../../etc/passwd", b"..%2f..%2f..%2fetc%2fpasswd", b"%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                b"%2e%2e%2f%2e%2e%2fetc%2fpasswd", b"%252e%252e%252f%252e%252e%252fetc%252fpasswd",
                b"..\\..\\..\\etc\\passwd", b"..%5c..%5c..%5cetc%5cpasswd", b"%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
                b"....//....//etc/passwd", b"%2e%2e/searchd/server.cpp", b"../../searchd/server.cpp",
                b"/etc/passwd", b"%2fetc%2fpasswd"]
        prefixes = [b"/", b"/api/search/", b"/api/doc/", b"/static/", b"/healthz/", b"/api/trend/"]
        for prefix in prefixes:
            for e in evil:
                target = prefix + e
                with self.subTest(target=target):
                    status, head, body = get(self.d.url, target)
                    self.assertIn(status, (400, 404), head[:200])
                    self.assertNotIn(b"root:", body)
                    self.assertNotIn(self.source_start, body)
                    self.assertTrue(body.startswith(b'{"error"'), body[:100])
        # In a parameter the same strings are only words to search for.
        for e in evil:
            status, _, body = get(self.d.url, b"/api/search?q=" + e.replace(b"\\", b"%5c"))
            self.assertIn(status, (200, 400))
            self.assertNotIn(b"root:x:0", body)
        self.assert_healthy("path traversal")

    def test_huge_offsets_and_page_sizes_are_refused_or_bounded(self):
        cases = [({"offset": "1" + "0" * 30}, 400), ({"offset": "99999999999999999999"}, 400),
                 ({"offset": "-1"}, 400), ({"offset": "1e5"}, 400), ({"offset": "0x10"}, 400),
                 ({"limit": "1" + "0" * 30}, 400), ({"limit": "18446744073709551617"}, 400),
                 ({"limit": "4294967297"}, 400), ({"limit": " 10"}, 400), ({"limit": "10 "}, 400),
                 ({"offset": "10000", "limit": "100"}, 200), ({"offset": "9999", "limit": "100", "sort": "date"}, 200)]
        for params, want in cases:
            for route in ("/api/search", "/api/trend"):
                if route == "/api/trend" and want == 200:
                    continue
                with self.subTest(route=route, params=params):
                    started = time.monotonic()
                    status, _, body = self.d.get(route, dict({"q": "energy"}, **params))
                    if route == "/api/search":
                        self.assertEqual(status, want, body[:200])
                    else:
                        self.assertIn(status, (200, 400), body[:200])
                    self.assertLess(time.monotonic() - started, 10)
                    json.loads(body) if status != 200 or route == "/api/search" else None
        status, obj = self.d.get_json("/api/search", {"q": "energy", "offset": "10000", "limit": "100"})
        self.assertEqual(obj["results"], [], "past the end: an empty page, not an error")
        self.assert_healthy("huge offsets")

    def test_slow_clients_beyond_the_worker_count_do_not_stop_a_normal_client(self):
        u = urllib.parse.urlsplit(self.d.url)
        stop = threading.Event()
        closed_after = []
        lock = threading.Lock()
        slow = 3 * WORKERS

        def slowloris():
            s = socket.create_connection((u.hostname, u.port), timeout=30)
            started = time.monotonic()
            try:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                while not stop.is_set():
                    s.sendall(b"X")  # one byte of a header that never ends
                    s.settimeout(0.5)
                    try:
                        if s.recv(1024) == b"":
                            break
                    except socket.timeout:
                        pass
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with lock:
                    closed_after.append(time.monotonic() - started)
                s.close()

        threads = [threading.Thread(target=slowloris) for _ in range(slow)]
        for t in threads:
            t.start()
        try:
            time.sleep(1.5)  # every worker is now held by a slow client, the rest queue
            started = time.monotonic()
            status, _, _ = self.d.get("/api/search", {"q": "Aliyev"})
            waited = time.monotonic() - started
        finally:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and len(closed_after) < slow:
                time.sleep(0.1)
            stop.set()
            for t in threads:
                t.join(timeout=30)
        sys.stderr.write("slowloris: %d slow clients, %d workers: a normal request answered in %.1f s; "
                         "slow clients closed by the daemon after %.1f-%.1f s\n"
                         % (slow, WORKERS, waited, min(closed_after), max(closed_after)))
        self.assertEqual(status, 200)
        self.assertLess(waited, 8, "a normal client is served within seconds")
        self.assertEqual(len(closed_after), slow)
        self.assertLess(max(closed_after), 12, "slow clients are cut off by the request-head limit")
        status, _, metrics = self.d.get("/metrics")
        self.assertEqual(status, 200)
        cut_off = int(re.search(r"^dragoman_connections_cut_off_total (\d+)$", metrics, re.M).group(1))
        self.assertGreaterEqual(cut_off, slow, "every slow client is counted in /metrics")
        self.assert_healthy("slow clients")

    def test_a_body_trickled_after_a_quick_head_is_cut_off_too(self):
        u = urllib.parse.urlsplit(self.d.url)
        s = socket.create_connection((u.hostname, u.port), timeout=30)
        started = time.monotonic()
        s.sendall(b"POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\n\r\n")
        s.settimeout(0.5)
        answer = None
        try:
            while time.monotonic() - started < 20:
                s.sendall(b"x")
                try:
                    answer = s.recv(1024)
                    break
                except socket.timeout:
                    pass
        except (BrokenPipeError, ConnectionResetError):
            answer = b""
        s.close()
        waited = time.monotonic() - started
        sys.stderr.write("trickled POST body: connection ended after %.1f s (%r)\n" % (waited, (answer or b"")[:12]))
        self.assertIsNotNone(answer, "the connection was held for 20 s")
        self.assertLess(waited, 12)
        self.assert_healthy("a trickled body")

    def test_a_client_that_sends_its_head_in_time_but_waits_in_the_queue_is_served(self):
        # The head limit must not punish quick clients that only waited for a worker.
        u = urllib.parse.urlsplit(self.d.url)
        holders = []
        for _ in range(WORKERS):
            s = socket.create_connection((u.hostname, u.port), timeout=30)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            holders.append(s)
        try:
            time.sleep(0.5)
            waiting = socket.create_connection((u.hostname, u.port), timeout=30)
            waiting.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                chunk = waiting.recv(65536)
                if not chunk:
                    break
                data += chunk
            waiting.close()
            self.assertTrue(data.startswith(b"HTTP/1.1 200"), data[:80])
        finally:
            for s in holders:
                s.close()
        self.assert_healthy("queued quick client")

    def test_clients_that_vanish_mid_answer_do_not_harm_the_daemon(self):
        u = urllib.parse.urlsplit(self.d.url)
        for k in range(40):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.connect((u.hostname, u.port))
            s.sendall(b"GET /api/search?q=the&limit=100 HTTP/1.1\r\nHost: x\r\n\r\n"
                      if k % 2 else b"GET /api/doc/press%3A2021-03-18-aliyev?q=corridors HTTP/1.1\r\nHost: x\r\n\r\n")
            if k % 4 < 2:
                s.recv(100)  # the first bytes of the answer, then gone
            # Reset instead of an orderly close: the daemon's next write fails at once.
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()
        self.assert_healthy("clients that vanished mid-answer")


if __name__ == "__main__":
    unittest.main(verbosity=2)
