#!/usr/bin/env bash
# The release recipe as steps, the same as the Dockerfile's (docs/OPERATIONS.md,
# "Release"), for machines without a Docker engine; scripts/production-check.sh
# runs the build through them. The environment (NODE_ENV=production, DB_*, …)
# comes from the caller: .env is not copied into the build.
#
#   release.sh build              node ace build, then npm ci --omit=dev in build/
#   release.sh migrate [flags…]   migration:run --force on registry, then omakaiku
#   release.sh web                the web process (node bin/server.js)
#   release.sh scheduler          the scheduler process (node ace scheduler:work)
#   release.sh health [pid]       waits until APP_URL + HEALTH_PATH answers 2xx/3xx
#
# RELEASE_APP_DIR (default build/) is the built app the last four run in.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
APP_DIR="${RELEASE_APP_DIR:-$ROOT/build}"
# Readiness: both databases answer, disk and memory are within limits (docs/OPERATIONS.md).
HEALTH_PATH="${HEALTH_PATH:-/health/ready}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-30}"

usage() {
  sed -n '7,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

in_app() {
  if [ ! -f "$APP_DIR/ace.js" ]; then
    echo "no built app in $APP_DIR (run: release.sh build)" >&2
    exit 1
  fi
  cd "$APP_DIR"
}

step="${1:-}"
[ -n "$step" ] || usage
shift

case "$step" in
  build)
    cd "$ROOT"
    node ace build
    (cd build && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
    ;;
  migrate)
    in_app
    # Both connections, registry first: nothing in either refers to the other's
    # tables, but a failure then leaves OmaKaiku on the release it was on.
    # Extra flags (e.g. --disable-locks) go to both runs.
    node ace migration:run --connection=registry --force "$@"
    node ace migration:run --connection=omakaiku --force "$@"
    ;;
  web)
    in_app
    # exec: the caller's pid (and its signals) are the server's.
    exec node bin/server.js
    ;;
  scheduler)
    in_app
    exec node ace scheduler:work
    ;;
  health)
    : "${APP_URL:?set APP_URL, e.g. http://127.0.0.1:3333}"
    watched="${1:-}"
    url="${APP_URL%/}$HEALTH_PATH"
    deadline=$((SECONDS + HEALTH_TIMEOUT))
    while [ "$SECONDS" -lt "$deadline" ]; do
      if curl -fs -o /dev/null "$url"; then
        echo "ok   $url answers"
        exit 0
      fi
      # A server that has exited will not answer: no need to wait it out.
      if [ -n "$watched" ] && ! kill -0 "$watched" 2>/dev/null; then
        echo "FAIL process $watched exited before $url answered" >&2
        exit 1
      fi
      sleep 0.5
    done
    echo "FAIL $url did not answer within ${HEALTH_TIMEOUT}s" >&2
    exit 1
    ;;
  *)
    usage
    ;;
esac
