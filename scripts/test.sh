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
fuzz_seed="${LUMBUNG_FUZZ_SEED:-1}"
fuzz_jobs="${LUMBUNG_FUZZ_JOBS:-$(nproc)}"

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

  echo "== fuzz (${fuzz_seconds}s each, ${fuzz_jobs} at a time) =="
  # Each fuzzer starts from its committed corpus (every input that once found
  # a bug stays there) with a fixed seed, so a run explores the same inputs
  # for the same time; LUMBUNG_FUZZ_SEED=0 picks a random seed.
  fuzz_one() {
    local fuzzer=$1 name work corpus
    name=$(basename "$fuzzer")
    corpus="tests/fuzz/corpus/${name%_fuzz}"
    work=$(mktemp -d)
    [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
    local status=0
    "$fuzzer" -max_total_time="$fuzz_seconds" -seed="$fuzz_seed" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="build-asan/$name-" "$work" > "build-asan/$name.log" 2>&1 || status=1
    rm -rf "$work"
    if [ "$status" = 0 ]; then
      echo "fuzz: $name $(grep -Eo 'number_of_executed_units: *[0-9]+' "build-asan/$name.log" | grep -Eo '[0-9]+$') runs"
    else
      echo "fuzz: $name FAILED"; tail -50 "build-asan/$name.log"
    fi
    return "$status"
  }
  failed=0
  running=0
  for fuzzer in build-asan/*_fuzz; do
    [ -x "$fuzzer" ] || continue
    fuzz_one "$fuzzer" &
    running=$((running + 1))
    if [ "$running" -ge "$fuzz_jobs" ]; then
      wait -n || failed=1
      running=$((running - 1))
    fi
  done
  while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
  done
  [ "$failed" = 0 ] || { echo "test.sh: a fuzzer failed (its input is in build-asan/)"; exit 1; }
fi
echo "test.sh: all passed in $(( $(date +%s) - start ))s"
