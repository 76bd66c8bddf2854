# Shared helpers for the set-up, build, run and test scripts. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="$ROOT/.deps"
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs node-acorn from here
log() { printf '\033[1m[diemquet]\033[0m %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
jobs_n() { nproc 2>/dev/null || echo 2; }
