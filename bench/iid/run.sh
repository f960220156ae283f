#!/usr/bin/env bash
# IID deadline-day benchmark (issue #9, "Speed"), one node, one run:
#   1. baseline: GET / (the home page) with the same number of clients;
#   2. region admins saving SPD answers with a small PDF evidence file
#      (multipart POST /iid/2023/pengisian/jawaban; every answer is a write
#      transaction, an audit row and a file);
#   3. the time to recompute every region's score and the ranking (GET /iid,
#      which scores every submitted entry from its answers) for REGIONS
#      submitted entries of INNOVATIONS innovations each.
#   bench/iid/run.sh [--clients C] [--seconds S] [--admins N] [--regions R] [--innovations I] [--build DIR]
# Defaults: 200 clients, 60 s, 200 region admins, 550 regions x 50 innovations.
# Needs wrk, curl and python3. Prints one table; not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
clients=200 secs=60 admins=200 regions=550 innovations=50 build=build
while [[ $# -gt 0 ]]; do
  case "$1" in
    --clients) clients=$2; shift 2 ;;
    --seconds) secs=$2; shift 2 ;;
    --admins) admins=$2; shift 2 ;;
    --regions) regions=$2; shift 2 ;;
    --innovations) innovations=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
bin=$build/lumbung
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

"$bin" seed-demo --data "$work/data" --resources . --log-level warn >/dev/null
"$bin" reindex --data "$work/data" --resources . --log-level warn >/dev/null
python3 bench/iid/prepare.py "$work/data/lumbung.db" "$work/clients.txt" --admins "$admins"

start_server() {
  "$bin" serve --data "$work/data" --resources . --port 0 --log-level warn > "$work/serve.out" 2>"$work/serve.err" &
  server=$!
  for _ in $(seq 200); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
  url=$(sed -n 's/^listening on //p' "$work/serve.out")
}
start_server
threads=2
echo "IID deadline day: $clients clients, ${secs}s each, $(nproc) cores, $admins region admins, SQLite"
printf '%-44s %10s %10s %10s %10s %8s\n' target requests/s p50 p99 max errors
run() {
  local name=$1; shift
  wrk -t$threads -c"$clients" -d"${secs}s" --timeout 10s --latency "$@" > "$work/wrk.txt" 2>&1 || true
  local rps p50 p99 max non2xx sockerr
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
  max=$(awk '/Latency/ && !/Distribution/ {print $4; exit}' "$work/wrk.txt")
  non2xx=$(awk '/Non-2xx or 3xx/ {print $5}' "$work/wrk.txt")
  sockerr=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' "$work/wrk.txt")
  printf '%-44s %10s %10s %10s %10s %8s\n' "$name" "$rps" "$p50" "$p99" "$max" "$(( ${non2xx:-0} + ${sockerr:-0} ))"
}
run "baseline: GET / (home)" "$url/"
IID_CLIENTS=$work/clients.txt run "POST answer + PDF evidence (multipart)" -s bench/iid/answers.lua "$url/"
saved=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM audit_log WHERE action = \"iid.answer.save\"').fetchone()[0])" "$work/data/lumbung.db")
echo "answers saved (audit rows): $saved"

kill "$server"; wait "$server" 2>/dev/null || true; server=
python3 bench/iid/prepare.py "$work/data/lumbung.db" - --bulk "$regions" "$innovations"
answers=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM iid_answers').fetchone()[0])" "$work/data/lumbung.db")
# Each timing on a fresh server: the first GET /iid scores every entry (the
# ranking is then kept for 10 s).
for i in 1 2 3; do
  start_server
  t=$(curl -s -o /dev/null -w '%{time_total}' "$url/iid?tahun=2023")
  t2=$(curl -s -o /dev/null -w '%{time_total}' "$url/iid?tahun=2023&klaster=kota")
  echo "recompute $regions regions x $innovations innovations ($answers answers) + ranking, run $i: ${t}s (then from memory: ${t2}s)"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
done
