#!/usr/bin/env bash
# bench/latency/run.sh: single-client query latency of a whole results page (top 10 with
# snippets and facet counts over the whole match set) for Dragoman, Sphinx 2.2, SQLite FTS5
# and PostgreSQL 15, on the same corpus and queries (bench/latency/queries.tsv) in one run.
#
#   bench/latency/run.sh [CORPUS.jsonl]      (default ../shared/corpus/transcripts.jsonl)
#
# Sets every engine up itself (indexes and servers under WORK, default /tmp/dragoman-latency,
# servers on free loopback ports), runs bench/latency/latency_client over all of them (one
# untimed pass, then PASSES timed passes, default 3, the engines taking turns on each query),
# prints the tables and keeps them in RESULTS_OUT (/tmp/dragoman-latency-results.md, raw
# timings beside it), then stops the servers and removes WORK (KEEP=1 keeps the indexes for
# the next run). ENGINES selects
# engines (default "dragoman sphinx sqlite pg"). Run as root (PostgreSQL runs as `postgres`).
# Needs sphinxsearch, postgresql, sqlite3, libmariadb-dev, libpq-dev, libsqlite3-dev
# (scripts/install-deps.sh --bench). A script, not a test: the figures depend on the machine.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=$(cd "$ROOT/.." && pwd)/shared
CORPUS=$(readlink -f "${1:-$SHARED/corpus/transcripts.jsonl}")
BUILD_DIR=$(readlink -f "${BUILD_DIR:-$ROOT/build}")
WORK=${WORK:-/tmp/dragoman-latency}
PASSES=${PASSES:-3}
ENGINES=${ENGINES:-dragoman sphinx sqlite pg}
QUERIES="$HERE/queries.tsv"
PGBIN=/usr/lib/postgresql/15/bin
log() { echo "[$(date +%T)] $*" >&2; }
die() { echo "bench/latency: $*" >&2; exit 2; }

[ -f "$CORPUS" ] || die "no corpus at $CORPUS"
[ -x "$BUILD_DIR/searchd/dragoman-searchd" ] || die "$BUILD_DIR/searchd/dragoman-searchd is missing: build first (BUILD_DIR=...)"
for tool in indexer searchd sqlite3 mariadb_config g++ "$PGBIN/initdb"; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/install-deps.sh --bench"
done
[ "$(id -u)" -eq 0 ] || die "run as root (PostgreSQL is started as the postgres user)"

