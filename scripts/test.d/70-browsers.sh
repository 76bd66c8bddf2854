#!/usr/bin/env bash
# The station and the visitor page in three engines: Chromium, Firefox ESR and WebKitGTK
# (Safari's engine), the same scenarios in each (tests/browsers/). Firefox and WebKit need an
# X display, so the suite runs under xvfb-run. An engine that is missing or cannot start is a
# failure, never a skip. Each engine runs in its own process with its own bound (3 minutes;
# node applies --test-timeout to the whole file), so one engine that hangs cannot cancel the
# others; a failure's message is printed here, not only in the log.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
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
run_engine() {  # engine log -> "passed failed skipped"
  DQ_ENGINES=$1 DQ_TEST_OUTPUT="$ROOT/test-output/browsers" \
    DQ_SHARED_DIR="${DQ_SHARED_DIR:-$ROOT/../shared}" \
    timeout -k 10 200 xvfb-run -a -s '-screen 0 1280x1024x24' \
    node --test --test-concurrency=1 --test-timeout=180000 --test-reporter=tap \
    tests/browsers/cross-engine.test.mjs > "$2" 2>&1 || true
  local p f s
  read -r p f s <<<"$(node_test_counts "$2")"
  # A suite that failed outside its tests (a hook, a crash, the time bound) counts as a failure.
  if [ "$f" = 0 ] && { grep -q '^not ok' "$2" || [ "$p" = 0 ]; }; then f=1; fi
  echo "$p $f $s"
}
total_p=0 total_f=0 total_s=0
for engine in ${DQ_STAGE70_ENGINES:-chromium firefox webkit}; do  # DQ_STAGE70_ENGINES: one engine, by hand
  out="$ROOT/test-output/browsers-$engine.log"
  start=$(date +%s)
  read -r p f s <<<"$(run_engine "$engine" "$out")"
  # The browser itself went away: WebKitGTK's MiniBrowser now and then dies under xvfb, after
  # which its WebDriver answers "invalid session id" to everything, or stops answering at all
  # (seen in CI in the camera test, 1 run in ~10; never reproduced here in 60 runs). That is
  # the engine's harness, not the page, so the engine runs once more in a fresh browser and its
  # second run counts; the first one's failures are printed below. A page that fails to start,
  # a wrong answer or a timeout of our own is never re-run.
  if [ "$f" != 0 ] && grep -qE "invalid session id|got no answer in" "$out"; then
    log "70-browsers: $engine: the browser died ($p passed, $f failed); its first failures:"
    grep -n -E '^ *not ok|^ *(error): ' "$out" | head -12 >&2 || true
    mv "$out" "${out%.log}-browser-died.log"
    log "70-browsers: $engine: running again in a fresh browser"
    read -r p f s <<<"$(run_engine "$engine" "$out")"
  fi
  log "70-browsers: $engine: $p passed, $f failed ($(( $(date +%s) - start ))s)"
  if [ "$f" != 0 ]; then
    # The first failures with their error, so a CI log says why (the full log is $out).
    grep -n -E '^ *not ok|^ *(error|code|failureType|stack): ' "$out" | head -40 >&2 || true
    tail -15 "$out" >&2
  fi
  total_p=$((total_p + p)) total_f=$((total_f + f)) total_s=$((total_s + s))
done
record_result 70-browsers "$total_p" "$total_f" "$total_s"
[ "$total_f" = 0 ]
