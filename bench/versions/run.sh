#!/usr/bin/env bash
# Precision and recall of language-version detection on ../shared/corpus/transcripts.jsonl
# (UN documents in six languages: the id stem is the truth; every other source has no
# versions, so each link there is false), beside a naive peer (same source, date and
# paragraph count), with and without titles (UN titles carry the document symbol).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${DRAGOMAN_BUILD_DIR:-$here/../../build}"
corpus="${1:-$here/../../../shared/corpus/transcripts.jsonl}"
[ -f "$corpus" ] || { echo "SKIPPED: $corpus is missing" >&2; exit 0; }
echo "machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores)"
"$build/bench/versions_bench" "$corpus"
"$build/bench/versions_bench" "$corpus" --no-title
