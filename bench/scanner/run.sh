#!/usr/bin/env bash
# Scanner benchmarks: still-image decoding (station's zxing-wasm vs jsQR vs @zxing/library, node)
# on the shared QR sets, then the camera path in headless Chromium (scan-to-saved latency,
# decoded frames per second). DQ_WEB_DIR: the assembled shell; DQ_SHARED_DIR: ../shared;
# DQ_WEB_DIR_BASE: another shell (e.g. the commit before a change) run interleaved with it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SHARED="${DQ_SHARED_DIR:-$ROOT/../shared}"
WEB="${DQ_WEB_DIR:-$ROOT/build/web}"
node bench/scanner/decoders.mjs "$SHARED/data/qr-photos" "$SHARED/data/vn-cards"
echo
ls "$WEB"/station.*.wasm >/dev/null 2>&1 || { echo "bench/scanner: no shell in $WEB (bash scripts/build.sh)" >&2; exit 1; }
cat "$WEB"/station.*.js | grep -q dq_automation_checkin || { echo "bench/scanner: $WEB predates the automation hooks: rebuild it (bash scripts/build.sh)" >&2; exit 1; }
DQ_WEB_DIR="$WEB" DQ_SHARED_DIR="$SHARED" node bench/scanner/camera.mjs
