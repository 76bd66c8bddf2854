#!/usr/bin/env bash
# The office in Chromium against the real server (tests/e2e/office.test.mjs): login, weekly
# report, XLSX download read back, contact trace, complaint queue; officers managed in the office
# at 360×740 (office-officers.test.mjs); the TP. Hồ Chí Minh province officer on the 2025 map:
# the report at both sizes, its print version, adding a commune officer (office-province.test.mjs);
# citizens' violation reports from the poster and the
# visitor page with a camera photo (report.test.mjs); a venue registering itself, walked to its
# posters, a station scan and the officer's confirmation (self-register.test.mjs); an officer's
# venue list checked, corrected and imported from /office/nhap-co-so (venue-import.test.mjs);
# messages on every office screen following a language switch, exports named in their language,
# undeclared staff said so, an exposure alert audited with the trace's reason (office-messages.test.mjs); a venue's posters
# downloaded at the office, a double tap one PDF with the station's QR codes (office-posters.test.mjs).
# Screenshots in test-output/e2e/.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
out="$ROOT/test-output/office-e2e.log"
mkdir -p "$ROOT/test-output/e2e"
DQ_SERVER_BIN="${DQ_SERVER_BIN:-${DQ_BUILD_DIR:-$ROOT/build/native}/server/diemquet-server}" \
DQ_WEB_DIR="${DQ_WEB_DIR:-$ROOT/build/web}" DQ_TEST_OUTPUT="$ROOT/test-output/e2e" \
  timeout 900 node --test --test-concurrency=1 --test-reporter=tap tests/e2e/office.test.mjs tests/e2e/office-officers.test.mjs \
    tests/e2e/office-province.test.mjs \
    tests/e2e/report.test.mjs tests/e2e/self-register.test.mjs tests/e2e/venue-import.test.mjs \
    tests/e2e/office-messages.test.mjs tests/e2e/office-posters.test.mjs > "$out" 2>&1 || true
grep -E '^not ok|^# (pass|fail|skipped)' "$out" >&2 || true
read -r p f s <<<"$(node_test_counts "$out")"
record_result 61-office-e2e "$p" "$f" "$s"
