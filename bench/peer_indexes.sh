# Sourced by a benchmark's run.sh, from the source tree's root with WORK set (and the run.sh's
# first argument, the runs per measure, default 10): the real corpus indexed once by
# dragoman-index in $DB and by SQLite FTS5 (bench/eval/fts5_search.py, the peers'
# configuration) in $WORK/fts5.sqlite, both reused by later runs; and `against_peers SCRIPT`,
# which runs a benchmark script on both and ends with the machine it ran on.
RUNS=${1:-10}
CORPUS=${CORPUS:-../shared/corpus/transcripts.jsonl}
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

against_peers() {
  python3 "$1" --searchd "$BUILD_DIR/searchd/dragoman-searchd" --db "$DB" --fts5 "$WORK/fts5.sqlite" --runs "$RUNS"
  echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
}
