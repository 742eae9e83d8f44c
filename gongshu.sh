#!/usr/bin/env bash
# Gongshu (公数) — one entry point for users and CI.
#   ./gongshu.sh demo   build everything and start the demo platform on http://127.0.0.1:8080
#   ./gongshu.sh test   build everything and run every test (unit, HTTP, web unit, browser e2e)
#   ./gongshu.sh build  build the release binary and the web portal only
#   ./gongshu.sh bench  run the benchmarks (results go to docs/performance.md by hand)
# Each verb first installs what is missing (scripts/bootstrap.sh, idempotent).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
verb=${1:-help}
[ $# -gt 0 ] && shift

jobs=$(nproc 2>/dev/null || echo 2)

build_preset() {
  local preset=$1
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
}

build_web() {
  if [ ! -f web/package.json ]; then return 0; fi
  local stamp=web/dist/.build-stamp
  local newest
  newest=$(find web/src web/index.html web/package-lock.json web/vite.config.ts -type f -newer "$stamp" 2>/dev/null | head -n 1 || true)
  if [ -f "$stamp" ] && [ -z "$newest" ]; then return 0; fi
  echo "gongshu: building the web portal"
  (cd web && npm run --silent build)
  touch "$stamp"
}

case "$verb" in
  demo)
    scripts/bootstrap.sh
    build_preset release
    build_web
    data=${GONGSHU_DATA:-$root/data/demo}
    mkdir -p "$data"
    exec build/release/gongshu demo --data "$data" --port "${GONGSHU_PORT:-8080}" --web "$root/web/dist" "$@"
    ;;
  build)
    scripts/bootstrap.sh
    build_preset release
    build_web
    ;;
  test)
    scripts/bootstrap.sh --with-browser
    build_preset debug
    build_web
    ctest --preset debug -j "$jobs" "$@"
    if [ -f web/package.json ]; then (cd web && npm run --silent test); fi
    if [ -f tests/e2e/run.mjs ]; then node tests/e2e/run.mjs --binary "$root/build/debug/gongshu"; fi
    ;;
  bench)
    scripts/bootstrap.sh
    build_preset release
    bench/run.sh "$@"
    ;;
  *)
    sed -n '2,8p' "$0"
    exit 2
    ;;
esac
