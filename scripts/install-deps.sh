#!/usr/bin/env bash
# Installs what Dragoman needs to build, test and serve on Debian 12 (run as root);
# `--bench` adds the peers the benchmarks compare against.
# Every package the project needs is listed here and nowhere else.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake pkg-config git ca-certificates
  # engine
  libxapian-dev xapian-tools libicu-dev libstemmer-dev libcld2-dev
  nlohmann-json3-dev libsimdjson-dev libcli11-dev libfmt-dev libexpected-dev zlib1g-dev libjemalloc-dev
  libpugixml-dev libgumbo-dev libyaml-cpp-dev
  # the transcript history (DBROOT/history): SQLite's transactions survive kill -9 and power
  # cuts at any instant, which append-only files would have to re-implement; the daemon reads
  # it concurrently with the indexer's one writer
  libsqlite3-dev
  # daemon
  libcpp-httplib-dev libssl-dev
  # tests
  doctest-dev python3 python3-xapian python3-feedparser curl procps
  # the API's OpenAPI document checked against the specification's JSON Schema (tests/integration/test_openapi.py)
  python3-jsonschema openapi-specification
  # a full disk at the instant of a publish (tests/integration/test_full_disk.py)
  strace
  # fuzzing (clang's libFuzzer, scripts/fuzz.sh) and ThreadSanitizer (scripts/tsan.sh, GCC's)
  clang libclang-rt-14-dev libtsan2
  # manual
  pandoc
  # browser tests of the web page (fonts so that screenshots show text); searchd benchmark
  chromium fonts-dejavu-core wrk
  # checking the systemd unit (systemd-analyze)
  systemd
)

# The peers of the benchmarks in bench/ (bench/latency/run.sh sets them up and queries them:
# Sphinx over SphinxQL, PostgreSQL over libpq, SQLite in-process; bench/eval speaks SphinxQL
# through python3-pymysql; bench/export/run.sh times its runs with hyperfine). Only with --bench, so that
# a machine that merely serves Dragoman gets no PostgreSQL cluster and no Sphinx daemon.
if [ "${1:-}" = "--bench" ]; then
  PACKAGES+=(sphinxsearch postgresql sqlite3 libmariadb-dev libpq-dev python3-pymysql hyperfine)
fi

# Node.js and npm run the browser tests. A machine that already has them (e.g. a newer
# Node.js whose package provides npm and conflicts with Debian's npm) keeps its own;
# elsewhere Debian's nodejs 18 and npm 9 are enough for the pinned playwright-core.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages: ${missing[*]}; run this script as root" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
