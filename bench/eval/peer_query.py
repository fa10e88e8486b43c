"""The part of Dragoman's query language that the peers' adapters translate for the judged
query set: words, "phrases", OR between two items, -word, speaker:/lang:/source: fields and
date ranges (YYYY..YYYY, date:YYYY-MM-DD..YYYY-MM-DD). Anything else stays a word."""
import json
import re

TOKEN = re.compile(r'-?\w+:"[^"]*"|-?"[^"]*"|\S+', re.UNICODE)
YEARS = re.compile(r"^(\d{4})\.\.(\d{4})$")
DATES = re.compile(r"^date:(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


class PeerQuery:
    """A query the peers can run: `groups` is a list of AND-ed groups, each a list of OR-ed
    items (a word or a phrase, as a list of words); `negated` items must not occur;
    `speaker` words must occur in the speakers field; `lang`/`source` filter exactly;
    `date_from`/`date_to` bound the ISO date (inclusive)."""

    def __init__(self):
        self.groups, self.negated, self.speaker = [], [], []
        self.lang = self.source = self.date_from = self.date_to = None


def _words(text):
    return [w for w in re.findall(r"\w+", text, re.UNICODE)]


def parse(query):
    q = PeerQuery()
    pending_or = False
    for tok in TOKEN.findall(query):
        m = YEARS.match(tok)
        if m:
            q.date_from, q.date_to = m.group(1) + "-01-01", m.group(2) + "-12-31"
            continue
        m = DATES.match(tok)
        if m:
            q.date_from, q.date_to = m.group(1), m.group(2)
            continue
        if tok == "OR":
            pending_or = True
            continue
        neg = tok.startswith("-")
        body = tok[1:] if neg else tok
        field, _, value = body.partition(":") if re.match(r"^\w+:", body) else ("", "", body)
        value = value.strip('"')
        if field == "speaker":
            q.speaker += _words(value)
            continue
        if field in ("lang", "language"):
            q.lang = value.lower()
            continue
        if field == "source":
            q.source = value.lower()
            continue
        item = _words(value)
        if not item:
            continue
        if neg:
            q.negated.append(item)
        elif pending_or and q.groups:
            q.groups[-1].append(item)
        else:
            q.groups.append([item])
        pending_or = False
    return q


def passes_filters(q, record):
    """True when a record (id, date, language, source) meets the query's exact filters; the
    adapters apply those the engine cannot express natively."""
    if q.lang and (record.get("language") or "").lower() != q.lang:
        return False
    if q.source and (record.get("source") or "").lower() != q.source:
        return False
    date = record.get("date") or ""
    if q.date_from and not (date and q.date_from <= date <= q.date_to):
        return False
    return True


def answer(search, argv):
    """The command line both peer adapters share with `dragoman-search`:
    `--db DB [--json] [--limit N] QUERY...`; prints search(db, query, limit) as JSON and
    returns the exit code (0 with results, 1 without)."""
    db, limit, words = None, 10, []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--db":
            db = argv[i + 1]; i += 2
        elif a == "--limit":
            limit = int(argv[i + 1]); i += 2
        elif a == "--json":
            i += 1
        else:
            words.append(a); i += 1
    out = search(db, " ".join(words), limit)
    print(json.dumps(out, ensure_ascii=False))
    return 0 if out["results"] else 1
