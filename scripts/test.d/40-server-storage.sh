#!/usr/bin/env bash
# Server storage and API suites (GoogleTest, CTest label "server") against SQLite and against
# a real PostgreSQL started here with scripts/pg.sh and stopped afterwards.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
out="$ROOT/test-output/server-storage.log"
mkdir -p "$(dirname "$out")"
# A build tree configured before server/ existed has no server targets: configure it again.
if [ ! -x "$BUILD/server/diemquet-server" ]; then
  cmake -S "$ROOT" -B "$BUILD" >/dev/null && ninja -C "$BUILD" -j"$(jobs_n)" diemquet-server server_storage_test server_api_test server_static_files_test >/dev/null || true
fi
export DQ_PG_DIR="${DQ_PG_DIR:-/tmp/diemquet-pg-stage40}"
trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null 2>&1 || true' EXIT
if url=$(bash "$ROOT/scripts/pg.sh" start); then
  export DQ_PG_URL="$url"
else
  log "PostgreSQL did not start: its tests will be reported as skipped"
fi
(cd "$BUILD" && timeout 200 ctest -L server --output-on-failure -j"$(jobs_n)") > "$out" 2>&1 || true
tail -n 3 "$out" >&2
read -r p f <<<"$(ctest_counts "$out")"
# CTest counts a GoogleTest skip as passed; report skips separately.
s=$(grep -cE '\*\*\*Skipped|Skipped$' "$out" || true)
s=${s:-0}
record_result 40-server-storage "$((p - s))" "$f" "$s"
