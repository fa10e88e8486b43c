"""Ids longer than a Xapian term (URLs, long slugs: 300 and 4000 bytes) end to end: indexed,
found by dragoman-search and the daemon, fetched by id and by permalink, cited, replaced by
an incremental run rather than duplicated, and removed by one; over 4096 bytes, rejected
with a clear diagnostic."""
import http.client
import json
import os
import re
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Daemon, binary, index, run, search_json, temp_dir  # noqa: E402

BRIEFING = ("https://www.whitehouse.gov/briefing-room/press-briefings/2024/01/02/"
            "press-briefing-by-press-secretary-karine-jean-pierre-and-national-security-"
            "communications-advisor-john-kirby")


def long_id(size, tail):
    """A URL id of exactly `size` bytes, with query and fragment characters and non-ASCII."""
    out = BRIEFING + "/?utm_source=a&b=c%20d#" + tail + "-брифинг-"
    while len(out.encode("utf-8")) < size:
        out += "x"
    assert len(out.encode("utf-8")) == size
    return out


ID300 = long_id(300, "first")
ID4000 = long_id(4000, "second")
SHORT = "wh:2024-01-02-short"


def record(rid, text, title):
    return {"id": rid, "source": "whitehouse", "language": "en", "date": "2024-01-02", "title": title,
            "speakers": ["John Kirby"], "country": "USA", "url": "https://www.whitehouse.gov/", "text": text}


def write(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def quoted(s):
    return urllib.parse.quote(s, safe="")


class LongIds(unittest.TestCase):
    def setUp(self):
        self.dir = temp_dir(self)
        self.db = os.path.join(self.dir, "db")
        self.src = os.path.join(self.dir, "in.jsonl")
        self.records = [
            record(ID300, "John Kirby: The carrier group stays in the Red Sea.\n\n"
                          "John Kirby: Houthi attacks on shipping must stop.", "Briefing one"),
            record(ID4000, "John Kirby: We are sending humanitarian aid through the Rafah crossing.", "Briefing two"),
            record(SHORT, "John Kirby: Nothing else today.", "Short one"),
        ]
        write(self.src, self.records)
        index(self.db, self.src)

    def daemon(self):
        d = Daemon(self.db, extra=["--no-access-log", "--public-url", "https://search.example.org/"])
        self.addCleanup(d.stop)
        return d

    def found(self, query):
        p, obj = search_json(self.db, query)
        self.assertEqual(p.returncode, 0 if obj["results"] else 1, p.stderr)
        return [r["id"] for r in obj["results"]], obj

    def test_long_ids_are_indexed_and_found_with_their_whole_id(self):
        ids, obj = self.found("carrier")
        self.assertEqual(ids, [ID300])
        s = obj["results"][0]["snippets"][0]
        self.assertTrue(s["passage_id"].startswith(ID300 + "~"), s["passage_id"])
        self.assertEqual(s["permalink"], "/p/" + re.sub("%3A", ":", quoted(s["passage_id"])))
        ids, obj = self.found("rafah")
        self.assertEqual(ids, [ID4000])

    def test_a_long_id_is_a_query_filter(self):
        ids, _ = self.found('kirby id:"%s"' % ID300)
        self.assertEqual(ids, [ID300])
        ids, _ = self.found('kirby -id:"%s"' % ID300)  # a query holds at most 2048 bytes
        self.assertEqual(sorted(ids), sorted([ID4000, SHORT]))

    def test_the_daemon_serves_a_long_id_by_id_permalink_and_citation(self):
        d = self.daemon()
        for rid in (ID300, ID4000):
            status, body = d.get_json("/api/doc/" + quoted(rid))
            self.assertEqual(status, 200, rid[:80])
            self.assertEqual(body["id"], rid)
            pid = body["passages"][0]["passage_id"]
            self.assertTrue(pid.startswith(rid + "~"))
            status, passage = d.get_json("/api/passage/" + quoted(pid))
            self.assertEqual(status, 200)
            self.assertEqual(passage["passage_id"], pid)
            self.assertEqual(passage["id"], rid)
            status, _, text = d.get("/api/cite/" + quoted(pid))
            self.assertEqual(status, 200)
            self.assertIn("Permalink: https://search.example.org/p/", text)
            self.assertIn(quoted(rid)[:200].replace("%3A", ":"), text)
            c = http.client.HTTPConnection(urllib.parse.urlparse(d.url).netloc, timeout=30)
            c.request("GET", "/p/" + quoted(pid))
            r = c.getresponse()
            r.read()
            self.assertEqual(r.status, 302)
            location = urllib.parse.unquote(r.getheader("Location"))
            c.close()
            self.assertEqual(location, "/?doc=" + rid + "#passage-0")
        status, body = d.get_json("/api/doc/" + quoted(ID300[:-1]))  # one byte short: another id
        self.assertEqual(status, 404)
        status, body = d.get_json("/api/search", {"q": "rafah"})
        self.assertEqual([r["id"] for r in body["results"]], [ID4000])
        status, _, metrics = d.get("/metrics")
        self.assertIn("dragoman_index_transcripts 3\n", metrics)

    def test_an_incremental_run_replaces_then_removes_a_long_id(self):
        changed = [dict(r) for r in self.records]
        changed[0]["text"] = "John Kirby: The carrier group sails home next week."
        changed[1]["text"] = "John Kirby: The Rafah crossing opened again this morning."
        write(self.src, changed)
        index(self.db, self.src, extra=["--incremental"])
        ids, _ = self.found("carrier")
        self.assertEqual(ids, [ID300])
        self.assertEqual(self.found("houthi")[0], [])  # the old passage went with the old record
        self.assertEqual(self.found("sails")[0], [ID300])
        self.assertEqual(self.found("opened")[0], [ID4000])
        self.assertEqual(self.found("humanitarian")[0], [])
        d = self.daemon()
        status, body = d.get_json("/api/doc/" + quoted(ID300))
        self.assertEqual([p["text"] for p in body["passages"]], ["The carrier group sails home next week."])
        status, body = d.get_json("/api/doc/" + quoted(ID4000))
        self.assertEqual(len(body["passages"]), 1)

        write(self.src, [changed[0], changed[2]])
        index(self.db, self.src, extra=["--incremental"])
        self.assertEqual(self.found("opened")[0], [])
        self.assertEqual(sorted(self.found("kirby")[0]), sorted([ID300, SHORT]))
        d = self.daemon()
        status, body = d.get_json("/api/doc/" + quoted(ID4000))
        self.assertEqual(status, 404)
        status, _, metrics = d.get("/metrics")
        self.assertIn("dragoman_index_transcripts 2\n", metrics)

    def test_an_id_over_4096_bytes_is_rejected_with_its_length(self):
        write(self.src, [record(long_id(4097, "third"), "John Kirby: Too long an id.", "Too long")])
        p = index(os.path.join(self.dir, "db2"), self.src, check=1)
        self.assertIn("'id': longer than 4096 bytes (4097)", p.stderr)


if __name__ == "__main__":
    unittest.main()
