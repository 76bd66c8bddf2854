#!/usr/bin/env bash
# Areas benchmark on SQLite and PostgreSQL: import of the whole map (2025: 3,355 areas; 2021:
# 11,367), a second import (nothing to write), the load into memory, and area-search latency
# over every commune (goal p99 <= 50 ms). bench/areas/run.sh [vn-2025|vn-2021] [QUERIES].
# One JSON line per backend on stdout; see docs/scaling.md.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
BIN="$BUILD/bench/areas/bench_areas"
[ -x "$BIN" ] || die "build first (ninja -C $BUILD bench_areas)"
STRUCTURE=${1:-vn-2025} Q=${2:-20000}
export DQ_PG_DIR="${DQ_PG_DIR:-/tmp/diemquet-pg-bench-areas}"
TMP=$(mktemp -d)
trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null 2>&1; rm -rf "$TMP"' EXIT
node "$ROOT/tools/areas/normalize.mjs" "$STRUCTURE" > "$TMP/areas.json"
"$BIN" "sqlite:$TMP/areas.db" "$TMP/areas.json" "$Q"
if PG=$(bash "$ROOT/scripts/pg.sh" start); then
  psql "$PG" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
  "$BIN" "postgres:$PG" "$TMP/areas.json" "$Q"
fi
