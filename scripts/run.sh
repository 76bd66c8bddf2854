#!/usr/bin/env bash
# Sets up, builds, and runs DiemQuet locally: the C++ server on 127.0.0.1:${DQ_PORT:-8080}
# serving the PWA (build/web) and the sync API, with an SQLite database under .run/.
# The demo data comes from scripts/demo.sh (venue "Chợ Bến Thành" in Phường Bến Thành, two scan
# points, a ward officer); every run prints a new enrollment code and officer password. Safe to run twice: the database is reused, and a server this
# script started earlier is stopped first. Runs in the foreground until Ctrl-C.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
PORT="${DQ_PORT:-8080}"
DATA="${DQ_DATA_DIR:-$ROOT/.run}"
BIN="$ROOT/build/native/server/diemquet-server"
WEB="$ROOT/build/web"

bash scripts/setup.sh
bash scripts/build.sh
[ -x "$BIN" ] || die "the server was not built ($BIN)"
[ -f "$WEB/index.html" ] || die "the web shell was not assembled ($WEB)"

mkdir -p "$DATA"
[ -f "$DATA/.gitignore" ] || echo '*' > "$DATA/.gitignore"   # data, never committed
DB="sqlite:$DATA/diemquet.db"
PIDFILE="$DATA/server.pid"

# A server left running by an earlier run of this script: stop it (by its recorded pid only).
if [ -f "$PIDFILE" ]; then
  old=$(cat "$PIDFILE")
  if [ -n "$old" ] && kill -0 "$old" 2>/dev/null && grep -q diemquet-server "/proc/$old/cmdline" 2>/dev/null; then
    log "stopping the server from an earlier run (pid $old)"
    kill "$old" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$old" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$PIDFILE"
fi
# Anything else on the port is not ours to stop: say so.
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  die "port $PORT is in use by another program; stop it or run with DQ_PORT=8081 bash scripts/run.sh"
fi

log "preparing the demo venue, an enrollment code and the office login (scripts/demo.sh)"
demo=$(bash scripts/demo.sh "$BIN" "$DB") || die "creating the demo data failed"
CODE=$(sed -n 's/^enrollment-code //p' <<<"$demo")
read -r OFFICER PASSWORD < <(sed -n 's/^officer //p' <<<"$demo")

cat <<MSG

  DiemQuet is running.
    Station (staff):   http://127.0.0.1:$PORT/
      Enrollment code: $CODE   (Cài đặt → Mã đăng ký → Kết nối máy chủ; one use, 72 h)
      Posters:         after enrolling, Cài đặt → Tải áp phích (PDF), or in the office: Cơ sở → Áp phích của cơ sở;
                       each poster's QR opens the visitor page
    Office (officers): http://127.0.0.1:$PORT/office
      Login:           $OFFICER / $PASSWORD   (ward officer of Phường Bến Thành, code 26743)
    Demo venue:        Chợ Bến Thành (cho-ben-thanh), scan points cong-chinh, cong-pct
    Database:          $DATA/diemquet.db
  Stop with Ctrl-C. Running this again reuses the database and prints a new code and password.

MSG
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --static "$WEB" &
pid=$!
echo "$pid" > "$PIDFILE"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null; rm -f "$PIDFILE"; exit 0' INT TERM
wait "$pid"
rm -f "$PIDFILE"
