#!/usr/bin/env bash
# Venue posters end to end: the real diemquet-server issues the poster PDF, stations bind to a
# scan point from it (pasted link, fake camera on the rendered page), forged links are refused,
# the PDF downloads; the visitor page checks in offline from the poster, and its actions are in
# view on small phones. Bounded to 10 minutes (7 did not suffice on a machine shared by four builds).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
export DQ_SERVER_BIN="${DQ_SERVER_BIN:-$BUILD/server/diemquet-server}"
export DQ_WEB_DIR="${DQ_WEB_DIR:-$ROOT/build/web}"
out="$ROOT/test-output/posters-e2e.log"
mkdir -p "$ROOT/test-output/e2e"
if [ ! -x "$DQ_SERVER_BIN" ] || [ ! -f "$DQ_WEB_DIR/index.html" ]; then
  log "missing $DQ_SERVER_BIN or $DQ_WEB_DIR/index.html: build first (scripts/build.sh)"
  record_result 65-posters 0 1
  exit 0
fi
DQ_TEST_OUTPUT="$ROOT/test-output/e2e" timeout 600 node --test --test-concurrency=1 --test-reporter=tap \
  tests/e2e/posters.test.mjs tests/e2e/visitor.test.mjs tests/e2e/visitor-layout.test.mjs \
  tests/e2e/visitor-first-use.test.mjs > "$out" 2>&1 || true
grep -E '^not ok|^# (pass|fail|skipped)' "$out" >&2 || true
read -r p f s <<<"$(node_test_counts "$out")"
record_result 65-posters "$p" "$f" "$s"
