#!/usr/bin/env bash
# Builds the native tree (core, tests, server, tools) and the WASM tree (station module and
# the core tests for node), then assembles the web shell into build/web. Incremental.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

# run_ninja DIR: quiet on success, the compiler's words on failure.
# DQ_WEB_ONLY=1 (bench/web/run.sh's build of the commit before): the native server and the
# three face modules only, not the tests (their WASM links take most of a build's time).
run_ninja() {
  mkdir -p "$ROOT/test-output"
  local out="$ROOT/test-output/build-$(basename "$1").log" targets=()
  if [ "${DQ_WEB_ONLY:-}" = 1 ]; then
    case "$1" in */native) targets=(diemquet-server) ;; */wasm) targets=(station visitor office) ;; esac
  fi
  if ! ninja -C "$1" -j"$(jobs_n)" "${targets[@]}" > "$out" 2>&1; then
    grep -E 'error|FAILED' "$out" | head -40 >&2
    die "build in $1 failed (full log: $out)"
  fi
}

# ccache keeps object files across clean clones and work trees of this repo: paths under
# $ROOT are hashed relative to it (CCACHE_BASEDIR), so a second checkout compiles nothing new.
LAUNCHER=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
  LAUNCHER=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

if [ ! -f build/native/build.ninja ]; then
  cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release "${LAUNCHER[@]}" >/dev/null
fi
log "building native (core, tests, server)"
run_ninja build/native

if [ ! -f build/wasm/build.ninja ]; then
  emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release "${LAUNCHER[@]}" \
    "-DCMAKE_CROSSCOMPILING_EMULATOR=$(command -v node);--no-experimental-fetch" >/dev/null
fi
log "building WASM (station module, core tests)"
run_ninja build/wasm

if [ -x "$ROOT/scripts/assemble-web.sh" ]; then bash "$ROOT/scripts/assemble-web.sh"; fi
log "build complete"
