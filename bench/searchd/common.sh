# bench/searchd/common.sh: what bench/searchd/run.sh and bench/scaling/run.sh share, sourced
# by both: index freshness, loopback ports, wrk over the query list, the result table's
# cells, and the Sphinx 2.2 peer (set up from ../shared/peers/sphinx, loaded over SphinxQL).
# The sourcing script sets CORPUS, QUERIES and BENCH_NAME (for messages) first.

COMMON_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

log() { echo "[$(date +%T)] $*" >&2; }
die() { echo "$BENCH_NAME: $*" >&2; exit 2; }

# An index is rebuilt when asked (REINDEX=1) or when the corpus changed.
stamp() { stat -c '%n %s %Y' "$CORPUS"; }
fresh() { [ "${REINDEX:-0}" != 1 ] && [ -f "$1/.stamp" ] && [ "$(cat "$1/.stamp")" = "$(stamp)" ]; }

# free_port: a loopback port nobody listens on.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_port PORT: until something accepts connections on 127.0.0.1:PORT (10 s at most).
wait_port() {
  for _ in $(seq 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# run_wrk URL CONNECTIONS SECONDS PARAMS -> the RESULT line of queries.lua
run_wrk() {
  local c=$2 t=$(( $2 < 2 ? 1 : 2 ))
  DRAGOMAN_QUERIES="$QUERIES" DRAGOMAN_PARAMS="$4" \
    wrk -t "$t" -c "$c" -d "${3}s" --timeout 10s -s "$COMMON_DIR/queries.lua" "$1" | grep '^RESULT'
}

# result_cells "RESULT ..." -> "| requests/s | p50 | p99 | errors |"
result_cells() {
  python3 - "$1" <<'PY'
import re, sys
kv = dict(re.findall(r"(\w+)=([0-9.]+)", sys.argv[1]))
errors = sum(int(float(v)) for k, v in kv.items() if k.startswith("errors"))
print("| {:,.1f} | {:.1f} | {:.1f} | {} |".format(float(kv["rps"]), float(kv["p50_ms"]), float(kv["p99_ms"]), errors))
PY
}

# sphinx_start DIR: indexes CORPUS for Sphinx in DIR (unless fresh) with the peers'
# configuration (the build's seconds in DIR/.seconds), builds the SphinxQL load client, starts searchd on a free port (SPHINX_PORT)
# and stops it on exit.
sphinx_start() {
  SPHINX_DIR=$1
  command -v indexer >/dev/null && command -v searchd >/dev/null || die "Sphinx is missing (apt-get install sphinxsearch), or run with SPHINX=0"
  command -v mariadb_config >/dev/null || die "libmariadb-dev is missing (apt-get install libmariadb-dev), or run with SPHINX=0"
  mkdir -p "$SPHINX_DIR/idx"
  SPHINX_PORT=$(free_port)
  # The peers' configuration, with room for many client connections: it allows 16, and
  # Sphinx's listen queue of 5 makes simultaneous connects time out.
  sed -e "s#@DIR@#$SPHINX_DIR#g; s#@TSV@#$SPHINX_DIR/corpus.tsv#; s#@PORT@#$SPHINX_PORT#" \
      -e "s#max_children = 16#max_children = 64\n    listen_backlog = 64#" \
    "$SHARED/peers/sphinx/sphinx.conf.in" > "$SPHINX_DIR/sphinx.conf"
  if ! fresh "$SPHINX_DIR"; then
    log "converting and indexing for Sphinx"
    python3 "$SHARED/peers/sphinx/jsonl2tsv.py" "$CORPUS" -o "$SPHINX_DIR/corpus.tsv"
    rm -f "$SPHINX_DIR/idx/"*
    local s
    s=$(date +%s.%N)
    indexer --config "$SPHINX_DIR/sphinx.conf" --all --quiet > "$SPHINX_DIR/indexer.log" 2>&1
    echo "$(date +%s.%N) - $s" | bc > "$SPHINX_DIR/.seconds"  # the build, not the TSV conversion
    stamp > "$SPHINX_DIR/.stamp"
  fi
  g++ -O2 -std=c++17 $(mariadb_config --cflags) "$COMMON_DIR/sphinxql_load.cpp" -o "$SPHINX_DIR/sphinxql_load" \
    $(mariadb_config --libs) -lpthread
  searchd --config "$SPHINX_DIR/sphinx.conf" > "$SPHINX_DIR/searchd.start.log" 2>&1
  trap sphinx_stop EXIT
  wait_port "$SPHINX_PORT" || die "Sphinx's searchd did not start: $(cat "$SPHINX_DIR/searchd.start.log")"
  log "Sphinx searchd on 127.0.0.1:$SPHINX_PORT"
}

# sphinx_load CONNECTIONS SECONDS -> a RESULT line (top 10 with SNIPPET() per query)
sphinx_load() {
  "$SPHINX_DIR/sphinxql_load" "127.0.0.1:$SPHINX_PORT:corpus" "$QUERIES" "$1" "$2" || true
}

sphinx_stop() {
  searchd --config "$SPHINX_DIR/sphinx.conf" --stopwait > /dev/null 2>&1 || true
  trap - EXIT
}
