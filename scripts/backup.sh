#!/usr/bin/env bash
# Backs up both databases into a new timestamped folder:
#   backup.sh [parent folder, default backups/]
# writes <parent>/<UTC time>/registry.sql.gz, omakaiku.sql.gz and manifest.txt
# (database names, tool, the app's commit, each database's applied migrations
# and the dumps' sha256). Reads the app's DB_HOST, DB_PORT, DB_USER,
# DB_PASSWORD, DB_REGISTRY_DATABASE and DB_OMAKAIKU_DATABASE. Restore with
# scripts/restore.sh; docs/OPERATIONS.md, "Backups and restore".
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
: "${DB_REGISTRY_DATABASE:?set DB_REGISTRY_DATABASE}"
: "${DB_OMAKAIKU_DATABASE:?set DB_OMAKAIKU_DATABASE}"
# shellcheck source=db-client.sh
. "$ROOT/scripts/db-client.sh"
trap db_client_cleanup EXIT

# The dumps hold cardholder identity (omakaiku): readable by the owner only.
umask 077
PARENT="${1:-$ROOT/backups}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
DIR="$PARENT/$STAMP"
mkdir -p "$DIR"

dump() {
  local database="$1" file="$2"
  # --single-transaction: a consistent snapshot of InnoDB tables without
  # locking out the app. No --databases: the dump names no database, so it
  # can be restored under another name (a drill, a copy for inspection).
  db_dump --single-transaction --quick --routines --triggers --hex-blob \
    --default-character-set=utf8mb4 "$database" | gzip -9 >"$DIR/$file"
}

echo "Backing up $DB_REGISTRY_DATABASE and $DB_OMAKAIKU_DATABASE into $DIR"
# One after the other: each dump is consistent in itself; an OmaKaiku account
# created between the two is in omakaiku without its card's mark in registry,
# which the app tolerates (the account points to the card by its code).
dump "$DB_REGISTRY_DATABASE" registry.sql.gz
dump "$DB_OMAKAIKU_DATABASE" omakaiku.sql.gz

migrations() {
  db_client -N -B -e "SELECT name, batch FROM adonis_schema ORDER BY id" "$1" | sed 's/^/  /'
}
commit="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
{
  echo "created: $STAMP"
  echo "server: $DB_HOST:$DB_PORT"
  echo "tool: $("$DB_DUMP_BIN" --version)"
  echo "app commit: $commit"
  echo "registry database: $DB_REGISTRY_DATABASE (registry.sql.gz)"
  echo "omakaiku database: $DB_OMAKAIKU_DATABASE (omakaiku.sql.gz)"
  echo "registry migrations (name, batch):"
  migrations "$DB_REGISTRY_DATABASE"
  echo "omakaiku migrations (name, batch):"
  migrations "$DB_OMAKAIKU_DATABASE"
  echo "sha256:"
  (cd "$DIR" && sha256sum registry.sql.gz omakaiku.sql.gz | sed 's/^/  /')
} >"$DIR/manifest.txt"
echo "$DIR"
