#!/usr/bin/env bash
# Runs the browser tests: installs playwright-core exactly as package-lock.json pins it
# (into the build directory, so the source tree stays clean), then node's test runner.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${DRAGOMAN_BUILD_DIR:?DRAGOMAN_BUILD_DIR must name the build directory}"
work="$build/tests/browser-node"
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$work/"
if [ ! -f "$work/node_modules/.package-lock.json" ] || ! cmp -s "$here/package-lock.json" "$work/.installed-lock.json"; then
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$work/.installed-lock.json"
fi
export NODE_PATH="$work/node_modules"
export DRAGOMAN_BROWSER_ARTIFACTS="${DRAGOMAN_BROWSER_ARTIFACTS:-$build/tests/browser-artifacts}"
cd "$here"
exec node --test "$here"/*.test.js
