#!/usr/bin/env bash
# Office benchmark on SQLite and PostgreSQL in one run: a province-size dataset, then the time to
# build the weekly report (province, ward; from the check-ins, then after the roll-up into daily
# counts) and to answer a contact trace. Sizes: bench/office/run.sh [VENUES] [CHECKINS]
# (default 10,000 venues and 10,000,000 check-ins over 4 weeks: about 7 minutes for both
# backends on a shared 2-core machine; several GB of free disk in /tmp). Progress goes to
# stderr, one JSON line per backend to stdout; see docs/scaling.md for the figures.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
BIN="$BUILD/bench/office/bench_office"
[ -x "$BIN" ] || die "build first (ninja -C $BUILD bench_office)"
V=${1:-10000} N=${2:-10000000}
export DQ_PG_DIR="${DQ_PG_DIR:-/tmp/diemquet-pg-bench-office}"
TMP=$(mktemp -d)
trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null 2>&1; rm -rf "$TMP"' EXIT
"$BIN" "sqlite:$TMP/office.db" "$V" "$N"
rm -f "$TMP"/office.db*  # the SQLite file of 10 M check-ins is several GB
if PG=$(bash "$ROOT/scripts/pg.sh" start); then
  "$BIN" "postgres:$PG" "$V" "$N"
fi
