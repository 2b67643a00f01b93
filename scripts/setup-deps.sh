#!/usr/bin/env bash
# Installs every Debian package and npm dependency Xinzhi needs, and nothing twice:
# packages already installed are skipped, npm runs only when web/package-lock.json changed.
# With --test also what only the tests need: PostgreSQL 15 (the second engine's tests run on a
# throwaway cluster, tests/postgres/cluster.sh) and nginx (the two-replica test, tests/deploy),
# so that `make demo` installs no database server.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # build
  g++ cmake ninja-build pkg-config make
  # C++ libraries (DESIGN.md: Dependencies). Boost is Debian's default, 1.74: python3-scipy (the
  # assignment engine's peer) depends on it through pythran, and 1.81's headers conflict with it.
  libboost-dev zlib1g-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libcli11-dev
  libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev libxlsxwriter-dev libzip-dev libexpat1-dev
  libtbb-dev libcairo2-dev libsodium-dev libeigen3-dev
  # engines/assign: LEMON's min-cost flow (Boost licence)
  liblemon-dev
  # engines/dea's tests and benchmark: GLPK (GPL-3, linked into the test and benchmark programs
  # only, never into xinzhi) as the peer LP solver the own simplex is checked and measured against
  libglpk-dev
  # engines/text: jieba's dictionary and HMM tables (MIT), read from Debian's package; also
  # the segmentation benchmark's peer
  python3-jieba
  # tests and tools: the sqlite3 shell in CLI golden tests, chromium for browser tests,
  # a CJK font so that screenshots show Chinese, python3 as the benchmark peer's host
  sqlite3 chromium fonts-wqy-microhei python3 python3-networkx python3-igraph python3-openpyxl python3-numpy python3-pandas python3-scipy python3-snowballstemmer python3-pil time wrk
  # web build
  nodejs
)

if [ "${1:-}" = "--test" ]; then packages+=(postgresql-15 postgresql-client-15 nginx-light); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  # A machine set up before the switch to Boost 1.74 has 1.81's headers, which apt will not replace
  # on its own: the trailing "-" removes them in the same transaction.
  if dpkg-query -W -f='${Status}' libboost1.81-dev 2>/dev/null | grep -q "install ok installed"; then
    missing+=("libboost1.81-dev-")
  fi
  echo "setup-deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
command -v npm >/dev/null || { echo "setup-deps: npm is missing (Debian package npm or nodejs with npm)"; exit 1; }

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup-deps: Node.js $(node --version) is too old for Vite 8; Node.js 20.19 or newer is needed" >&2
  exit 1
fi

# npm ci only when the lock file changed since the last install.
stamp=web/node_modules/.xinzhi-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
  echo "setup-deps: npm ci in web/"
  (cd web && npm ci --no-audit --no-fund)
  cp web/package-lock.json "$stamp"
fi
echo "setup-deps: all dependencies present"
