#!/usr/bin/env bash
# The 10-minute soak (the CI version is 60 s: ctest -L stress). Extra flags go
# to soak.py, e.g. tests/stress/soak.sh --seconds 3600 --writers 6 --verbose
set -euo pipefail
cd "$(dirname "$0")/../.."
exec python3 tests/stress/soak.py --binary "${LUMBUNG_BINARY:-build/lumbung}" --seconds 600 "$@"
