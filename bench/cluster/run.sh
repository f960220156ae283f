#!/usr/bin/env bash
# Scale-out (issue 12): read throughput of the directory and the search page on
# the embedded default, on one node over PostgreSQL and on two nodes over the
# same PostgreSQL, each behind the same nginx (so the proxy's cost is in every
# row); then, under a steady write load on node 1, how long each write takes
# to become searchable on node 2 and how far node 2's index lags the outbox.
#   bench/cluster/run.sh [BINARY] [SECONDS] [INNOVATIONS] [WRITES_PER_SECOND]
# Defaults: build/lumbung, 10 s per target, 5000 demo innovations, 20 writes/s.
# Needs wrk, nginx, python3 and PostgreSQL (started on loopback by
# tests/support/pg.sh and stopped afterwards). Not a test: it prints figures
# and writes them to bench/.work/cluster-<time>.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$(realpath "${1:-build/lumbung}")"
secs="${2:-10}"
count="${3:-5000}"
rate="${4:-20}"
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  bash tests/support/pg.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

base=$(bash tests/support/pg.sh start "$work/pg")
psql -q "$base" -c "CREATE DATABASE lumbung_bench" >/dev/null
pg="${base%/*}/lumbung_bench"
"$bin" seed-demo --data "$work/embedded" --count "$count" >/dev/null 2>&1
"$bin" seed-demo --data "$work/n1" --database "$pg" --count "$count" >/dev/null 2>&1
token=$("$bin" token create --data "$work/n1" --database "$pg" --name bench --role curator --scope national 2>/dev/null)

start_node() {  # name, args...
  local name=$1; shift
  "$bin" serve --port 0 --log-level warn "$@" > "$work/$name.out" 2> "$work/$name.err" &
  for _ in $(seq 600); do grep -q listening "$work/$name.out" 2>/dev/null && break; sleep 0.1; done
  local url
  url=$(sed -n 's/^listening on //p' "$work/$name.out")
  for _ in $(seq 1200); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/readyz")" = 200 ] && break; sleep 0.1; done
  echo "${url#http://}"
}
embedded=$(start_node embedded --data "$work/embedded")
node1=$(start_node n1 --data "$work/n1" --database "$pg")
node2=$(start_node n2 --data "$work/n2" --database "$pg")

# One nginx, three front ports: embedded, PostgreSQL x1, PostgreSQL x2.
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream embedded { server $embedded; keepalive 64; }
  upstream one { server $node1; keepalive 64; }
  upstream two { server $node1; server $node2; keepalive 64; }
  server { listen 127.0.0.1:18196; location / { proxy_pass http://embedded; proxy_http_version 1.1; proxy_set_header Connection ""; } }
  server { listen 127.0.0.1:18197; location / { proxy_pass http://one; proxy_http_version 1.1; proxy_set_header Connection ""; } }
  server { listen 127.0.0.1:18198; location / { proxy_pass http://two; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.5

echo "$count innovations; wrk -t2 -c16 -d${secs}s through nginx; $(nproc) cores"
printf '%-28s %-22s %12s %10s %10s\n' page setup requests/s p50 p99
results=()
measure() {  # page label, path
  local label=$1 path=$2 setup port
  for setup in "embedded:18196" "postgresql-1-node:18197" "postgresql-2-nodes:18198"; do
    port=${setup#*:}
    wrk -t2 -c16 -d"${secs}s" --latency "http://127.0.0.1:$port$path" > "$work/wrk.txt"
    local rps p50 p99
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
    p50=$(awk '$1=="50%" {print $2}' "$work/wrk.txt")
    p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
    printf '%-28s %-22s %12s %10s %10s\n' "$label" "${setup%%:*}" "$rps" "$p50" "$p99"
    results+=("{\"page\":\"$label\",\"setup\":\"${setup%%:*}\",\"rps\":$rps,\"p50\":\"$p50\",\"p99\":\"$p99\"}")
  done
}
measure "/inovasi (directory)" "/inovasi"
measure "/cari?q=layanan+kesehatan" "/cari?q=layanan+kesehatan"

echo
echo "write on node 1 at ${rate}/s for ${secs}s; search on node 2 until found"
lag_json=$(python3 - "$node1" "$node2" "$token" "$rate" "$secs" <<'PY'
import http.client, json, random, string, sys, threading, time
node1, node2, token, rate, secs = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
def request(host, method, path, body=None, headers={}):
    c = http.client.HTTPConnection(host, timeout=30)
    c.request(method, path, body, headers)
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, data
lags, samples, stop = [], [], threading.Event()
rng, letters = random.Random(12), string.ascii_lowercase
def sample():
    while not stop.is_set():
        status, body = request(node2, "GET", "/metrics")
        for line in body.decode().splitlines():
            if line.startswith("lumbung_outbox_lag "): samples.append(float(line.split()[1]))
        time.sleep(0.1)
def await_hit(word, t0):
    while True:
        status, body = request(node2, "GET", "/api/v1/search?q=" + word)
        # The exact word in a result (a near miss could be a spelling correction's).
        if status == 200 and word.encode() in body:
            lags.append(time.monotonic() - t0); return
        if time.monotonic() - t0 > 60: lags.append(float("inf")); return
        time.sleep(0.01)
threading.Thread(target=sample, daemon=True).start()
waiters, errors, n, start = [], 0, 0, time.monotonic()
while time.monotonic() - start < secs:
    word = "".join(rng.choice(letters) for _ in range(14))  # far from every other word
    body = json.dumps({"name": "Kapal " + word, "summary": "Layanan keliling untuk warga pulau.",
        "problem": "Warga pulau sulit menjangkau kantor layanan.", "solution": "Kapal layanan singgah tiap pekan.",
        "results": "Waktu tempuh turun.", "region_code": "73.72", "unit_name": "Dinas Perhubungan",
        "sector": "administrasi_kependudukan", "form": "pelayanan_publik", "digital": False, "stage": "penerapan",
        "year_started": 2021, "state": "published"})
    t0 = time.monotonic()
    status, _ = request(node1, "POST", "/api/v1/innovations", body,
                        {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    if status != 201: errors += 1
    else:
        t = threading.Thread(target=await_hit, args=(word, t0)); t.start(); waiters.append(t)
    n += 1
    time.sleep(max(0.0, start + n / rate - time.monotonic()))
for t in waiters: t.join()
stop.set()
lags.sort()
pick = lambda q: lags[min(len(lags) - 1, int(q * len(lags)))] if lags else float("nan")
print(json.dumps({"writes": n, "errors": errors, "searchable_p50_ms": round(pick(0.5) * 1000, 1),
                  "searchable_p99_ms": round(pick(0.99) * 1000, 1), "searchable_max_ms": round(lags[-1] * 1000, 1) if lags else None,
                  "outbox_lag_max": max(samples) if samples else None,
                  "outbox_lag_mean": round(sum(samples) / len(samples), 2) if samples else None}))
PY
)
echo "$lag_json"
mkdir -p bench/.work
out="bench/.work/cluster-$(date +%Y%m%d-%H%M%S).json"
printf '{"innovations":%s,"seconds":%s,"reads":[%s],"writes":%s}\n' "$count" "$secs" "$(IFS=,; echo "${results[*]}")" "$lag_json" > "$out"
echo "written to $out"
