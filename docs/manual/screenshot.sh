#!/usr/bin/env bash
# Takes the manual's screenshot of the web page (docs/manual/screenshot.png): indexes the
# bundled sample corpus, serves it with the real daemon on a free loopback port and
# photographs a search with headless Debian Chromium.
# Usage: docs/manual/screenshot.sh [BUILD_DIR] [QUERY]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
query=${2:-Aliyev}
out=docs/manual/screenshot.png
chromium=${DRAGOMAN_CHROMIUM:-chromium}

work=$(mktemp -d)
daemon=
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$build/indexer/dragoman-index" --db "$work/db" --quiet corpus/sample/
"$build/searchd/dragoman-searchd" --db "$work/db" --listen 127.0.0.1:0 --no-access-log >"$work/url" &
daemon=$!
for _ in $(seq 50); do grep -q http "$work/url" && break; sleep 0.1; done
url=$(awk '{print $NF}' "$work/url")
[ -n "$url" ] || { echo "screenshot.sh: the daemon did not start" >&2; exit 2; }

q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")
"$chromium" --headless --disable-gpu --no-sandbox --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size=1280,960 --virtual-time-budget=20000 --screenshot="$PWD/$out" "${url}?q=$q" 2>/dev/null
echo "screenshot.sh: wrote $out"
