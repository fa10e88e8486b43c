#!/usr/bin/env bash
# The daemon's concurrency tests under ThreadSanitizer: builds libdragoman, dragoman-searchd,
# dragoman-search and dragoman-index with -fsanitize=thread (build dir build-tsan, only those
# targets) and runs the tests of tests/integration/test_searchd.py that load the daemon from
# several threads or publish while it serves. Fails on a failed test or on any TSan report.
# Xapian and ICU are not instrumented: tests/tsan.supp silences reports inside them only.
#
#   TSAN_TESTS="Lifecycle LiveReindex"   unittest names to run (classes or Class.test_x)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${TSAN_BUILD_DIR:-build-tsan}
TESTS=${TSAN_TESTS:-Lifecycle LiveReindex}

echo "tsan: building dragoman-searchd, dragoman-search and dragoman-index in $BUILD"
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" -DDRAGOMAN_TSAN=ON \
  -DDRAGOMAN_BUILD_TESTS=OFF -DDRAGOMAN_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$BUILD" --target dragoman-searchd dragoman-search dragoman-index -j "$(nproc)"

reports=$ROOT/$BUILD/tsan-reports
rm -rf "$reports" && mkdir -p "$reports"
# Every process writes its reports to its own file (log_path appends the pid): reports from
# the daemon, whose stderr the tests capture, are then seen too.
export TSAN_OPTIONS="suppressions=$ROOT/tests/tsan.supp log_path=$reports/report second_deadlock_stack=1 history_size=4 ${TSAN_OPTIONS:-}"
echo "tsan: running test_searchd.py $TESTS"
status=0
DRAGOMAN_BUILD_DIR=$ROOT/$BUILD python3 tests/integration/test_searchd.py -v $TESTS || status=$?
found=$(find "$reports" -type f | wc -l)
if [ "$found" -gt 0 ]; then
  echo "tsan: $found report file(s) in $reports:" >&2
  for f in "$reports"/*; do
    grep -E '^(WARNING: ThreadSanitizer|SUMMARY)' "$f" | head -n 6 | sed 's/^/tsan:   /' >&2
  done
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "tsan: the tests failed under ThreadSanitizer (exit $status)" >&2
  exit "$status"
fi
echo "tsan: no data race, deadlock or other report"
