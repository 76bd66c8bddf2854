#!/usr/bin/env bash
# Assembles the web shell into build/web: one page and one WASM module per face (station "/",
# visitor "/v", office "/office"), icons, the manifest, the scanner's zxing-wasm files and the
# service worker stamped with the shell's hash and each face's file list. Every
# file but the entry points gets a content-hashed name (scripts/hash-assets.py; served as
# immutable), and every compressible file a Brotli (.br) and a gzip (.gz) sibling the server
# and nginx send by Accept-Encoding. Assembled in a new folder, then swapped in.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
# DQ_WASM_BUILD / DQ_WEB_DIR let a second build tree assemble its own shell.
OUT="${DQ_WEB_DIR:-$ROOT/build/web}"
APP="${DQ_WASM_BUILD:-$ROOT/build/wasm}/wasm/app"
for face in station visitor office; do
  [ -f "$APP/$face.wasm" ] || die "$face module not built ($APP/$face.wasm)"
done
for tool in brotli zopfli; do command -v $tool >/dev/null || die "$tool missing: run scripts/setup.sh"; done
NEW="$OUT.new"
rm -rf "$NEW"
mkdir -p "$NEW/icons"
cp web/app.css web/*.js "$NEW/"
# The pages without a module: violation reports (/bao-cao), venue self-registration (/dang-ky),
# the office's venue import (/office/nhap-co-so).
cp web/report.html web/register.html web/venue-import.html web/public.css "$NEW/"
python3 scripts/face-pages.py web/index.html "$NEW" "$APP"
[ -d web/scanner ] && cp -r web/scanner "$NEW/"
for f in web/*.mjs; do [ -f "$f" ] && cp "$f" "$NEW/"; done
for face in station visitor office; do cp "$APP/$face.js" "$APP/$face.wasm" "$APP/$face.data" "$NEW/"; done
cp assets/manifest.webmanifest "$NEW/"
# Icons: rendered from the SVGs (librsvg) when they change, kept beside the shell.
ICONS="$OUT.icons"
mkdir -p "$ICONS"
for spec in "icon.svg icon-192.png 192" "icon.svg icon-512.png 512" "icon-maskable.svg icon-maskable-512.png 512"; do
  set -- $spec
  if [ ! -f "$ICONS/$2" ] || [ "assets/icons/$1" -nt "$ICONS/$2" ]; then
    rsvg-convert -w "$3" -h "$3" "assets/icons/$1" -o "$ICONS/$2"
  fi
  cp "$ICONS/$2" "$NEW/icons/"
done
# zxing-wasm's reader, served by us (never a CDN).
Z=node_modules/zxing-wasm/dist
[ -f "$Z/reader/zxing_reader.wasm" ] || die "zxing-wasm missing: run scripts/setup.sh"
mkdir -p "$NEW/zxing/reader" "$NEW/zxing/es/reader"
cp "$Z/reader/zxing_reader.wasm" "$NEW/zxing/reader/"
cp "$Z/es/share.js" "$NEW/zxing/es/"
cp "$Z/es/reader/index.js" "$NEW/zxing/es/reader/"

CLOSURE="$OUT.closure.json"
python3 scripts/hash-assets.py "$NEW" --keep index.html --keep visitor.html --keep office.html --keep report.html --keep register.html --keep venue-import.html \
  --keep manifest.webmanifest --unit zxing --closure "$CLOSURE" > /dev/null

# Each face precaches its page and everything the page needs (the closure of its references);
# the version is the combined hash of every file.
files=$(cd "$NEW" && find . -type f | sed 's|^\./||' | sort)
version=$(cd "$NEW" && echo "$files" | xargs sha256sum | sha256sum | cut -c1-16)
precache=$(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
print(json.dumps({face: [page] + c[page] for face, page in
                  (("station", "index.html"), ("visitor", "visitor.html"), ("office", "office.html"))},
                 separators=(",", ":")))' "$CLOSURE")
rm -f "$CLOSURE"
python3 -c '
import sys
src, version, precache = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
sys.stdout.write(src.replace("__DQ_VERSION__", version).replace("__DQ_PRECACHE__", precache))' \
  service-worker/service-worker.js "$version" "$precache" > "$NEW/service-worker.js"

# Pre-compressed siblings, kept only where they save something. A hashed name already
# compressed by the last assembly is the same content: its siblings are reused.
compress() {
  local rel="$1" f="$NEW/$1" size
  size=$(stat -c %s "$f")
  if [ -f "$OUT/$rel.br" ] && [ -f "$OUT/$rel.gz" ] && cmp -s "$f" "$OUT/$rel"; then
    cp -p "$OUT/$rel.br" "$OUT/$rel.gz" "$(dirname "$f")/"
  else
    brotli -q 11 -f -o "$f.br" "$f"
    zopfli --i5 -c "$f" > "$f.gz"
  fi
  for z in "$f.br" "$f.gz"; do
    [ "$(stat -c %s "$z")" -lt $((size * 95 / 100)) ] || rm -f "$z"
  done
}
while read -r rel; do
  case "$rel" in
    *.html|*.js|*.mjs|*.css|*.wasm|*.data|*.webmanifest|*.json|*.svg|*.txt) compress "$rel" ;;
  esac
done <<< "$(cd "$NEW" && find . -type f | sed 's|^\./||' | sort)"

rm -rf "$OUT.old"
[ -d "$OUT" ] && mv "$OUT" "$OUT.old"
mv "$NEW" "$OUT"
rm -rf "$OUT.old"
log "web shell assembled in $OUT (version $version)"
