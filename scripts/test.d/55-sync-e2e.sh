#!/usr/bin/env bash
# Station ↔ server sync end to end: the built PWA in Chromium against the real diemquet-server
# (SQLite in a temp dir, the shell served with --static). Prints the 10,000-upload time.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
export DQ_SERVER_BIN="${DQ_SERVER_BIN:-$BUILD/server/diemquet-server}"
export DQ_WEB_DIR="${DQ_WEB_DIR:-$ROOT/build/web}"
out="$ROOT/test-output/sync-e2e.log"
mkdir -p "$ROOT/test-output/e2e"
if [ ! -x "$DQ_SERVER_BIN" ] || [ ! -f "$DQ_WEB_DIR/index.html" ]; then
  log "missing $DQ_SERVER_BIN or $DQ_WEB_DIR/index.html: build first (scripts/build.sh)"
  record_result 55-sync-e2e 0 1
  exit 0
fi
DQ_SYNC_E2E=1 DQ_TEST_OUTPUT="$ROOT/test-output/e2e" timeout 900 node --test --test-concurrency=1 \
  --test-reporter=tap tests/e2e/sync.test.mjs tests/e2e/retention.test.mjs > "$out" 2>&1 || true
grep -E '^not ok|^# (pass|fail|skipped)|sync: [0-9]+ check-ins uploaded|retention: [0-9]+ check-ins purged' "$out" >&2 || true
read -r p f s <<<"$(node_test_counts "$out")"
record_result 55-sync-e2e "$p" "$f" "$s"
