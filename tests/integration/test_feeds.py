"""A search's Atom feed and the exports of its whole result set, end to end: the real daemon
and dragoman-search over a small index, the feed read by feedparser and a strict XML
parser, the exports read back by Python's csv and json, a strict RIS reader and pandoc's
BibTeX reader; hostile transcript text stays text; an export of more than 10,000
passages says it was cut."""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

try:
    import feedparser
except ImportError:  # Debian's python3-feedparser, under another Python than /usr/bin/python3
    sys.path.append("/usr/lib/python3/dist-packages")
    import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"

HOSTILE_TITLE = '<script>alert("t")</script> & Co ]]>'
HOSTILE_SPEAKER = "Eve <b>Evil</b> & Sons"
HOSTILE_TEXT = "The grain <script>alert('x')</script> \x01\x0b\x1b[31m \uffff ]]> &amp; end"
# What sanitizing leaves of the hostile text: no control character, no U+FFFF.
HOSTILE_TEXT_CLEAN = "The grain <script>alert('x')</script> [31m  ]]> &amp; end"


def turns_record(rid, date, speaker, texts, lang="en", country="USA", title=None):
    turns = [{"speaker": speaker, "text": t} for t in texts]
    return {"id": rid, "source": "test", "language": lang, "date": date, "title": title or "Briefing " + rid,
            "speakers": [speaker], "country": country, "url": "https://example.org/" + rid, "turns": turns,
            "text": "\n\n".join(texts)}


RECORDS = [
    turns_record("feed:a", "2021-03-01", "Ned Price",
                 ["The grain corridor is open.", "Nothing else to add today.", "Grain prices will fall."]),
    turns_record("feed:b", "2022-06-15", "Maria Zakharova", ["The grain deal was not honoured."], country="RUS"),
    turns_record("feed:c", "2020-01-10", HOSTILE_SPEAKER, [HOSTILE_TEXT], title=HOSTILE_TITLE),
    turns_record("feed:d", "2019-05", "Jean Dupont", ["Le grain et le blé sont arrivés."], lang="fr", country="FRA"),
    turns_record("feed:e", "2018", "Ned Price", ["Tourism only, nothing else."]),
]


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def grain_passages(records):
    """The independent count: turns whose text holds the word grain."""
    return sum(1 for r in records for t in r["turns"] if re.search(r"\bgrain\b", t["text"], re.I))


RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  - (.*)$")


def read_ris(text):
    """A strict RIS reader: every line `XX  - value`, records from TY to ER."""
    records, current = [], None
    for n, line in enumerate(text.split("\r\n")):
        if line == "":
            continue
        m = RIS_LINE.match(line)
        if not m:
            raise AssertionError("RIS line %d is not a tag line: %r" % (n + 1, line))
        tag, value = m.groups()
        if tag == "TY":
            if current is not None:
                raise AssertionError("TY inside a record at line %d" % (n + 1))
            current = {"TY": [value]}
        elif tag == "ER":
            if current is None:
                raise AssertionError("ER outside a record at line %d" % (n + 1))
            records.append(current)
            current = None
        else:
            if current is None:
                raise AssertionError("a tag outside a record at line %d" % (n + 1))
            current.setdefault(tag, []).append(value)
    if current is not None:
        raise AssertionError("the last record has no ER")
    return records


def pandoc_bibtex(text):
    p = subprocess.run(["pandoc", "-f", "bibtex", "-t", "csljson"], input=text, capture_output=True, text=True,
                       timeout=120)
    if p.returncode != 0:
        raise AssertionError("pandoc could not read the BibTeX: %s" % p.stderr)
    return json.loads(p.stdout)


