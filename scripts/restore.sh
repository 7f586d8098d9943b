#!/usr/bin/env bash
# Restores a folder written by scripts/backup.sh into the given databases:
#   restore.sh [--replace] <backup folder> <registry database> <omakaiku database>
# Checks the dumps against the manifest's sha256 first. A database that
# already has tables is refused, unless --replace (which drops it first).
# Server and account: the app's DB_HOST, DB_PORT, DB_USER and DB_PASSWORD.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
replace=0
if [ "${1:-}" = "--replace" ]; then replace=1; shift; fi
if [ $# -ne 3 ]; then
  echo "usage: restore.sh [--replace] <backup folder> <registry database> <omakaiku database>" >&2
  exit 2
fi
DIR="$1" REGISTRY_DB="$2" OMAKAIKU_DB="$3"
# shellcheck source=db-client.sh
. "$ROOT/scripts/db-client.sh"
trap db_client_cleanup EXIT

echo "Checking the dumps in $DIR"
# The manifest's sha256 lines, indented there, as sha256sum -c reads them.
sed -n '/^sha256:$/,$p' "$DIR/manifest.txt" | sed -n 's/^  //p' | (cd "$DIR" && sha256sum -c -)

table_count() {
  db_client -N -B -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$1'"
}
for database in "$REGISTRY_DB" "$OMAKAIKU_DB"; do
  if [ "$(table_count "$database")" -gt 0 ]; then
    if [ "$replace" -eq 0 ]; then
      echo "$database has tables: restore into an empty database, or pass --replace" >&2
      exit 1
    fi
    db_client -e "DROP DATABASE \`$database\`"
  fi
  db_client -e "CREATE DATABASE IF NOT EXISTS \`$database\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
done

restore() {
  echo "Restoring $1 into $2"
  gunzip -c "$DIR/$1" | db_client "$2"
}
restore registry.sql.gz "$REGISTRY_DB"
restore omakaiku.sql.gz "$OMAKAIKU_DB"
echo "Restored $DIR into $REGISTRY_DB and $OMAKAIKU_DB"