mkdir -p "$WORK"
chmod 755 "$WORK"
RAW="$WORK/raw.tsv"
: > "$RAW"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 300); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)" 2>/dev/null && return 0; sleep 0.1; done; die "nothing listens on port $1"; }
# An index is rebuilt when the corpus or its build recipe changed.
stamp() { stat -c '%n %s %Y' "$CORPUS" "$@"; }
fresh() { local dir=$1; shift; [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$(stamp "$@")" ]; }

PIDS=()
SPHINX_CONF=""
PG_STARTED=0
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  [ -n "$SPHINX_CONF" ] && searchd --config "$SPHINX_CONF" --stopwait >/dev/null 2>&1 || true
  [ "$PG_STARTED" = 1 ] && su postgres -c "$PGBIN/pg_ctl -D $WORK/pg/data -m fast -w stop" >/dev/null 2>&1 || true
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

log "compiling latency_client"
g++ -O2 -std=c++20 $(mariadb_config --cflags) -I/usr/include/postgresql "$HERE/latency_client.cpp" \
  -o "$WORK/latency_client" $(mariadb_config --libs) $(pkg-config --cflags --libs cpp-httplib) -lpq -lsqlite3 -lpthread
TARGETS=()
wants() { [[ " $ENGINES " == *" $1 "* ]]; }

# ---------------------------------------------------------------- Dragoman (HTTP, loopback)
if wants dragoman; then
  DB="$WORK/dragoman"
  if ! fresh "$DB" "$BUILD_DIR/indexer/dragoman-index"; then
    log "indexing for Dragoman"
    rm -rf "$DB"
    "$BUILD_DIR/indexer/dragoman-index" --db "$DB" --quiet "$CORPUS" || [ $? -eq 1 ]
    stamp "$BUILD_DIR/indexer/dragoman-index" > "$DB/.stamp"
  fi
  "$BUILD_DIR/searchd/dragoman-searchd" --db "$DB" --listen 127.0.0.1:0 --no-access-log \
    > "$WORK/searchd.out" 2> "$WORK/searchd.err" &
  PIDS+=($!)
  for _ in $(seq 100); do grep -q serving "$WORK/searchd.out" 2>/dev/null && break; sleep 0.1; done
  URL=$(grep -o 'http://[^ ]*' "$WORK/searchd.out" | sed 's#/$##') || die "dragoman-searchd did not start: $(cat "$WORK/searchd.err")"
  log "Dragoman: dragoman-searchd at $URL"
  TARGETS+=("dragoman=$URL")
fi

# ---------------------------------------------------------------- Sphinx (SphinxQL, loopback)
if wants sphinx; then
  SD="$WORK/sphinx"
  mkdir -p "$SD/idx"
  PORT=$(free_port)
  # The source of this benchmark, then the peers' index/indexer/searchd sections.
  { sed "s#@TSV@#$SD/corpus.tsv#" "$HERE/sphinx_source.conf"
    sed -n '/^index corpus/,$p' "$SHARED/peers/sphinx/sphinx.conf.in" | sed "s#@DIR@#$SD#g; s#@PORT@#$PORT#"
  } > "$SD/sphinx.conf"
  if ! fresh "$SD" "$HERE/sphinx_source.conf" "$HERE/sphinx_tsv.py"; then
    log "indexing for Sphinx"
    python3 "$HERE/sphinx_tsv.py" "$CORPUS" "$SD/corpus.tsv" "$SD/speakers.tsv"
    rm -f "$SD/idx/"*
    indexer --config "$SD/sphinx.conf" --all --quiet > "$SD/indexer.log" 2>&1 || die "Sphinx indexer failed: $(tail -5 "$SD/indexer.log")"
    stamp "$HERE/sphinx_source.conf" "$HERE/sphinx_tsv.py" > "$SD/.stamp"
  fi
  searchd --config "$SD/sphinx.conf" > "$SD/searchd.start.log" 2>&1 || die "Sphinx searchd failed: $(cat "$SD/searchd.start.log")"
  SPHINX_CONF="$SD/sphinx.conf"
  wait_port "$PORT"
  log "Sphinx: searchd on 127.0.0.1:$PORT"
  TARGETS+=("sphinx=127.0.0.1:$PORT,$SD/speakers.tsv")
fi

# ---------------------------------------------------------------- SQLite FTS5 (in-process)
if wants sqlite; then
  SQ="$WORK/fts5.sqlite"
  if ! fresh "$WORK/sqlite" "$HERE/sqlite_build.sql.in"; then
    log "indexing for SQLite FTS5"
    rm -f "$SQ"; mkdir -p "$WORK/sqlite"
    sed -e "s#@JSONL@#$CORPUS#" -e "s#@US@#$(printf '\x1f')#" "$HERE/sqlite_build.sql.in" | sqlite3 "$SQ" >&2
    stamp "$HERE/sqlite_build.sql.in" > "$WORK/sqlite/.stamp"
  fi
  log "SQLite FTS5: $SQ"
  TARGETS+=("sqlite=$SQ")
fi

# ---------------------------------------------------------------- PostgreSQL (libpq, loopback TCP)
if wants pg; then
  PD="$WORK/pg"
  PORT=$(free_port)
  mkdir -p "$PD"; chown postgres "$PD"
  if [ ! -f "$PD/data/PG_VERSION" ]; then
    su postgres -c "$PGBIN/initdb -D $PD/data -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
    # The peers' server settings (../shared/peers/pg/start.sh), smaller shared buffers: the
    # table and its index take ~0.3 GB.
    cat >> "$PD/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PD'
shared_buffers = 1GB
effective_cache_size = 8GB
work_mem = 64MB
maintenance_work_mem = 1GB
max_wal_size = 16GB
wal_level = minimal
max_wal_senders = 0
jit = off
max_parallel_workers_per_gather = 0
CONF
  fi
  su postgres -c "$PGBIN/pg_ctl -D $PD/data -l $PD/pg.log -o '-p $PORT' -w start" >/dev/null
  PG_STARTED=1
  CONN="host=127.0.0.1 port=$PORT dbname=postgres user=postgres"
  if ! fresh "$PD" "$HERE/pg_build.sql"; then
    log "indexing for PostgreSQL"
    psql -q "$CONN" -v jsonl="$CORPUS" -f "$HERE/pg_build.sql" >&2
    stamp "$HERE/pg_build.sql" > "$PD/.stamp"
  fi
  log "PostgreSQL: 127.0.0.1:$PORT"
  TARGETS+=("pg=$CONN")
fi

log "running ${#TARGETS[@]} engines in turns: one warm pass, $PASSES timed passes"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
"$WORK/latency_client" "$QUERIES" "$PASSES" "${TARGETS[@]}" > "$RAW"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
LOAD="$LOAD_BEFORE / $LOAD_AFTER" python3 "$HERE/summarize.py" "$RAW" "$CORPUS" "$QUERIES" "$PASSES" > "$WORK/results.md"
cat "$WORK/results.md"
OUT=${RESULTS_OUT:-/tmp/dragoman-latency-results.md}
cp "$WORK/results.md" "$OUT"
cp "$RAW" "${OUT%.md}.raw.tsv"
log "results kept in $OUT and ${OUT%.md}.raw.tsv"