class FeedsAndExports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-feeds-")
        src = os.path.join(cls.tmp.name, "feeds.jsonl")
        write_jsonl(src, RECORDS)
        cls.db = os.path.join(cls.tmp.name, "db")
        h.index(cls.db, src)
        cls.d = h.Daemon(cls.db, extra=["--no-access-log"])
        cls.count = grain_passages(RECORDS)

    @classmethod
    def tearDownClass(cls):
        code = cls.d.stop()
        cls.tmp.cleanup()
        if code != 0:
            raise AssertionError("daemon exited %d after SIGTERM" % code)

    def export(self, fmt, **params):
        status, headers, body = self.d.get("/api/export", {"format": fmt, **params})
        self.assertEqual(status, 200, body[:300])
        return headers, body

    def jsonl(self, **params):
        _, body = self.export("jsonl", **params)
        lines = [json.loads(line) for line in body.splitlines()]
        return lines[0]["export"], lines[1:-1], lines[-1]["end"]

    # ---- the feed

    def feed(self, **params):
        status, headers, body = self.d.get("/feed", params)
        self.assertEqual(status, 200, body[:300])
        self.assertEqual(headers["Content-Type"], "application/atom+xml; charset=utf-8")
        return body

    def test_the_feed_lists_the_newest_matching_passages_keyed_by_their_permalinks(self):
        body = self.feed(q="grain")
        parsed = feedparser.parse(body)
        self.assertFalse(parsed.bozo, parsed.get("bozo_exception"))
        self.assertEqual(parsed.version, "atom10")
        self.assertIn("grain", parsed.feed.title)
        self.assertEqual(parsed.feed.id, self.d.url + "/feed?q=grain")
        self.assertEqual([l.href for l in parsed.feed.links if l.rel == "self"], [self.d.url + "/feed?q=grain"])
        entries = parsed.entries
        self.assertEqual(len(entries), self.count)
        updated = [e.updated for e in entries]
        self.assertEqual(updated, sorted(updated, reverse=True))  # newest first
        self.assertEqual(parsed.feed.updated, "2022-06-15T00:00:00Z")
        self.assertEqual(entries[0].title, "Maria Zakharova, 2022-06-15: Briefing feed:b")
        self.assertEqual(entries[0].author, "Maria Zakharova")
        # feedparser's sanitizer drops <mark>; the summary as sent holds it.
        self.assertIn("grain", entries[0].summary)
        summary = ET.fromstring(body.encode("utf-8")).find(ATOM + "entry/" + ATOM + "summary")
        self.assertEqual(summary.text, "The <mark>grain</mark> deal was not honoured.")
        # Each entry's id is its passage's permalink, which leads to the passage.
        _, passages, _ = self.jsonl(q="grain")
        permalinks = {self.d.url + p["permalink"] for p in passages}
        self.assertEqual({e.id for e in entries}, permalinks)
        for e in entries:
            self.assertEqual([l.href for l in e.links if l.rel == "alternate"], [e.id])
        status, headers, _ = h.request(self.d.url, "GET", urllib.parse.urlparse(entries[0].id).path)
        self.assertEqual(status, 302)
        self.assertTrue(headers["location"].startswith("/?doc=feed:b#passage-"), headers)
        # The same search gives the same ids: a reader sees no entry twice.
        self.assertEqual([e.id for e in feedparser.parse(self.feed(q="grain")).entries], [e.id for e in entries])

    def test_the_cli_prints_the_feed_the_daemon_serves(self):
        served = feedparser.parse(self.feed(q="grain", lang="en"))
        for where in (["--server", self.d.url], ["--db", self.db, "--base-url", self.d.url]):
            out = cli_bytes(*where, "--feed", "--lang", "en", "grain").decode("utf-8")
            printed = feedparser.parse(out)
            self.assertFalse(printed.bozo, printed.get("bozo_exception"))
            self.assertEqual(printed.feed.id, served.feed.id, where)
            self.assertEqual([(e.id, e.title, e.updated) for e in printed.entries],
                             [(e.id, e.title, e.updated) for e in served.entries], where)
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--feed", "nosuchwordanywhere"], check=1)
        self.assertEqual(len(feedparser.parse(p.stdout).entries), 0)
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--feed", "--format", "csv", "grain"], check=2)

    def test_the_feed_takes_every_filter_of_the_search(self):
        for params, ids in (({"q": "grain", "lang": "fr"}, ["feed:d"]),
                            ({"q": "grain", "country": "RUS"}, ["feed:b"]),
                            ({"q": "grain", "speaker": "Ned Price"}, ["feed:a", "feed:a"]),
                            ({"q": "grain", "from": "2020", "to": "2021-12"}, ["feed:a", "feed:a", "feed:c"]),
                            ({"q": "grain", "source": "nosuch"}, [])):
            entries = feedparser.parse(self.feed(**params)).entries
            got = [urllib.parse.unquote(urllib.parse.urlparse(e.id).path)[3:].split("~")[0] for e in entries]
            self.assertEqual(got, ids, params)

    def test_hostile_transcript_text_stays_text_in_the_feed(self):
        body = self.feed(q="grain", **{"from": "2020-01", "to": "2020-01"})
        raw = body.encode("utf-8")
        self.assertIsNone(re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", raw), "a control character in the feed")
        self.assertNotIn("\uffff", body)
        self.assertNotIn("<script", body)
        self.assertNotIn("<b>", body)
        root = ET.fromstring(raw)  # a strict XML parser: the feed is well-formed
        entries = root.findall(ATOM + "entry")
        self.assertEqual(len(entries), 1)
        e = entries[0]
        self.assertEqual(e.find(ATOM + "title").text, HOSTILE_SPEAKER + ", 2020-01-10: " + HOSTILE_TITLE)
        self.assertEqual(e.find(ATOM + "author/" + ATOM + "name").text, HOSTILE_SPEAKER)
        summary = e.find(ATOM + "summary")
        self.assertEqual(summary.get("type"), "html")
        # The summary is HTML in which the transcript's markup is escaped text.
        self.assertEqual(summary.text, "The <mark>grain</mark> &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
                                       "[31m  ]]&gt; &amp;amp; end")
        parsed = feedparser.parse(body)
        self.assertFalse(parsed.bozo, parsed.get("bozo_exception"))
        self.assertEqual(parsed.entries[0].title, HOSTILE_SPEAKER + ", 2020-01-10: " + HOSTILE_TITLE)

    def test_a_hostile_query_stays_text_in_the_feed(self):
        q = 'grain "</title><script>x</script>"\x07'
        status, _, body = self.d.get("/feed", {"q": q})
        self.assertEqual(status, 200, body[:300])
        self.assertNotIn("<script", body)
        root = ET.fromstring(body.encode("utf-8"))
        self.assertIn("</title><script>x</script>", root.find(ATOM + "title").text)
        self.assertNotIn("\x07", root.find(ATOM + "title").text)

    def test_a_bad_feed_request_is_a_json_error(self):
        for params, code in (({"q": "(grain"}, "bad_query"), ({"q": "grain", "from": "yesterday"}, "bad_parameter")):
            status, headers, body = self.d.get("/feed", params)
            self.assertEqual(status, 400, body)
            self.assertEqual(json.loads(body)["error"]["code"], code)

    # ---- exports

    def test_a_csv_export_holds_every_matching_passage_and_states_the_search(self):
        headers, body = self.export("csv", q="grain", sort="date")
        self.assertEqual(headers["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(headers["Content-Disposition"], 'attachment; filename="dragoman-export.csv"')
        self.assertEqual(headers.get("Transfer-Encoding"), "chunked")
        rows = list(csv.reader(io.StringIO(body, newline="")))
        meta = dict(zip(rows[0][1::2], rows[0][2::2]))
        self.assertEqual(rows[0][0], "dragoman-export")
        self.assertEqual(meta["query"], "grain")
        self.assertEqual(meta["sort"], "date")
        self.assertEqual(meta["matches"], str(self.count))
        self.assertTrue(meta["generation"])
        columns = rows[1]
        self.assertEqual(columns[:9], ["passage_id", "transcript_id", "date", "speaker", "country", "source",
                                      "language", "title", "text"])
        passages = [dict(zip(columns, r)) for r in rows[2:-1]]
        self.assertEqual(len(passages), self.count)
        self.assertEqual(rows[-1][:6], ["dragoman-export-end", "passages", str(self.count), "complete", "yes", "cut"])
        self.assertEqual([p["date"] for p in passages], sorted((p["date"] for p in passages), reverse=True))
        hostile = [p for p in passages if p["transcript_id"] == "feed:c"][0]
        self.assertEqual(hostile["text"], HOSTILE_TEXT_CLEAN)
        self.assertEqual(hostile["title"], HOSTILE_TITLE)
        self.assertEqual(hostile["speaker"], HOSTILE_SPEAKER)
        self.assertTrue(hostile["permalink"].startswith(self.d.url + "/p/feed:c~"))
        self.assertIn("Permalink: " + hostile["permalink"], hostile["citation"])
        fr = [p for p in passages if p["transcript_id"] == "feed:d"][0]
        self.assertEqual((fr["language"], fr["country"], fr["date"]), ("fr", "FRA", "2019-05"))

    def test_the_count_of_an_export_is_the_count_of_matching_passages(self):
        _, trend = self.d.get_json("/api/trend", {"q": "grain"})
        self.assertEqual(trend["matches"], self.count)
        head, passages, end = self.jsonl(q="grain")
        self.assertEqual(len(passages), self.count)
        self.assertEqual(end, {"passages": self.count, "complete": True, "cut": None})
        self.assertEqual(head["query"], "grain")
        self.assertEqual(head["matches"], self.count)
        self.assertFalse(head["more"])
        self.assertEqual(len({p["passage_id"] for p in passages}), self.count)
        # Each passage as GET /api/passage gives it, but for the access date both carry.
        for p in passages[:2]:
            _, one = self.d.get_json("/api/passage/" + urllib.parse.quote(p["passage_id"], safe=""))
            self.assertEqual(p, one)
        # Filters, and the whole transcript left out by -word as in a search.
        head, passages, _ = self.jsonl(q="grain", lang="fr")
        self.assertEqual(head["filters"], {"lang": "fr"})
        self.assertEqual([p["id"] for p in passages], ["feed:d"])
        _, passages, _ = self.jsonl(q="grain -honoured")
        self.assertEqual(len(passages), self.count - 1)
        # No query, a filter: every passage of it.
        _, passages, _ = self.jsonl(speaker="Ned Price")
        self.assertEqual(len(passages), 4)

    def test_a_ris_export_reads_back_strictly(self):
        headers, body = self.export("ris", q="grain")
        self.assertTrue(headers["Content-Type"].startswith("application/x-research-info-systems"))
        records = read_ris(body)
        self.assertEqual(len(records), self.count)
        for r in records:
            self.assertEqual(r["TY"], ["GEN"])
            self.assertTrue(r["UR"][0].startswith(self.d.url + "/p/"))
            self.assertTrue(any(n.startswith("Dragoman export: query=grain;") for n in r["N1"]))
        hostile = [r for r in records if r["ID"][0].startswith("feed:c~")][0]
        self.assertEqual(hostile["TI"], [HOSTILE_TITLE])
        self.assertEqual(hostile["AU"], [HOSTILE_SPEAKER])
        self.assertEqual(hostile["AB"], [HOSTILE_TEXT_CLEAN.replace("  ", " ")])
        self.assertEqual(hostile["DA"], ["2020/01/10/"])
        month = [r for r in records if r["ID"][0].startswith("feed:d~")][0]
        self.assertEqual((month["DA"], month["PY"], month["LA"]), (["2019/05//"], ["2019"], ["fr"]))

    def test_a_bibtex_export_reads_back_through_pandoc(self):
        headers, body = self.export("bibtex", q="grain")
        self.assertTrue(headers["Content-Type"].startswith("application/x-bibtex"))
        self.assertTrue(body.startswith("@comment{{Dragoman export: query=grain;"))
        items = pandoc_bibtex(body)
        self.assertEqual(len(items), self.count)
        by_url = {i["URL"]: i for i in items}
        _, passages, _ = self.jsonl(q="grain")
        self.assertEqual(set(by_url), {self.d.url + p["permalink"] for p in passages})
        hostile = [i for i in items if "/p/feed:c~" in i["URL"]][0]
        self.assertEqual(hostile["title"], HOSTILE_TITLE)
        self.assertEqual(hostile["author"], [{"literal": HOSTILE_SPEAKER}])
        self.assertEqual(hostile["issued"], {"date-parts": [[2020, 1, 10]]})
        # BibTeX values are LaTeX, where a straight apostrophe is a closing quote.
        self.assertEqual(hostile["abstract"].replace("\u2019", "'"), HOSTILE_TEXT_CLEAN.replace("  ", " "))

    def test_the_cli_exports_what_the_daemon_exports(self):
        for fmt in ("csv", "jsonl", "ris", "bibtex"):
            _, served = self.export(fmt, q="grain", sort="date-asc")
            out = cli_bytes("--server", self.d.url, "--format", fmt, "--sort", "date-asc", "grain")
            self.assertEqual(out.decode("utf-8"), served, fmt)
            # A local index with the daemon's URL as the permalinks' base: the same export.
            out = cli_bytes("--db", self.db, "--base-url", self.d.url, "--format", fmt, "--sort", "date-asc", "grain")
            self.assertEqual(out.decode("utf-8"), served, fmt)
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--format", "jsonl", "--lang", "fr", "grain"], check=0)
        lines = [json.loads(line) for line in p.stdout.splitlines()]
        self.assertEqual([x["id"] for x in lines[1:-1]], ["feed:d"])
        self.assertEqual(lines[-1]["end"]["passages"], 1)
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--format", "xml", "grain"], check=2)
        p = h.run([h.binary("dragoman-search"), "--db", self.db, "--format", "csv", "(grain"], check=2)
        self.assertIn("unbalanced", p.stderr)
        p = h.run([h.binary("dragoman-search"), "--server", self.d.url, "--format", "csv", "(grain"], check=2)
        self.assertIn("unbalanced", p.stderr)

    def test_a_bad_export_request_is_a_json_error_before_any_export(self):
        for params, code in (({"format": "xml", "q": "grain"}, "bad_parameter"),
                             ({"format": "csv", "q": "(grain"}, "bad_query"),
                             ({"format": "csv", "q": "grain", "sort": "sideways"}, "bad_parameter")):
            status, headers, body = self.d.get("/api/export", params)
            self.assertEqual(status, 400, body)
            self.assertTrue(headers["Content-Type"].startswith("application/json"))
            self.assertEqual(json.loads(body)["error"]["code"], code)


def cli_bytes(*args):
    """dragoman-search's stdout as bytes (CSV and RIS lines end in CRLF); it must exit 0."""
    p = subprocess.run([h.binary("dragoman-search"), *args], capture_output=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError("dragoman-search %s exited %d: %s" % (args, p.returncode, p.stderr[-2000:]))
    return p.stdout


class ExportOverShards(unittest.TestCase):
    """The passages of an export are the same from one database and from shards served by
    xapian-tcpsrv (whose documents are read in batches over the network)."""

    def test_an_export_over_remote_shards_holds_the_same_passages(self):
        from test_shards import TcpSrv
        tmp = h.temp_dir(self)
        src = os.path.join(tmp, "feeds.jsonl")
        write_jsonl(src, RECORDS)
        one, two = os.path.join(tmp, "one"), os.path.join(tmp, "two")
        h.index(one, src)
        h.index(two, src, extra=["--shards", "2"])
        servers = [TcpSrv(os.path.join(two, "current", "shard-%d" % i)) for i in range(2)]
        try:
            remote = [x for s in servers for x in ("--db", s.url)]
            for query in ("grain", "grain -honoured"):
                local = [json.loads(line) for line in cli_bytes("--db", one, "--format", "jsonl", query).splitlines()]
                far = [json.loads(line) for line in cli_bytes(*remote, "--format", "jsonl", query).splitlines()]
                self.assertEqual(sorted(p["passage_id"] for p in far[1:-1]),
                                 sorted(p["passage_id"] for p in local[1:-1]), query)
                self.assertEqual(far[-1], local[-1], query)
                self.assertEqual(far[0]["export"]["matches"], local[0]["export"]["matches"], query)
            self.assertEqual(len(local) - 2, grain_passages(RECORDS) - 1)
        finally:
            for s in servers:
                s.kill()


class ExportBound(unittest.TestCase):
    """More passages match than an export holds: it stops at 10,000 and says so."""

    def test_an_export_of_more_than_ten_thousand_passages_says_it_was_cut(self):
        tmp = h.temp_dir(self)
        src = os.path.join(tmp, "many.jsonl")
        write_jsonl(src, [turns_record("many:%03d" % t, "2020-01-%02d" % (t % 28 + 1), "Clerk",
                                       ["Grain shipment %d of batch %d." % (i, t) for i in range(100)])
                          for t in range(101)])
        db = os.path.join(tmp, "db")
        h.index(db, src)
        d = h.Daemon(db, extra=["--no-access-log"])
        try:
            status, _, body = d.get("/api/export", {"format": "jsonl", "q": "grain"})
            self.assertEqual(status, 200)
            lines = [json.loads(line) for line in body.splitlines()]
            self.assertEqual(lines[0]["export"]["limit"], 10000)
            self.assertTrue(lines[0]["export"]["more"])
            self.assertEqual(len(lines) - 2, 10000)
            self.assertEqual(lines[-1]["end"], {"passages": 10000, "complete": False, "cut": "limit"})
            status, _, body = d.get("/api/export", {"format": "ris", "q": "grain"})
            records = read_ris(body)
            self.assertEqual(len(records), 10001)
            self.assertIn("cut short after 10000 passages", records[-1]["TI"][0])
            # The feed stays at its 50 newest.
            entries = feedparser.parse(d.get("/feed", {"q": "grain"})[2]).entries
            self.assertEqual(len(entries), 50)
            self.assertEqual({e.updated for e in entries}, {"2020-01-28T00:00:00Z"})
        finally:
            self.assertEqual(d.stop(), 0)
        p = h.run([h.binary("dragoman-search"), "--db", db, "--format", "csv", "grain"], check=0)
        rows = list(csv.reader(io.StringIO(p.stdout, newline="")))
        self.assertEqual(len(rows), 10003)
        meta = dict(zip(rows[0][1::2], rows[0][2::2]))
        self.assertRegex(meta["matches"], r"^more than 10000 \(about \d+\)$")
        self.assertEqual(rows[-1][:8], ["dragoman-export-end", "passages", "10000", "complete", "no", "cut", "limit",
                                        "message"])
        self.assertIn("the export stops after 10000 passages", p.stderr)


if __name__ == "__main__":
    unittest.main()
