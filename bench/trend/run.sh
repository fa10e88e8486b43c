#!/usr/bin/env bash
# Latency of GET /api/trend on the real corpus beside GET /api/search on the same daemon
# and SQLite FTS5 counting matching transcripts per year, in the same run.
# Usage: bench/trend/run.sh [RUNS=10]   (after scripts/build.sh; DB=DBROOT reuses an index)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${WORK:-/var/tmp/dragoman-trend-bench}
source bench/peer_indexes.sh
against_peers bench/trend/trend_bench.py
