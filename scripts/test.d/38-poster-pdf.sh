#!/usr/bin/env bash
# Venue poster PDF end to end: make a 2-scan-point poster with the core (native tool), render it
# with pdftoppm, decode each QR with zxing-wasm (from node_modules), verify the decoded URL,
# measure the printed QR side, and extract the Vietnamese text with pdftotext.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
NAME=38-poster-pdf
out="$ROOT/test-output/poster"
rm -rf "$out" && mkdir -p "$out"
DPI=150
FONT_DIR=/usr/share/fonts/truetype/noto
passed=0 failed=0
check() {  # check NAME COMMAND...: one pass/fail line per check
  local name=$1; shift
  if "$@" >>"$out/checks.log" 2>&1; then passed=$((passed + 1)); log "poster: ok   $name"
  else failed=$((failed + 1)); log "poster: FAIL $name"; fi
}

# The tool lives in whichever native tree was built (scripts/build.sh: build/native).
tool=""
for d in build/native build/c-native; do
  [ -x "$ROOT/$d/tests/poster/make_poster" ] && { tool="$ROOT/$d/tests/poster/make_poster"; break; }
done
if [ -z "$tool" ]; then log "make_poster not built"; record_result "$NAME" 0 1; exit 0; fi

make_pdf() {
  timeout 60 "$tool" make "$out/poster.pdf" "$FONT_DIR/NotoSans-Regular.ttf" "$FONT_DIR/NotoSans-Bold.ttf" > "$out/made.txt"
}
check "make poster PDF" make_pdf
key=$(awk '/^key /{print $2}' "$out/made.txt")
mapfile -t urls < <(awk '/^url /{print $3}' "$out/made.txt")
log "poster: $(stat -c %s "$out/poster.pdf" 2>/dev/null || echo 0) bytes, $(grep '^qr ' "$out/made.txt")"

fonts_ok() {
  pdffonts "$out/poster.pdf" > "$out/fonts.txt" || return 1
  cat "$out/fonts.txt"
  [ "$(grep -cE 'CID TrueType +Identity-H +yes +yes +yes' "$out/fonts.txt")" = 2 ]
}
check "fonts embedded, subset, with ToUnicode" fonts_ok

check "render pages at $DPI dpi" timeout 120 pdftoppm -r $DPI -png "$out/poster.pdf" "$out/page"
mapfile -t pngs < <(ls "$out"/page-*.png 2>/dev/null)
check "two pages rendered" test "${#pngs[@]}" = 2

timeout 180 node --no-experimental-fetch "$ROOT/tests/poster/decode_qr.cjs" "${pngs[@]}" > "$out/decoded.jsonl" 2>>"$out/checks.log" || true
for i in 0 1; do
  line=$(sed -n "$((i + 1))p" "$out/decoded.jsonl")
  text=$(node -e 'const j=JSON.parse(process.argv[1]||"{}");process.stdout.write(j.text||"")' "$line" 2>/dev/null || true)
  check "page $((i + 1)): QR decodes to the signed URL" test -n "$text" -a "$text" = "${urls[$i]:-missing}"
  check "page $((i + 1)): decoded URL verifies" "$tool" verify "$key" 20260101 "$text"
  # Printed side in mm from zxing's corners, and from the dark pixels' bounding box inside
  # the quiet zone (ImageMagick), both at $DPI dpi; the larger error wins.
  side_ok() {
    local mm bbox
    mm=$(node -e '
      const j = JSON.parse(process.argv[1]); const c = j.corners; const d = (a, b) => Math.hypot(a[0]-b[0], a[1]-b[1]);
      const px = Math.min(d(c[0], c[1]), d(c[1], c[2]), d(c[2], c[3]), d(c[3], c[0]));
      console.log((px / Number(process.argv[2]) * 25.4).toFixed(1))' "$line" $DPI) || return 1
    # crop a square 8 mm larger on every side than zxing's box: quiet zone only, no text
    local geo
    geo=$(node -e '
      const j = JSON.parse(process.argv[1]); const c = j.corners; const pad = Math.round(8 / 25.4 * Number(process.argv[2]));
      const xs = c.map(p => p[0]), ys = c.map(p => p[1]);
      const x = Math.min(...xs) - pad, y = Math.min(...ys) - pad;
      console.log(`${Math.max(...xs) - x + pad}x${Math.max(...ys) - y + pad}+${x}+${y}`)' "$line" $DPI)
    bbox=$(convert "${pngs[$i]}" -crop "$geo" +repage -threshold 50% -negate -trim -format '%w %h' info: 2>/dev/null) || return 1
    local bmm
    bmm=$(awk -v w="${bbox% *}" -v h="${bbox#* }" -v dpi=$DPI 'BEGIN{m = w < h ? w : h; printf "%.1f", m / dpi * 25.4}')
    echo "page $((i + 1)): QR side ${mm} mm (zxing corners), ${bmm} mm (pixel box, quiet zone clean)" | tee -a "$out/sides.txt"
    awk -v a="$mm" -v b="$bmm" 'BEGIN{exit !(a >= 150 && b >= 150 && b - a < 3 && a - b < 3)}'
  }
  check "page $((i + 1)): printed QR side >= 150 mm" side_ok
done

tampered="${urls[0]:-x}"; tampered="${tampered/cong-chinh/cong-chinx}"
check "tampered URL refused" bash -c '! "$0" verify "$1" 20260101 "$2"' "$tool" "$key" "$tampered"
check "expired poster refused" bash -c '! "$0" verify "$1" 20360101 "$2"' "$tool" "$key" "${urls[0]:-x}"

text_ok() {
  pdftotext -enc UTF-8 "$out/poster.pdf" "$out/poster.txt" || return 1
  local s
  for s in "Chợ Bến Thành" "Lê Lợi, phường Bến Thành, Quận 1, TP. Hồ Chí Minh" "Điểm quét: Cổng chính" \
           "Điểm quét: Cổng phụ Phan Bội Châu" "Quét mã QR để khai báo khi vào/ra" "Không cần cài ứng dụng" \
           "Nhập mã địa điểm" "$(awk '/^code cong-chinh/{print $3}' "$out/made.txt")" "Hiệu lực đến hết ngày 31/12/2035"; do
    grep -qF "$s" "$out/poster.txt" || { echo "missing text: $s"; return 1; }
  done
}
check "Vietnamese text extracts exactly (pdftotext)" text_ok

record_result "$NAME" "$passed" "$failed"
