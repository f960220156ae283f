#!/usr/bin/env bash
# Search benchmark (issue #5, "Speed"): Lumbung's search in process and over
# HTTP, and PostgreSQL 15 full-text search on the same corpus and queries, in
# one run on this machine. Prints one table and writes bench/.work/search.json.
#   bench/search/run.sh [--n N] [--build DIR] [--rounds R] [--pg-rounds R]
#                       [--no-build] [--no-http] [--no-pg] [--fresh]
#   --n N          corpus size (default 100000; --n 10000 is a quick run)
#   --build DIR    build directory holding lumbung and the tool (default build)
#   --rounds R     passes over the 200 queries per client, engine and HTTP (default 5)
#   --pg-rounds R  the same for PostgreSQL (default 1: it is slow)
#   --no-build     do not build the two targets first
#   --no-http, --no-pg   leave out that part
#   --fresh        regenerate the cached corpus and data directory
# Cached under bench/.work/n<N>/: the corpus, the queries and the loaded data
# directory (loading goes through InnovationService, one transaction per
# innovation, and is slow). The index, the reindex and the PostgreSQL cluster
# are built again on every run. Needs python3 and PostgreSQL 15 (Debian
# postgresql); run as root the cluster runs as the postgres user.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

n=100000
build=build
rounds=5
pg_rounds=1
do_build=1
do_http=1
do_pg=1
fresh=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --n) n=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --pg-rounds) pg_rounds=$2; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --no-http) do_http=0; shift ;;
    --no-pg) do_pg=0; shift ;;
    --fresh) fresh=1; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --n must be a positive number" >&2; exit 2; }

