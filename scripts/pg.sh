#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and benchmarks.
#   scripts/pg.sh start   initdb (first time) + start; prints the connection string
#   scripts/pg.sh url     prints the connection string of the running instance
#   scripts/pg.sh stop    stops it and deletes its data
# Data and unix sockets live in $DQ_PG_DIR (default /tmp/diemquet-pg); it listens on
# 127.0.0.1 on a free port from 18500-18999. Runs as the `postgres` user when started as root
# (initdb refuses root). Safe to run twice: start on a running instance just prints the URL.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DIR="${DQ_PG_DIR:-/tmp/diemquet-pg}"
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$BIN" ] || die "PostgreSQL server binaries not found (apt package postgresql)"

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
running() { [ -f "$DIR/data/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }
url() { cat "$DIR/url"; }

free_port() {
  local p
  for p in $(shuf -i 18500-18999 -n 60); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port in 18500-18999"
}

start() {
  if running; then url; return 0; fi
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  chmod 700 "$DIR"
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    rm -rf "$DIR/data"
    as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  fi
  local port; port=$(free_port)
  # fsync stays on: the tests check what survives a crash, and acks wait for a real commit.
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $DIR -c max_connections=200 -c shared_buffers=128MB" start \
    >/dev/null || { tail -20 "$DIR/server.log" >&2; die "PostgreSQL did not start"; }
  echo "host=$DIR port=$port user=postgres dbname=postgres" > "$DIR/url"
  url
}

stop() {
  if running; then as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running && url || die "not running" ;;
  *) echo "usage: scripts/pg.sh start|url|stop" >&2; exit 2 ;;
esac
