#!/usr/bin/env bash
# The demo data that scripts/run.sh serves and the end-to-end demo test (tests/e2e/demo-walk)
# starts from; one code path for both. Venue "Chợ Bến Thành" (id cho-ben-thanh) in Phường Bến
# Thành (ward 26743, Quận 1, TP. Hồ Chí Minh), scan points cong-chinh "Cổng chính" and cong-pct
# "Cổng Phan Chu Trinh", and the ward officer demo-benthanh. Safe to run again: an earlier
# demo database is brought up to date (placed in its ward; the scan point id that no poster
# could carry, cong-phan-chu-trinh, renamed), never duplicated.
# Usage: scripts/demo.sh SERVER_BIN DB_SPEC
# Prints one line each (a new code and a new officer password on every run):
#   enrollment-code <code>           one use, 72 hours
#   officer <username> <password>    ward officer of the demo venue's ward
set -euo pipefail
BIN="$1" DB="$2"
VENUE=cho-ben-thanh WARD=26743 OFFICER=demo-benthanh

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

"$BIN" migrate --db "$DB" >/dev/null
# The administrative map (2021 structure, the statistics office's codes: Phường Bến Thành is
# 26743) from the pinned npm package; importing it again changes nothing. The 2025 two-level
# map is `node tools/areas/normalize.mjs vn-2025` (server/areas/README.md).
areas=$(mktemp)
trap 'rm -f "$areas"' EXIT
node "$ROOT/tools/areas/normalize.mjs" vn-2021 > "$areas"
"$BIN" admin import-areas --db "$DB" --file "$areas" >/dev/null
venues=$("$BIN" admin list-venues --db "$DB")
if ! grep -q "^$VENUE	" <<<"$venues"; then
  "$BIN" admin create-venue --db "$DB" --id "$VENUE" --name "Chợ Bến Thành" --area "$WARD" \
    --address "Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh" --category market --staff 40 >/dev/null
  "$BIN" admin add-scan-point --db "$DB" --venue "$VENUE" --id cong-chinh --name "Cổng chính" >/dev/null
  "$BIN" admin add-scan-point --db "$DB" --venue "$VENUE" --id cong-pct --name "Cổng Phan Chu Trinh" >/dev/null
else
  # A demo made by an older run.sh: no ward, and a scan point id of 19 characters.
  "$BIN" admin set-venue-area --db "$DB" --venue "$VENUE" --area "$WARD" >/dev/null
  if grep -q "^  cong-phan-chu-trinh	" <<<"$venues"; then
    "$BIN" admin rename-scan-point --db "$DB" --venue "$VENUE" --id cong-phan-chu-trinh --new-id cong-pct >/dev/null
  fi
fi
echo "enrollment-code $("$BIN" admin issue-code --db "$DB" --venue "$VENUE" | head -1)"
password=$("$BIN" admin create-officer --db "$DB" --username "$OFFICER" --level ward --area "$WARD" </dev/null |
  sed -n 's/^password: //p')
[ -n "$password" ] || { echo "demo.sh: creating the demo officer printed no password" >&2; exit 1; }
echo "officer $OFFICER $password"
