#!/usr/bin/env bash
# Analyzer throughput beside Xapian's TermGenerator on the shared real corpus (one core).
# Usage: bench/analyzer/run.sh [MAX_RECORDS]   (builds into build-bench/)
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DDRAGOMAN_BUILD_BENCHMARKS=ON -DDRAGOMAN_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench --target analyzer_bench -j "$(nproc)" >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
build-bench/bench/analyzer_bench "${CORPUS:-../shared/corpus/transcripts.jsonl}" "${1:-100000}"
