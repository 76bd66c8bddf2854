#!/usr/bin/env bash
# The production topology on one machine, on loopback, from Debian's packages:
#   etcd  ->  two PostgreSQL 15 under Patroni (synchronous replication: a commit returns only
#             once the standby has it)  ->  HAProxy (writes to whichever one Patroni's REST API
#             says is the primary)  ->  three diemquet-server processes  ->  nginx (TLS with a
#             test certificate made here, load balancing, upload retries on another server).
#
#   scripts/cluster.sh start            starts everything (safe to run twice: prints status)
#   scripts/cluster.sh status           one line per part; exit 1 if a part is down
#   scripts/cluster.sh env              the ports and URLs as shell assignments (for tests)
#   scripts/cluster.sh stop             stops everything it started and deletes the directory
#   scripts/cluster.sh server-start N   (re)starts server N (1-3); server-stop N [SIGNAL]
#
# Everything lives in $DQ_CLUSTER_DIR (default /tmp/dq-cluster); ports are picked free in
# 19000-19999 at the first start. Processes are stopped by their recorded pids only.
# PostgreSQL trusts loopback connections here: a test cluster, not a deployment (see
# docs/deploy.md for the real one).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DIR="${DQ_CLUSTER_DIR:-/tmp/dq-cluster}"
BIN="${DQ_SERVER_BIN:-$ROOT/build/native/server/diemquet-server}"
PGBIN=/usr/lib/postgresql/15/bin
SERVERS=3

