#!/usr/bin/env bash
# Sets up, builds, and runs DiemQuet locally: the C++ server on 127.0.0.1:${DQ_PORT:-8080}
# serving the PWA (build/web) and the sync API, with an SQLite database under .run/.
# The first run creates a demo venue ("Chợ Bến Thành", two scan points); every run prints an
# enrollment code for a station. Safe to run twice: the database is reused, and a server this
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

# The administrative map (every province, district and commune, 2021 structure with the
# statistics office's codes: the demo venue's Phường Bến Thành is 26743), from the pinned npm
# package; importing it again on every run changes nothing. The 2025 two-level map is
# `node tools/areas/normalize.mjs vn-2025` (see server/areas/README.md).
"$BIN" migrate --db "$DB" >/dev/null
node tools/areas/normalize.mjs vn-2021 > "$DATA/areas-vn-2021.json"
"$BIN" admin import-areas --db "$DB" --file "$DATA/areas-vn-2021.json" >/dev/null

if [ ! -f "$DATA/demo-venue" ]; then
  log "first run: creating the demo venue"
  "$BIN" admin create-venue --db "$DB" --id cho-ben-thanh --name "Chợ Bến Thành" \
    --address "Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh" --category market >/dev/null
  "$BIN" admin add-scan-point --db "$DB" --venue cho-ben-thanh --id cong-chinh --name "Cổng chính" >/dev/null
  "$BIN" admin add-scan-point --db "$DB" --venue cho-ben-thanh --id cong-phan-chu-trinh --name "Cổng Phan Chu Trinh" >/dev/null
  touch "$DATA/demo-venue"
fi
CODE=$("$BIN" admin issue-code --db "$DB" --venue cho-ben-thanh | head -1)

cat <<MSG

  DiemQuet is running.
    Open:              http://127.0.0.1:$PORT/        (the station; /v visitor, /office office)
    Enrollment code:   $CODE   (Cài đặt → Mã đăng ký → Kết nối máy chủ; one use, 72 h)
    Database:          $DATA/diemquet.db
  Stop with Ctrl-C. Running this again reuses the database and prints a new code.

MSG
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --static "$WEB" &
pid=$!
echo "$pid" > "$PIDFILE"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null; rm -f "$PIDFILE"; exit 0' INT TERM
wait "$pid"
rm -f "$PIDFILE"
