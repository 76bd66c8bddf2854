#!/usr/bin/env bash
# Server ingest benchmark: HTTP ingest rate (50 stations, batches of 500, loopback) for SQLite
# and PostgreSQL next to the ceiling (the same rows into the same database from C++ in one
# transaction), their ratio, and upload latency at 200 concurrent stations.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
export DQ_SERVER_BIN="$BUILD/server/diemquet-server"
CEIL="$BUILD/bench/server/bench_server_ceiling"
[ -x "$DQ_SERVER_BIN" ] && [ -x "$CEIL" ] || die "build first (ninja -C $BUILD diemquet-server bench_server_ceiling)"
export DQ_PG_DIR="${DQ_PG_DIR:-/tmp/diemquet-pg-bench}"
TMP=$(mktemp -d)
trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null 2>&1; rm -rf "$TMP"' EXIT
PG=$(bash "$ROOT/scripts/pg.sh" start)
psql "$PG" -qc "CREATE DATABASE b1" -c "CREATE DATABASE b2" -c "CREATE DATABASE b3" -c "CREATE DATABASE b4" >/dev/null
N=$((50 * 20 * 500))
field() { node -e "process.stdout.write(String(JSON.parse(process.argv[1]).$2))" "$1"; }
printf '%-10s %14s %14s %7s %16s %16s\n' backend "http ckin/s" "ceiling rows/s" ratio "p50 ms (200 st)" "p99 ms (200 st)"
for backend in sqlite postgres; do
  if [ $backend = sqlite ]; then
    d1="sqlite:$TMP/a.db"; d2="sqlite:$TMP/b.db"; d3="sqlite:$TMP/c.db"
  else
    d1="postgres:$PG dbname=b1"; d2="postgres:$PG dbname=b2"; d3="postgres:$PG dbname=b3"
  fi
  ceil=$("$CEIL" "$d1" "$N")
  load=$(node "$ROOT/bench/server/load.mjs" "$d2" 50 20 500)
  lat=$(node "$ROOT/bench/server/load.mjs" "$d3" 200 10 10)
  rate=$(field "$load" rate)
  printf '%-10s %14s %14s %7s %16s %16s\n' $backend "$rate" "$ceil" \
    "$(node -e "process.stdout.write((${rate}/${ceil}).toFixed(2))")" "$(field "$lat" p50)" "$(field "$lat" p99)"
done
