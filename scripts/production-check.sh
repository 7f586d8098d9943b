#!/usr/bin/env bash
# Builds the app for production as README says (node ace build, then npm ci
# --omit=dev in build/), creates a fresh MariaDB pair, migrates it with the
# build's own ace, adds the demo data, and starts build/bin/server.js with
# NODE_ENV=production: once with SMS to the log, which it must refuse at
# boot, then with settings the boot check accepts (MariaDB, database sessions,
# database limiter and locks, SMTP and Twilio with stand-in addresses and
# credentials: nothing is mailed or texted during the check), and requests
# its pages and assets (scripts/production-check.js). Building, migrating and
# starting go through the release steps (scripts/release.sh), so the recipe
# in docs/OPERATIONS.md is what is checked; the scheduler is started too.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PORT="${PRODUCTION_CHECK_PORT:-3339}"
REGISTRY_DB="${PRODUCTION_CHECK_REGISTRY_DB:-kaikukanta_prodcheck}"
OMAKAIKU_DB="${PRODUCTION_CHECK_OMAKAIKU_DB:-omakaiku_prodcheck}"
DATA="$(mktemp -d)"
LOG="$DATA/server.log"

export NODE_ENV=production HOST=127.0.0.1 PORT APP_URL="http://127.0.0.1:$PORT" \
  APP_KEY="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")" \
  LOG_LEVEL=warn SESSION_DRIVER=database \
  DB_ENGINE=mysql DB_HOST=127.0.0.1 DB_PORT=3306 DB_USER=root DB_PASSWORD= \
  DB_REGISTRY_DATABASE="$REGISTRY_DB" DB_OMAKAIKU_DATABASE="$OMAKAIKU_DB" \
  MAIL_TRANSPORT=smtp SMTP_HOST=127.0.0.1 SMTP_PORT=2599 SMTP_SECURE=false \
  MAIL_FROM_ADDRESS=kaikukanta@example.fi MAIL_FROM_NAME=Kaikukanta \
  LIMITER_STORE=database LOCK_STORE=database \
  SMS_TRANSPORT=twilio TWILIO_ACCOUNT_SID="AC$(printf '0%.0s' $(seq 32))" \
  TWILIO_AUTH_TOKEN=production-check TWILIO_FROM_NUMBER=+358500000000

echo "Building"
bash scripts/release.sh build

echo "Creating the databases $REGISTRY_DB and $OMAKAIKU_DB"
bash scripts/mariadb-setup.sh "$REGISTRY_DB" "$OMAKAIKU_DB"
cleanup() {
  mysql --protocol=TCP -h127.0.0.1 -P3306 -uroot \
    -e "DROP DATABASE IF EXISTS \`$REGISTRY_DB\`; DROP DATABASE IF EXISTS \`$OMAKAIKU_DB\`" || true
  rm -rf "$DATA"
}
trap cleanup EXIT

echo "Migrating with the build's ace"
# Without Lucid's advisory lock: its name is the same on every database of the
# server (other runs on this MariaDB may hold it), and it can be taken and
# released on different pooled connections (adonisjs/lucid#1153). Nothing
# else migrates these fresh databases.
bash scripts/release.sh migrate --disable-locks
echo "Adding the demo data (the seeder runs in development only)"
NODE_ENV=development node ace db:seed >/dev/null

echo "Starting build/bin/server.js with SMS_TRANSPORT=log: it must refuse to boot"
refused=0
SMS_TRANSPORT=log timeout 60 bash scripts/release.sh web >"$DATA/refused.log" 2>&1 || refused=$?
# 124: still running when timeout stopped it.
if [ "$refused" -eq 0 ] || [ "$refused" -eq 124 ] || ! grep -q 'SMS_TRANSPORT is log' "$DATA/refused.log"; then
  echo "FAIL the build did not refuse SMS_TRANSPORT=log at boot (exit $refused):"
  cat "$DATA/refused.log"
  exit 1
fi
echo "ok   refused SMS_TRANSPORT=log at boot (exit $refused), naming the setting"

# Two web instances on the same databases, as behind a load balancer (a
# session begun on one must work on the other), and the scheduler.
SECOND_PORT=$((PORT + 1))
SECOND_URL="http://127.0.0.1:$SECOND_PORT"
echo "Starting build/bin/server.js twice (ports $PORT and $SECOND_PORT)"
bash scripts/release.sh web >"$LOG" 2>&1 &
SERVER=$!
PORT=$SECOND_PORT bash scripts/release.sh web >"$DATA/second.log" 2>&1 &
SECOND=$!
SCHEDULER=
stop() {
  for pid in "$SERVER" "$SECOND" $SCHEDULER; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  cleanup
}
trap stop EXIT
if ! bash scripts/release.sh health "$SERVER"; then cat "$LOG"; exit 1; fi
if ! APP_URL="$SECOND_URL" bash scripts/release.sh health "$SECOND"; then
  cat "$DATA/second.log"
  exit 1
fi

status=0
echo "Starting the scheduler (release.sh scheduler): it must still run after 5 s"
bash scripts/release.sh scheduler >"$DATA/scheduler.log" 2>&1 &
SCHEDULER=$!
sleep 5
if kill -0 "$SCHEDULER" 2>/dev/null; then
  echo "ok   the scheduler runs"
else
  echo "FAIL the scheduler exited:"
  cat "$DATA/scheduler.log"
  status=1
fi
node "$ROOT/scripts/production-check.js" "$APP_URL" "$SECOND_URL" || status=1
for log in "$LOG" "$DATA/second.log"; do
  if [ -s "$log" ]; then
    echo "Server log ($log):"
    cat "$log"
  fi
done
exit $status