shared=${LUMBUNG_BENCH_DATA:-$root/../shared/bench}
work=$root/bench/.work
cache=$work/n$n
out=$work/run-n$n
tool=$build/bench/search/lumbung_bench_search
lumbung=$build/lumbung
mkdir -p "$cache" "$out"
rm -f "$out"/*.json

if [[ $do_build -eq 1 ]]; then
  cmake --build "$build" --target lumbung lumbung_bench_search
fi
[[ -x "$tool" && -x "$lumbung" ]] || { echo "run.sh: $tool or $lumbung missing (build them)" >&2; exit 1; }

server_pid=
pg_bindir=
pg_data=
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [[ -n "$pg_data" && -f "$pg_data/postmaster.pid" ]]; then
    as_pg "$pg_bindir/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [[ -n "$pg_data" ]]; then rm -rf "$(dirname "$pg_data")"; fi
}
trap cleanup EXIT
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
free_port() {
  python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
}
step() { printf '\n== %s\n' "$*"; }

# 1. Data (cached).
if [[ $fresh -eq 1 ]]; then rm -rf "$cache"; mkdir -p "$cache"; fi
if [[ ! -s "$cache/corpus.jsonl" ]]; then
  step "generating corpus --n $n --seed 1"
  python3 "$shared/gen_corpus.py" --n "$n" --seed 1 > "$cache/corpus.jsonl.tmp"
  mv "$cache/corpus.jsonl.tmp" "$cache/corpus.jsonl"
fi
if [[ ! -s "$cache/queries.jsonl" ]]; then
  python3 "$shared/gen_queries.py" --n 200 --seed 2 > "$cache/queries.jsonl.tmp"
  mv "$cache/queries.jsonl.tmp" "$cache/queries.jsonl"
fi
corpus=$cache/corpus.jsonl
queries=$cache/queries.jsonl

# 2. The engine in process.
step "index: $n records"
rm -rf "$cache/index"
"$tool" index "$corpus" "$cache/index" --json "$out/index.json"
for t in 1 2; do
  step "in process, $t thread(s), $rounds round(s)"
  "$tool" query "$cache/index" "$queries" --threads "$t" --rounds "$rounds" --json "$out/xapian-$t.json" || true
done
rm -rf "$cache/index"

# 3. Over HTTP: the corpus in a data directory (cached), reindex, serve.
if [[ $do_http -eq 1 ]]; then
  data=$cache/data
  if [[ ! -f "$data/.loaded" ]]; then
    step "load: $n innovations through InnovationService into $data (cached for later runs)"
    rm -rf "$data"
    "$tool" load "$corpus" "$data" --migrations "$root/migrations" --json "$cache/load.json"
    touch "$data/.loaded"
  fi
  cp "$cache/load.json" "$out/load.json" 2>/dev/null || true
  step "lumbung reindex"
  start=$(date +%s.%N)
  "$lumbung" reindex --data "$data" --log-level warn
  python3 -c "import json,sys;json.dump({'seconds':round($(date +%s.%N)-$start,2)},open(sys.argv[1],'w'))" "$out/reindex.json"
  step "lumbung serve"
  "$lumbung" serve --data "$data" --port 0 --log-level warn > "$out/serve.out" 2> "$out/serve.err" &
  server_pid=$!
  for _ in $(seq 600); do grep -q listening "$out/serve.out" 2>/dev/null && break; sleep 0.1; done
  url=$(sed -n 's/^listening on //p' "$out/serve.out")
  [[ -n "$url" ]] || { echo "run.sh: the server did not start:" >&2; cat "$out/serve.err" >&2; exit 1; }
  hostport=${url#http://}
  echo "serving $url"
  for c in 1 2; do
    step "HTTP, $c client(s), $rounds round(s)"
    "$tool" http "${hostport%:*}" "${hostport##*:}" "$queries" --clients "$c" --rounds "$rounds" \
      --json "$out/http-$c.json" || true
  done
  python3 - "$server_pid" "$out/server.json" <<'PY'
import json, sys
status = dict(l.split(":", 1) for l in open(f"/proc/{sys.argv[1]}/status") if ":" in l)
kb = lambda k: int(status[k].split()[0])
json.dump({"peak_rss_kb": kb("VmHWM"), "rss_kb": kb("VmRSS")}, open(sys.argv[2], "w"))
PY
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
fi

# 4. PostgreSQL 15 baseline: a throwaway cluster on loopback.
if [[ $do_pg -eq 1 ]]; then
  step "PostgreSQL: throwaway cluster"
  for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/initdb" ]]; then pg_bindir=$d; break; fi
  done
  [[ -n "$pg_bindir" ]] || { echo "run.sh: PostgreSQL not found (apt-get install postgresql)" >&2; exit 1; }
  pg_root=$(mktemp -d /tmp/lumbung-bench-pg.XXXXXX)
  pg_data=$pg_root/data
  [[ $(id -u) -eq 0 ]] && chown postgres "$pg_root"
  as_pg "$pg_bindir/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --no-sync > "$pg_root/initdb.log" 2>&1 ||
    { cat "$pg_root/initdb.log" >&2; exit 1; }
  pg_port=$(free_port)
  # Tuned for a read benchmark that fits in memory; durability is off because
  # the cluster is thrown away.
  as_pg "$pg_bindir/pg_ctl" -D "$pg_data" -l "$pg_root/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $pg_port -k $pg_root -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        -c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB -c effective_cache_size=8GB -c jit=off" \
    start > /dev/null || { cat "$pg_root/server.log" >&2; exit 1; }
  "$pg_bindir/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres bench
  conninfo="host=127.0.0.1 port=$pg_port dbname=bench user=postgres"
  "$tool" pg-load "$conninfo" "$corpus" "$cache/corpus.tsv" --json "$out/pg-load.json"
  rm -f "$cache/corpus.tsv"
  for c in 1 2; do
    step "PostgreSQL, $c client(s), $pg_rounds round(s)"
    "$tool" pg-query "$conninfo" "$queries" --clients "$c" --rounds "$pg_rounds" --json "$out/pg-$c.json" || true
  done
  as_pg "$pg_bindir/pg_ctl" -D "$pg_data" -m fast -w stop > /dev/null
  rm -rf "$pg_root"; pg_data=
fi

# 5. One table and one JSON file.
step "search benchmark, n=$n"
python3 - "$out" "$work/search.json" "$n" "$rounds" "$pg_rounds" "$root" <<'PY'
import json, os, subprocess, sys, datetime
out, dest, n, rounds, pg_rounds, root = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
def load(name):
    p = os.path.join(out, name + ".json")
    return json.load(open(p)) if os.path.exists(p) else None
def git(*a):
    try: return subprocess.run(["git", "-C", root, *a], capture_output=True, text=True).stdout.strip()
    except OSError: return ""
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
rows = [("xapian in-process x1", "xapian-1"), ("xapian in-process x2", "xapian-2"),
        ("lumbung HTTP x1", "http-1"), ("lumbung HTTP x2", "http-2"),
        ("postgresql x1", "pg-1"), ("postgresql x2", "pg-2")]
result = {"n": n, "queries": 200, "rounds": rounds, "pg_rounds": pg_rounds,
          "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
          "commit": git("rev-parse", "--short", "HEAD") + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else ""),
          "machine": {"cpus": os.cpu_count(), "cpu": cpu}, "runs": {}}
for key in ["index", "load", "reindex", "server", "pg-load"]:
    if load(key) is not None: result[key] = load(key)
print(f"{'target':<24} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9} {'queries':>8} {'q/s':>8} {'errors':>7}")
for label, key in rows:
    r = load(key)
    if r is None:
        print(f"{label:<24} {'-':>9} {'-':>9} {'-':>9} {'-':>8} {'-':>8} {'-':>7}")
        continue
    result["runs"][key] = r
    print(f"{label:<24} {r['p50_ms']:>9.2f} {r['p99_ms']:>9.2f} {r['max_ms']:>9.2f} {r['samples']:>8} "
          f"{r['queries_per_second']:>8.1f} {r['errors']:>7}")
runs = result["runs"]
for c in ("1", "2"):
    x, p = runs.get("xapian-" + c), runs.get("pg-" + c)
    if x and p and x["p99_ms"] > 0:
        print(f"p99 postgresql / xapian in process, x{c}: {p['p99_ms'] / x['p99_ms']:.0f} times")
        result.setdefault("p99_ratio_pg_over_xapian", {})["x" + c] = round(p["p99_ms"] / x["p99_ms"], 1)
mb = lambda b: b / 1e6
if "index" in result:
    i = result["index"]
    print(f"index: {i['documents']} documents, {mb(i['index_bytes']):.1f} MB on disk, built in {i['build_seconds']:.1f} s "
          f"(peak RSS {i['peak_rss_kb'] / 1024:.0f} MB); query process peak RSS "
          f"{runs.get('xapian-2', runs.get('xapian-1', {})).get('peak_rss_kb', 0) / 1024:.0f} MB")
if "load" in result:
    print(f"data dir: {result['load']['created']} innovations loaded in {result['load']['load_seconds']:.0f} s "
          f"(cached), database {mb(result['load']['database_bytes']):.0f} MB; skipped for unknown regions: "
          f"{result['load']['skipped_unknown_region']}")
if "reindex" in result:
    print(f"lumbung reindex: {result['reindex']['seconds']:.1f} s; server peak RSS "
          f"{result.get('server', {}).get('peak_rss_kb', 0) / 1024:.0f} MB")
if "pg-load" in result:
    p = result["pg-load"]
    print(f"postgresql {p['server_version']}: COPY {p['copy_seconds']:.1f} s, indexes {p['index_seconds']:.1f} s, "
          f"{mb(p['total_bytes']):.0f} MB with indexes (GIN {mb(p['gin_bytes']):.0f} MB); "
          f"{runs.get('pg-1', {}).get('settings', '')}")
json.dump(result, open(dest, "w"), indent=2)
print(f"written {dest}")
PY
