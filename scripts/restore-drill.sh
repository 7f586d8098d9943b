#!/usr/bin/env bash
# Restore drill on MariaDB: creates a fresh pair of databases, migrates them
# and adds the demo data, backs them up with scripts/backup.sh, drops both,
# restores them with scripts/restore.sh, and checks through the app (node ace
# omakaiku:find-holder) that the demo cardholder's OmaKaiku account and card
# are found as before. CI runs it; docs/OPERATIONS.md, "Backups and restore".
set -euo pipefail
cd "$(dirname "$0")/.."
REGISTRY_DB="${RESTORE_DRILL_REGISTRY_DB:-kaikukanta_drill}"
OMAKAIKU_DB="${RESTORE_DRILL_OMAKAIKU_DB:-omakaiku_drill}"
HOLDER=kortti@kaikukanta.test
WORK="$(mktemp -d)"

# The app in development mode on MariaDB (the seeder runs in development
# only), every setting given here: CI has no .env.
export NODE_ENV=development HOST=127.0.0.1 PORT=3340 APP_URL=http://127.0.0.1:3340 \
  APP_KEY="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")" \
  LOG_LEVEL=warn SESSION_DRIVER=cookie LIMITER_STORE=memory LOCK_STORE=memory \
  MAIL_TRANSPORT=log MAIL_FROM_ADDRESS=kaikukanta@example.fi MAIL_FROM_NAME=Kaikukanta \
  DB_ENGINE=mysql DB_HOST=127.0.0.1 DB_PORT=3306 DB_USER=root DB_PASSWORD= \
  DB_REGISTRY_DATABASE="$REGISTRY_DB" DB_OMAKAIKU_DATABASE="$OMAKAIKU_DB"

cleanup() {
  mysql --protocol=TCP -h127.0.0.1 -P3306 -uroot \
    -e "DROP DATABASE IF EXISTS \`$REGISTRY_DB\`; DROP DATABASE IF EXISTS \`$OMAKAIKU_DB\`" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Creating, migrating and seeding $REGISTRY_DB and $OMAKAIKU_DB"
bash scripts/mariadb-setup.sh "$REGISTRY_DB" "$OMAKAIKU_DB"
# The sources' ace (no build needed); without the server-wide advisory lock,
# as in scripts/production-check.sh.
RELEASE_APP_DIR="$PWD" bash scripts/release.sh migrate --disable-locks
node ace db:seed >/dev/null

find_holder() { node ace omakaiku:find-holder "$HOLDER"; }
before="$(find_holder)"
echo "before: $before"

echo "Backing up"
bash scripts/backup.sh "$WORK" >/dev/null
BACKUP="$(find "$WORK" -mindepth 1 -maxdepth 1 -type d | sed -n 1p)"
cat "$BACKUP/manifest.txt"

echo "Dropping both databases"
mysql --protocol=TCP -h127.0.0.1 -P3306 -uroot \
  -e "DROP DATABASE \`$REGISTRY_DB\`; DROP DATABASE \`$OMAKAIKU_DB\`"
# The check must fail now: else it would not show that the restore brought the data back.
if find_holder >/dev/null 2>&1; then
  echo "FAIL the holder was found with both databases dropped"
  exit 1
fi

bash scripts/restore.sh "$BACKUP" "$REGISTRY_DB" "$OMAKAIKU_DB"
after="$(find_holder)"
echo "after:  $after"

if [ "$before" != "$after" ]; then
  echo "FAIL the restored databases do not give the same account and card"
  exit 1
fi
# The restored registry is complete enough for the migrator: nothing pending.
pending="$(node ace migration:status --connection=registry; node ace migration:status --connection=omakaiku)"
if grep -qi pending <<<"$pending"; then
  echo "FAIL migrations pending after the restore:"
  echo "$pending"
  exit 1
fi
echo "ok   restore drill: the same account and card, no migration pending"
