#!/usr/bin/env bash
# Runs every benchmark against the release build and prints their tables. The demo data dir is
# created (gongshu demo) on first use. Copy the tables into docs/performance.md with this command.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=$root/build/release
demo=${GONGSHU_BENCH_DATA:-/tmp/gongshu-bench-demo}
if [ ! -f "$demo/gongshu.duckdb" ]; then
  mkdir -p "$demo"
  # Load the demo, then stop the server it starts.
  ( "$bin/gongshu" demo --data "$demo" --port 0 --no-access-log & echo $! >"$demo.pid"; wait ) | while read -r line; do
    echo "$line"
    case "$line" in *"serving at"*) kill -TERM "$(cat "$demo.pid")";; esac
  done
  rm -f "$demo.pid"
fi
echo "== bench_platform (HTTP: records, catalog search, export)"; "$bin/bench/bench_platform" --demo-data "$demo" "$@"
echo "== bench_ingest";  "$bin/bench/bench_ingest"
echo "== bench_query";   "$bin/bench/bench_query"
echo "== bench_policy";  "$bin/bench/bench_policy"
echo "== bench_audit";   "$bin/bench/bench_audit" --dir="$(dirname "$demo")"  # the data disk
