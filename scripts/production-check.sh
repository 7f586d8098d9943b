#!/usr/bin/env bash
# Builds the app for production as README says (node ace build, then npm ci
# --omit=dev in build/), migrates a fresh SQLite pair with the build's own
# ace, adds the demo data, starts build/bin/server.js with NODE_ENV=production
# and the production stores (cookie sessions, database limiter and locks),
# and requests its pages and assets (scripts/production-check.js).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PORT="${PRODUCTION_CHECK_PORT:-3339}"
DATA="$(mktemp -d)"
LOG="$DATA/server.log"

export NODE_ENV=production HOST=127.0.0.1 PORT APP_URL="http://127.0.0.1:$PORT" \
  APP_KEY="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")" \
  LOG_LEVEL=warn SESSION_DRIVER=cookie DB_ENGINE=sqlite DB_SQLITE_DIR="$DATA" \
  MAIL_TRANSPORT=log MAIL_FROM_ADDRESS=kaikukanta@example.fi MAIL_FROM_NAME=Kaikukanta \
  LIMITER_STORE=database LOCK_STORE=database SMS_TRANSPORT=log

echo "Building"
node ace build
(cd build && npm ci --omit=dev --no-audit --no-fund --loglevel=error)

echo "Migrating with the build's ace"
(cd build && node ace migration:run --connection=registry --force \
  && node ace migration:run --connection=omakaiku --force)
echo "Adding the demo data (the seeder runs in development only)"
NODE_ENV=development node ace db:seed >/dev/null

echo "Starting build/bin/server.js"
(cd build && exec node bin/server.js >"$LOG" 2>&1) &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do
  curl -fs -o /dev/null "$APP_URL/login" && break
  if ! kill -0 "$SERVER" 2>/dev/null; then cat "$LOG"; exit 1; fi
  sleep 0.5
done

status=0
node "$ROOT/scripts/production-check.js" "$APP_URL" || status=1
if [ -s "$LOG" ]; then
  echo "Server log:"
  cat "$LOG"
fi
exit $status
