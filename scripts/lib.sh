# Shared helpers for the set-up, build, run and test scripts. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="$ROOT/.deps"
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs node-acorn from here
log() { printf '\033[1m[diemquet]\033[0m %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
jobs_n() { nproc 2>/dev/null || echo 2; }

RESULTS="$ROOT/test-output/results"
# record_result STAGE PASSED FAILED [SKIPPED]: one stage's counts, summed by scripts/test.sh.
record_result() {
  mkdir -p "$RESULTS"
  echo "$2 $3 ${4:-0}" > "$RESULTS/$1"
  log "stage $1: $2 passed, $3 failed, ${4:-0} skipped"
}
# ctest_counts LOGFILE: "passed failed" from ctest's closing line.
ctest_counts() {
  local line total failed
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -1)
  if [ -z "$line" ]; then echo "0 1"; return; fi
  failed=$(sed -E 's/.* ([0-9]+) tests? failed.*/\1/' <<<"$line")
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  echo "$((total - failed)) $failed"
}
# node_test_counts LOGFILE: "passed failed skipped" from node --test's summary.
node_test_counts() {
  local p f s c
  p=$(grep -E '^# pass [0-9]+' "$1" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' "$1" | tail -1 | awk '{print $3}')
  s=$(grep -E '^# skipped [0-9]+' "$1" | tail -1 | awk '{print $3}')
  # A cancelled test (its suite's before hook failed, or it outlived its parent) did not pass:
  # it counts as failed, so a suite that never ran cannot leave a stage green.
  c=$(grep -E '^# cancelled [0-9]+' "$1" | tail -1 | awk '{print $3}')
  node_test_failures "$1"
  echo "${p:-0} $(( ${f:-1} + ${c:-0} )) ${s:-0}"
}
# node_test_failures LOGFILE: every failed test (nested ones too) with its error and location,
# on stderr, so a CI log names the test and the cause without the log file.
node_test_failures() {
  grep -q -E '^ *not ok ' "$1" || return 0
  log "failed tests in $(basename "$1"):"
  awk '/^ *not ok /{show=1; n=0; print; next}
       show && /^ *(ok|not ok) /{show=0}
       show && n < 30 && /(error|code|failureType|location|expected|actual|operator|message|stack):|^ +[^ ]/{print; n++}' \
    "$1" | grep -v -E '^ *# Subtest' | head -150 >&2 || true
}
