#!/usr/bin/env bash
# Sets up, builds, seeds a demo into ./data (once) and serves it on
# http://localhost:8080. Extra arguments go to `lumbung serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
data="${LUMBUNG_DATA:-./data}"
build/lumbung seed-demo --data "$data" --accounts
exec build/lumbung serve --data "$data" --host 127.0.0.1 --port 8080 "$@"
