#!/usr/bin/env bash
# bench/scaling/run.sh: one corpus indexed as 1, 2 and 4 shards, each layout searched through
# dragoman-searchd with its shards local and served by xapian-tcpsrv on loopback; wrk at 1 and
# 4 connections (requests/s, p50/p99 latency, errors), and Sphinx 2.2's searchd on the same
# corpus and queries in the same run (the peer of bench/searchd/run.sh).
#
#   bench/scaling/run.sh
#
# Environment: SCALE (10: the corpus is ../shared/corpus/transcripts.jsonl repeated SCALE
# times with new ids, generated into BENCH_DATA at run time; 1 uses the corpus as it is),
# SHARDS ("1 2 4"), BUILD_DIR (build), BENCH_DATA (/tmp/dragoman-scaling-bench: corpus,
# indexes, results), QUERIES (../shared/peers/queries.txt), DURATION (seconds per run, 15),
# CONNECTIONS ("1 4"), REINDEX=1 (rebuild the indexes), SPHINX=0 (skip Sphinx). Needs wrk
# and xapian-tcpsrv (xapian-tools); Sphinx needs sphinxsearch and libmariadb-dev (benchmark
# only, not in scripts/install-deps.sh). Client, daemon and shard servers share the machine,
# so the remote figures measure the protocol's cost, not a network's.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=$(cd "$ROOT/.." && pwd)/shared
BUILD_DIR=$(readlink -f "${BUILD_DIR:-$ROOT/build}")
DATA=${BENCH_DATA:-/tmp/dragoman-scaling-bench}
SCALE=${SCALE:-10}
SHARDS=${SHARDS:-1 2 4}
QUERIES=$(readlink -f "${QUERIES:-$SHARED/peers/queries.txt}")
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-1 4}
SPHINX=${SPHINX:-1}
mkdir -p "$DATA"
RESULTS="$DATA/results-x$SCALE.md"
BENCH_NAME=bench/scaling
. "$ROOT/bench/searchd/common.sh"

command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"
command -v xapian-tcpsrv >/dev/null || die "xapian-tcpsrv is missing (apt-get install xapian-tools)"
for b in indexer/dragoman-index searchd/dragoman-searchd; do
  [ -x "$BUILD_DIR/$b" ] || die "$BUILD_DIR/$b is missing: build first (BUILD_DIR=...)"
done
SOURCE="$SHARED/corpus/transcripts.jsonl"
[ -f "$SOURCE" ] || die "no corpus at $SOURCE"
[ -f "$QUERIES" ] || die "no query list at $QUERIES"

# ---------------------------------------------------------------- corpus
if [ "$SCALE" = 1 ]; then
  CORPUS=$(readlink -f "$SOURCE")
else
  CORPUS="$DATA/corpus-x$SCALE.jsonl"
  if [ ! -s "$CORPUS" ] || [ "$SOURCE" -nt "$CORPUS" ]; then
    log "writing $SCALE copies of the corpus to $CORPUS"
    python3 "$SHARED/peers/scale_corpus.py" "$SOURCE" "$SCALE" "$CORPUS.tmp"
    mv "$CORPUS.tmp" "$CORPUS"
  fi
fi

# ---------------------------------------------------------------- indexes
for n in $SHARDS; do
  db="$DATA/x$SCALE/shards-$n"
  if ! fresh "$db"; then
    log "indexing $CORPUS as $n shard(s)"
    rm -rf "$db"
    mkdir -p "$(dirname "$db")"
    s=$(date +%s.%N)
    "$BUILD_DIR/indexer/dragoman-index" --db "$db" --shards "$n" --quiet "$CORPUS" || [ $? -eq 1 ]
    echo "$(date +%s.%N) - $s" | bc > "$db/.seconds"
    stamp > "$db/.stamp"
  fi
done

