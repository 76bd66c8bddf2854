#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a fresh database, then opens it with the
# server (which applies any newer migrations) to prove it is usable.
#   scripts/restore.sh /backup/diemquet-2026-12-04.db    sqlite:/var/lib/diemquet/restored.db
#   scripts/restore.sh /backup/diemquet-2026-12-04.dump  'postgres:host=db dbname=diemquet_restored user=diemquet'
# The target must be new: an SQLite file that does not exist, or a PostgreSQL database that
# does not exist (created here) or is empty. Never restores over live data.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BIN="${DQ_SERVER_BIN:-$ROOT/build/native/server/diemquet-server}"
[ $# -eq 2 ] || { echo "usage: scripts/restore.sh BACKUP_FILE DB_SPEC" >&2; exit 2; }
file=$1 spec=$2
[ -f "$file" ] || die "no backup file $file"
case "$spec" in
  sqlite:*)
    path=${spec#sqlite:}
    [ -e "$path" ] && die "$path exists; restore into a new file"
    cp "$file" "$path.partial" && mv "$path.partial" "$path" ;;
  postgres:*)
    conn=${spec#postgres:}
    dbname=$(grep -oE 'dbname=[^ ]+' <<<"$conn" | tail -1 | cut -d= -f2)  # libpq: the last one counts
    [ -n "$dbname" ] || die "the connection string must name the new database (dbname=...)"
    admin_conn=$(sed -E 's/dbname=[^ ]+/dbname=postgres/g' <<<"$conn")
    exists=$(psql "$admin_conn" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$dbname'")
    if [ -z "$exists" ]; then
      psql "$admin_conn" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$dbname\"" || die "cannot create $dbname"
    elif [ "$(psql "$conn" -Atqc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" != 0 ]; then
      die "database $dbname is not empty; restore into a new one"
    fi
    pg_restore --no-owner --exit-on-error -d "$conn" "$file" || die "pg_restore failed" ;;
  *) die "DB_SPEC must be sqlite:PATH or postgres:CONNSTR" ;;
esac
"$BIN" migrate --db "$spec" >/dev/null || die "the restored database does not open"
log "restored $file into $spec"
