#!/usr/bin/env bash
# libFuzzer over each payload parser and the venue-import reader: clang-14 with ASan in
# build/fuzz, the parsers seeded from tests/samples (10 s each), the reader from venue lists made
# by tests/fuzz/sheet_seeds.mjs (30 s: CSV and XLSX, a zip and XML inside). One pass per target
# that found no crash.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
CXX=/usr/bin/clang++-14 CC=/usr/bin/clang-14
TARGETS="normalize cccd bhyt pc_covid visitor_pass parse_payload sheet_reader"
SECONDS_EACH="${DQ_FUZZ_SECONDS:-10}"
B="${DQ_FUZZ_BUILD_DIR:-build/fuzz}"   # overridable so a developer can keep a private tree
out="$ROOT/test-output/fuzz"
mkdir -p "$out"
if [ ! -x "$CXX" ]; then log "clang++-14 missing"; record_result 30-fuzz 0 1; exit 0; fi
flags="-fsanitize=address,fuzzer-no-link -g -O1"
if [ ! -f $B/build.ninja ]; then
  cmake -S . -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CXX" \
    -DCMAKE_C_COMPILER="$CC" "-DCMAKE_CXX_FLAGS=$flags" "-DCMAKE_C_FLAGS=$flags" \
    -DDQ_FUZZ=ON -DDQ_BUILD_TESTS=OFF -DDQ_BUILD_SERVER=OFF > "$out/configure.log" 2>&1 ||
    { tail -20 "$out/configure.log" >&2; record_result 30-fuzz 0 1; exit 0; }
fi
if ! ninja -C "$B" -j"$(jobs_n)" $(printf 'fuzz_%s ' $TARGETS) > "$out/build.log" 2>&1; then
  grep -E 'error|FAILED' "$out/build.log" | head -20 >&2
  record_result 30-fuzz 0 1
  exit 0
fi
passed=0 failed=0
for t in $TARGETS; do
  # A fresh scratch corpus seeded from the golden samples (libFuzzer writes into it).
  corpus="$B/corpus/$t"
  rm -rf "$corpus" && mkdir -p "$corpus"
  seconds="$SECONDS_EACH" extra=()
  if [ "$t" = sheet_reader ]; then
    node tests/fuzz/sheet_seeds.mjs "$corpus"
    seconds="${DQ_FUZZ_SHEET_SECONDS:-30}" extra=(-max_len=16384)
  else
    find tests/samples -name '*.txt' -exec cp {} "$corpus/" \;
  fi
  if (cd "$B" && "./tests/fuzz/fuzz_$t" "corpus/$t" -max_total_time="$seconds" -timeout=5 "${extra[@]}" \
        -rss_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$out/crash-$t-") > "$out/$t.log" 2>&1; then
    passed=$((passed + 1))
    log "fuzz_$t: $(grep -E '^stat::number_of_executed_units' "$out/$t.log" | awk '{print $2}') runs, no crash"
  else
    failed=$((failed + 1))
    log "fuzz_$t FOUND A CRASH (log: $out/$t.log)"
    grep -E 'ERROR|invariant|SUMMARY' "$out/$t.log" | head -5 >&2
  fi
done
record_result 30-fuzz "$passed" "$failed"
