#!/usr/bin/env bash
# Scale benchmark on SQLite and PostgreSQL: the 2025 map (34 provinces, 3,321 communes), a
# million venues written through the officers' import path, then self-registrations in one
# burst, the weekly report of the largest province and of one commune, and area search.
# bench/scale/run.sh [VENUES] [REGISTRATIONS] [SEARCHES]; defaults 1,000,000, and
# DQ_BENCH_REGISTRATIONS (2,000: a few minutes for both backends on a shared 2-core machine;
# the issue's figure is 100,000) and 5,000. One JSON line per backend on stdout.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
BIN="$BUILD/bench/scale/bench_scale"
[ -x "$BIN" ] || die "build first (ninja -C $BUILD bench_scale)"
V=${1:-1000000} R=${2:-${DQ_BENCH_REGISTRATIONS:-2000}} Q=${3:-5000}
export DQ_PG_DIR="${DQ_PG_DIR:-/tmp/diemquet-pg-bench-scale}"
TMP=$(mktemp -d)
trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null 2>&1; rm -rf "$TMP"' EXIT
node "$ROOT/tools/areas/normalize.mjs" vn-2025 > "$TMP/areas.json"
"$BIN" "sqlite:$TMP/scale.db" "$TMP/areas.json" "$V" "$R" "$Q"
rm -f "$TMP"/scale.db*
if PG=$(bash "$ROOT/scripts/pg.sh" start); then
  psql "$PG" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
  "$BIN" "postgres:$PG" "$TMP/areas.json" "$V" "$R" "$Q"
fi
