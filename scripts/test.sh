#!/usr/bin/env bash
# The second README command: installs what is missing, builds with warnings as errors and
# AddressSanitizer + UndefinedBehaviorSanitizer, and runs every test with ctest (which also
# replays the fuzz seeds and regression inputs); then runs each libFuzzer target for a
# bounded time (scripts/fuzz.sh) and the daemon's concurrency tests under ThreadSanitizer
# (scripts/tsan.sh). FUZZ=0 or TSAN=0 leave those two out. Each stage's time is printed, so
# that a CI log shows which one grows (the budget is in docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
stage_started=$SECONDS
stage_done() {
  echo "test.sh: $1 took $(( (SECONDS - stage_started) / 60 )) min $(( (SECONDS - stage_started) % 60 )) s" \
       "($(( SECONDS / 60 )) min in all)"
  stage_started=$SECONDS
}
scripts/install-deps.sh
stage_done "installing packages"
export BUILD_DIR=${BUILD_DIR:-build-test}
BUILD_TYPE=RelWithDebInfo scripts/build.sh -DDRAGOMAN_BUILD_TESTS=ON -DDRAGOMAN_WERROR=ON -DDRAGOMAN_SANITIZE=ON
stage_done "the ASan + UBSan build"
(
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  cd "$BUILD_DIR"
  ctest --output-on-failure -j "$(nproc)" --timeout 3000
)
stage_done "ctest"
cd "$ROOT"
if [ "${FUZZ:-1}" != 0 ]; then scripts/fuzz.sh; stage_done "fuzzing (build and runs)"; fi
if [ "${TSAN:-1}" != 0 ]; then scripts/tsan.sh; stage_done "ThreadSanitizer (build and tests)"; fi
