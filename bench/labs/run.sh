#!/usr/bin/env bash
# Lab benchmark (issue #6, "Speed"): over HTTP on loopback, in one run, the
# home page (the baseline) next to a lab board with 200 units and 1,000 ideas,
# that lab's dashboard, and the lab list of a region with 20 labs, each as the
# region's organiser. Prints requests/s, p50, p99 and max per page (wrk).
#   bench/labs/run.sh [--build DIR] [--seconds S] [--no-build]
# Needs wrk (apt-get install wrk) and python3. Not a test: it prints figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=build
secs=10
do_build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --seconds) secs=$2; shift 2 ;;
    --no-build) do_build=0; shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ $do_build -eq 1 ]]; then cmake --build "$build" --target lumbung lumbung_bench_labs_seed; fi
bin=$build/lumbung
seed=$build/bench/labs/lumbung_bench_labs_seed
work=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" seed-demo --data "$work/data" --count 2000 >/dev/null
"$bin" user add --data "$work/data" --email lab@bench.go.id --name "Organiser" --role lab_organizer \
  --scope region:33.03 --password-stdin <<< "kata-sandi-bench-panjang" >/dev/null
"$seed" "$work/data" migrations 33.03 200 1000 20
"$bin" reindex --data "$work/data" >/dev/null 2>&1
"$bin" serve --data "$work/data" --port 0 --log-level warn > "$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.out")

# Log in: the CSRF cookie and field of the login form, then the session cookie.
curl -s -c "$work/jar" "$url/masuk" -o "$work/login.html"
csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$work/login.html" | head -1)
curl -s -b "$work/jar" -c "$work/jar" -o /dev/null -d "_csrf=$csrf&email=lab%40bench.go.id&password=kata-sandi-bench-panjang" "$url/masuk"
sid=$(awk '$6=="sid" {print $7}' "$work/jar")
[[ -n "$sid" ]] || { echo "run.sh: login failed" >&2; exit 1; }
lab=$(curl -s -b "sid=$sid" "$url/lab" | grep -o 'href="/lab/[0-9]*"' | sed 's/[^0-9]//g' | sort -n | head -1)

echo "lab benchmark: wrk -t2 -c16 -d${secs}s on loopback; $(nproc) cores; lab $lab has 200 units and 1,000 ideas; region 33.03 has 20 labs"
printf '%-34s %8s %12s %10s %10s %10s\n' page bytes requests/s p50 p99 max
run() {
  local name=$1 path=$2 cookie=$3
  local size
  size=$(curl -s -b "$cookie" "$url$path" | wc -c)
  wrk -t2 -c16 -d"${secs}s" --latency -H "Cookie: $cookie" "$url$path" > "$work/wrk.txt"
  local rps p50 p99 max
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
  max=$(awk '/Latency/ && !/Distribution/ {print $4; exit}' "$work/wrk.txt")
  printf '%-34s %8s %12s %10s %10s %10s\n' "$name" "$size" "$rps" "$p50" "$p99" "$max"
}
run "home page (baseline)" "/" "x=1"
run "lab board (1,000 ideas)" "/lab/$lab/papan" "sid=$sid"
run "lab dashboard (1,000 ideas)" "/lab/$lab" "sid=$sid"
run "region's labs (20 labs)" "/lab" "sid=$sid"
