#!/usr/bin/env bash
# Office benchmark on SQLite and PostgreSQL: time to build the weekly report (province, ward)
# and to answer a contact trace. Sizes: bench/office/run.sh [VENUES] [CHECKINS]
# (default 10000 venues, 1,000,000 check-ins over 4 weeks: the 10 million of a province take
# too long to generate on a shared 2-core machine; the report's cost grows with the rows of
# the week read, see docs/scaling.md).
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
BIN="$BUILD/bench/office/bench_office"
[ -x "$BIN" ] || die "build first (ninja -C $BUILD bench_office)"
V=${1:-10000} N=${2:-1000000}
export DQ_PG_DIR="${DQ_PG_DIR:-/tmp/diemquet-pg-bench-office}"
TMP=$(mktemp -d)
trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null 2>&1; rm -rf "$TMP"' EXIT
"$BIN" "sqlite:$TMP/office.db" "$V" "$N"
if PG=$(bash "$ROOT/scripts/pg.sh" start); then
  "$BIN" "postgres:$PG" "$V" "$N"
fi
