#!/usr/bin/env bash
# Office API suite (tests/server/office_suite.mjs) against the real server: authorisation
# matrix, weekly report on a generated dataset, tracing scenarios, retention, feed, rate
# limits; venues registering themselves (self_registration_suite.mjs); venue lists imported by an
# officer (venue_import_suite.mjs). Runs on SQLite, then on
# a throwaway PostgreSQL (scripts/pg.sh) when one starts. Each run is bounded to 5 minutes
# (about 2.5 on a quiet machine; a busy one took over 200 s).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
mkdir -p "$ROOT/test-output"
if [ ! -x "$BUILD/server/diemquet-server" ] || [ "$ROOT/server/office/office_api.cpp" -nt "$BUILD/server/diemquet-server" ]; then
  { cmake -S "$ROOT" -B "$BUILD" >/dev/null && ninja -C "$BUILD" -j"$(jobs_n)" diemquet-server >/dev/null; } || true
fi
export DQ_SERVER_BIN="$BUILD/server/diemquet-server"
P=0 F=0 S=0
run_suite() {  # run_suite NAME: one node --test run, counts added to P F S
  local out="$ROOT/test-output/office-$1.log" p f s
  (cd "$ROOT" && timeout 300 node --test --test-concurrency=1 --test-reporter=tap tests/server/office_suite.mjs \
    tests/server/self_registration_suite.mjs tests/server/venue_import_suite.mjs) > "$out" 2>&1 || true
  tail -n 8 "$out" >&2
  read -r p f s <<<"$(node_test_counts "$out")"
  P=$((P + p)) F=$((F + f)) S=$((S + s))
}
DQ_OFFICE_DB=sqlite run_suite sqlite
export DQ_PG_DIR="${DQ_PG_DIR:-/tmp/diemquet-pg-stage60}"
trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null 2>&1 || true' EXIT
PSQL=$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1 || true)
if [ -n "$PSQL" ] && url=$(bash "$ROOT/scripts/pg.sh" start); then
  DQ_PG_URL="$url" DQ_PSQL="$PSQL" DQ_OFFICE_DB=postgres run_suite postgres
else
  log "PostgreSQL did not start: the office suite on PostgreSQL is skipped"
  S=$((S + 1))
fi
record_result 60-office-server "$P" "$F" "$S"
