#!/usr/bin/env bash
# Installs what Lumbung needs on a Debian/Ubuntu machine (run as root) and
# builds it with the given CMake preset (default: dev). Safe to run again:
# installed packages are skipped and the build is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-dev}"

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev libxapian-dev
  libkainjow-mustache-dev nlohmann-json3-dev libcmark-dev libsodium-dev
  libcli11-dev libspdlog-dev libfmt-dev libxlsxwriter-dev zlib1g-dev libjemalloc-dev libgd-dev
  libcurl4-openssl-dev python3-aiosmtpd libarchive-dev libexpat1-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-dev
  postgresql postgresql-client
  chromium nodejs npm
)
# Boost >= 1.81 (Beast's message_generator): Debian bookworm's
# libboost1.81-dev, or the distribution's default Boost where it is newer.
boost_version=$(sed -n 's/^#define BOOST_VERSION \([0-9]*\).*/\1/p' /usr/include/boost/version.hpp 2>/dev/null || true)
if [ "${boost_version:-0}" -lt 108100 ]; then
  packages+=(libboost1.81-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# Node and npm may come from elsewhere (e.g. NodeSource); accept them if present.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs/}"); missing=("${missing[@]/npm/}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # libclang-rt-dev is named per version on some releases.
  if ! apt-cache show libclang-rt-dev >/dev/null 2>&1; then
    missing=("${missing[@]/libclang-rt-dev/libclang-rt-14-dev}")
  fi
  if ! apt-cache show libboost1.81-dev >/dev/null 2>&1; then
    missing=("${missing[@]/libboost1.81-dev/libboost-dev}")
  fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages, exact versions from their lockfiles: the regions reference
# data (converted at build time) and the browser tests' driver and checkers.
# Installed again whenever the lockfile changes.
for dir in tools/regions tests/e2e; do
  stamp="$dir/node_modules/.lumbung-lock"
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
done

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake --preset "$preset" "${launcher[@]}" >/dev/null
[ -n "${SKIP_BUILD:-}" ] || cmake --build --preset "$preset"
