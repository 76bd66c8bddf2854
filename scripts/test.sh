#!/usr/bin/env bash
# Sets up, builds and runs every test stage (scripts/test.d/*.sh, in order), then prints one
# summary line over all stages. Exit status is non-zero if any test failed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
for stage in "$ROOT"/scripts/test.d/*.sh; do
  name=$(basename "$stage" .sh)
  log "=== stage $name"
  start=$(date +%s)
  # Each stage's temporary files (browser profiles, fake camera videos, databases) go to its
  # own directory, removed when the stage ends: a full run used to leave about 1 GB in /tmp,
  # and a test machine whose disk fills fails in ways that look like the product's.
  stage_tmp=$(mktemp -d "${TMPDIR:-/tmp}/dq-stage-$name-XXXXXX")
  if ! TMPDIR="$stage_tmp" bash "$stage"; then
    [ -f "$RESULTS/$name" ] || record_result "$name" 0 1
  fi
  rm -rf "$stage_tmp"
  [ -f "$RESULTS/$name" ] || record_result "$name" 0 1
  log "stage $name took $(( $(date +%s) - start ))s"
done
passed=0 failed=0 skipped=0
for f in "$RESULTS"/*; do
  read -r p fl s < "$f"
  passed=$((passed + p)); failed=$((failed + fl)); skipped=$((skipped + s))
  printf '  %-28s %5d passed %5d failed %5d skipped\n' "$(basename "$f")" "$p" "$fl" "$s"
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
