#!/usr/bin/env bash
# Usage: deb_test.sh BUILD_DIR VERSION. Builds the .deb in a temporary directory
# and checks it; prints what is wrong and exits 1 on any failure.
set -euo pipefail
build="$1"
version="$2"
out="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$out"
}
trap cleanup EXIT
problems=0
problem() { echo "FAIL: $*"; problems=$((problems + 1)); }

(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; exit 1; }
deb="$out/lumbung_${version}_amd64.deb"
[ -f "$deb" ] || { echo "FAIL: no $deb"; ls "$out"; exit 1; }

dpkg-deb -c "$deb" | awk '{print $6}' >"$out/contents"
for path in ./usr/bin/lumbung ./etc/lumbung/lumbung.conf ./lib/systemd/system/lumbung.service \
    ./usr/share/lumbung/templates/layout/top.mustache ./usr/share/lumbung/static/css/site.css \
    ./usr/share/lumbung/i18n/id/ ./usr/share/lumbung/i18n/en/ ./usr/share/lumbung/migrations/0001_foundation.sql \
    ./usr/share/doc/lumbung/nginx-lumbung.conf; do
  grep -qxF "$path" "$out/contents" || problem "the package lacks $path"
done
grep -q '^\./usr/share/lumbung/templates/.*\.mustache$' "$out/contents" || problem "no templates packaged"
if grep -q 'node_modules\|/build/\|\.o$' "$out/contents"; then problem "build or node files in the package"; fi

dpkg-deb --ctrl-tarfile "$deb" | tar -x -C "$out" ./conffiles ./postinst ./prerm ./control
grep -qxF /etc/lumbung/lumbung.conf "$out/conffiles" || problem "lumbung.conf is not a conffile"
grep -q 'adduser --system --group' "$out/postinst" || problem "postinst does not create the lumbung user"
grep -q '/var/lib/lumbung' "$out/postinst" || problem "postinst does not create /var/lib/lumbung"
grep -q '^Depends:.*libsqlite3' "$out/control" || problem "no shared-library dependencies in control"

dpkg-deb -x "$deb" "$out/root"
grep -qx 'User=lumbung' "$out/root/lib/systemd/system/lumbung.service" || problem "the unit does not run as lumbung"
grep -q 'ExecStart=/usr/bin/lumbung serve --config /etc/lumbung/lumbung.conf' \
  "$out/root/lib/systemd/system/lumbung.service" || problem "the unit does not read /etc/lumbung/lumbung.conf"
"$out/root/usr/bin/lumbung" version | grep -qxF "lumbung $version" || problem "the packaged binary does not print its version"

# The packaged binary with the packaged config: only the data directory and
# port differ from an installed system. Resources come from ../share/lumbung.
conf="$out/root/etc/lumbung/lumbung.conf"
sed -i '/^resources = /d' "$conf"
# The log exists before the background job opens it: the loop below may read it first.
: >"$out/serve.log"
"$out/root/usr/bin/lumbung" serve --config "$conf" --data "$out/data" --port 0 >>"$out/serve.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port="$(sed -n 's/^listening on http:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$out/serve.log")"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  problem "the packaged server did not start"
  cat "$out/serve.log"
else
  ready=""
  for _ in $(seq 1 100); do
    ready="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)"
    [ "$ready" = 200 ] && break
    sleep 0.1
  done
  [ "$ready" = 200 ] || problem "/readyz of the packaged server answered $ready"
  home="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")"
  [ "$home" = 200 ] || problem "the packaged server's home page answered $home"
  css="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/static/css/site.css")"
  [ "$css" = 200 ] || problem "the packaged server's static files answered $css"
fi

if [ "$problems" -ne 0 ]; then echo "$problems problem(s)"; exit 1; fi
echo "package ok: $(wc -l <"$out/contents") paths, $(du -h "$deb" | cut -f1)"
