#!/usr/bin/env bash
# Station upload benchmark: 10,000 pending check-ins from a station in headless Chromium to the
# real server (SQLite), next to the server alone fed the same batches from node.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
export DQ_SERVER_BIN="${DQ_SERVER_BIN:-$BUILD/server/diemquet-server}"
export DQ_WEB_DIR="${DQ_WEB_DIR:-$ROOT/build/web}"
[ -x "$DQ_SERVER_BIN" ] && [ -f "$DQ_WEB_DIR/index.html" ] || die "build first (bash scripts/build.sh)"
cd "$ROOT" && node bench/sync/sync.mjs
