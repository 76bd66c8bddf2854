#!/usr/bin/env bash
# The cluster against one server on one PostgreSQL, in the same run on the same machine:
#   ingest (50 stations x 10 uploads of 200 check-ins) and upload latency (200 stations x 10
#   uploads of 10) through nginx (TLS) to three servers on Patroni's synchronous pair via
#   HAProxy, next to the same loads over plain HTTP to one server on one PostgreSQL
#   (scripts/pg.sh); then the failover recovery time (SIGKILL to the primary).
# Usage: bash bench/cluster/run.sh [ROUNDS=2] [FAILOVERS=2]. Medians go in docs/scaling.md.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
ROUNDS=${1:-2}
FAILOVERS=${2:-2}
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
export DQ_SERVER_BIN="$BUILD/server/diemquet-server"
[ -x "$DQ_SERVER_BIN" ] || die "build first (bash scripts/build.sh)"
export DQ_CLUSTER_DIR="${DQ_CLUSTER_DIR:-/tmp/dq-cluster-bench}"
export DQ_PG_DIR="${DQ_PG_DIR:-/tmp/diemquet-pg-cluster-bench}"
SINGLE_PID=
cleanup() {
  [ -n "$SINGLE_PID" ] && kill "$SINGLE_PID" 2>/dev/null
  bash "$ROOT/scripts/cluster.sh" stop >/dev/null 2>&1
  bash "$ROOT/scripts/pg.sh" stop >/dev/null 2>&1
}
trap cleanup EXIT
bash "$ROOT/scripts/cluster.sh" start >&2
eval "$(bash "$ROOT/scripts/cluster.sh" env)"
export CLUSTER_URL CLUSTER_CA CLUSTER_DB CLUSTER_DIR PATRONI1_PORT PATRONI2_PORT

PG=$(bash "$ROOT/scripts/pg.sh" start)
psql "$PG" -qc "CREATE DATABASE single" >/dev/null
SINGLE_DB="postgres:$PG dbname=single"
"$DQ_SERVER_BIN" serve --db "$SINGLE_DB" --listen 127.0.0.1:0 --workers 8 > "$DQ_PG_DIR/single.out" 2>/dev/null &
SINGLE_PID=$!
for _ in $(seq 100); do grep -q listening "$DQ_PG_DIR/single.out" 2>/dev/null && break; sleep 0.2; done
SINGLE_URL="http://127.0.0.1:$(grep -oE ':[0-9]+ ' "$DQ_PG_DIR/single.out" | tr -d ': ')"

load() { node "$ROOT/bench/cluster/load.mjs" "$@"; }
printf '%-6s %-8s %12s %8s %8s %7s\n' round setup "ckin/s" "p50 ms" "p99 ms" errors
for r in $(seq "$ROUNDS"); do
  for setup in cluster single; do
    if [ $setup = cluster ]; then args=("$CLUSTER_URL" "$CLUSTER_CA" "$CLUSTER_DB"); else args=("$SINGLE_URL" - "$SINGLE_DB"); fi
    ingest=$(load "${args[@]}" 50 10 200)
    lat=$(load "${args[@]}" 200 10 10)
    f() { node -e "process.stdout.write(String(JSON.parse(process.argv[1]).$2))" "$1"; }
    printf '%-6s %-8s %12s %8s %8s %7s\n' "$r" "$setup" "$(f "$ingest" rate)" "$(f "$lat" p50)" "$(f "$lat" p99)" \
      "$(( $(f "$ingest" errors) + $(f "$lat" errors) ))"
  done
done
for i in $(seq "$FAILOVERS"); do
  echo "failover $i: $(node "$ROOT/bench/cluster/failover.mjs")"
done
