#!/usr/bin/env bash
# End-to-end tests of the station in Debian's Chromium (playwright-core): the foundation and
# scanning suites (other suites have their own stages).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
out="$ROOT/test-output/e2e.log"
mkdir -p "$ROOT/test-output/e2e"
DQ_TEST_OUTPUT="$ROOT/test-output/e2e" timeout 1200 node --test --test-concurrency=1 --test-reporter=tap \
  tests/e2e/station.test.mjs tests/e2e/scan.test.mjs tests/e2e/station-layout.test.mjs \
  tests/e2e/station-messages.test.mjs > "$out" 2>&1 || true
grep -E '^not ok|^# (pass|fail|skipped)' "$out" >&2 || true
read -r p f s <<<"$(node_test_counts "$out")"
record_result 50-e2e "$p" "$f" "$s"