NQ=$(grep -cvE '^\s*(#|$)' "$QUERIES")
{
  echo "## Scaling benchmark, $(date -u +%F)"
  echo
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores ($(lscpu | sed -n 's/^Thread(s) per core: *//p') thread(s) per core)," \
       "$(free -g | awk '/Mem:/{print $2}') GiB; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Corpus: \`$(basename "$CORPUS")\` ($(wc -l < "$CORPUS") transcripts, $(du -m "$CORPUS" | cut -f1) MB);" \
       "$NQ queries from \`$(basename "$QUERIES")\`, rotated; $DURATION s per run after a 5 s warm-up;" \
       "wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), client, daemon and shard servers on one machine (loopback)."
  echo
  echo "| shards | index time s | index size MB |"
  echo "| --- | --- | --- |"
  for n in $SHARDS; do
    db="$DATA/x$SCALE/shards-$n"
    printf '| %s | %s | %s |\n' "$n" "$(printf '%.1f' "$(cat "$db/.seconds" 2>/dev/null || echo 0)")" \
      "$(du -sm "$(readlink -f "$db/current")" | cut -f1)"
  done
  echo
  echo "| server | shards | request | connections | requests/s | p50 ms | p99 ms | errors |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
} > "$RESULTS"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true; done
  PIDS=()
}
trap cleanup EXIT

# bench_daemon LABEL SHARDS DB... : starts dragoman-searchd over the DBs, runs wrk, stops it.
bench_daemon() {
  local label=$1 n=$2; shift 2
  local args=() db
  for db in "$@"; do args+=(--db "$db"); done
  "$BUILD_DIR/searchd/dragoman-searchd" "${args[@]}" --listen 127.0.0.1:0 --no-access-log \
    > "$DATA/searchd.out" 2> "$DATA/searchd.err" &
  local dpid=$!
  for _ in $(seq 100); do grep -q serving "$DATA/searchd.out" 2>/dev/null && break; sleep 0.1; done
  local url
  url=$(grep -o 'http://[^ ]*' "$DATA/searchd.out" | sed 's#/$##') || die "the daemon did not start: $(cat "$DATA/searchd.err")"
  run_wrk "$url" 4 5 "" > /dev/null  # warm-up: caches and the workers' shard connections
  local mode params what c line
  for mode in page api; do
    if [ "$mode" = page ]; then params=""; what="top 10, snippets, facets"
    else params="&facets=0"; what="top 10, snippets"; fi
    for c in $CONNECTIONS; do
      log "$label, $n shard(s), $mode, $c connection(s)"
      line=$(run_wrk "$url" "$c" "$DURATION" "$params")
      echo "$label $n $mode $c $line" >> "$DATA/raw-x$SCALE.txt"
      echo "| $label | $n | $what | $c $(result_cells "$line")" >> "$RESULTS"
    done
  done
  local non200
  non200=$(curl -s "$url/metrics" | awk '/^dragoman_requests_total/ && $0 !~ /status="200"/ {s += $2} END {print s + 0}')
  kill -TERM $dpid
  wait $dpid || die "dragoman-searchd exited $? after SIGTERM"
  [ "$non200" = 0 ] || log "$label, $n shard(s): $non200 answers other than 200"
  echo "$label $n non200=$non200" >> "$DATA/raw-x$SCALE.txt"
}

for n in $SHARDS; do
  db="$DATA/x$SCALE/shards-$n"
  bench_daemon "dragoman-searchd, local shards" "$n" "$db"
  # The same shards, each behind its own xapian-tcpsrv.
  remotes=()
  for shard in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["shards"]))' "$db/current/manifest.json" 2>/dev/null || echo .); do
    port=$(free_port)
    setsid xapian-tcpsrv --port "$port" --interface 127.0.0.1 --quiet "$(readlink -f "$db/current")/$shard" \
      > /dev/null 2>&1 &
    PIDS+=($!)
    remotes+=("tcp://127.0.0.1:$port")
    wait_port "$port" || die "xapian-tcpsrv did not start on port $port"
  done
  bench_daemon "dragoman-searchd, shards on xapian-tcpsrv" "$n" "${remotes[@]}"
  cleanup
done

# ---------------------------------------------------------------- Sphinx
if [ "$SPHINX" = 1 ]; then
  sphinx_start "$DATA/x$SCALE/sphinx"
  sphinx_load 4 5 > /dev/null  # warm-up
  for c in $CONNECTIONS; do
    log "sphinx, $c connection(s)"
    line=$(sphinx_load "$c" "$DURATION")
    echo "sphinx 1 api $c $line" >> "$DATA/raw-x$SCALE.txt"
    echo "| Sphinx 2.2.11 searchd (SphinxQL) | 1 | top 10, SNIPPET() | $c $(result_cells "$line")" >> "$RESULTS"
  done
  sphinx_stop
  echo >> "$RESULTS"
  echo "Sphinx's indexer built the same corpus in $(printf '%.1f' "$(cat "$SPHINX_DIR/.seconds" 2>/dev/null || echo 0)") s" \
       "($(du -sm "$SPHINX_DIR/idx" | cut -f1) MB; the conversion to its TSV input not counted)." >> "$RESULTS"
fi

echo >> "$RESULTS"
cat "$RESULTS"
