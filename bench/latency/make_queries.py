#!/usr/bin/env python3
"""Writes bench/latency/queries.tsv: the latency benchmark's queries, one per line as
SHAPE<TAB>QUERY, deterministically from the peers' query list and the corpus.

QUERY uses the subset of Dragoman's query language every peer can express: words,
"phrases", `a OR b`, `a -b`, one field filter (`lang:`, `country:`, `source:`) and a year
range `YYYY..YYYY`. bench/latency/latency_client.cpp translates it for each engine.

Usage: make_queries.py PEER_QUERIES.txt CORPUS.jsonl > queries.tsv"""
import collections
import hashlib
import json
import re
import sys


def stable(s):
    return int(hashlib.sha1(s.encode()).hexdigest()[:12], 16)


def peer_sections(path):
    """The peers' query list, grouped by its '# heading' lines."""
    sections, name = collections.OrderedDict(), None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line.startswith("#"):
            name = line[1:].strip()
            sections.setdefault(name, [])
        elif line and name:
            sections[name].append(line)
    return sections


def take(items, n):
    """n items spread evenly over the list, in order (deterministic)."""
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
HAN = re.compile(r"[\u4e00-\u9fff]+")
# Function characters: a Han pair containing one is rarely a word of its own.
HAN_FUNCTION = set("的了和是在我你他她它不有这那个们也就都而与对到得之一为以上说其被把所些很要会可将于等及或并从向")


def corpus_words(path):
    """Per language: document frequency of words (Latin/Cyrillic/Arabic scripts) and of Han
    character pairs, over every transcript."""
    df = collections.defaultdict(collections.Counter)
    years = collections.Counter()
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        lang, text = d.get("language", ""), d.get("text", "")
        if d.get("date", "")[:4].isdigit():
            years[d["date"][:4]] += 1
        if lang == "zh":
            pairs = set()
            for run in HAN.findall(text):
                pairs.update(run[i:i + 2] for i in range(len(run) - 1)
                             if run[i] not in HAN_FUNCTION and run[i + 1] not in HAN_FUNCTION)
            df["zh"].update(pairs)
            df["zh4"].update({p for run in HAN.findall(text) for p in (run[i:i + 4] for i in range(len(run) - 3))
                              if not HAN_FUNCTION.intersection(p)})
        elif lang in ("ru", "ar", "tr", "uk", "fr", "es"):
            df[lang].update({w.lower() for w in WORD.findall(text)})
    return df, years


def mid_band(counter, lo, hi, n, salt):
    """n words ranked lo..hi by document frequency, picked by a stable hash."""
    # Ties are broken by the word itself: Counter.most_common keeps insertion order, which
    # for words collected through sets depends on Python's string hashing.
    ranked = [w for w, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:hi]][lo:]
    return sorted(ranked, key=lambda w: stable(salt + w))[:n]


def main():
    peers = peer_sections(sys.argv[1])
    df, years = corpus_words(sys.argv[2])
    out = []

    def add(shape, queries):
        out.extend((shape, q) for q in queries)

    common = peers["common single terms (top 300 by document frequency)"]
    mid = peers["mid-frequency single terms (rank 1000-5000)"]
    rare = peers["rare single terms (in 2-3 documents)"]
    add("word-common", take(common, 15))
    add("word-mid", take(mid, 10))
    add("word-rare", take(rare, 10))
    add("words-2", take(peers["2-term queries (words of one document)"], 15))
    add("words-3", take(peers["3-term queries (words of one document)"], 15))
    add("phrase", take(peers["phrases of 2-4 words cut from the text"], 20))
    add("name", take(peers["names (diplomats present in the corpus, then other capitalised proper nouns)"], 12))
    add("or", [f"{a} OR {b}" for a, b in zip(take(common, 15), take(mid[::-1], 15))])
    add("not", [f"{a} -{b}" for a, b in zip(take(common[::-1], 15), take(common, 15))])
    filters = ["lang:en", "lang:fr", "lang:ru", "country:USA", "country:RUS", "country:CHN",
               "source:ungdc", "source:wh_briefings", "source:kremlin_en", "source:unpc"]
    words = take(common, 20)
    add("filter", [f"{w} {filters[i % len(filters)]}" for i, w in enumerate(words)])
    known = sorted(y for y in years if "1946" <= y <= "2022")
    ranges = []
    for i, w in enumerate(take(mid, 20)):
        a = known[stable("from" + w) % (len(known) - 6)]
        b = known[known.index(a) + 1 + stable("to" + w) % 5]
        ranges.append(f"{w} {a}..{b}")
    add("date", ranges)
    add("ru", mid_band(df["ru"], 50, 2000, 12, "ru"))
    add("ru-2", [" ".join(p) for p in zip(mid_band(df["ru"], 20, 400, 6, "ru2a"), mid_band(df["ru"], 20, 400, 6, "ru2b"))])
    add("uk", mid_band(df["uk"], 50, 1500, 6, "uk"))
    add("zh", mid_band(df["zh"], 30, 1500, 14, "zh"))
    add("zh-phrase", ['"' + w + '"' for w in mid_band(df["zh4"], 10, 400, 6, "zh4")])
    add("ar", mid_band(df["ar"], 50, 1500, 12, "ar"))
    add("tr", mid_band(df["tr"], 50, 2000, 12, "tr"))
    add("tr-2", [" ".join(p) for p in zip(mid_band(df["tr"], 20, 400, 6, "tr2a"), mid_band(df["tr"], 20, 400, 6, "tr2b"))])
    add("fr", mid_band(df["fr"], 50, 1500, 5, "fr"))
    add("es", mid_band(df["es"], 50, 1500, 5, "es"))
    print("# shape<TAB>query; written by bench/latency/make_queries.py from the peers' query list and the corpus")
    for shape, q in out:
        assert "\t" not in q and "\n" not in q
        print(f"{shape}\t{q}")


if __name__ == "__main__":
    main()
