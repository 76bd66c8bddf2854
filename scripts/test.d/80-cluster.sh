#!/usr/bin/env bash
# The production topology under faults (scripts/cluster.sh: etcd, PostgreSQL 15 x2 under
# Patroni with synchronous replication, HAProxy, three servers behind nginx with TLS), all on
# loopback: the primary killed mid-upload, a server killed, a rolling restart
# (tests/cluster/), then monthly partitions and backup/restore against the cluster's database
# (tests/server/partitions.test.mjs, restore.test.mjs). Skipped, and counted as skipped, only
# when a Debian package it needs is missing and cannot be installed.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
out="$ROOT/test-output/cluster.log"
mkdir -p "$(dirname "$out")"
export DQ_SERVER_BIN="$BUILD/server/diemquet-server"
export DQ_CLUSTER_DIR="${DQ_CLUSTER_DIR:-/tmp/dq-cluster-stage80}"
CLUSTER="$ROOT/scripts/cluster.sh"

missing=()
for pair in etcd:etcd-server patroni:patroni haproxy:haproxy nginx:nginx; do
  command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || true
  missing=()
  for pair in etcd:etcd-server patroni:patroni haproxy:haproxy nginx:nginx; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  [ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "SKIPPED: the cluster needs Debian packages that cannot be installed here: ${missing[*]}"
  record_result 80-cluster 0 0 4
  exit 0
fi

trap 'bash "$CLUSTER" stop >/dev/null 2>&1 || true' EXIT
bash "$CLUSTER" stop >/dev/null 2>&1 || true
(
  if ! timeout 240 bash "$CLUSTER" start; then
    echo "not ok - the cluster did not start"
    # The directory is deleted on exit: keep its logs' ends where CI shows them.
    for f in "$DQ_CLUSTER_DIR"/server*.log "$DQ_CLUSTER_DIR"/pg*/patroni.log "$DQ_CLUSTER_DIR"/haproxy/*.log; do
      [ -f "$f" ] && { echo "# --- $f"; tail -n 15 "$f" | sed 's/^/# /'; }
    done
    exit 1
  fi
  eval "$(bash "$CLUSTER" env)"
  export CLUSTER_URL CLUSTER_CA CLUSTER_DB CLUSTER_DIR HAPROXY_PORT PATRONI1_PORT PATRONI2_PORT
  # The partition and restore suites take a libpq base string and add dbname themselves.
  export DQ_PG_URL="host=127.0.0.1 port=$HAPROXY_PORT user=postgres"
  cd "$ROOT" && timeout 600 node --test --test-concurrency=1 --test-reporter=tap \
    tests/cluster/cluster.test.mjs tests/server/partitions.test.mjs tests/server/restore.test.mjs
) > "$out" 2>&1 || true
grep -E '^# (cluster|restore|connection)' "$out" >&2 || true
if grep -q '^not ok - the cluster did not start' "$out"; then cat "$out" >&2; else tail -n 9 "$out" >&2; fi
read -r p f s <<<"$(node_test_counts "$out")"
record_result 80-cluster "$p" "$f" "$s"
