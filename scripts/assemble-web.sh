#!/usr/bin/env bash
# Assembles the web shell into build/web: the page, the WASM module, icons, the manifest,
# the scanner's zxing-wasm files, and the service worker stamped with the shell's hash.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
# DQ_WASM_BUILD / DQ_WEB_DIR let a second build tree assemble its own shell.
OUT="${DQ_WEB_DIR:-$ROOT/build/web}"
APP="${DQ_WASM_BUILD:-$ROOT/build/wasm}/wasm/app"
[ -f "$APP/station.wasm" ] || die "station module not built ($APP/station.wasm)"
mkdir -p "$OUT/icons"
cp web/index.html web/app.css web/*.js "$OUT/"
[ -d web/scanner ] && cp -r web/scanner "$OUT/"
for f in web/*.mjs; do [ -f "$f" ] && cp "$f" "$OUT/"; done
cp "$APP/station.js" "$APP/station.wasm" "$APP/station.data" "$OUT/"
cp assets/manifest.webmanifest "$OUT/"
# Icons: rendered from the SVGs (librsvg) when they change.
for spec in "icon.svg icon-192.png 192" "icon.svg icon-512.png 512" "icon-maskable.svg icon-maskable-512.png 512"; do
  set -- $spec
  if [ ! -f "$OUT/icons/$2" ] || [ "assets/icons/$1" -nt "$OUT/icons/$2" ]; then
    rsvg-convert -w "$3" -h "$3" "assets/icons/$1" -o "$OUT/icons/$2"
  fi
done
# zxing-wasm's reader, served by us (never a CDN).
Z=node_modules/zxing-wasm/dist
[ -f "$Z/reader/zxing_reader.wasm" ] || die "zxing-wasm missing: run scripts/setup.sh"
mkdir -p "$OUT/zxing/reader" "$OUT/zxing/es/reader"
cp "$Z/reader/zxing_reader.wasm" "$OUT/zxing/reader/"
cp "$Z/es/share.js" "$OUT/zxing/es/"
cp "$Z/es/reader/index.js" "$OUT/zxing/es/reader/"
# The precache list is every file of the shell; the version is their combined hash.
files=$(cd "$OUT" && find . -type f ! -name service-worker.js | sed 's|^\./||' | sort)
version=$(cd "$OUT" && echo "$files" | xargs sha256sum | sha256sum | cut -c1-16)
list=$(echo "$files" | sed 's/.*/"&"/' | paste -sd, -)
sed -e "s/__DQ_VERSION__/$version/" -e "s|__DQ_PRECACHE__|[\"./\",$list]|" \
  service-worker/service-worker.js > "$OUT/service-worker.js"
log "web shell assembled in build/web (version $version)"
