#!/usr/bin/env bash
# The demo is a fixture (tests/e2e/demo-walk.test.mjs): from exactly what scripts/run.sh makes
# (scripts/demo.sh), a station enrolls with the printed code, scans a card with the camera,
# downloads and prints the posters, a visitor checks in from a poster's QR, and the ward
# officer finds both check-ins in the report and the XLSX. Screenshots in
# test-output/e2e/demo-walk-*.png. Bounded to 7 minutes (about 1.5 on an idle machine).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
export DQ_SERVER_BIN="${DQ_SERVER_BIN:-$BUILD/server/diemquet-server}"
export DQ_WEB_DIR="${DQ_WEB_DIR:-$ROOT/build/web}"
out="$ROOT/test-output/demo-walk.log"
mkdir -p "$ROOT/test-output/e2e"
if [ ! -x "$DQ_SERVER_BIN" ] || [ ! -f "$DQ_WEB_DIR/index.html" ]; then
  log "missing $DQ_SERVER_BIN or $DQ_WEB_DIR/index.html: build first (scripts/build.sh)"
  record_result 66-demo-walk 0 1
  exit 0
fi
DQ_TEST_OUTPUT="$ROOT/test-output/e2e" timeout 420 node --test --test-concurrency=1 --test-reporter=tap \
  tests/e2e/demo-walk.test.mjs > "$out" 2>&1 || true
grep -E '^not ok|^# (pass|fail|skipped)' "$out" >&2 || true
read -r p f s <<<"$(node_test_counts "$out")"
record_result 66-demo-walk "$p" "$f" "$s"
