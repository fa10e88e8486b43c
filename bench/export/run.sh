#!/usr/bin/env bash
# Exports beside SQLite FTS5 in the same run: every match of a common word, up to 10,000,
# written as JSON Lines (Dragoman: passages with their citation and permalink, from
# `dragoman-search --format jsonl`; FTS5: its rows with their fields and text), timed with
# hyperfine. Indexes the shared corpus first unless $WORK holds both indexes already
# (bench/eval/run.sh builds the same ones).
# Usage: bench/export/run.sh [WORD=international]   (after scripts/build.sh and
# scripts/install-deps.sh --bench; hyperfine from Debian)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORD=${1:-international}
CORPUS=${CORPUS:-../shared/corpus/transcripts.jsonl}
WORK=${WORK:-/var/tmp/dragoman-eval}
BUILD_DIR=${BUILD_DIR:-build}
mkdir -p "$WORK"
[ -d "$WORK/dragoman" ] || "$BUILD_DIR/indexer/dragoman-index" --db "$WORK/dragoman" --quiet "$CORPUS"
[ -f "$WORK/fts5.sqlite" ] || python3 bench/eval/fts5_search.py --build "$WORK/fts5.sqlite" "$CORPUS"
echo "Dragoman: $("$BUILD_DIR/searchd/dragoman-search" --db "$WORK/dragoman" --format jsonl "$WORD" 2>/dev/null | wc -lc)" \
     "lines and bytes (a head and a tail line besides the passages)"
echo "FTS5: $(python3 bench/export/fts5_export.py "$WORK/fts5.sqlite" 10000 "$WORD" 2>/dev/null | wc -lc) rows and bytes" \
     "(a row is a whole transcript)"
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown "$WORK/export.md" \
  -n dragoman "$BUILD_DIR/searchd/dragoman-search --db $WORK/dragoman --format jsonl $WORD > /dev/null" \
  -n fts5 "python3 bench/export/fts5_export.py $WORK/fts5.sqlite 10000 $WORD > /dev/null 2>&1"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
