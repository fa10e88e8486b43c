#!/usr/bin/env bash
# Cross-lingual search on the shared corpus: a full build with 20% of the UN documents held
# out of the lexicon, the known-item MRR@10 per language pair (Dragoman with and without
# across, SQLite FTS5), the top translations to check by hand, and the latency with and
# without across on bench/latency's queries. Figures: docs/crosslingual.md.
# Usage: bench/crosslingual/run.sh [PER_PAIR=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
PER_PAIR=${1:-20}
CORPUS=${CORPUS:-../shared/corpus/transcripts.jsonl}
WORK=${WORK:-/var/tmp/dragoman-crosslingual}
BUILD_DIR=${BUILD_DIR:-build}
PORT=${PORT:-18721}
mkdir -p "$WORK"
python3 bench/crosslingual/held_out.py "$CORPUS" > "$WORK/held_out.txt"
rm -rf "$WORK/db"
/usr/bin/time -v "$BUILD_DIR/indexer/dragoman-index" --db "$WORK/db" --verbose --lexicon-held-out "$WORK/held_out.txt" "$CORPUS" \
  2>&1 | grep -E 'lexicon|indexed|Elapsed|Maximum resident'
[ -f "$WORK/fts5.sqlite" ] || python3 bench/eval/fts5_search.py --build "$WORK/fts5.sqlite" "$CORPUS"
"$BUILD_DIR/searchd/dragoman-searchd" --db "$WORK/db" --listen "127.0.0.1:$PORT" --no-access-log &
daemon=$!
trap 'kill $daemon' EXIT
sleep 2
python3 bench/crosslingual/known_item.py "$CORPUS" "$WORK/held_out.txt" "http://127.0.0.1:$PORT" --fts5 "$WORK/fts5.sqlite" --per-pair "$PER_PAIR"
for pair in "en ru" "en zh"; do
  set -- $pair
  python3 bench/crosslingual/top_translations.py "$WORK/db/current/lexicon.tsv" "$1" "$2" 500 > "$WORK/top_$1_$2.tsv"
done
python3 bench/crosslingual/latency.py "http://127.0.0.1:$PORT"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
