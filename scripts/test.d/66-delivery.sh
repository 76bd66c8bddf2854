#!/usr/bin/env bash
# How the real diemquet-server delivers the shell (tests/e2e/delivery.test.mjs): Brotli and
# gzip by Accept-Encoding, byte-identical once decoded, Content-Type, Vary, immutable caching
# of content-hashed names and ETag revalidation of the pages, the WASM compiled while it
# streams, and a visitor's first visit fetching none of the station's or office's files.
# tests/e2e/csp.test.mjs: the three faces start under the server's Content-Security-Policy
# with no violation reported (about 15 s: one fresh phone per face).
# tests/e2e/startup.test.mjs: a station with 100,000 journal records starts offline (the
# records written straight into IndexedDB; about 30 s).
# tests/e2e/fonts.test.mjs: the font atlas baked in a worker draws the same pixels as one built
# by the page, is kept for the next start, and a change of pixel ratio keeps the letters (~40 s).
# Bounded to 7 minutes (3 on a quiet machine; a loaded one took 4.5).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
export DQ_SERVER_BIN="${DQ_SERVER_BIN:-$BUILD/server/diemquet-server}"
export DQ_WEB_DIR="${DQ_WEB_DIR:-$ROOT/build/web}"
out="$ROOT/test-output/delivery-e2e.log"
mkdir -p "$ROOT/test-output/e2e"
if [ ! -x "$DQ_SERVER_BIN" ] || [ ! -f "$DQ_WEB_DIR/index.html" ]; then
  log "missing $DQ_SERVER_BIN or $DQ_WEB_DIR/index.html: build first (scripts/build.sh)"
  record_result 66-delivery 0 1
  exit 0
fi
DQ_TEST_OUTPUT="$ROOT/test-output/e2e" timeout 420 node --test --test-concurrency=1 --test-reporter=tap \
  tests/e2e/delivery.test.mjs tests/e2e/csp.test.mjs tests/e2e/startup.test.mjs tests/e2e/fonts.test.mjs > "$out" 2>&1 || true
grep -E '^not ok|^# (pass|fail|skipped)' "$out" >&2 || true
read -r p f s <<<"$(node_test_counts "$out")"
record_result 66-delivery "$p" "$f" "$s"
