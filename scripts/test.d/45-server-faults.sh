#!/usr/bin/env bash
# Fault tests against the real server process (node --test tests/server/*.test.mjs): kill -9
# mid-upload, replays, reordering, two stations, two servers on one PostgreSQL, bad tokens,
# bad input, a 200-station load test; metrics/health/logs and cut database connections
# (ops.test.mjs), monthly partitions and their migration, backup and restore. Starts and
# stops its own PostgreSQL.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
out="$ROOT/test-output/server-faults.log"
mkdir -p "$(dirname "$out")"
# A build tree configured before server/ existed has no server targets: configure it again.
if [ ! -x "$BUILD/server/diemquet-server" ]; then
  cmake -S "$ROOT" -B "$BUILD" >/dev/null && ninja -C "$BUILD" -j"$(jobs_n)" diemquet-server diemquet-server >/dev/null || true
fi
export DQ_SERVER_BIN="$BUILD/server/diemquet-server"
export DQ_PG_DIR="${DQ_PG_DIR:-/tmp/diemquet-pg-stage45}"
trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null 2>&1 || true' EXIT
if url=$(bash "$ROOT/scripts/pg.sh" start); then
  export DQ_PG_URL="$url"
else
  log "PostgreSQL did not start: the two-server test will be skipped"
fi
(cd "$ROOT" && timeout 420 node --test --test-reporter=tap tests/server/) > "$out" 2>&1 || true
grep -E '(load|crash): ' "$out" >&2 || true
tail -n 9 "$out" >&2
read -r p f s <<<"$(node_test_counts "$out")"
record_result 45-server-faults "$p" "$f" "$s"
