#!/usr/bin/env bash
# Known-item evaluation of Dragoman beside SQLite FTS5 in the same run, on the shared real
# corpus, through ../shared/eval/known_item.py (MRR@10 per language; rare and mid modes).
# Usage: bench/eval/run.sh [N=500] [SEED=7]   (after scripts/build.sh; writes docs/evaluation.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-500}
SEED=${2:-7}
CORPUS=${CORPUS:-../shared/corpus/transcripts.jsonl}
EVAL=../shared/eval/known_item.py
WORK=${WORK:-/var/tmp/dragoman-eval}
BUILD_DIR=${BUILD_DIR:-build}
mkdir -p "$WORK"
rm -rf "$WORK/dragoman" "$WORK/fts5.sqlite"
echo "indexing with dragoman-index ..." >&2
"$BUILD_DIR/indexer/dragoman-index" --db "$WORK/dragoman" --quiet "$CORPUS"
echo "indexing with SQLite FTS5 ..." >&2
python3 bench/eval/fts5_search.py --build "$WORK/fts5.sqlite" "$CORPUS"
out="$WORK/results.txt"
: > "$out"
for mode in rare mid; do
  for engine in dragoman fts5; do
    if [ "$engine" = dragoman ]; then
      cmd=("$BUILD_DIR/searchd/dragoman-search"); db="$WORK/dragoman"
    else
      cmd=(bench/eval/fts5_search.py); db="$WORK/fts5.sqlite"
    fi
    echo "== $engine $mode" | tee -a "$out"
    python3 "$EVAL" "${cmd[@]}" "$db" "$CORPUS" "$N" "$SEED" --mode "$mode" | tee -a "$out"
  done
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" | tee -a "$out"
