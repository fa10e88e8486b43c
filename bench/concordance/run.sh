#!/usr/bin/env bash
# Latency of GET /api/concordance on the real corpus (lines of a common word, sorted by the
# words before) beside SQLite FTS5's highlight() over the same matches, cut and sorted the
# same way, in the same run; prints the machine.
# Usage: bench/concordance/run.sh [RUNS=10]   (after scripts/build.sh; DB=DBROOT reuses an index)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${WORK:-/var/tmp/dragoman-concordance-bench}
source bench/peer_indexes.sh
against_peers bench/concordance/concordance_bench.py
