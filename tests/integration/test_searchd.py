"""dragoman-searchd over HTTP: every route, every error path, limits, security headers,
escaping, graceful shutdown, a bounded worker pool and live pickup of new index generations."""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

# A transcript whose every field carries markup: the API must hand it out as escaped text.
MARKUP_RECORD = {
    "id": "test:markup-<b>1</b>", "source": "test<script>", "language": "en", "date": "2021-06-01",
    "title": "Tribunal <script>alert('title')</script> and <img src=x onerror=alert(2)>",
    "speakers": ["<i>Mallory</i>"], "country": "XSS", "url": "javascript:alert(3)",
    "text": "<i>Mallory</i>: The tribunal heard <script>alert(1)</script> and <img src=x onerror=alert(4)> "
            "during the hearing &amp; more &lt;b&gt; text.\n\n<i>Mallory</i>: The tribunal <b>adjourned</b>.",
}
SAMPLE_TRANSCRIPTS = 45


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def raw_request(url, data, timeout=10):
    """Sends bytes as they are (no client-side path normalisation) and reads to the end."""
    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(data)
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            out += chunk
    head, _, body = out.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else None
    return status, head.decode("latin-1"), body


class Routes(unittest.TestCase):
    """One daemon over corpus/sample plus the markup record, shared by the route tests."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-searchd-")
        extra = os.path.join(cls.tmp.name, "markup.jsonl")
        write_jsonl(extra, [MARKUP_RECORD])
        cls.db = os.path.join(cls.tmp.name, "db")
        h.index(cls.db, h.SAMPLE, extra)
        cls.d = h.Daemon(cls.db)

    @classmethod
    def tearDownClass(cls):
        code = cls.d.stop()
        cls.tmp.cleanup()
        if code != 0:
            raise AssertionError("daemon exited %d after SIGTERM" % code)

    def get(self, path, **params):
        return self.d.get(path, params or None)

    def assert_error(self, status, headers, body, want_status, want_code):
        self.assertEqual(status, want_status, body[:300])
        self.assertTrue(headers.get("Content-Type", headers.get("content-type", "")).startswith("application/json"))
        obj = json.loads(body)
        self.assertEqual(obj["error"]["code"], want_code, obj)
        self.assertTrue(obj["error"]["message"])

    # ---- the page and its assets

    def test_page_and_assets_are_served_with_their_types(self):
        for path, ctype, needle in (("/", "text/html", '<script src="/static/app.js"'),
                                    ("/static/app.js", "text/javascript", "snippetNodes"),
                                    ("/static/style.css", "text/css", ".result"),
                                    ("/static/icon.svg", "image/svg+xml", "<svg")):
            status, headers, body = self.get(path)
            self.assertEqual(status, 200, path)
            self.assertTrue(headers["Content-Type"].startswith(ctype), (path, headers["Content-Type"]))
            self.assertIn(needle, body, path)

    def test_the_page_has_no_inline_script_or_style_for_the_csp_to_block(self):
        _, _, html = self.get("/")
        self.assertIsNone(re.search(r"<script(?![^>]*\bsrc=)", html), "inline <script>")
        self.assertNotIn("<style", html)
        self.assertIsNone(re.search(r"\sstyle\s*=", html), "style attribute")
        self.assertIsNone(re.search(r"\son[a-z]+\s*=", html), "inline event handler")
        _, _, js = self.get("/static/app.js")
        self.assertNotIn("innerHTML", js)
        self.assertNotIn("eval(", js)
        self.assertIsNone(re.search(r"setAttribute\(\s*'style'", js))

    def test_security_headers_are_on_every_kind_of_response(self):
        for path, params in (("/", None), ("/static/app.js", None), ("/api/search", {"q": "energy"}),
                             ("/api/search", None), ("/nope", None), ("/healthz", None), ("/metrics", None)):
            status, headers, _ = self.d.get(path, params)
            csp = headers.get("Content-Security-Policy", "")
            self.assertIn("default-src 'none'", csp, path)
            self.assertIn("script-src 'self'", csp, path)
            self.assertIn("style-src 'self'", csp, path)
            self.assertIn("frame-ancestors 'none'", csp, path)
            self.assertNotIn("unsafe-inline", csp, path)
            self.assertNotIn("unsafe-eval", csp, path)
            self.assertEqual(headers.get("X-Content-Type-Options"), "nosniff", path)
            self.assertEqual(headers.get("X-Frame-Options"), "DENY", path)
            self.assertEqual(headers.get("Referrer-Policy"), "no-referrer", path)

    def test_head_is_answered_without_a_body(self):
        status, headers, body = h.request(self.d.url, "HEAD", "/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(body, b"")

    # ---- /api/search

    def test_search_answers_the_documented_object(self):
        status, obj = self.d.get_json("/api/search", {"q": "Aliyev"})
        self.assertEqual(status, 200)
        for key in ("query", "total", "took_ms", "suggestion", "relaxed", "timed_out", "results", "facets"):
            self.assertIn(key, obj)
        self.assertEqual(obj["query"], "Aliyev")
        self.assertEqual(len(obj["results"]), 10)
        for r in obj["results"]:
            for key in ("id", "title", "date", "language", "speakers", "country", "source", "url", "score", "snippets"):
                self.assertIn(key, r)
            self.assertRegex(r["date"], r"^\d{4}-\d{2}-\d{2}$")
        self.assertTrue(any("<mark>" in s["html"] for r in obj["results"] for s in r["snippets"]))
        self.assertEqual(set(obj["facets"]), {"year", "language", "speaker", "country", "source"})
        self.assertGreaterEqual(len(obj["facets"]["language"]), 4, "Aliyev is found across scripts")

    def test_limit_offset_and_sort_page_through_the_same_results(self):
        _, everything = self.d.get_json("/api/search", {"q": "Aliyev", "limit": "100", "facets": "0", "snippets": "0"})
        ids = h.result_ids(everything)
        # 16 transcripts (one says Алиевым: a Russian case form, found by its stem's key), 13
        # results: two groups of language versions (3 and 2) count once each.
        self.assertEqual(len(ids), 13)
        self.assertIn("mfa:2017-03-16-zakharova", ids)
        self.assertEqual(everything["total"], 13)
        _, first = self.d.get_json("/api/search", {"q": "Aliyev", "limit": "5"})
        _, second = self.d.get_json("/api/search", {"q": "Aliyev", "limit": "5", "offset": "5"})
        self.assertEqual(h.result_ids(first) + h.result_ids(second), ids[:10])
        _, newest = self.d.get_json("/api/search", {"q": "Aliyev", "limit": "100", "sort": "date"})
        dates = [r["date"] for r in newest["results"]]
        self.assertEqual(dates, sorted(dates, reverse=True))
        _, oldest = self.d.get_json("/api/search", {"q": "Aliyev", "limit": "100", "sort": "date-asc"})
        self.assertEqual([r["date"] for r in oldest["results"]], sorted(dates))

    def test_filters_narrow_the_results(self):
        _, obj = self.d.get_json("/api/search", {"q": "Aliyev", "lang": "az", "limit": "100"})
        self.assertEqual(len(obj["results"]), obj["facets"]["language"]["az"])
        self.assertTrue(all(r["language"] == "az" for r in obj["results"]))
        _, obj = self.d.get_json("/api/search", {"q": "Aliyev", "from": "2019", "to": "2020", "limit": "100"})
        self.assertTrue(obj["results"])
        self.assertTrue(all("2019" <= r["date"] < "2021" for r in obj["results"]))
        _, obj = self.d.get_json("/api/search", {"q": "", "country": "FRA", "limit": "100"})
        self.assertTrue(obj["results"], "filters alone list transcripts")
        self.assertTrue(all(r["country"] == "FRA" for r in obj["results"]))

    def test_a_misspelt_query_gets_a_suggestion_that_finds_transcripts(self):
        status, obj = self.d.get_json("/api/search", {"q": "cooperatoin"})
        self.assertEqual(status, 200)
        self.assertEqual(obj["results"], [])
        self.assertIsInstance(obj["suggestion"], str)
        status, again = self.d.get_json("/api/search", {"q": obj["suggestion"]})
        self.assertGreater(len(again["results"]), 0)
        _, fine = self.d.get_json("/api/search", {"q": "cooperation"})
        self.assertIsNone(fine["suggestion"], "no suggestion for a word the index has")

    def test_facets_0_and_snippets_0_leave_them_out(self):
        _, obj = self.d.get_json("/api/search", {"q": "Aliyev", "facets": "0", "snippets": "0"})
        self.assertEqual(obj["facets"], {})
        self.assertTrue(all(r["snippets"] == [] for r in obj["results"]))

    # ---- /api/doc

    def test_doc_returns_the_whole_transcript_with_the_query_marked(self):
        tid = "press:2021-03-18-aliyev"
        status, doc = self.d.get_json("/api/doc/" + urllib.parse.quote(tid, safe=""), {"q": "corridors"})
        self.assertEqual(status, 200)
        self.assertEqual(doc["id"], tid)
        self.assertGreater(len(doc["passages"]), 3)
        self.assertEqual([p["passage"] for p in doc["passages"]], sorted(p["passage"] for p in doc["passages"]))
        self.assertTrue(all("speaker" in p for p in doc["passages"]))
        self.assertEqual(doc["hits"], sum(p["html"].count("<mark>") for p in doc["passages"]))
        self.assertGreater(doc["hits"], 0)
        status, plain = self.d.get_json("/api/doc/" + urllib.parse.quote(tid, safe=""))
        self.assertEqual(status, 200)
        self.assertEqual(plain["hits"], 0)
        self.assertFalse(any("<mark>" in p["html"] for p in plain["passages"]))

    # ---- /healthz and /metrics

    def test_healthz_reports_the_live_index(self):
        status, obj = self.d.get_json("/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(obj["status"], "ok")
        self.assertGreater(obj["passages"], SAMPLE_TRANSCRIPTS)
        self.assertIn("generations", obj["generation"])

    def test_metrics_are_prometheus_text_with_requests_latency_and_index_gauges(self):
        self.get("/api/search", q="energy")
        self.get("/api/search", q="(broken")
        status, headers, text = self.get("/metrics")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/plain; version=0.0.4"))
        self.assertRegex(text, r'dragoman_requests_total\{route="/api/search",status="200"\} [1-9]\d*')
        self.assertRegex(text, r'dragoman_requests_total\{route="/api/search",status="400"\} [1-9]\d*')
        self.assertIn("# TYPE dragoman_request_seconds histogram", text)
        buckets = [int(n) for n in re.findall(r'dragoman_request_seconds_bucket\{le="[^"]+"\} (\d+)', text)]
        self.assertGreater(len(buckets), 5)
        self.assertEqual(buckets, sorted(buckets), "buckets are cumulative")
        count = int(re.search(r"dragoman_request_seconds_count (\d+)", text).group(1))
        self.assertEqual(buckets[-1], count)
        _, health = self.d.get_json("/healthz")
        self.assertRegex(text, r"dragoman_index_passages %d\n" % health["passages"])
        self.assertRegex(text, r"dragoman_index_transcripts %d\n" % (SAMPLE_TRANSCRIPTS + 1))
        self.assertRegex(text, r'dragoman_index_generation_info\{generation="[^"\n]+"\} 1')
        for line in text.splitlines():
            if line and not line.startswith("#"):
                self.assertRegex(line, r'^[a-z_]+(\{[^}]*\})? [0-9.e+-]+$', line)

    # ---- errors and limits: status and JSON code for each

    def test_every_bad_parameter_is_a_400_naming_what_is_wrong(self):
        cases = [
            ({"q": "a" * 2049}, "bad_parameter", "'q'"),
            ({"q": "energy", "limit": "101"}, "bad_parameter", "'limit'"),
            ({"q": "energy", "limit": "-1"}, "bad_parameter", "'limit'"),
            ({"q": "energy", "limit": "ten"}, "bad_parameter", "'limit'"),
            ({"q": "energy", "offset": "10001"}, "bad_parameter", "'offset'"),
            ({"q": "energy", "sort": "bogus"}, "bad_parameter", "'sort'"),
            ({"q": "energy", "from": "20x9"}, "bad_parameter", "'from'"),
            ({"q": "energy", "to": "2019-1"}, "bad_parameter", "'to'"),
            ({"q": "energy", "speaker": "x" * 201}, "bad_parameter", "filter"),
            ({"q": ""}, "bad_query", "empty"),
            ({"q": "(energy"}, "bad_query", "("),
        ]
        for params, code, mentions in cases:
            with self.subTest(params={k: v[:20] for k, v in params.items()}):
                status, headers, body = self.d.get("/api/search", params)
                self.assert_error(status, headers, body, 400, code)
                self.assertIn(mentions, json.loads(body)["error"]["message"])

    def test_limits_themselves_are_accepted(self):
        for params in ({"q": "a" * 2048}, {"q": "energy", "limit": "100"}, {"q": "energy", "offset": "10000"},
                       {"q": "energy", "limit": "0"}):
            with self.subTest(params={k: v[:20] for k, v in params.items()}):
                status, _, body = self.d.get("/api/search", params)
                self.assertEqual(status, 200, body[:200])

    def test_unknown_pages_and_transcripts_are_404_not_found(self):
        for path in ("/nope", "/api", "/api/doc/", "/api/searchx", "/static/", "/static/missing.js",
                     "/static/index.html", "/favicon.ico"):
            with self.subTest(path=path):
                status, headers, body = self.d.get(path)
                self.assert_error(status, headers, body, 404, "not_found")
        status, headers, body = self.d.get("/api/doc/" + urllib.parse.quote("no:such-transcript", safe=""))
        self.assert_error(status, headers, body, 404, "not_found")
        self.assertIn("no:such-transcript", json.loads(body)["error"]["message"])

    def test_doc_limits_on_id_and_query(self):
        status, headers, body = self.d.get("/api/doc/" + "a" * 4097)
        self.assert_error(status, headers, body, 400, "bad_parameter")
        status, headers, body = self.d.get("/api/doc/press%3A2021-03-18-aliyev", {"q": "a" * 2049})
        self.assert_error(status, headers, body, 400, "bad_parameter")
        status, headers, body = self.d.get("/api/doc/press%3A2021-03-18-aliyev", {"q": "(broken"})
        self.assert_error(status, headers, body, 400, "bad_query")

    def test_methods_other_than_get_are_405_with_allow(self):
        for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
            with self.subTest(method=method):
                status, headers, body = h.request(self.d.url, method, "/api/search?q=energy", body=b"x",
                                                headers={"Content-Type": "text/plain"})
                self.assertEqual(status, 405)
                self.assertEqual(headers["allow"], "GET, HEAD")
                self.assertEqual(json.loads(body)["error"]["code"], "method_not_allowed")

    def test_request_size_limits(self):
        status, headers, body = h.request(self.d.url, "POST", "/api/search", body=b"x" * (65 * 1024),
                                        headers={"Content-Type": "text/plain"})
        self.assertEqual(status, 413)
        self.assertEqual(json.loads(body)["error"]["code"], "payload_too_large")
        status, head, body = raw_request(self.d.url, b"GET /api/search?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n"
                                         b"Connection: close\r\n\r\n")
        self.assertEqual(status, 414)
        self.assertEqual(json.loads(body)["error"]["code"], "uri_too_long")
        status, head, body = raw_request(self.d.url, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 +
                                         b"\r\nConnection: close\r\n\r\n")
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body)["error"]["code"], "bad_request")
        # httplib 0.11 limits each header line, not their number: many small ones are read.
        many = b"".join(b"X-H%d: v\r\n" % i for i in range(2000))
        status, head, body = raw_request(self.d.url, b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + many +
                                         b"Connection: close\r\n\r\n")
        self.assertIn(status, (200, 400, 431), head)
        status, _, _ = self.get("/healthz")
        self.assertEqual(status, 200, "the daemon still answers after oversized requests")

    def test_garbage_is_rejected_without_harm(self):
        for data in (b"\x00\x01\x02garbage\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                     b"GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"):
            with self.subTest(data=data[:20]):
                status, head, body = raw_request(self.d.url, data)
                self.assertIn(status, (None, 400, 404, 413, 505), head)
        status, _, _ = self.get("/healthz")
        self.assertEqual(status, 200)

    def test_paths_outside_the_embedded_assets_never_serve_a_file(self):
        with open(os.path.join(h.SOURCE_DIR, "searchd", "server.cpp"), encoding="utf-8") as f:
            server_source_start = f.read(60)
        paths = [b"/static/../../etc/passwd", b"/static/%2e%2e/%2e%2e/etc/passwd", b"/static/%2e%2e/",
                 b"/static/..%2f..%2fetc%2fpasswd", b"/../../../../etc/passwd", b"/static/app.js/../../../etc/passwd",
                 b"/static/..%5c..%5cetc%5cpasswd", b"/static//etc/passwd", b"/static/%2fetc%2fpasswd",
                 b"/static/style.css%00.js", b"/static/../server.cpp", b"/static/%2e%2e/server.cpp",
                 b"/static/../searchd/server.cpp", b"/etc/passwd", b"//etc/passwd", b"/static/app.js%2f..%2f..%2fserver.cpp",
                 b"/%2e%2e/%2e%2e/etc/passwd", b"/static/.%2e/.%2e/etc/passwd"]
        for path in paths:
            with self.subTest(path=path):
                status, head, body = raw_request(self.d.url, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n"
                                                 b"Connection: close\r\n\r\n")
                self.assertIn(status, (400, 404), head)
                self.assertNotIn(b"root:", body)
                self.assertNotIn(server_source_start.encode(), body)
                self.assertTrue(body.startswith(b'{"error"'), body[:100])

    # ---- escaping

    def test_a_script_in_the_query_comes_back_escaped_in_the_html_fields(self):
        q = "tribunal <script>alert(1)</script>"
        status, headers, body = self.d.get("/api/search", {"q": q})
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("application/json"))
        obj = json.loads(body)
        self.assertEqual(obj["query"], q, "the query is data in a JSON string")
        self.assertEqual(h.result_ids(obj), [MARKUP_RECORD["id"]])
        html = "".join(s["html"] for r in obj["results"] for s in r["snippets"])
        bare = html.replace("<mark>", "").replace("</mark>", "")
        self.assertNotIn("<", bare)
        self.assertNotIn(">", bare)
        self.assertIn("&lt;<mark>script</mark>&gt;", html, "the words of the markup match, its brackets are text")
        status, headers, body = self.d.get("/api/search", {"q": "(<script>alert(1)</script>"})
        self.assertEqual(status, 400)
        self.assertTrue(headers["Content-Type"].startswith("application/json"))

    def test_a_transcript_full_of_markup_is_escaped_in_the_doc_view(self):
        status, doc = self.d.get_json("/api/doc/" + urllib.parse.quote(MARKUP_RECORD["id"], safe=""),
                                      {"q": "tribunal script"})
        self.assertEqual(status, 200)
        self.assertEqual(doc["title"], MARKUP_RECORD["title"], "plain-text fields stay text for the page to set as text")
        html = "".join(p["html"] for p in doc["passages"])
        bare = html.replace("<mark>", "").replace("</mark>", "")
        self.assertNotIn("<", bare)
        self.assertIn("&lt;b&gt;adjourned&lt;/b&gt;", bare)
        self.assertIn("&amp;amp;", bare, "an entity in the source is shown as typed")
        self.assertGreater(doc["hits"], 1)

    def test_access_log_has_one_line_per_request_with_the_query_cut(self):
        d = h.Daemon(self.db)
        try:
            d.get("/api/search", {"q": "energy"})
            d.get("/api/search", {"q": "x" * 1000 + "\x1b[31m"})
            d.get("/nope")
        finally:
            self.assertEqual(d.stop(), 0)
        # Workers log when they finish, so the lines need not be in request order.
        lines = [l for l in d.stderr.splitlines() if l.startswith("GET ")]
        self.assertEqual(len(lines), 3, d.stderr)
        patterns = [r'^GET /api/search 200 [0-9.]+ms hits=[1-9]\d* q="energy"$',
                    r'^GET /api/search 200 [0-9.]+ms hits=0 q="x{200}"$',
                    r'^GET /nope 404 [0-9.]+ms hits=0 q=""$']
        for pattern in patterns:
            self.assertEqual(len([l for l in lines if re.match(pattern, l)]), 1, (pattern, lines))


class Lifecycle(unittest.TestCase):
    """Start-up errors, shutdown with a request in flight, the worker pool, an empty DBROOT."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-searchd-life-")
        cls.db = os.path.join(cls.tmp.name, "db")
        h.index(cls.db, h.SAMPLE)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_bad_listen_addresses_exit_2(self):
        for listen in ("nonsense", "127.0.0.1:99999", "127.0.0.1:port", "256.1.1.1:0"):
            with self.subTest(listen=listen):
                p = h.run([h.binary("dragoman-searchd"), "--db", self.db, "--listen", listen], timeout=30)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn("dragoman-searchd", p.stderr)

    def test_a_port_in_use_exits_2(self):
        d = h.Daemon(self.db)
        try:
            port = urllib.parse.urlsplit(d.url).port
            p = h.run([h.binary("dragoman-searchd"), "--db", self.db, "--listen", "127.0.0.1:%d" % port], timeout=30)
            self.assertEqual(p.returncode, 2)
            self.assertIn("cannot listen", p.stderr)
        finally:
            self.assertEqual(d.stop(), 0)

    def test_sigterm_finishes_the_request_in_flight_then_exits_0(self):
        d = h.Daemon(self.db)
        u = urllib.parse.urlsplit(d.url)
        s = socket.create_connection((u.hostname, u.port), timeout=10)
        try:
            s.sendall(b"GET /api/search?q=corridors HTTP/1.1\r\nHost: x\r\n")  # headers not finished yet
            time.sleep(0.3)
            d.proc.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            self.assertIsNone(d.proc.poll(), "the daemon waits for the request it is reading")
            s.sendall(b"Connection: close\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        finally:
            s.close()
        head, _, body = data.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"HTTP/1.1 200"), head[:100])
        self.assertIn("press:2021-03-18-aliyev", h.result_ids(json.loads(body)))
        self.assertEqual(d.proc.wait(timeout=20), 0)
        with self.assertRaises(OSError):
            socket.create_connection((u.hostname, u.port), timeout=2).close()
        d.stop()
        self.assertIn("dragoman-searchd: stopped", d.stderr)

    def test_more_concurrent_requests_than_workers_all_succeed(self):
        d = h.Daemon(self.db, extra=("--threads", "2", "--no-access-log"))
        statuses = []
        lock = threading.Lock()

        def client(i):
            status, _, _ = d.get("/api/search", {"q": ["energy", "Aliyev", "cooperation", "sanctions"][i % 4]})
            with lock:
                statuses.append(status)

        try:
            threads = [threading.Thread(target=client, args=(i,)) for i in range(64)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
        finally:
            self.assertEqual(d.stop(), 0)
        self.assertEqual(statuses, [200] * 64)

    def test_connections_waiting_for_a_worker_are_not_starved_by_keep_alive(self):
        d = h.Daemon(self.db, extra=("--threads", "1", "--no-access-log"))
        u = urllib.parse.urlsplit(d.url)
        try:
            a = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
            a.request("GET", "/healthz")
            first = a.getresponse()
            first.read()
            self.assertNotEqual(first.getheader("Connection"), "close", "keep-alive while nobody waits")
            waited = {}

            def other():
                t = time.monotonic()
                status, _, _ = d.get("/healthz")
                waited["status"], waited["seconds"] = status, time.monotonic() - t

            t = threading.Thread(target=other)
            t.start()
            time.sleep(0.3)  # the other connection now waits for the only worker, held by a
            a.request("GET", "/healthz")
            second = a.getresponse()
            second.read()
            self.assertEqual(second.getheader("Connection"), "close", "a busy worker hands its connection back")
            t.join(timeout=30)
            a.close()
            self.assertEqual(waited["status"], 200)
            self.assertLess(waited["seconds"], 1.5, "served before the 2 s keep-alive timeout")
        finally:
            self.assertEqual(d.stop(), 0)

    def test_answers_on_a_keep_alive_connection_do_not_wait_for_delayed_acks(self):
        # Regression: without TCP_NODELAY each answer's body waited ~40 ms for the
        # client's delayed ACK of its headers.
        d = h.Daemon(self.db, extra=("--no-access-log",))
        u = urllib.parse.urlsplit(d.url)
        try:
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
            times = []
            for _ in range(21):
                t = time.monotonic()
                c.request("GET", "/healthz")
                r = c.getresponse()
                r.read()
                times.append(time.monotonic() - t)
                self.assertEqual(r.status, 200)
            c.close()
        finally:
            self.assertEqual(d.stop(), 0)
        median = sorted(times)[len(times) // 2]
        self.assertLess(median, 0.030, "median %.1f ms per request" % (median * 1000))

    def test_an_empty_dbroot_is_503_until_an_index_is_published(self):
        root = os.path.join(self.tmp.name, "empty-root")
        os.makedirs(root)
        d = h.Daemon(root)
        try:
            status, headers, body = d.get("/api/search", {"q": "energy"})
            self.assertEqual(status, 503)
            self.assertEqual(json.loads(body)["error"]["code"], "unavailable")
            status, _, _ = d.get("/healthz")
            self.assertEqual(status, 503)
            status, _, _ = d.get("/")
            self.assertEqual(status, 200, "the page is served without an index")
            h.index(root, h.SAMPLE)
            status, obj = d.get_json("/api/search", {"q": "corridors"})
            self.assertEqual(status, 200, "a first index is picked up without a restart")
            self.assertIn("press:2021-03-18-aliyev", h.result_ids(obj))
        finally:
            self.assertEqual(d.stop(), 0)


class SharedCorpus(unittest.TestCase):
    """The daemon over real multilingual text (../shared/corpus/sample-small.jsonl)."""

    def test_queries_in_each_script_are_marked_in_snippets_and_in_the_transcript(self):
        h.skip_without_corpus(self)
        db = os.path.join(h.temp_dir(self), "db")
        h.index(db, os.path.join(h.SHARED_CORPUS, "sample-small.jsonl"), check=None)
        d = h.Daemon(db, extra=("--no-access-log",))
        try:
            for query in ("sanctions", "России", "外交部", "الأمم", "Türkiye"):
                with self.subTest(query=query):
                    status, obj = d.get_json("/api/search", {"q": query})
                    self.assertEqual(status, 200)
                    self.assertGreater(len(obj["results"]), 0)
                    marked = [s["html"] for r in obj["results"] for s in r["snippets"] if "<mark>" in s["html"]]
                    self.assertTrue(marked, "no snippet of %r is marked" % query)
                    top = obj["results"][0]["id"]
                    status, doc = d.get_json("/api/doc/" + urllib.parse.quote(top, safe=""), {"q": query})
                    self.assertEqual(status, 200)
                    self.assertEqual(doc["id"], top)
                    self.assertEqual(doc["hits"], sum(p["html"].count("<mark>") for p in doc["passages"]))
        finally:
            self.assertEqual(d.stop(), 0)


class LiveReindex(unittest.TestCase):
    """Queries in a loop from several threads while the indexer publishes new generations."""

    def test_new_generations_are_served_without_a_failed_request(self):
        tmp = h.temp_dir(self)
        db = os.path.join(tmp, "db")
        h.index(db, h.SAMPLE)
        d = h.Daemon(db, extra=("--no-access-log",))
        failures = []
        counts = {"requests": 0}
        stop = threading.Event()
        lock = threading.Lock()
        queries = ["energy", "Aliyev", "cooperation", "corridors", "sanctions OR embargo", "zephyrinwordA",
                   "zephyrinwordB", "zephyrinwordC"]

        def loop(n):
            i = n
            while not stop.is_set():
                q = queries[i % len(queries)]
                i += 1
                try:
                    status, _, body = d.get("/api/search", {"q": q, "limit": "20"})
                    if status != 200:
                        with lock:
                            failures.append((q, status, body[:200]))
                    json.loads(body)
                except Exception as e:  # a reset connection or a broken body is a failure too
                    with lock:
                        failures.append((q, "exception", repr(e)))
                with lock:
                    counts["requests"] += 1

        threads = [threading.Thread(target=loop, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        try:
            for round_, word in enumerate(("zephyrinwordA", "zephyrinwordB", "zephyrinwordC")):
                extra = os.path.join(tmp, "extra-%d.jsonl" % round_)
                write_jsonl(extra, [{
                    "id": "live:%d-%d" % (round_, k), "source": "live", "language": "en", "date": "2022-0%d-01" % (k + 1),
                    "title": "Live reindex round %d, transcript %d" % (round_, k), "speakers": ["Test Speaker"],
                    "country": "TST", "url": "",
                    "text": "Test Speaker: The %s of round %d, transcript %d, appears after a publish." % (word, round_, k),
                } for k in range(3)])
                h.index(db, h.SAMPLE, extra)  # a full rebuild: a new generation, published atomically
                published = time.monotonic()
                while True:
                    status, obj = d.get_json("/api/search", {"q": word})
                    if status == 200 and sorted(h.result_ids(obj)) == ["live:%d-%d" % (round_, k) for k in range(3)]:
                        break
                    self.assertLess(time.monotonic() - published, 5, "new documents not served 5 s after publishing")
                    time.sleep(0.05)
                # The previous round's documents left with the generation that held them.
                if round_:
                    _, obj = d.get_json("/api/search", {"q": "zephyrinword" + "ABC"[round_ - 1]})
                    self.assertEqual(h.result_ids(obj), [])
            # An incremental run commits into the live generation; that is picked up too.
            extra = os.path.join(tmp, "extra-incremental.jsonl")
            write_jsonl(extra, [{"id": "live:incremental", "source": "live", "language": "en", "date": "2023-01-01",
                                 "title": "Incremental", "speakers": [], "country": "TST", "url": "",
                                 "text": "An incremental zephyrinwordD arrives."}])
            h.index(db, h.SAMPLE, extra, extra=("--incremental",))
            published = time.monotonic()
            while True:
                status, obj = d.get_json("/api/search", {"q": "zephyrinwordD"})
                if status == 200 and h.result_ids(obj) == ["live:incremental"]:
                    break
                self.assertLess(time.monotonic() - published, 5, "incremental commit not served after 5 s")
                time.sleep(0.05)
        finally:
            stop.set()
            for t in threads:
                t.join(timeout=60)
            code = d.stop()
        self.assertEqual(code, 0)
        self.assertGreater(counts["requests"], 50, "the loop ran while the indexer worked")
        self.assertEqual(failures, [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
