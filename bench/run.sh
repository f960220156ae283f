#!/usr/bin/env bash
# The benchmark suite in one command: HTTP pages next to nginx serving a static
# file of the same size, search in process next to PostgreSQL full-text search,
# resident memory idle and under load, and start-up time to /readyz 200.
# Prints the comparison tables and writes bench/.work/results-<UTC time>.json.
#   bench/run.sh                  everything at 100k innovations
#   bench/run.sh --quick          a few minutes: 2,000 innovations, 3 s per wrk run, search at 10k
#   bench/run.sh --only http,memory --n 20000 --seconds 5
#   bench/run.sh --million        search and memory at 1M as well (slow: the data is built once and cached)
# See bench/run.py --help for every flag, and bench/README.md for what each part measures.
set -euo pipefail
exec python3 "$(dirname "$0")/run.py" "$@"
