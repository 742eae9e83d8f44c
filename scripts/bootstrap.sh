#!/usr/bin/env bash
# Installs everything Gongshu needs on Debian 12, idempotently:
#   - Debian packages (compilers, Boost 1.81, OpenSSL, libsodium, …) when any is missing;
#   - DuckDB 1.4.4 and the demo data from the npm registry, pinned by third_party/package-lock.json
#     (integrity-checked by `npm ci`, install scripts disabled) into third_party/node_modules;
#   - the web portal's npm packages (web/package-lock.json).
# Usage: scripts/bootstrap.sh [--with-browser] [--with-postgres]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libpq-dev libssl-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  wrk time
)
for arg in "$@"; do
  case "$arg" in
    --with-browser) packages+=(chromium fonts-noto-cjk) ;;
    --with-postgres) packages+=(postgresql) ;;
    *) echo "bootstrap: unknown option $arg" >&2; exit 2 ;;
  esac
done
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci only when the lock file changed since the last install (stamp holds its hash).
npm_install() {
  local dir=$1 stamp="$1/node_modules/.gongshu-lock-sha256" want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "bootstrap: npm ci in ${dir#$root/}"
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
}
npm_install "$root/third_party"
if [ -f "$root/web/package-lock.json" ]; then npm_install "$root/web"; fi
