#!/usr/bin/env bash
# The first-visit benchmark of issue #15: Lighthouse per face for this build and for the build
# of the commit before (or DQ_BENCH_BASE, any git ref), built in a temporary work tree in the
# same run (ccache makes that quick when little changed). DQ_BENCH_BASE_WEB=DIR skips that
# build and uses a shell already assembled. DQ_LH_RUNS=N takes the median of N runs. Then the
# WASM compiled lazily on each face's main thread at start (lazy-compile.mjs), both builds; then
# each face's main-thread tasks at start in CPU time as well as wall time (start-tasks.mjs), which
# tells the page's own work from its waits on a loaded machine.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$ROOT"
WEB="${DQ_WEB_DIR:-$ROOT/build/web}"
[ -f "$WEB/index.html" ] || die "no shell in $WEB (bash scripts/build.sh)"
[ -d node_modules/lighthouse ] || die "lighthouse missing: npm ci (package.json pins it)"
BASE_WEB="${DQ_BENCH_BASE_WEB:-}"
if [ -z "$BASE_WEB" ]; then
  ref="${DQ_BENCH_BASE:-HEAD~1}"
  tree="$(mktemp -d /tmp/dq-bench-base-XXXXXX)"
  trap 'git -C "$ROOT" worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
  git worktree add --detach "$tree" "$ref" >/dev/null
  ln -s "$ROOT/.deps" "$tree/.deps"
  ln -s "$ROOT/node_modules" "$tree/node_modules"
  log "building $ref in $tree for the comparison"
  DQ_WEB_ONLY=1 nice bash "$tree/scripts/build.sh" >/dev/null
  BASE_WEB="$tree/build/web"
fi
mkdir -p test-output/bench
DQ_BENCH_OUT="$ROOT/test-output/bench" node bench/web/lighthouse.mjs "$WEB" "$BASE_WEB"
node bench/web/lazy-compile.mjs "$WEB" "$BASE_WEB"
for route in v '' office; do
  DQ_ROUTE="$route" DQ_BENCH_OUT="$ROOT/test-output/bench" node bench/web/start-tasks.mjs "$WEB" "$BASE_WEB" 2>/dev/null
done
