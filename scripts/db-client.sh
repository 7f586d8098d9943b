# Sourced by scripts/backup.sh and scripts/restore.sh: the MySQL/MariaDB
# client and dump tool, with the app's own DB_* settings. The password goes
# through a private option file, not the command line (where ps would show it).

DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_USER="${DB_USER:-root}"
DB_PASSWORD="${DB_PASSWORD:-}"

# Backslashes and double quotes escaped for the option file's quoted value.
DB_PASSWORD_QUOTED="${DB_PASSWORD//\\/\\\\}"
DB_PASSWORD_QUOTED="${DB_PASSWORD_QUOTED//\"/\\\"}"
DB_CLIENT_CONF="$(mktemp)"
chmod 600 "$DB_CLIENT_CONF"
printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword="%s"\nprotocol=TCP\ndefault-character-set=utf8mb4\n' \
  "$DB_HOST" "$DB_PORT" "$DB_USER" "$DB_PASSWORD_QUOTED" >"$DB_CLIENT_CONF"

# MariaDB's names first; MySQL has only the old ones.
DB_CLIENT_BIN="$(command -v mariadb || command -v mysql)"
DB_DUMP_BIN="$(command -v mariadb-dump || command -v mysqldump)"

db_client() { "$DB_CLIENT_BIN" --defaults-extra-file="$DB_CLIENT_CONF" "$@"; }
db_dump() { "$DB_DUMP_BIN" --defaults-extra-file="$DB_CLIENT_CONF" "$@"; }
db_client_cleanup() { rm -f "$DB_CLIENT_CONF"; }
