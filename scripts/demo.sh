#!/usr/bin/env bash
# The first README command: installs what is missing, builds (Release), indexes the
# bundled sample corpus into var/demo-db and serves it at http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR=build scripts/build.sh -DDRAGOMAN_BUILD_TESTS=OFF
build/indexer/dragoman-index --db var/demo-db --progress corpus/sample
cat <<MSG

Dragoman is serving the sample corpus at http://127.0.0.1:8080/
Try it from a shell too:
  build/searchd/dragoman-search --db var/demo-db 'Zakharova sanctions'
Stop the server with Ctrl-C.

MSG
exec build/searchd/dragoman-searchd --db var/demo-db --listen 127.0.0.1:8080
