#!/usr/bin/env bash
# bench/searchd/run.sh: dragoman-searchd under wrk on loopback with real queries at 1, 8 and
# 32 connections (requests/s, p50/p99 latency, errors), and Sphinx 2.2's searchd (SphinxQL,
# top 10 with snippets) on the same corpus and queries in the same run.
#
#   bench/searchd/run.sh [CORPUS.jsonl]        (default ../shared/corpus/transcripts.jsonl)
#
# Environment: BUILD_DIR (build), BENCH_DATA (/var/tmp/dragoman-searchd-bench: indexes and
# results), QUERIES (../shared/peers/queries.txt), DURATION (seconds per run, 20),
# CONNECTIONS ("1 8 32"), THREADS (daemon workers; default: the daemon's own), REINDEX=1
# (rebuild the indexes), SPHINX=0 (skip Sphinx). Needs wrk; Sphinx needs sphinxsearch and
# libmariadb-dev (scripts/install-deps.sh does not install these two: benchmark only).
# A script, not a test: the figures depend on the machine. Client and server share it.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=$(cd "$ROOT/.." && pwd)/shared
CORPUS=$(readlink -f "${1:-$SHARED/corpus/transcripts.jsonl}")
BUILD_DIR=$(readlink -f "${BUILD_DIR:-$ROOT/build}")
DATA=${BENCH_DATA:-/var/tmp/dragoman-searchd-bench}
QUERIES=$(readlink -f "${QUERIES:-$SHARED/peers/queries.txt}")
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-1 8 32}
SPHINX=${SPHINX:-1}
mkdir -p "$DATA"
RESULTS="$DATA/results.md"
BENCH_NAME=bench/searchd
. "$HERE/common.sh"

command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"
for b in indexer/dragoman-index searchd/dragoman-searchd; do
  [ -x "$BUILD_DIR/$b" ] || die "$BUILD_DIR/$b is missing: build first (BUILD_DIR=...)"
done
[ -f "$CORPUS" ] || die "no corpus at $CORPUS"
[ -f "$QUERIES" ] || die "no query list at $QUERIES"
NQ=$(grep -cvE '^\s*(#|$)' "$QUERIES")

{
  echo "## searchd benchmark, $(date -u +%F)"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), $(free -g | awk '/Mem:/{print $2}') GiB;" \
       "wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'); client and server on the same machine, loopback."
  echo "Corpus: \`$(basename "$CORPUS")\` ($(wc -l < "$CORPUS") transcripts, $(du -m "$CORPUS" | cut -f1) MB);" \
       "$NQ queries from \`$(basename "$QUERIES")\`, rotated; $DURATION s per run after a 5 s warm-up."
  echo
  echo "| server | request | connections | requests/s | p50 ms | p99 ms | errors |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
} > "$RESULTS"

# ---------------------------------------------------------------- Dragoman
DB="$DATA/dragoman"
if ! fresh "$DB"; then
  log "indexing $CORPUS with dragoman-index"
  rm -rf "$DB"
  s=$(date +%s)
  "$BUILD_DIR/indexer/dragoman-index" --db "$DB" --quiet "$CORPUS" || [ $? -eq 1 ]
  log "dragoman-index took $(( $(date +%s) - s )) s"
  stamp > "$DB/.stamp"
fi

args=(--db "$DB" --listen 127.0.0.1:0 --no-access-log)
[ -n "${THREADS:-}" ] && args+=(--threads "$THREADS")
"$BUILD_DIR/searchd/dragoman-searchd" "${args[@]}" > "$DATA/searchd.out" 2> "$DATA/searchd.err" &
DPID=$!
trap 'kill -TERM $DPID 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q serving "$DATA/searchd.out" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$DATA/searchd.out" | sed 's#/$##') || die "the daemon did not start: $(cat "$DATA/searchd.err")"
log "dragoman-searchd at $URL"

run_wrk "$URL" 8 5 "" > /dev/null  # warm-up: caches and every worker's Xapian handle
for mode in page api; do
  if [ "$mode" = page ]; then params=""; what="the page's search: top 10, snippets and facets"
  else params="&facets=0"; what="top 10 with snippets, no facets"; fi
  for c in $CONNECTIONS; do
    log "dragoman $mode, $c connections"
    line=$(run_wrk "$URL" "$c" "$DURATION" "$params")
    echo "$line" >> "$DATA/raw.txt"
    echo "| dragoman-searchd | $what | $c $(result_cells "$line")" >> "$RESULTS"
  done
done
non200=$(curl -s "$URL/metrics" | awk '/^dragoman_requests_total/ && $0 !~ /status="200"/ {s += $2} END {print s + 0}')
kill -TERM $DPID
wait $DPID || die "dragoman-searchd exited $? after SIGTERM"
trap - EXIT
log "dragoman-searchd stopped; $non200 non-200 answers in its own metrics"

# ---------------------------------------------------------------- Sphinx
if [ "$SPHINX" = 1 ]; then
  sphinx_start "$DATA/sphinx"
  sphinx_load 8 5 > /dev/null  # warm-up
  for c in $CONNECTIONS; do
    log "sphinx, $c connections"
    line=$(sphinx_load "$c" "$DURATION")
    echo "sphinx $line" >> "$DATA/raw.txt"
    echo "| Sphinx 2.2.11 searchd (SphinxQL) | top 10 with SNIPPET() | $c $(result_cells "$line")" >> "$RESULTS"
  done
  sphinx_stop
fi

echo >> "$RESULTS"
echo "dragoman-searchd's own metrics counted $non200 answers other than 200." >> "$RESULTS"
cat "$RESULTS"
