#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, build dir build-fuzz) and runs each for a
# bounded time, two at a time. Prints executions per target and any crash; exits non-zero
# when a target crashes, leaks, times out or runs out of memory.
#
#   FUZZ_SECONDS=30   time per target (libFuzzer -max_total_time)
#   FUZZ_JOBS=2       targets run at once
#   FUZZ_TARGETS=...  names (default: all of fuzz/CMakeLists.txt), e.g. "query snippet"
#
# Each target starts from its hand-made seeds (tests/fuzz/seeds/<target>), the regression
# inputs (tests/fuzz/regressions/<target>) and samples cut at run time from ../shared/corpus
# when it is there; what it finds accumulates in build-fuzz/corpus/<target> (never in the
# repository). A crashing input is left in build-fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FUZZ_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-30}
JOBS=${FUZZ_JOBS:-2}
SHARED_CORPUS=${DRAGOMAN_SHARED_CORPUS:-$ROOT/../shared/corpus}
ALL_TARGETS=$(sed -n '/^set(DRAGOMAN_FUZZ_TARGETS/,/)/p' fuzz/CMakeLists.txt | tr -d '()' | sed 's/set//;s/DRAGOMAN_FUZZ_TARGETS//' | xargs)
TARGETS=${FUZZ_TARGETS:-$ALL_TARGETS}

echo "fuzz: building the targets in $FUZZ_DIR (clang, libFuzzer + ASan + UBSan)"
# -O1 and line tables only: a third faster to build than -O2 -g on two cores, and what
# libFuzzer's documentation recommends; stacks still name file and line.
CC=${FUZZ_CC:-clang} CXX=${FUZZ_CXX:-clang++} cmake -S . -B "$FUZZ_DIR" -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
  -DDRAGOMAN_FUZZ=ON -DDRAGOMAN_BUILD_TESTS=OFF -DDRAGOMAN_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$FUZZ_DIR" --target fuzzers -j "$(nproc)"

# Samples cut from the real corpus: small pieces (at most 16 KiB) so that runs stay fast.
samples() {
  local target=$1 out=$FUZZ_DIR/samples/$1 raw=$SHARED_CORPUS/raw n=0 f
  rm -rf "$out" && mkdir -p "$out"
  if [ ! -f "$SHARED_CORPUS/transcripts.jsonl" ]; then
    echo "fuzz: SKIPPED corpus samples for $target: $SHARED_CORPUS is not there" >&2
    return
  fi
  cut_file() { head -c 16384 "$1" >"$out/$2"; }
  case $target in
    jsonl)
      head -n 40 "$SHARED_CORPUS/sample-small.jsonl" | while IFS= read -r line; do
        n=$((n + 1)); printf '%s\n' "$line" | head -c 16384 >"$out/line-$n.jsonl"; done ;;
    dated_text)
      for f in $(find "$raw/bruk_uk" -name '*.txt' | sort | head -n 6); do
        n=$((n + 1)); { printf ' date 2014-0%d-1%d ' "$n" "$n"; head -c 8192 "$f"; } >"$out/$n.txt"; done ;;
    ungdc) for f in $(find "$raw/ungdc" -name '*.txt' | sort | head -n 6); do n=$((n + 1)); cut_file "$f" "$n.txt"; done ;;
    markdown) find "$raw/wh_briefings" -name '*.md' | sort | head -n 6 | while IFS= read -r f; do
        n=$((n + 1)); cut_file "$f" "$n.md"; done ;;
    html) for f in $(find "$raw/kremlin_en" -name '*.html' | sort | head -n 6); do n=$((n + 1)); cut_file "$f" "$n.html"; done ;;
    parlamint_tei) for f in $(find "$raw/parlamint_tr" -name '*_*.xml' | sort | head -n 3); do
        n=$((n + 1)); cut_file "$f" "$n.xml"; done ;;
    parlamint_txt) for f in $(find "$raw/parlamint" -name '*.txt' | sort | head -n 6); do
        n=$((n + 1)); { head -n 4 "$f" | head -c 8192; printf '\n====meta====\n'; head -n 6 "${f%.txt}-meta.tsv"; } >"$out/$n"; done ;;
    analyzer) for f in $(find "$raw/udhr2" -name '*.txt' | sort | head -n 12); do
        n=$((n + 1)); { printf "\\x$(printf %02x $((n * 7)))"; head -c 2048 "$f"; } >"$out/$n"; done ;;
    snippet) for f in $(find "$raw/udhr2" -name '*.txt' | sort | tail -n 6); do
        n=$((n + 1)); { printf 'rights freedom\0'; printf "\\x$(printf %02x "$n")"; head -c 4096 "$f"; } >"$out/$n"; done ;;
  esac
}

run_one() {
  local target=$1 bin=$FUZZ_DIR/fuzz/fuzz_$1
  local corpus=$FUZZ_DIR/corpus/$target artifacts=$FUZZ_DIR/artifacts/$target/ log=$FUZZ_DIR/logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  samples "$target"
  local seeds=("$ROOT/tests/fuzz/seeds/$target" "$FUZZ_DIR/samples/$target")
  [ -d "$ROOT/tests/fuzz/regressions/$target" ] && seeds+=("$ROOT/tests/fuzz/regressions/$target")
  local status=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$bin" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=30 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "${seeds[@]}" >"$log" 2>&1 || status=$?
  local execs
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  if [ "$status" -eq 0 ]; then
    printf 'fuzz: %-14s ok     %10s executions in %ss (%s inputs in its corpus)\n' "$target" "${execs:-?}" "$SECONDS_EACH" \
      "$(find "$corpus" -type f | wc -l)"
  else
    printf 'fuzz: %-14s FAILED (exit %s) after %s executions; log %s\n' "$target" "$status" "${execs:-?}" "$log"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz check failed|.*runtime error|artifact_prefix|Test unit written)' "$log" | head -n 12 | sed 's/^/fuzz:   /'
    return 1
  fi
}

echo "fuzz: running ${TARGETS} for ${SECONDS_EACH}s each, ${JOBS} at a time"
failed=0
running=0
for target in $TARGETS; do
  run_one "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait -n || failed=$((failed + 1))
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=$((failed + 1))
  running=$((running - 1))
done
if [ "$failed" -gt 0 ]; then
  echo "fuzz: $failed target(s) failed; reproduce with $FUZZ_DIR/fuzz/fuzz_<target> <artifact>" >&2
  exit 1
fi
echo "fuzz: every target ran without a failure"
