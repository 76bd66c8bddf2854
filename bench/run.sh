#!/usr/bin/env bash
# Runs every benchmark (bench/*/run.sh) in turn and prints all their tables. A bench that
# fails is reported and the others still run; the exit status says whether all of them ran.
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
failed=()
for b in "$ROOT"/bench/*/run.sh; do
  name=$(basename "$(dirname "$b")")
  echo "==== bench/$name ($(date -u +%Y-%m-%dT%H:%M:%SZ)) ===="
  if ! bash "$b"; then failed+=("$name"); echo "bench/$name FAILED"; fi
  echo
done
if [ ${#failed[@]} -gt 0 ]; then echo "failed: ${failed[*]}"; exit 1; fi
echo "all benchmarks ran"
