#!/usr/bin/env bash
# The second README command: installs what is missing, builds with warnings as errors and
# AddressSanitizer + UndefinedBehaviorSanitizer, and runs every test with ctest (which also
# replays the fuzz seeds and regression inputs); then runs each libFuzzer target for a
# bounded time (scripts/fuzz.sh) and the daemon's concurrency tests under ThreadSanitizer
# (scripts/tsan.sh). FUZZ=0 or TSAN=0 leave those two out.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
scripts/install-deps.sh
export BUILD_DIR=${BUILD_DIR:-build-test}
BUILD_TYPE=RelWithDebInfo scripts/build.sh -DDRAGOMAN_BUILD_TESTS=ON -DDRAGOMAN_WERROR=ON -DDRAGOMAN_SANITIZE=ON
(
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  cd "$BUILD_DIR"
  ctest --output-on-failure -j "$(nproc)" --timeout 3000
)
cd "$ROOT"
if [ "${FUZZ:-1}" != 0 ]; then scripts/fuzz.sh; fi
if [ "${TSAN:-1}" != 0 ]; then scripts/tsan.sh; fi
