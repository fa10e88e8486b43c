"""Dates known only to the year or the month, end to end: dragoman-index (JSONL and the UN
General Debate tree), dragoman-search (JSON, terminal, citations) and the daemon show them
as given ("2021", "2021-09", "September 2021"), sort them at the first day of their period,
and date ranges and from/to take them in when that first day lies within."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

# Every record speaks of the harvest; each has a word of its own to find it alone.
RECORDS = [
    ("dates:before", "2020-12-31", "beforeword"),
    ("dates:year", "2021", "yearword"),
    ("dates:january", "2021-01-01", "januaryword"),
    ("dates:month", "2021-09", "monthword"),
    ("dates:september", "2021-09-01", "septemberword"),
    ("dates:mid-september", "2021-09-15", "midword"),
    ("dates:after", "2022-03-01", "afterword"),
]
UNGDC_ID = "ungdc:FRA_76_2021"

ASCENDING = ["2020-12-31", "2021", "2021", "2021-01-01", "2021-09", "2021-09-01", "2021-09-15", "2022-03-01"]


def setUpModule():
    global TMP, DB
    TMP = tempfile.TemporaryDirectory(prefix="dragoman-dates-")
    src = os.path.join(TMP.name, "src")
    os.makedirs(os.path.join(src, "ungdc", "Session 76 - 2021"))
    with open(os.path.join(src, "dates.jsonl"), "w", encoding="utf-8") as f:
        for rid, date, word in RECORDS:
            f.write(json.dumps({"id": rid, "source": "dates", "language": "en", "date": date,
                                "title": "Statement " + rid, "speakers": ["Anna Example"], "country": "FRA",
                                "url": "", "text": "Anna Example: The harvest accord holds, %s." % word}) + "\n")
    with open(os.path.join(src, "ungdc", "Session 76 - 2021", "FRA_76_2021.txt"), "w", encoding="utf-8") as f:
        f.write("Mr. President, the harvest accord holds, ungdcword.\n")
    DB = os.path.join(TMP.name, "db")
    h.index(DB, src)


def tearDownModule():
    TMP.cleanup()


def search(query, *extra):
    p, obj = h.search_json(DB, query, "--limit", "50", *extra, check=0)
    return obj


def dates_of(obj):
    return [r["date"] for r in obj["results"]]


class SearchCommand(unittest.TestCase):
    def test_results_carry_the_date_as_precise_as_the_record(self):
        self.assertEqual(dates_of(search("yearword")), ["2021"])
        self.assertEqual(dates_of(search("monthword")), ["2021-09"])
        self.assertEqual(dates_of(search("ungdcword")), ["2021"])
        self.assertEqual(h.result_ids(search("ungdcword")), [UNGDC_ID])

    def test_a_year_or_month_sorts_at_the_first_day_of_its_period_before_that_day(self):
        self.assertEqual(dates_of(search("harvest", "--sort", "date-asc")), ASCENDING)
        self.assertEqual(dates_of(search("harvest", "--sort", "date")), ASCENDING[::-1])

    def test_a_date_range_takes_in_a_year_or_month_whose_first_day_is_within(self):
        in_2021 = {"dates:year", UNGDC_ID, "dates:january", "dates:month", "dates:september", "dates:mid-september"}
        self.assertEqual(set(h.result_ids(search("harvest date:2021..2021"))), in_2021)
        self.assertEqual(set(h.result_ids(search("harvest", "--from", "2021", "--to", "2021"))), in_2021)
        september = {"dates:month", "dates:september", "dates:mid-september"}
        self.assertEqual(set(h.result_ids(search("harvest date:2021-09..2021-09"))), september)
        self.assertEqual(set(h.result_ids(search("harvest", "--from", "2021-09", "--to", "2021-09"))), september)
        self.assertEqual(set(h.result_ids(search("harvest", "--from", "2021-09-01", "--to", "2021-09-30"))), september)
        self.assertEqual(set(h.result_ids(search("harvest date:2021-01-01..2021-01-01"))),
                         {"dates:year", UNGDC_ID, "dates:january"})
        # The year's first day is not within: a year is not spread over its months.
        self.assertEqual(set(h.result_ids(search("harvest 2021-06..2021-12"))), september)
        self.assertEqual(set(h.result_ids(search("harvest", "--from", "2021-09-02"))),
                         {"dates:mid-september", "dates:after"})
        self.assertEqual(set(h.result_ids(search("harvest", "--to", "2020-12-31"))), {"dates:before"})

    def test_the_year_facet_counts_a_year_only_record_in_its_year(self):
        self.assertEqual(search("harvest")["facets"]["year"], {"2020": 1, "2021": 6, "2022": 1})

    def test_the_terminal_shows_the_year_and_the_month_as_given(self):
        out = h.run([h.binary("dragoman-search"), "--db", DB, "--color", "never", "yearword"], check=0).stdout
        self.assertIn("\n2021 · en · FRA", out)
        self.assertNotIn("2021-01-01", out)
        out = h.run([h.binary("dragoman-search"), "--db", DB, "--color", "never", "monthword"], check=0).stdout
        self.assertIn("\n2021-09 · en · FRA", out)

    def test_citations_keep_the_precision(self):
        cite = [h.binary("dragoman-search"), "--db", DB, "--cite"]
        self.assertIn("dates, 2021.\n", h.run(cite + ["yearword"], check=0).stdout)
        self.assertIn("dates, September 2021.\n", h.run(cite + ["monthword"], check=0).stdout)
        self.assertIn(", 2021.\n", h.run(cite + ["ungdcword"], check=0).stdout)
        csl = json.loads(h.run(cite + ["--json", "yearword"], check=0).stdout)
        self.assertEqual(csl[0]["issued"], {"date-parts": [[2021]]})
        csl = json.loads(h.run(cite + ["--json", "monthword"], check=0).stdout)
        self.assertEqual(csl[0]["issued"], {"date-parts": [[2021, 9]]})
        csl = json.loads(h.run(cite + ["--json", "midword"], check=0).stdout)
        self.assertEqual(csl[0]["issued"], {"date-parts": [[2021, 9, 15]]})


class DaemonApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = h.Daemon(DB, extra=("--no-access-log",))

    @classmethod
    def tearDownClass(cls):
        assert cls.d.stop() == 0

    def api(self, **params):
        status, body = self.d.get_json("/api/search", dict(params, limit=50))
        self.assertEqual(status, 200, body)
        return body

    def test_search_shows_sorts_and_filters_by_the_record_precision(self):
        self.assertEqual(dates_of(self.api(q="harvest", sort="date-asc")), ASCENDING)
        body = self.api(q="harvest", sort="date-asc", **{"from": "2021", "to": "2021"})
        self.assertEqual(dates_of(body), ASCENDING[1:7])
        body = self.api(q="harvest", **{"from": "2021-09", "to": "2021-09"})
        self.assertEqual(sorted(dates_of(body)), ["2021-09", "2021-09-01", "2021-09-15"])
        # With no query the filtered transcripts are listed by date, newest first.
        self.assertEqual(dates_of(self.api(q="", **{"from": "2021", "to": "2021-01"})), ["2021-01-01", "2021", "2021"])

    def test_the_document_and_the_citation_keep_the_precision(self):
        status, doc = self.d.get_json("/api/doc/" + UNGDC_ID)
        self.assertEqual(status, 200, doc)
        self.assertEqual(doc["date"], "2021")
        for word, date, text, parts in (("yearword", "2021", "dates, 2021.\n", [2021]),
                                        ("monthword", "2021-09", "dates, September 2021.\n", [2021, 9])):
            pid = self.api(q=word)["results"][0]["best_passage"]
            status, passage = self.d.get_json("/api/passage/" + pid)
            self.assertEqual(status, 200, passage)
            self.assertEqual(passage["date"], date)
            self.assertIn(text, passage["cite"]["text"])
            status, _, body = self.d.get("/api/cite/" + pid, {"format": "text"})
            self.assertEqual(status, 200)
            self.assertIn(text, body)
            status, _, body = self.d.get("/api/cite/" + pid, {"format": "csl"})
            self.assertEqual(status, 200)
            self.assertEqual(json.loads(body)[0]["issued"], {"date-parts": [parts]})

    def test_a_month_trend_puts_a_year_only_record_in_no_month(self):
        status, t = self.d.get_json("/api/trend", {"q": "harvest", "by": "month"})
        self.assertEqual(status, 200, t)
        self.assertEqual({p["period"]: p["matches"] for p in t["periods"]},
                         {"2020-12": 1, "2021-01": 1, "2021-09": 3, "2022-03": 1})
        self.assertEqual(t["undated"], 2)
        status, t = self.d.get_json("/api/trend", {"q": "harvest"})
        self.assertEqual({p["period"]: p["matches"] for p in t["periods"]}, {"2020": 1, "2021": 6, "2022": 1})
        self.assertEqual(t["undated"], 0)


if __name__ == "__main__":
    unittest.main()
