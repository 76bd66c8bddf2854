#!/usr/bin/env bash
# Station foundation benchmark (headless Chromium): durable save at 0 / 10k / 100k journal
# records, cold offline start to the first frame, shell size. DQ_WEB_DIR: the assembled shell.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
WEB="${DQ_WEB_DIR:-$ROOT/build/web}"
ls "$WEB"/station.*.wasm >/dev/null 2>&1 || { echo "bench/station: no shell in $WEB (bash scripts/build.sh)" >&2; exit 1; }
cat "$WEB"/station.*.js | grep -q dq_automation_checkin || { echo "bench/station: $WEB predates the automation hooks: rebuild it (bash scripts/build.sh)" >&2; exit 1; }
DQ_WEB_DIR="$WEB" node bench/station/station.mjs
