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
first_files() {  # DIR NAME-PATTERN COUNT: the first COUNT matching files, sorted (sed, not head: no SIGPIPE)
  find "$1" -type f -name "$2" | sort | sed -n "1,${3}p"
}
samples() {
  local target=$1 out=$FUZZ_DIR/samples/$1 raw=$SHARED_CORPUS/raw n=0 f line
  rm -rf "$out" && mkdir -p "$out"
  if [ ! -f "$SHARED_CORPUS/transcripts.jsonl" ]; then
    echo "fuzz: SKIPPED corpus samples for $target: $SHARED_CORPUS is not there" >&2
    return 0
  fi
  case $target in
    jsonl)
      while IFS= read -r line; do
        n=$((n + 1)); printf '%s\n' "$line" | cut -c1-16384 >"$out/line-$n.jsonl"
      done < <(sed -n 1,40p "$SHARED_CORPUS/sample-small.jsonl") ;;
    dated_text)
      while IFS= read -r f; do
        n=$((n + 1)); { printf ' date 2014-0%d-1%d ' "$n" "$n"; dd if="$f" bs=8192 count=1 status=none; } >"$out/$n.txt"
      done < <(first_files "$raw/bruk_uk" '*.txt' 6) ;;
    ungdc | markdown | html | parlamint_tei)
      local dir=ungdc pattern='*.txt'
      [ "$target" = markdown ] && dir=wh_briefings pattern='*.md'
      [ "$target" = html ] && dir=kremlin_en pattern='*.html'
      [ "$target" = parlamint_tei ] && dir=parlamint_tr pattern='*_*.xml'
      while IFS= read -r f; do
        n=$((n + 1)); dd if="$f" of="$out/$n" bs=16384 count=1 status=none
      done < <(first_files "$raw/$dir" "$pattern" 6) ;;
    parlamint_txt)
      while IFS= read -r f; do
        n=$((n + 1)); { sed -n 1,4p "$f" | cut -c1-8192; printf '\n====meta====\n'; sed -n 1,6p "${f%.txt}-meta.tsv"; } >"$out/$n"
      done < <(first_files "$raw/parlamint" '*.txt' 6) ;;
    analyzer)
      while IFS= read -r f; do
        n=$((n + 1)); { printf "\\x$(printf %02x $((n * 7)))"; dd if="$f" bs=2048 count=1 status=none; } >"$out/$n"
      done < <(first_files "$raw/udhr2" '*.txt' 12) ;;
    snippet)
      while IFS= read -r f; do
        n=$((n + 1)); { printf 'rights freedom\0'; printf "\\x$(printf %02x "$n")"; dd if="$f" bs=4096 count=1 status=none; } >"$out/$n"
      done < <(find "$raw/udhr2" -type f -name '*.txt' | sort | sed -n 100,105p) ;;
  esac
}

run_one() {
  local target=$1 bin=$FUZZ_DIR/fuzz/fuzz_$1
  local corpus=$FUZZ_DIR/corpus/$target artifacts=$FUZZ_DIR/artifacts/$target/ log=$FUZZ_DIR/logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  samples "$target" || echo "fuzz: could not cut corpus samples for $target; going on with the seeds" >&2
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
