#!/usr/bin/env bash
# Core unit tests, natively (GoogleTest via CTest).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
out="$ROOT/test-output/core-native.log"
mkdir -p "$(dirname "$out")"
(cd "$ROOT/build/native" && ctest -L core --output-on-failure -j"$(jobs_n)") > "$out" 2>&1 || true
tail -n 3 "$out" >&2
read -r p f <<<"$(ctest_counts "$out")"
record_result 10-core-native "$p" "$f"
