"""Nothing lost: the transcripts of a published index (count and a checksum over their ids
and whole records) computed from the index itself, and the same figures computed from the
input records that should have been accepted.

Why this way: every passage document carries, in value slot `slot_content_hash`, the
indexer's FNV-1a-64 hash of its whole record (id, every field, the text, the turns; see
`record_hash` in shared/index/passage_document.cpp and docs/schema.md). Recomputing that
hash here in Python from the input JSON is independent of the C++ readers, so an index that
dropped a record, truncated a text or mixed up two records fails the comparison. The
passage texts (document data `text`) are checked as well: every paragraph of every record
is in its passages, in order, whole but for a turn label cut off its start, so text lost
between the reader and the passage cutter is caught too.

Reads the index with Debian's python3-xapian (scripts/install-deps.sh). Slot numbers and
data keys are parsed out of shared/schema/schema.hpp, never written here.
"""
import hashlib
import json
import os
import re
import sys

try:
    import xapian
except ImportError:  # an interpreter other than Debian's (pyenv, venv): use Debian's module
    sys.path.append("/usr/lib/python3/dist-packages")
    import xapian

_HERE = os.path.dirname(os.path.abspath(__file__))
_SCHEMA = os.path.join(_HERE, "..", "..", "shared", "schema", "schema.hpp")

# Longest turn label the passage cutter removes (max_label_bytes in shared/schema/passage.cpp)
# plus the colon (3 bytes when full-width) and the space after it.
_MAX_LABEL_CUT = 90 + 3 + 8


def _slot(name):
    with open(_SCHEMA, encoding="utf-8") as f:
        m = re.search(r"\b%s\s*=\s*(\d+)" % re.escape(name), f.read())
    if not m:
        raise AssertionError("%s not found in %s" % (name, _SCHEMA))
    return int(m.group(1))


def data_key(name):
    """The document-data key called `name` in schema.hpp's `namespace data_key`."""
    with open(_SCHEMA, encoding="utf-8") as f:
        block = re.search(r"namespace data_key \{(.*?)\}", f.read(), re.S)
    m = block and re.search(r"\b%s\s*=\s*\"([^\"]+)\"" % re.escape(name), block.group(1))
    if not m:
        raise AssertionError("data_key::%s not found in %s" % (name, _SCHEMA))
    return m.group(1)


SLOT_TRANSCRIPT = _slot("slot_transcript")
SLOT_CONTENT_HASH = _slot("slot_content_hash")
KEY_NUMBER = data_key("number")
KEY_TEXT = data_key("text")


def record_hash(r):
    """The indexer's content hash of a JSON record, as accepted (id trimmed, language
    lower-cased): FNV-1a 64 over each field followed by a 0xff separator."""
    h = 14695981039346656037
    prime = 1099511628211
    mask = (1 << 64) - 1

    def mix(s):
        nonlocal h
        for c in s.encode("utf-8"):
            h = ((h ^ c) * prime) & mask
        h = ((h ^ 0xff) * prime) & mask

    def field(k):
        v = r.get(k)
        return "" if v is None else v

    mix(field("id").strip(" \t\r\n"))
    mix(field("source"))
    mix(field("language").lower())
    for k in ("date", "title", "country", "url", "text", "group"):
        mix(field(k))
    speakers = r.get("speakers") or []
    for s in ([speakers] if isinstance(speakers, str) else speakers):
        mix(s)
    for t in r.get("turns") or []:
        mix(t.get("speaker") or "")
        mix(t.get("text") or "")
        mix(t.get("language") or "")
    return "%016x" % h


def _paragraphs(text):
    out = []
    for p in text.split("\n\n"):
        p = p.strip(" \t\r\n")
        if p:
            out.append(p)
    return out


def record_paragraphs(r):
    """The paragraphs of a record's text (or of its explicit turns), in order."""
    if r.get("turns"):
        return [p for t in r["turns"] for p in _paragraphs(t.get("text") or "")]
    return _paragraphs(r.get("text") or "")


def _databases(dbroot):
    live = os.path.realpath(os.path.join(dbroot, "current"))
    manifest = os.path.join(live, "manifest.json")
    if os.path.exists(manifest):
        with open(manifest, encoding="utf-8") as f:
            return [os.path.join(live, s) for s in json.load(f)["shards"]]
    return [live]


def index_transcripts(dbroot):
    """{transcript id: {"hash": content hash, "paragraphs": [...]}} read from the live
    generation of `dbroot` (every shard), passages in passage order."""
    passages = {}
    hashes = {}
    for path in _databases(dbroot):
        db = xapian.Database(path)
        for item in db.postlist(""):
            doc = db.get_document(item.docid)
            tid = doc.get_value(SLOT_TRANSCRIPT).decode("utf-8")
            h = doc.get_value(SLOT_CONTENT_HASH).decode("ascii")
            if hashes.setdefault(tid, h) != h:
                raise AssertionError("transcript %r has passages of two records (%s, %s)" % (tid, hashes[tid], h))
            data = json.loads(doc.get_data().decode("utf-8"))
            passages.setdefault(tid, []).append((data[KEY_NUMBER], data[KEY_TEXT]))
    out = {}
    for tid, ps in passages.items():
        ps.sort()
        numbers = [n for n, _ in ps]
        if numbers != list(range(len(ps))):
            raise AssertionError("transcript %r: passage numbers %s have gaps or repeats" % (tid, numbers))
        out[tid] = {"hash": hashes[tid], "paragraphs": [p for _, t in ps for p in _paragraphs(t)]}
    return out


