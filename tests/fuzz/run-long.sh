#!/usr/bin/env bash
# Every fuzzer for a long time, for local use (CI runs each for 10 s in
# scripts/test.sh). Builds the fuzz preset (clang, libFuzzer + ASan + UBSan),
# then runs each target for SECONDS with JOBS parallel jobs on a copy of its
# seed corpus grown across runs in build-fuzz/corpus/<name> (new inputs found
# by one run seed the next). A crash stops the run and names the input.
#   tests/fuzz/run-long.sh                 # 1 hour per fuzzer, 1 job
#   tests/fuzz/run-long.sh --seconds 600 --jobs 2 --only http_request,search_query
#   tests/fuzz/run-long.sh --no-build
# Interesting inputs found here belong in tests/fuzz/corpus/<name>/ (commit them
# with the fix).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=3600
jobs=1
only=""
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-long.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ $build -eq 1 ]]; then
  SKIP_BUILD=1 scripts/setup.sh fuzz
  cmake --build --preset fuzz --target all_fuzzers
fi
failed=()
summary=()
for fuzzer in build-fuzz/tests/fuzz/*_fuzz build-fuzz/*_fuzz; do
  [[ -x "$fuzzer" ]] || continue
  name=$(basename "$fuzzer")
  short=${name%_fuzz}
  if [[ -n "$only" && ",$only," != *",$short,"* && ",$only," != *",$name,"* ]]; then continue; fi
  corpus=build-fuzz/corpus/$short
  mkdir -p "$corpus" "build-fuzz/artifacts/$short"
  [[ -d tests/fuzz/corpus/$short ]] && cp -rn tests/fuzz/corpus/$short/. "$corpus"/
  echo "== $name: ${seconds}s, $jobs job(s), corpus $corpus ($(ls "$corpus" | wc -l) inputs)"
  log=build-fuzz/$name.long.log
  if "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -jobs="$jobs" -workers="$jobs" -artifact_prefix="build-fuzz/artifacts/$short/" "$corpus" > "$log" 2>&1; then
    execs=$(grep -h "stat::number_of_executed_units" "$log" fuzz-*.log 2>/dev/null | awk '{s+=$2} END {print s+0}')
    summary+=("$name: ok, $execs executions, corpus $(ls "$corpus" | wc -l) inputs")
  else
    tail -40 "$log"
    failed+=("$name (see $log and build-fuzz/artifacts/$short/)")
    summary+=("$name: FAILED")
  fi
  rm -f fuzz-*.log
done
printf '\n'; printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then printf 'failed: %s\n' "${failed[@]}"; exit 1; fi
