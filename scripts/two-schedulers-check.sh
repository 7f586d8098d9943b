#!/usr/bin/env bash
# Two `node ace scheduler:work` processes (two instances) on one fresh MariaDB
# pair for two scheduler ticks (about 85 s), with a few staff messages queued
# and SMTP and Twilio pointed at loopback fakes that count what they receive;
# then both get SIGTERM. Checks that each job that was due ran exactly once
# (the outbox worker, which has no lock, once per instance and tick), that
# each message was received exactly once, and that no row is left 'sending'
# (scripts/two_schedulers_check.ts). Runs from source; under 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
REGISTRY_DB="${TWO_SCHEDULERS_REGISTRY_DB:-kaikukanta_twosched}"
OMAKAIKU_DB="${TWO_SCHEDULERS_OMAKAIKU_DB:-omakaiku_twosched}"

export NODE_ENV=development HOST=127.0.0.1 PORT=3341 APP_URL=http://127.0.0.1:3341 \
  APP_KEY="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")" \
  LOG_LEVEL=warn SESSION_DRIVER=database LIMITER_STORE=database LOCK_STORE=database \
  DB_ENGINE=mysql DB_HOST=127.0.0.1 DB_PORT=3306 DB_USER=root DB_PASSWORD= \
  DB_REGISTRY_DATABASE="$REGISTRY_DB" DB_OMAKAIKU_DATABASE="$OMAKAIKU_DB" \
  MAIL_FROM_ADDRESS=kaikukanta@example.fi MAIL_FROM_NAME=Kaikukanta \
  MAIL_TRANSPORT=smtp SMTP_HOST=127.0.0.1 SMTP_PORT=2631

echo "Creating the databases $REGISTRY_DB and $OMAKAIKU_DB"
bash scripts/mariadb-setup.sh "$REGISTRY_DB" "$OMAKAIKU_DB"
cleanup() {
  mysql --protocol=TCP -h127.0.0.1 -P3306 -uroot \
    -e "DROP DATABASE IF EXISTS \`$REGISTRY_DB\`; DROP DATABASE IF EXISTS \`$OMAKAIKU_DB\`" || true
}
trap cleanup EXIT

# Without Lucid's advisory lock, as in production-check.sh: nothing else
# migrates these fresh databases.
node ace migration:run --connection=registry --force --disable-locks
node ace migration:run --connection=omakaiku --force --disable-locks
node --import=@poppinss/ts-exec scripts/two_schedulers_check.ts
