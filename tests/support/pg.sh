#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests.
#   pg.sh start DIR   initdb + start on a free 127.0.0.1 port; writes the URL
#                     postgresql://postgres@127.0.0.1:PORT/lumbung_test to DIR/url
#                     (and prints it). Trust auth, fsync off: test data only.
#   pg.sh stop DIR    stops it (pg_ctl stop -m fast) and removes DIR/url.
# Runs the server as the `postgres` user when started as root (initdb refuses
# root). Installs Debian's postgresql with apt-get when no server is found.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" && -x "$PG_BINDIR/initdb" ]]; then echo "$PG_BINDIR"; return 0; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/initdb" ]]; then echo "$d"; return 0; fi
  done
  return 1
}

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "pg.sh: no free port found" >&2
  return 1
}

# Where the cluster lives: DIR/data when the postgres user can write DIR,
# else a private temp dir (recorded in DIR/pgdata).
cluster_dir() {
  if [[ -f "$dir/pgdata" ]]; then cat "$dir/pgdata"; else echo "$dir/data"; fi
}

start() {
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local bindir
  if ! bindir=$(find_bindir); then
    echo "pg.sh: PostgreSQL server not found; installing it with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    bindir=$(find_bindir)
  fi
  local data
  data=$(cluster_dir)
  if [[ -f "$dir/url" && -f "$data/postmaster.pid" ]] && as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    cat "$dir/url"
    return 0
  fi
  stop_quietly "$bindir"
  rm -f "$dir/url" "$dir/pgdata"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      data=$(mktemp -d /tmp/lumbung-pg.XXXXXX)
      chown postgres "$data"
      echo "$data" >"$dir/pgdata"
      data="$data/data"
    else
      data="$dir/data"
    fi
  else
    data="$dir/data"
  fi
  local sockdir
  sockdir=$(dirname "$data")
  rm -rf "$data"
  as_pg "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; exit 1; }
  local port
  port=$(free_port)
  # Unix socket paths are limited to ~107 bytes: without room, TCP only.
  local sockopt="-k $sockdir"
  if (( ${#sockdir} > 80 )) || [[ "$sockdir" == *" "* ]]; then sockopt="-c unix_socket_directories="; fi
  as_pg "$bindir/pg_ctl" -D "$data" -l "$sockdir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port $sockopt -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2 || { cat "$sockdir/server.log" >&2; exit 1; }
  for _ in $(seq 1 60); do
    if "$bindir/pg_isready" -h 127.0.0.1 -p "$port" -q; then break; fi
    sleep 0.5
  done
  "$bindir/pg_isready" -h 127.0.0.1 -p "$port" >&2
  "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres lumbung_test
  local url="postgresql://postgres@127.0.0.1:$port/lumbung_test"
  echo "$url" >"$dir/url"
  echo "$url"
}

stop_quietly() {
  local bindir=$1 data
  data=$(cluster_dir)
  if [[ -f "$data/postmaster.pid" ]]; then
    as_pg "$bindir/pg_ctl" -D "$data" -m fast -w stop >&2 || true
  fi
}

stop() {
  [[ -d "$dir" ]] || return 0
  local bindir
  bindir=$(find_bindir) || return 0
  stop_quietly "$bindir"
  local data
  data=$(cluster_dir)
  rm -f "$dir/url"
  if [[ -f "$dir/pgdata" ]]; then rm -rf "$(cat "$dir/pgdata")" "$dir/pgdata"; fi
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
