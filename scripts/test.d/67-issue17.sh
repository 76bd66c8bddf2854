#!/usr/bin/env bash
# Issue #17 end to end in Chromium against the real server: exposure alerts matched on the
# visitor's phone (two visitors, an officer publishing from a trace, offline, forged list,
# withdrawal); one presence across a venue's two gates (online and offline); the kiosk station.
# Bounded to 6 minutes.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
export DQ_SERVER_BIN="${DQ_SERVER_BIN:-$BUILD/server/diemquet-server}"
export DQ_WEB_DIR="${DQ_WEB_DIR:-$ROOT/build/web}"
out="$ROOT/test-output/issue17-e2e.log"
mkdir -p "$ROOT/test-output/e2e"
if [ ! -x "$DQ_SERVER_BIN" ] || [ ! -f "$DQ_WEB_DIR/visitor.html" ]; then
  log "missing $DQ_SERVER_BIN or $DQ_WEB_DIR/visitor.html: build first (scripts/build.sh)"
  record_result 67-issue17 0 1
  exit 0
fi
DQ_TEST_OUTPUT="$ROOT/test-output/e2e" timeout 360 node --test --test-concurrency=1 --test-reporter=tap \
  tests/e2e/exposures.test.mjs tests/e2e/gates.test.mjs tests/e2e/kiosk.test.mjs > "$out" 2>&1 || true
grep -E '^not ok|^# (pass|fail|skipped)' "$out" >&2 || true
read -r p f s <<<"$(node_test_counts "$out")"
record_result 67-issue17 "$p" "$f" "$s"
