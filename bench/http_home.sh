#!/usr/bin/env bash
# Home page throughput and latency: `lumbung serve` (seeded demo) next to nginx
# serving a static file of the same size, both on loopback, in the same run.
#   bench/http_home.sh [BINARY] [SECONDS]
# Needs wrk and nginx (apt-get install wrk nginx-light). Not a test: it prints figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/lumbung}"
secs="${2:-10}"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" seed-demo --data "$work/data" >/dev/null 2>&1
# Index everything first, so the indexer thread is idle while wrk runs.
"$bin" reindex --data "$work/data" >/dev/null 2>&1
"$bin" serve --data "$work/data" --port 0 --log-level warn > "$work/serve.out" 2>"$work/serve.err" &
for _ in $(seq 100); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.out")
curl -s "$url/" -o "$work/home.html"
size=$(stat -c %s "$work/home.html")

mkdir -p "$work/www"
cp "$work/home.html" "$work/www/index.html"
nginx_port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.3

echo "home page: $size bytes; wrk -t2 -c16 -d${secs}s; $(nproc) cores"
printf '%-28s %12s %10s %10s %10s\n' target requests/s p50 p99 max
run() {
  local name=$1 target=$2
  wrk -t2 -c16 -d"${secs}s" --latency "$target" > "$work/wrk.txt"
  local rps p50 p99 max
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
  max=$(awk '/Latency/ && !/Distribution/ {print $4; exit}' "$work/wrk.txt")
  printf '%-28s %12s %10s %10s %10s\n' "$name" "$rps" "$p50" "$p99" "$max"
}
run "nginx static ($size B)" "http://127.0.0.1:$nginx_port/index.html"
run "lumbung GET /" "$url/"
