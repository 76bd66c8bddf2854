#!/usr/bin/env bash
# The poster benchmark (bench/poster/poster_bench.cpp), built by CMake (target bench_poster) in
# the native and the WASM build dirs of scripts/build.sh, and run natively and under node:
# native and WASM figures side by side.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export NODE_PATH=/usr/share/nodejs
N="${DQ_BUILD_DIR:-$ROOT/build/native}" W="${DQ_WASM_BUILD_DIR:-$ROOT/build/wasm}"
[ -f "$N/build.ninja" ] && [ -f "$W/build.ninja" ] || { echo "run scripts/build.sh first" >&2; exit 1; }
ninja -C "$N" bench_poster >/dev/null
ninja -C "$W" bench_poster >/dev/null
"$N/bench/bench_poster"
node --no-experimental-fetch "$W/bench/bench_poster.js"
