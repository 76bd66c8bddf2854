#!/usr/bin/env bash
# A backup of a live DiemQuet database; the server keeps running.
#   scripts/backup.sh sqlite:/var/lib/diemquet/server.db  /backup/diemquet-2026-12-04.db
#   scripts/backup.sh 'postgres:host=db port=5432 dbname=diemquet user=diemquet'  /backup/diemquet-2026-12-04.dump
# SQLite: the online backup API (diemquet-server admin backup), one consistent snapshot.
# PostgreSQL: pg_dump custom format (one snapshot of the whole database; restore with
# scripts/restore.sh). The output file must not exist. Check-ins are personal data: encrypt
# the file and keep it no longer than the retention rule allows (docs/deploy.md).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BIN="${DQ_SERVER_BIN:-$ROOT/build/native/server/diemquet-server}"
[ $# -eq 2 ] || { echo "usage: scripts/backup.sh DB_SPEC OUT_FILE" >&2; exit 2; }
spec=$1 out=$2
[ -e "$out" ] && die "$out exists; a backup never overwrites a file"
case "$spec" in
  sqlite:*) "$BIN" admin backup --db "$spec" --out "$out" >/dev/null ;;
  postgres:*)
    pg_dump -Fc -d "${spec#postgres:}" -f "$out.partial" || { rm -f "$out.partial"; die "pg_dump failed"; }
    mv "$out.partial" "$out" ;;
  *) die "DB_SPEC must be sqlite:PATH or postgres:CONNSTR" ;;
esac
log "backed up $(du -h "$out" | cut -f1) to $out"
