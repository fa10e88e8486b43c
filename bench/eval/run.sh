#!/usr/bin/env bash
# Known-item evaluation of Dragoman beside SQLite FTS5 and Sphinx in the same run, on the
# shared real corpus, through ../shared/eval/known_item.py (MRR@10 per language; rare and
# mid modes), then the judged query set (bench/judged: P@5 and MRR@10 per language).
# The peers are configured as in ../shared/peers (stemming where they support it).
# Usage: bench/eval/run.sh [N=500] [SEED=7]   (after scripts/build.sh and
# scripts/install-deps.sh --bench; figures go to stdout
# and $WORK/results.txt; docs/evaluation.md records them)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-500}
SEED=${2:-7}
CORPUS=${CORPUS:-../shared/corpus/transcripts.jsonl}
EVAL=../shared/eval/known_item.py
WORK=${WORK:-/var/tmp/dragoman-eval}
BUILD_DIR=${BUILD_DIR:-build}
SPHINX_PORT=${SPHINX_PORT:-9316}
ENGINES=${ENGINES:-dragoman fts5 sphinx}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
bench/eval/sphinx_search.py --stop "$WORK/sphinx" 2>/dev/null || true
rm -rf "$WORK/dragoman" "$WORK/fts5.sqlite" "$WORK/sphinx"
trap 'bench/eval/sphinx_search.py --stop "$WORK/sphinx" 2>/dev/null || true' EXIT
echo "indexing with dragoman-index ..." >&2
"$BUILD_DIR/indexer/dragoman-index" --db "$WORK/dragoman" --quiet "$CORPUS"
echo "indexing with SQLite FTS5 ..." >&2
python3 bench/eval/fts5_search.py --build "$WORK/fts5.sqlite" "$CORPUS"
echo "indexing with Sphinx ..." >&2
bench/eval/sphinx_search.py --build "$WORK/sphinx" "$CORPUS" "$SPHINX_PORT"
out="$WORK/results.txt"
: > "$out"
for mode in rare mid; do
  for engine in $ENGINES; do
    case $engine in
      dragoman) cmd=("$BUILD_DIR/searchd/dragoman-search"); db="$WORK/dragoman" ;;
      fts5) cmd=(bench/eval/fts5_search.py); db="$WORK/fts5.sqlite" ;;
      sphinx) cmd=(bench/eval/sphinx_search.py); db="$WORK/sphinx" ;;
    esac
    echo "== $engine $mode" | tee -a "$out"
    python3 "$EVAL" "${cmd[@]}" "$db" "$CORPUS" "$N" "$SEED" --mode "$mode" | tee -a "$out"
  done
done
echo "== mid mode by how many transcripts hold every query word" | tee -a "$out"
python3 bench/eval/ambiguity.py "$CORPUS" "$N" "$SEED" mid "dragoman=$BUILD_DIR/searchd/dragoman-search:$WORK/dragoman" \
  "fts5=bench/eval/fts5_search.py:$WORK/fts5.sqlite" "sphinx=bench/eval/sphinx_search.py:$WORK/sphinx" | tee -a "$out"
echo "== judged query set" | tee -a "$out"
python3 bench/judged/judge.py "$CORPUS" "dragoman=$BUILD_DIR/searchd/dragoman-search:$WORK/dragoman" \
  "fts5=bench/eval/fts5_search.py:$WORK/fts5.sqlite" "sphinx=bench/eval/sphinx_search.py:$WORK/sphinx" | tee -a "$out"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" | tee -a "$out"
