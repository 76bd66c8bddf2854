#!/usr/bin/env bash
# Black-box QR decoding: every image of the shared test sets through zxing-wasm with the
# station's settings, then card payloads through the core parser. Passes when each category
# reaches its floor (scripts/scan-images-floors.tsv); counts one test per image.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
SHARED="$ROOT/../shared"
out="$ROOT/test-output/scan-images.log"
mkdir -p "$(dirname "$out")"
if [ ! -f "$SHARED/data/vn-cards/manifest.tsv" ]; then
  log "shared test data missing at $SHARED"; record_result 35-scan-images 0 1; exit 0
fi
status=0
timeout 900 node "$ROOT/scripts/scan-images.mjs" --floors "$ROOT/scripts/scan-images-floors.tsv" \
  "$SHARED/data/vn-cards" "$SHARED/data/qr-photos" > "$out" 2>&1 || status=$?
cat "$out" >&2
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -1)
if [ -z "$line" ]; then record_result 35-scan-images 0 1; exit 0; fi
p=${line%% passed*}; f=$(sed -E 's/.* ([0-9]+) failed/\1/' <<<"$line")
# Images below a floor are real failures; images a category may miss (above its floor) are
# counted as skipped, so the stage passes exactly when every floor holds.
if [ "$status" = 0 ]; then record_result 35-scan-images "$p" 0 "$f"
else record_result 35-scan-images "$p" "$((f > 0 ? f : 1))"; fi
