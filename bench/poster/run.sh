#!/usr/bin/env bash
# Builds bench/poster/poster_bench.cpp against the core libraries of build/c-native and
# build/c-wasm (build those first) and prints native and WASM figures side by side.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export NODE_PATH=/usr/share/nodejs
N="$ROOT/build/c-native" W="$ROOT/build/c-wasm" OUT="$ROOT/build/c-native/bench-poster"
mkdir -p "$OUT"
libs() { echo "$1/wasm/core/libdiemquet_core.a $1/libdq_sodium.a $1/libdq_qrencode.a $1/libdq_sqlite.a"; }
inc="-I$ROOT/wasm/core -I$ROOT/.deps/include"
g++ -std=c++20 -O2 -DBENCH_BUILD='"native"' $inc "$ROOT/bench/poster/poster_bench.cpp" $(libs "$N") -lpthread -ldl -o "$OUT/poster_bench"
em++ -std=c++20 -O2 -DBENCH_BUILD='"wasm"' $inc "$ROOT/bench/poster/poster_bench.cpp" $(libs "$W") \
  -sALLOW_MEMORY_GROWTH=1 -sNODERAWFS=1 -o "$OUT/poster_bench.js"
"$OUT/poster_bench"
node --no-experimental-fetch "$OUT/poster_bench.js"
