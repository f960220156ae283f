#!/usr/bin/env bash
# Replication pages under load (issue 8): an innovation profile with and
# without its "Direplikasi oleh" section, the national view (matrix and list
# over every confirmed adoption), its CSV export, and the search sorted by
# replication next to the same search by relevance, and the directory
# (/inovasi) sorted by replication next to its default order (latest change
# first), first and second page; all in one run, with `GET /healthz` as the
# baseline of the server itself.
#   bench/replikasi/run.sh [BINARY] [SECONDS] [INNOVATIONS] [ADOPTIONS]
# Defaults: build/lumbung, 5 s per target, 2000 demo innovations, 5000
# confirmed adoptions spread over 500 origins (1..20 regions each). Needs wrk
# and python3. Not a test: it prints figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${1:-build/lumbung}"
secs="${2:-5}"
count="${3:-2000}"
adoptions="${4:-5000}"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" seed-demo --data "$work/data" --count "$count" >/dev/null 2>&1
python3 - "$work/data/lumbung.db" "$adoptions" <<'PY'
import random, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); total = int(sys.argv[2]); random.seed(8)
published = db.execute("SELECT id, region_code FROM innovations WHERE state = 'published' ORDER BY id").fetchall()
regions = [r[0] for r in db.execute("SELECT code FROM regions WHERE kind <> 'province'")]
origins = random.sample(published, min(500, len(published)))
rows, next_id = [], 1
while len(rows) < total:
    iid, origin = random.choice(origins)
    for adopter in random.sample(regions, random.randint(1, 20)):
        if adopter == origin or len(rows) >= total: continue
        day = f"{random.randint(2019, 2025)}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"
        rows.append((next_id, iid, origin, adopter, day, 0, 0, 'bench', 'confirmed', 0, 0, 0, 0)); next_id += 1
db.executemany("INSERT INTO replication_adoptions (id, innovation_id, origin_region_code, adopter_region_code, "
               "adopted_on, request_id, adopted_innovation_id, evidence, state, recorded_by, recorded_at, decided_by, "
               "decided_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
db.commit()
busiest = db.execute("SELECT innovation_id, count(*) FROM replication_adoptions GROUP BY innovation_id "
                     "ORDER BY 2 DESC LIMIT 1").fetchone()
plain = db.execute("SELECT id FROM innovations WHERE state = 'published' AND id NOT IN "
                   "(SELECT innovation_id FROM replication_adoptions) ORDER BY id LIMIT 1").fetchone()
open(sys.argv[1] + ".ids", "w").write(f"{busiest[0]} {busiest[1]} {plain[0]}\n")
PY
read -r busy busy_n plain < "$work/data/lumbung.db.ids"
# Index everything first (with the replication counts), so the indexer is idle while wrk runs.
"$bin" reindex --data "$work/data" >/dev/null 2>&1
"$bin" serve --data "$work/data" --port 0 --log-level warn > "$work/serve.out" 2>"$work/serve.err" &
for _ in $(seq 100); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.out")

echo "$count innovations, $adoptions confirmed adoptions; wrk -t2 -c16 -d${secs}s; $(nproc) cores"
printf '%-44s %10s %10s %10s %10s\n' target requests/s p50 p99 bytes
run() {
  local name=$1 target=$2
  local bytes
  bytes=$(curl -s "$target" | wc -c)
  wrk -t2 -c16 -d"${secs}s" --latency "$target" > "$work/wrk.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
  printf '%-44s %10s %10s %10s %10s\n' "$name" "$rps" "$p50" "$p99" "$bytes"
}
run "GET /healthz (baseline)" "$url/healthz"
run "GET /inovasi/$plain (no replication)" "$url/inovasi/$plain"
run "GET /inovasi/$busy ($busy_n adoptions)" "$url/inovasi/$busy"
run "GET /inovasi/$busy/replikasi" "$url/inovasi/$busy/replikasi"
run "GET /replikasi (all pairs)" "$url/replikasi"
run "GET /replikasi?tahun=2024" "$url/replikasi?tahun=2024"
run "GET /replikasi/ekspor (CSV)" "$url/replikasi/ekspor"
run "GET /inovasi (latest change first)" "$url/inovasi"
next=$(curl -s "$url/inovasi" | sed -n 's/.*rel="next" href="\([^"]*\)".*/\1/p' | sed 's/&amp;/\&/g')
run "GET /inovasi page 2" "$url$next"
run "GET /inovasi?urut=replikasi" "$url/inovasi?urut=replikasi"
next=$(curl -s "$url/inovasi?urut=replikasi" | sed -n 's/.*rel="next" href="\([^"]*\)".*/\1/p' | sed 's/&amp;/\&/g')
run "GET /inovasi?urut=replikasi page 2" "$url$next"
run "GET /api/v1/search?q=layanan" "$url/api/v1/search?q=layanan"
run "GET /api/v1/search?q=layanan&sort=replicated" "$url/api/v1/search?q=layanan&sort=replicated"
