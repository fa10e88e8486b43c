#!/usr/bin/env bash
# Latency of GET /api/concordance on the real corpus (lines of a common word, sorted by the
# words before) beside SQLite FTS5's highlight() over the same matches, cut and sorted the
# same way, in the same run; prints the machine.
# Usage: bench/concordance/run.sh [RUNS=10]   (after scripts/build.sh; DB=DBROOT reuses an index)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-10}
CORPUS=${CORPUS:-../shared/corpus/transcripts.jsonl}
WORK=${WORK:-/var/tmp/dragoman-concordance-bench}
BUILD_DIR=${BUILD_DIR:-build}
mkdir -p "$WORK"
DB=${DB:-$WORK/dragoman}
if [ ! -e "$DB/current" ]; then
  echo "indexing with dragoman-index ..." >&2
  "$BUILD_DIR/indexer/dragoman-index" --db "$DB" --quiet "$CORPUS"
fi
if [ ! -e "$WORK/fts5.sqlite" ]; then
  echo "indexing with SQLite FTS5 ..." >&2
  python3 bench/eval/fts5_search.py --build "$WORK/fts5.sqlite" "$CORPUS"
fi
python3 bench/concordance/concordance_bench.py --searchd "$BUILD_DIR/searchd/dragoman-searchd" --db "$DB" \
  --fts5 "$WORK/fts5.sqlite" --runs "$RUNS"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