def index_hashes(dbroot):
    """{transcript id: {"hash": content hash}} from two value streams, without decoding any
    document: enough for `checksum`, and cheap enough to run after every fault."""
    out = {}
    for path in _databases(dbroot):
        db = xapian.Database(path)
        ids = {v.docid: v.value for v in db.valuestream(SLOT_TRANSCRIPT)}
        for v in db.valuestream(SLOT_CONTENT_HASH):
            tid = ids.pop(v.docid).decode("utf-8")
            h = v.value.decode("ascii")
            if out.setdefault(tid, {"hash": h})["hash"] != h:
                raise AssertionError("transcript %r has passages of two records" % tid)
        if ids:
            raise AssertionError("%d passages without a content hash in %s" % (len(ids), path))
    return out


def expected_transcripts(records):
    """The same mapping computed from accepted JSON records (dicts)."""
    out = {}
    for r in records:
        tid = r["id"].strip(" \t\r\n")
        if tid in out:
            raise AssertionError("expected records repeat the id %r" % tid)
        out[tid] = {"hash": record_hash(r), "paragraphs": record_paragraphs(r)}
    return out


def checksum(transcripts):
    """(count, SHA-256 hex over the sorted `id TAB content-hash` lines)."""
    digest = hashlib.sha256()
    for tid in sorted(transcripts):
        digest.update(("%s\t%s\n" % (tid, transcripts[tid]["hash"])).encode("utf-8"))
    return len(transcripts), digest.hexdigest()


MAX_PASSAGE_BYTES = 8192  # shared/schema/passage.hpp: a longer paragraph is cut in pieces


def _rejoined(pieces, paragraphs):
    """The indexed paragraphs with the pieces of each paragraph over MAX_PASSAGE_BYTES
    joined again: the record's paragraph itself when the pieces hold all of it (the
    cutter drops only the white space at a cut)."""
    out, i = [], 0
    for y in paragraphs:
        if len(y.encode("utf-8")) <= MAX_PASSAGE_BYTES or i >= len(pieces):
            if i < len(pieces):
                out.append(pieces[i])
            i += 1
            continue
        want = "".join(y.split())

        def whole(have):  # a turn label cut off its start is allowed, as below
            return have == want or (have and want.endswith(have) and len(want) - len(have) <= _MAX_LABEL_CUT)

        have, taken = "", []
        while i < len(pieces) and len(have) < len(want) and not whole(have):
            have += "".join(pieces[i].split())
            taken.append(pieces[i])
            i += 1
        out.append(y if whole(have) else " ".join(taken))
    return out + pieces[i:]


def text_problems(indexed, expected):
    """Transcripts whose passages lost, added or reordered a paragraph (a turn label cut
    off a paragraph's start is what the passage cutter does, and is allowed)."""
    problems = []
    for tid, want in expected.items():
        got = indexed.get(tid)
        if got is None:
            continue
        b = want["paragraphs"]
        a = _rejoined(got["paragraphs"], b)
        if len(a) != len(b):
            problems.append("%s: %d paragraphs indexed, %d in the record" % (tid, len(a), len(b)))
            continue
        for k, (x, y) in enumerate(zip(a, b)):
            if x != y and not (y.endswith(x) and len(y) - len(x) <= _MAX_LABEL_CUT):
                problems.append("%s: paragraph %d differs: %r vs %r" % (tid, k, x[:80], y[:80]))
                break
    return problems


def assert_nothing_lost(test, dbroot, records, label="", control=None):
    """Asserts that the live index of `dbroot` holds exactly `records` (count, checksum of
    ids and content hashes, every paragraph of text) plus, for inputs whose records only
    a reader can make (HTML, Markdown, TEI, ...), the transcripts of the `control` index
    built from the good files alone; returns (count, checksum) for the figures."""
    indexed = index_transcripts(dbroot)
    expected = expected_transcripts(records)
    if control is not None:
        for tid, t in index_transcripts(control).items():
            test.assertNotIn(tid, expected, "%s: the control index repeats %r" % (label, tid))
            expected[tid] = t
    got, want = checksum(indexed), checksum(expected)
    missing = sorted(set(expected) - set(indexed))[:10]
    extra = sorted(set(indexed) - set(expected))[:10]
    changed = sorted(t for t in expected if t in indexed and indexed[t]["hash"] != expected[t]["hash"])[:10]
    test.assertEqual(got, want, "%s: index %s, expected %s; missing %s, unexpected %s, changed %s"
                     % (label, got, want, missing, extra, changed))
    test.assertEqual(text_problems(indexed, expected), [], label)
    return got


def main(argv):
    """`index_checksum.py DBROOT [RECORDS.jsonl]`: prints the count and checksum of the live
    index (and of the records, when given)."""
    if len(argv) not in (2, 3):
        sys.stderr.write("usage: index_checksum.py DBROOT [RECORDS.jsonl]\n")
        return 2
    count, digest = checksum(index_transcripts(argv[1]))
    print("index   %d transcripts, sha256 %s" % (count, digest))
    if len(argv) == 3:
        with open(argv[2], encoding="utf-8") as f:
            records = [json.loads(l) for l in f if l.strip()]
        count2, digest2 = checksum(expected_transcripts(records))
        print("records %d transcripts, sha256 %s" % (count2, digest2))
        return 0 if (count, digest) == (count2, digest2) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
