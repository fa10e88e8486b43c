#!/usr/bin/env python3
"""The top translation of the N most frequent words of SRC into DST in a generation's
lexicon.tsv, for checking by hand (words only: with --terms, the two- and three-word terms
instead). A word's frequency is approximated by the number of
aligned paragraphs it shares with its best translation into DST (the file keeps no other
count). Prints: rank, source form, the word shown for it (its own best translation back is
not needed), top translation's form and shown word, score.
Usage: top_translations.py LEXICON.tsv SRC DST [N=500] [--terms]"""
import sys

args = [a for a in sys.argv[1:] if a != "--terms"]
terms = "--terms" in sys.argv[1:]
path, src, dst = args[:3]
n = int(args[3]) if len(args) > 3 else 500
best = {}
with open(path, encoding="utf-8") as f:
    next(f)
    for line in f:
        sl, s, tl, t, shown, score, together = line.rstrip("\n").split("\t")
        if sl != src or tl != dst or (" " in s) != terms:
            continue
        if s not in best or float(score) > best[s][2]:
            best[s] = (t, shown, float(score), int(together))
ranked = sorted(best.items(), key=lambda kv: (-kv[1][3], kv[0]))[:n]
for i, (s, (t, shown, score, together)) in enumerate(ranked, 1):
    print("%d\t%s\t%s\t%s\t%.3f" % (i, s, t, shown, score))
