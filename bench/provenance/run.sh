#!/usr/bin/env bash
# Quote provenance: precision and recall of near-duplicate detection on a labelled set built
# from the real corpus, GET /api/quote beside SQLite FTS5 (the quote's longest words, ANDed
# or NEAR) in the same run; lookup latency p50/p99, and with SCALED_DB=DBROOT (the corpus 10
# times, as bench/scaling builds it) at ten times the corpus, the peer too with SCALED_FTS5=FILE
# (bench/eval/fts5_search.py --build FILE on the same corpus). Prints the machine.
# Usage: bench/provenance/run.sh   (after scripts/build.sh; DB=DBROOT reuses an index)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${WORK:-/var/tmp/dragoman-provenance-bench}
source bench/peer_indexes.sh
python3 bench/provenance/provenance_bench.py --searchd "$BUILD_DIR/searchd/dragoman-searchd" --db "$DB" \
  --fts5 "$WORK/fts5.sqlite" --corpus "$CORPUS" ${SCALED_DB:+--scaled-db "$SCALED_DB"} \
  ${SCALED_FTS5:+--scaled-fts5 "$SCALED_FTS5"}
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
