#!/usr/bin/env bash
# Cross-lingual search on the shared corpus: a full build with 20% of the UN documents held
# out of the lexicon, the known-item MRR@10 per language pair (Dragoman with and without
# across, SQLite FTS5 and Sphinx with the peers' configuration), the top translations of
# words and of terms to check by hand, and the latency with and without across on
# bench/latency's queries. Figures: docs/crosslingual.md.
# Usage: bench/crosslingual/run.sh [PER_PAIR=all]
set -euo pipefail
cd "$(dirname "$0")/../.."
PER_PAIR=${1:-1000}
CORPUS=${CORPUS:-../shared/corpus/transcripts.jsonl}
WORK=${WORK:-/var/tmp/dragoman-crosslingual}
BUILD_DIR=${BUILD_DIR:-build}
PORT=${PORT:-18721}
SPHINX_PORT=${SPHINX_PORT:-9371}
PY=/usr/bin/python3  # Debian's, with python3-pymysql
mkdir -p "$WORK"
$PY bench/crosslingual/held_out.py "$CORPUS" > "$WORK/held_out.txt"
rm -rf "$WORK/db"
/usr/bin/time -v "$BUILD_DIR/indexer/dragoman-index" --db "$WORK/db" --verbose --lexicon-held-out "$WORK/held_out.txt" "$CORPUS" \
  2>&1 | grep -E 'lexicon|indexed|Elapsed|Maximum resident'
[ -f "$WORK/fts5.sqlite" ] || $PY bench/eval/fts5_search.py --build "$WORK/fts5.sqlite" "$CORPUS"
$PY bench/eval/sphinx_search.py --build "$WORK/sphinx" "$CORPUS" "$SPHINX_PORT"
"$BUILD_DIR/searchd/dragoman-searchd" --db "$WORK/db" --listen "127.0.0.1:$PORT" --no-access-log &
daemon=$!
trap 'kill $daemon; $PY bench/eval/sphinx_search.py --stop "$WORK/sphinx"' EXIT
sleep 2
$PY bench/crosslingual/known_item.py "$CORPUS" "$WORK/held_out.txt" "http://127.0.0.1:$PORT" \
  --fts5 "$WORK/fts5.sqlite" --sphinx "$WORK/sphinx" --per-pair "$PER_PAIR"
echo "documents the constants were not tuned on (the 21st on):"
$PY bench/crosslingual/known_item.py "$CORPUS" "$WORK/held_out.txt" "http://127.0.0.1:$PORT" --skip 20 | tail -2
for pair in "en ru" "en zh"; do
  set -- $pair
  $PY bench/crosslingual/top_translations.py "$WORK/db/current/lexicon.tsv" "$1" "$2" 500 > "$WORK/top_$1_$2.tsv"
  $PY bench/crosslingual/top_translations.py "$WORK/db/current/lexicon.tsv" "$1" "$2" 50 --terms > "$WORK/top_terms_$1_$2.tsv"
done
$PY bench/crosslingual/latency.py "http://127.0.0.1:$PORT"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
