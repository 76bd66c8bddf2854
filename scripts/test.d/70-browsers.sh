#!/usr/bin/env bash
# The station and the visitor page in three engines: Chromium, Firefox ESR and WebKitGTK
# (Safari's engine), the same scenarios in each (tests/browsers/). Firefox and WebKit need an
# X display, so the suite runs under xvfb-run. An engine that is missing or cannot start is a
# failure, never a skip. Bounded: 6 minutes in all (node applies --test-timeout to the whole
# file, which runs every engine).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
out="$ROOT/test-output/browsers.log"
mkdir -p "$ROOT/test-output/browsers"
missing=()
for tool in xvfb-run firefox-esr WebKitWebDriver chromium; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[ -x /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser ] || missing+=(MiniBrowser)
[ -d "$ROOT/node_modules/puppeteer-core" ] || missing+=(puppeteer-core)
if [ ${#missing[@]} -gt 0 ]; then
  log "70-browsers: missing ${missing[*]} (scripts/setup.sh installs them)"
  record_result 70-browsers 0 1
  exit 1
fi
DQ_TEST_OUTPUT="$ROOT/test-output/browsers" DQ_SHARED_DIR="${DQ_SHARED_DIR:-$ROOT/../shared}" \
  timeout -k 10 360 xvfb-run -a -s '-screen 0 1280x1024x24' \
  node --test --test-concurrency=1 --test-timeout=330000 --test-reporter=tap \
  tests/browsers/cross-engine.test.mjs > "$out" 2>&1 || true
grep -E '^not ok|^# (pass|fail|skipped)' "$out" >&2 || true
read -r p f s <<<"$(node_test_counts "$out")"
# A suite that failed outside its tests (a hook, a crash) counts as a failure too.
if [ "$f" = 0 ] && { grep -q '^not ok' "$out" || [ "$p" = 0 ]; }; then f=1; fi
record_result 70-browsers "$p" "$f" "$s"
[ "$f" = 0 ]
