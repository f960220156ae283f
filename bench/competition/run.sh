#!/usr/bin/env bash
# Competition benchmark (issue #10): a KIPP-sized competition (3,110
# proposals as in 2023, 40 judges, 2 per proposal) on SQLite through
# CompetitionService, with a one-row read as the baseline in the same run.
#   bench/competition/run.sh [--build DIR] [--entries N] [--judges J] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=build
entries=3110
judges=40
do_build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --entries) entries=$2; shift 2 ;;
    --judges) judges=$2; shift 2 ;;
    --no-build) do_build=0; shift ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ $do_build -eq 1 ]]; then cmake --build "$build" --target lumbung_bench_competition; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bench/competition/lumbung_bench_competition" "$work" migrations "$entries" "$judges"
