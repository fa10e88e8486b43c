#!/usr/bin/python3
"""List every distinct speaker name in Dragoman JSONL corpora, with a count.

Usage: speaker_names.py FILE.jsonl [FILE.jsonl ...] > names.tsv

Names are taken from two places (see corpus/FORMAT.md):

  * the `speakers` list of each record;
  * the speaker turns: the `speaker` of each element of `turns` when the record
    has a non-empty `turns` list (it is then authoritative), otherwise the turn
    labels in `text`: a paragraph that begins with a short label followed by
    ':' or the full-width '：'.

A label found in `text` is kept only if, once trimmed, it
  - is 1..90 bytes of UTF-8,
  - begins with an uppercase (or titlecase) letter, or with a letter of a
    caseless script (Unicode category Lo: Han, Arabic, Hebrew, Thai, ...),
  - contains no '?' and no '"'.
Names are kept exactly as written: only surrounding whitespace is trimmed
(and a tab or line break inside a `speakers`/`turns` name becomes a space);
no case folding, no Unicode normalisation beyond what the file has.

Count (the number of passages of the name): in each record, the number of
turns labelled with the name; a name that is in the record's `speakers` list
but labels no turn of it counts 1 for that record (a speech or statement
without turn labels is one passage of its speaker).

Output: TSV `name<TAB>count`, count descending, then name (code point order)
ascending, to stdout. Malformed lines are reported on stderr and skipped.
"""
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict

MAX_LABEL_BYTES = 90
# A label is what precedes the first ':' or '：' of the paragraph.
LABEL_RE = re.compile(r"^([^:：\n]+?)\s*[:：]")


def paragraphs(text):
    """Split a `text` field into paragraphs as the Dragoman reader does."""
    text = text.replace("\r\n", "\n")
    for para in re.split(r"\n[ \t]*\n+", text):
        para = para.replace("\n", " ").strip()
        if para:
            yield para


def starts_ok(label):
    cat = unicodedata.category(label[0])
    return cat in ("Lu", "Lt", "Lo")


def label_of(para):
    """Return the turn label of a paragraph, or None."""
    m = LABEL_RE.match(para)
    if not m:
        return None
    label = m.group(1).strip()
    if not label:
        return None
    if len(label.encode("utf-8")) > MAX_LABEL_BYTES:
        return None
    if "?" in label or '"' in label:
        return None
    if not starts_ok(label):
        return None
    return label


def clean(name):
    """Trim; a tab or line break inside a name (possible in `speakers` or
    `turns`) becomes one space so that the TSV stays well-formed."""
    return re.sub(r"[\t\r\n]+", " ", name).strip()


def record_names(rec):
    """Counter of name -> passages for one record."""
    turns = Counter()
    t = rec.get("turns")
    if isinstance(t, list) and t:
        for turn in t:
            if isinstance(turn, dict) and isinstance(turn.get("speaker"), str):
                s = clean(turn["speaker"])
                if s:
                    turns[s] += 1
    else:
        text = rec.get("text")
        if isinstance(text, str):
            for para in paragraphs(text):
                lab = label_of(para)
                if lab is not None:
                    turns[lab] += 1
    speakers = rec.get("speakers")
    if isinstance(speakers, list):
        for s in set(clean(x) for x in speakers if isinstance(x, str)):
            if s and s not in turns:
                turns[s] = 1
    return turns


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    total = Counter()
    sources = defaultdict(set)  # name -> SOURCE:YEAR it speaks in
    for path in argv[1:]:
        with open(path, encoding="utf-8-sig", errors="strict") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as e:
                    sys.stderr.write(f"{path}:{lineno}: skipped: {e}\n")
                    continue
                if not isinstance(rec, dict):
                    sys.stderr.write(f"{path}:{lineno}: skipped: not an object\n")
                    continue
                names = record_names(rec)
                total.update(names)
                source = rec.get("source") if isinstance(rec.get("source"), str) else ""
                date = rec.get("date") if isinstance(rec.get("date"), str) else ""
                year = date[:4] if date[:4].isdigit() else ""
                for name in names:
                    if source:
                        sources[name].add(f"{source}:{year}")
    out = sys.stdout
    for name, n in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{name}\t{n}\t{','.join(sorted(sources[name]))}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
