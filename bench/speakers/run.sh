#!/usr/bin/env bash
# Speaker merging: precision and recall of the project's speaker_pairs program on the
# hand-checked pairs (see bench/speakers/README.md). Does not build anything.
# Usage: bench/speakers/run.sh BUILD_DIR [more speaker_pairs arguments]
# Runs:  $BUILD_DIR/bench/speaker_pairs bench/speakers/names.tsv bench/speakers/pairs.tsv
set -euo pipefail

if [[ $# -lt 1 || -z "$1" ]]; then
    echo "usage: $0 BUILD_DIR [speaker_pairs arguments...]" >&2
    exit 2
fi
if [[ ! -d "$1" ]]; then
    echo "$0: build directory '$1' does not exist" >&2
    exit 2
fi
build_dir=$(cd "$1" && pwd)   # absolute, before changing directory
shift
cd "$(dirname "$0")/../.."

prog="$build_dir/bench/speaker_pairs"
if [[ ! -e "$prog" ]]; then
    echo "$0: $prog not found: speaker_pairs has not been built" >&2
    echo "  (configure $build_dir with -DDRAGOMAN_BUILD_BENCHMARKS=ON and build the target speaker_pairs)" >&2
    exit 127
fi
if [[ ! -x "$prog" ]]; then
    echo "$0: $prog is not executable" >&2
    exit 126
fi
for f in bench/speakers/names.tsv bench/speakers/pairs.tsv; do
    [[ -r "$f" ]] || { echo "$0: missing input $f" >&2; exit 1; }
done

exec "$prog" bench/speakers/names.tsv bench/speakers/pairs.tsv "$@"
