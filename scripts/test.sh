#!/usr/bin/env bash
# Sets up, builds and runs every test: unit, integration (real server, real
# PostgreSQL), browser (Chromium), then the suite again under AddressSanitizer
# + UBSan (clang), then each fuzzer from that same build for a bounded time.
#   scripts/test.sh           everything (what CI runs)
#   scripts/test.sh --quick   the dev build's suite only
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
[ "${1:-}" = "--quick" ] && quick=true
fuzz_seconds="${LUMBUNG_FUZZ_SECONDS:-10}"

start=$(date +%s)
scripts/setup.sh dev
ctest --preset dev

if [ "$quick" = false ]; then
  # One clang build with ASan + UBSan serves both the suite and the fuzzers
  # (libFuzzer targets link the same instrumented objects).
  echo "== asan-ubsan =="
  scripts/setup.sh asan-ubsan
  # Run in the normal build above only: the soak and crash rounds; packaging
  # (the package's layout, which sanitizers do not change); the PostgreSQL
  # variants (the same C++ runs under the sanitizers in the SQLite variants;
  # what differs is the SQL, which the normal build checks on both engines);
  # and the ranking-quality figures.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --preset asan-ubsan -LE e2e \
      -E "stress_soak|stress_crash|packaging_deb|postgresql|Postgres|Cluster\\.|SearchQuality\\."

  echo "== fuzz (${fuzz_seconds}s each) =="
  for fuzzer in build-asan/*_fuzz; do
    [ -x "$fuzzer" ] || continue
    name=$(basename "$fuzzer")
    corpus="tests/fuzz/corpus/${name%_fuzz}"
    work=$(mktemp -d)
    [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
    echo "fuzz: $name"
    "$fuzzer" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$work" \
      > "build-asan/$name.log" 2>&1 || { tail -50 "build-asan/$name.log"; exit 1; }
    grep -E "stat::number_of_executed_units" "build-asan/$name.log" || true
    rm -rf "$work"
  done
fi
echo "test.sh: all passed in $(( $(date +%s) - start ))s"