need() {
  local missing=()
  command -v etcd >/dev/null || missing+=(etcd-server)
  command -v patroni >/dev/null || missing+=(patroni)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v nginx >/dev/null || missing+=(nginx)
  command -v openssl >/dev/null || missing+=(openssl)
  [ -x "$PGBIN/postgres" ] || missing+=(postgresql-15)
  if [ ${#missing[@]} -gt 0 ]; then
    log "missing Debian packages: ${missing[*]} (apt-get install them; scripts/apt-packages.txt lists them)"
    return 1
  fi
}

free_port() {
  local p
  for p in $(shuf -i 19000-19999 -n 200); do
    grep -qx "$p" "$DIR/.taken" 2>/dev/null && continue
    if ! (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null; then echo "$p" >> "$DIR/.taken"; echo "$p"; return 0; fi
  done
  die "no free port in 19000-19999"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
# Stops the process whose pid is in file $1 (SIGTERM, then SIGKILL after $2 seconds).
stop_pid() {
  local f=$1 wait=${2:-10} pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq $((wait * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local secs=$1 what=$2; shift 2
  for _ in $(seq $((secs * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  die "timed out waiting for $what (logs in $DIR)"
}

write_ports() {
  mkdir -p "$DIR"
  : > "$DIR/.taken"
  {
    echo "ETCD_PORT=$(free_port)"; echo "ETCD_PEER_PORT=$(free_port)"
    echo "PG1_PORT=$(free_port)"; echo "PG2_PORT=$(free_port)"
    echo "PATRONI1_PORT=$(free_port)"; echo "PATRONI2_PORT=$(free_port)"
    echo "HAPROXY_PORT=$(free_port)"; echo "HAPROXY_STATS_PORT=$(free_port)"
    for i in $(seq $SERVERS); do echo "SERVER${i}_PORT=$(free_port)"; done
    echo "NGINX_PORT=$(free_port)"
  } > "$DIR/ports.env"
}

env_out() {
  # shellcheck disable=SC1091
  source "$DIR/ports.env"
  cat "$DIR/ports.env"
  echo "CLUSTER_DIR=$DIR"
  echo "CLUSTER_URL=https://127.0.0.1:$NGINX_PORT"
  echo "CLUSTER_CA=$DIR/tls/cert.pem"
  echo "CLUSTER_DB='postgres:host=127.0.0.1 port=$HAPROXY_PORT dbname=diemquet user=postgres connect_timeout=3'"
  echo "CLUSTER_PG1='host=127.0.0.1 port=$PG1_PORT dbname=diemquet user=postgres'"
  echo "CLUSTER_PG2='host=127.0.0.1 port=$PG2_PORT dbname=diemquet user=postgres'"
}

patroni_config() {  # patroni_config N PGPORT RESTPORT
  local n=$1 pgport=$2 rest=$3
  cat > "$DIR/pg$n/patroni.yml" <<EOF
scope: diemquet
namespace: /dq/
name: pg$n
log:
  level: WARNING
  dir: $DIR/pg$n
restapi:
  listen: 127.0.0.1:$rest
  connect_address: 127.0.0.1:$rest
etcd3:
  host: 127.0.0.1:$ETCD_PORT
bootstrap:
  dcs:
    # Short timings for a loopback test: a lost primary is replaced within seconds.
    ttl: 10
    loop_wait: 1
    retry_timeout: 3
    # A crashed primary is not restarted in place: the synchronous standby takes over at once.
    primary_start_timeout: 0
    # An acknowledged commit is on both instances (Patroni keeps synchronous_standby_names).
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_wal_senders: 5
        max_replication_slots: 5
        max_connections: 200
        synchronous_commit: "on"
        archive_mode: "on"
        archive_command: "test ! -f $DIR/wal-archive/%f && cp %p $DIR/wal-archive/%f"
  initdb:
  - encoding: UTF8
  - locale: C.UTF-8
  pg_hba:
  - local all all trust
  - host replication replicator 127.0.0.1/32 trust
  - host all all 127.0.0.1/32 trust
postgresql:
  listen: 127.0.0.1:$pgport
  connect_address: 127.0.0.1:$pgport
  data_dir: $DIR/pg$n/data
  bin_dir: $PGBIN
  pgpass: $DIR/pg$n/pgpass
  authentication:
    replication: {username: replicator, password: replicator}
    superuser: {username: postgres, password: postgres}
    rewind: {username: postgres, password: postgres}
  parameters:
    unix_socket_directories: $DIR/pg$n
    shared_buffers: 64MB
EOF
}

start_patroni() {  # start_patroni N
  local n=$1
  alive "$DIR/pg$n/patroni.pid" && return 0
  as_pg bash -c "nohup patroni '$DIR/pg$n/patroni.yml' >>'$DIR/pg$n/patroni.out' 2>&1 & echo \$! > '$DIR/pg$n/patroni.pid'"
}

# 0 when Patroni on REST port $1 says its PostgreSQL is the primary / a running replica.
is_primary() { curl -sf -o /dev/null "http://127.0.0.1:$1/primary"; }
is_sync_standby() { curl -sf -o /dev/null "http://127.0.0.1:$1/sync"; }
# HAProxy starts with every server UP and marks one down only after its checks fail: until
# then a connection can reach the standby, where a database just created may not be replayed
# yet (the first server then exits with "database does not exist"). Settled = the primary UP
# and the standby DOWN, from HAProxy's own stats.
haproxy_settled() {
  local csv
  csv=$(curl -sf "http://127.0.0.1:$HAPROXY_STATS_PORT/;csv") || return 1
  [ "$(echo "$csv" | awk -F, '$1 == "primary" && $2 ~ /^pg/ && $18 == "UP"' | wc -l)" = 1 ] &&
    [ "$(echo "$csv" | awk -F, '$1 == "primary" && $2 ~ /^pg/ && $18 == "DOWN"' | wc -l)" = 1 ]
}
pg_through_haproxy() { "$PGBIN/psql" -h 127.0.0.1 -p "$HAPROXY_PORT" -U postgres -d "${1:-postgres}" -Atqc "SELECT NOT pg_is_in_recovery()" | grep -qx t; }

create_database() {
  local q=(-h 127.0.0.1 -p "$HAPROXY_PORT" -U postgres -Atq)
  [ "$("$PGBIN/psql" "${q[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'diemquet'")" = 1 ] && return 0
  "$PGBIN/psql" "${q[@]}" -c "CREATE DATABASE diemquet"
}

server_cmd() {  # server_cmd N: the command line of server N
  local n=$1 port_var="SERVER${1}_PORT"
  echo "$BIN serve --db 'postgres:host=127.0.0.1 port=$HAPROXY_PORT dbname=diemquet user=postgres connect_timeout=3' --listen 127.0.0.1:${!port_var} --workers 8 --log-format json${DQ_CLUSTER_STATIC:+ --static $DQ_CLUSTER_STATIC}"
}

server_start() {
  local n=$1 port_var="SERVER${1}_PORT"
  alive "$DIR/server$n.pid" && return 0
  bash -c "nohup $(server_cmd "$n") >>'$DIR/server$n.log' 2>&1 & echo \$! > '$DIR/server$n.pid'"
  # Up to 90 s: the first server creates the schema through HAProxy, and on a loaded 2-core
  # machine (a build beside the tests) that once took more than 30 s.
  wait_for 90 "server $n" curl -sf "http://127.0.0.1:${!port_var}/health/ready"
}

server_stop() { stop_pid "$DIR/server$1.pid" 10; }

nginx_config() {
  mkdir -p "$DIR/nginx/tmp"
  {
    cat <<EOF
worker_processes 1;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/error.log warn;
user root;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $DIR/nginx/tmp/body;
  proxy_temp_path $DIR/nginx/tmp/proxy;
  fastcgi_temp_path $DIR/nginx/tmp/fastcgi;
  uwsgi_temp_path $DIR/nginx/tmp/uwsgi;
  scgi_temp_path $DIR/nginx/tmp/scgi;
  upstream diemquet {
EOF
    for i in $(seq $SERVERS); do
      local port_var="SERVER${i}_PORT"
      echo "    server 127.0.0.1:${!port_var} max_fails=1 fail_timeout=2s;"
    done
    cat <<EOF
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $DIR/tls/cert.pem;
    ssl_certificate_key $DIR/tls/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    client_max_body_size 4m;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$host;
    proxy_read_timeout 60s;
    proxy_connect_timeout 2s;
    # Uploads are idempotent (a check-in is keyed by device and seq; a resend is answered
    # "already stored"), so nginx may send one to another server when the first one dies
    # mid-request. Enrolment consumes a code: it is never resent. A 503 (the database is
    # unavailable, the same for every server) goes to the station as it is, Retry-After and all.
    location = /api/v1/checkins {
      proxy_pass http://diemquet;
      proxy_next_upstream error timeout http_502 non_idempotent;
      proxy_next_upstream_tries 3;
    }
    # Operators' endpoints stay on the servers' own ports.
    location = /metrics { return 404; }
    location / {
      proxy_pass http://diemquet;
      proxy_next_upstream error timeout;
    }
  }
}
EOF
  } > "$DIR/nginx/nginx.conf"
}

start() {
  need || exit 3
  [ -x "$BIN" ] || die "the server is not built ($BIN): bash scripts/build.sh"
  if [ -f "$DIR/ports.env" ] && status >/dev/null 2>&1; then
    log "the cluster in $DIR is already running"
    status
    return 0
  fi
  [ -f "$DIR/ports.env" ] && { log "a part is down: stopping what is left and starting afresh"; stop; }
  write_ports
  # shellcheck disable=SC1091
  source "$DIR/ports.env"
  mkdir -p "$DIR/etcd" "$DIR/pg1" "$DIR/pg2" "$DIR/wal-archive" "$DIR/tls"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR/pg1" "$DIR/pg2" "$DIR/wal-archive"
  chmod 700 "$DIR/pg1" "$DIR/pg2"

  log "etcd on 127.0.0.1:$ETCD_PORT"
  nohup etcd --name dq --data-dir "$DIR/etcd/data" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "dq=http://127.0.0.1:$ETCD_PEER_PORT" --log-level warn >"$DIR/etcd/etcd.log" 2>&1 &
  echo $! > "$DIR/etcd/etcd.pid"
  wait_for 30 etcd curl -sf "http://127.0.0.1:$ETCD_PORT/health"

  log "PostgreSQL 15 under Patroni on $PG1_PORT and $PG2_PORT (synchronous replication)"
  patroni_config 1 "$PG1_PORT" "$PATRONI1_PORT"
  patroni_config 2 "$PG2_PORT" "$PATRONI2_PORT"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR/pg1/patroni.yml" "$DIR/pg2/patroni.yml"
  start_patroni 1
  wait_for 90 "the first primary" is_primary "$PATRONI1_PORT"
  start_patroni 2
  wait_for 120 "the synchronous standby" is_sync_standby "$PATRONI2_PORT"

  log "HAProxy on $HAPROXY_PORT (to the primary, by Patroni's /primary)"
  mkdir -p "$DIR/haproxy"
  cat > "$DIR/haproxy/haproxy.cfg" <<EOF
global
  maxconn 2000
defaults
  mode tcp
  retries 2
  timeout connect 2s
  timeout client 30m
  timeout server 30m
  timeout check 2s
listen primary
  bind 127.0.0.1:$HAPROXY_PORT
  option httpchk GET /primary
  http-check expect status 200
  default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
  server pg1 127.0.0.1:$PG1_PORT maxconn 500 check port $PATRONI1_PORT
  server pg2 127.0.0.1:$PG2_PORT maxconn 500 check port $PATRONI2_PORT
listen stats
  mode http
  bind 127.0.0.1:$HAPROXY_STATS_PORT
  stats enable
  stats uri /
EOF
  haproxy -f "$DIR/haproxy/haproxy.cfg" -D -p "$DIR/haproxy/haproxy.pid" >"$DIR/haproxy/haproxy.log" 2>&1
  wait_for 30 "HAProxy's checks to find the primary" haproxy_settled
  wait_for 30 "HAProxy to the primary" pg_through_haproxy
  # A primary just promoted can still refuse writes for a moment ("read-only transaction"):
  # retry until the database exists.
  wait_for 60 "the diemquet database on the primary" create_database

  log "diemquet-server x$SERVERS"
  server_start 1  # the first one migrates; the others find the schema done
  for i in $(seq 2 $SERVERS); do server_start "$i"; done

  log "nginx on https://127.0.0.1:$NGINX_PORT (test certificate)"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$DIR/tls/key.pem" -out "$DIR/tls/cert.pem" >/dev/null 2>&1
  nginx_config
  nginx -e "$DIR/nginx/error.log" -c "$DIR/nginx/nginx.conf"
  wait_for 30 nginx curl -sf --cacert "$DIR/tls/cert.pem" "https://127.0.0.1:$NGINX_PORT/health/ready"
  status
}

status() {
  [ -f "$DIR/ports.env" ] || { echo "not running ($DIR)"; return 1; }
  # shellcheck disable=SC1091
  source "$DIR/ports.env"
  local bad=0 role
  line() { printf '%-10s %-6s %s\n' "$1" "$2" "$3"; [ "$2" = up ] || bad=1; }
  alive "$DIR/etcd/etcd.pid" && line etcd up "127.0.0.1:$ETCD_PORT" || line etcd down ""
  for n in 1 2; do
    local rest_var="PATRONI${n}_PORT" pg_var="PG${n}_PORT"
    role=$(curl -sf "http://127.0.0.1:${!rest_var}/patroni" | grep -o '"role": *"[a-z_]*"' | grep -o '[a-z_]*"$' | tr -d '"')
    [ -n "$role" ] && line "pg$n" up "127.0.0.1:${!pg_var} $role" || line "pg$n" down "127.0.0.1:${!pg_var}"
  done
  alive "$DIR/haproxy/haproxy.pid" && line haproxy up "127.0.0.1:$HAPROXY_PORT" || line haproxy down ""
  for i in $(seq $SERVERS); do
    local port_var="SERVER${i}_PORT"
    curl -sf -o /dev/null "http://127.0.0.1:${!port_var}/health/ready" && line "server$i" up "127.0.0.1:${!port_var}" \
      || line "server$i" down "127.0.0.1:${!port_var}"
  done
  alive "$DIR/nginx/nginx.pid" && line nginx up "https://127.0.0.1:$NGINX_PORT" || line nginx down ""
  return $bad
}

stop() {
  [ -d "$DIR" ] || { log "nothing to stop ($DIR)"; return 0; }
  stop_pid "$DIR/nginx/nginx.pid" 5
  for i in $(seq $SERVERS); do server_stop "$i"; done
  stop_pid "$DIR/haproxy/haproxy.pid" 5
  for n in 1 2; do
    stop_pid "$DIR/pg$n/patroni.pid" 30  # Patroni stops its PostgreSQL
    # A PostgreSQL left behind (Patroni killed hard): its own pid file.
    if [ -f "$DIR/pg$n/data/postmaster.pid" ]; then
      pid=$(head -1 "$DIR/pg$n/data/postmaster.pid")
      if [ -n "$pid" ] && grep -q postgres "/proc/$pid/cmdline" 2>/dev/null; then
        kill -INT "$pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
      fi
    fi
  done
  stop_pid "$DIR/etcd/etcd.pid" 5
  rm -rf "$DIR"
  log "stopped; $DIR removed"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) [ -f "$DIR/ports.env" ] || die "not running"; env_out ;;
  server-start) source "$DIR/ports.env"; server_start "${2:?server number}" ;;
  server-stop) source "$DIR/ports.env"; if [ -n "${3:-}" ]; then kill -"$3" "$(cat "$DIR/server$2.pid")"; rm -f "$DIR/server$2.pid"; else server_stop "${2:?server number}"; fi ;;
  *) echo "usage: scripts/cluster.sh start|stop|status|env|server-start N|server-stop N [SIGNAL]" >&2; exit 2 ;;
esac
