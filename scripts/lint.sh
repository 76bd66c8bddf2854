#!/usr/bin/env bash
# clang-format and clang-tidy on the first-party C++ files a change touches (Debian's
# clang-format-14 and clang-tidy-14; .clang-format and .clang-tidy at the root).
#   scripts/lint.sh [BASE]   files changed since BASE (default: main's merge base, else HEAD~1)
#   scripts/lint.sh --all    every first-party file (slow: minutes)
# Exit status 1 when a file is not formatted or clang-tidy reports a warning in our code.
# clang-tidy reads build/native/compile_commands.json (scripts/build.sh makes it); files of
# the WASM build only (wasm/app, wasm/platform) are format-checked, not tidied.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
BUILD="${DQ_BUILD_DIR:-$ROOT/build/native}"
command -v clang-format >/dev/null && command -v clang-tidy >/dev/null || die "apt-get install clang-format clang-tidy"
if [ "${1:-}" = "--all" ]; then
  mapfile -t files < <(git ls-files 'wasm/*.cpp' 'wasm/*.hpp' 'server/*.cpp' 'server/*.hpp' 'tools/*.cpp')
else
  base="${1:-$(git merge-base HEAD main 2>/dev/null || echo HEAD~1)}"
  [ "$base" = "$(git rev-parse HEAD)" ] && base=HEAD~1
  mapfile -t files < <(git diff --name-only --diff-filter=ACMR "$base" -- 'wasm/*.cpp' 'wasm/*.hpp' \
    'server/*.cpp' 'server/*.hpp' 'tools/*.cpp'; git ls-files --others --exclude-standard 'wasm/*.[ch]pp' 'server/*.[ch]pp')
fi
[ "${#files[@]}" -gt 0 ] || { log "no C++ files to lint"; exit 0; }
bad=0
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    log "not formatted: $f (clang-format -i $f)"
    bad=1
  fi
done
[ -f "$BUILD/compile_commands.json" ] || { cmake -S "$ROOT" -B "$BUILD" >/dev/null; }
tidy=()
for f in "${files[@]}"; do
  case "$f" in wasm/app/*|wasm/platform/*|*.hpp) continue ;; esac
  [ -f "$f" ] && grep -q "\"file\": \".*/$f\"" "$BUILD/compile_commands.json" && tidy+=("$f")
done
if [ "${#tidy[@]}" -gt 0 ]; then
  out=$(clang-tidy -p "$BUILD" --quiet "${tidy[@]}" 2>/dev/null | grep -E '^/.*(warning|error):' || true)
  if [ -n "$out" ]; then
    printf '%s\n' "$out" >&2
    bad=1
  fi
fi
log "lint: ${#files[@]} files formatted-checked, ${#tidy[@]} tidied: $([ $bad = 0 ] && echo clean || echo NOT clean)"
exit $bad
