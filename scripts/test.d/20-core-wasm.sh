#!/usr/bin/env bash
# The same core unit tests, built with emcc and run under node.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
out="$ROOT/test-output/core-wasm.log"
mkdir -p "$(dirname "$out")"
(cd "$ROOT/build/wasm" && ctest -L core --output-on-failure -j"$(jobs_n)") > "$out" 2>&1 || true
tail -n 3 "$out" >&2
read -r p f <<<"$(ctest_counts "$out")"
record_result 20-core-wasm "$p" "$f"
