#!/usr/bin/env bash
# The whole test suite, as README and CI run it:
#   typecheck → unit + integration (PostgreSQL) → next build → end-to-end in Chromium against `next start`.
# DATABASE_URL: a local PostgreSQL test database to use (re-created fresh); default
# postgres://postgres@127.0.0.1:5432/koppel_test. (`npm run test:unit` alone runs on in-memory PGlite.)
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
# cXML samples and the official validators (../shared, or wherever tests/support/shared-dir.sh finds them).
KOPPEL_SHARED_DIR="$(sh tests/support/shared-dir.sh)"
export KOPPEL_SHARED_DIR
export AUTH_SECRET="${AUTH_SECRET:-koppel-test-secret-0123456789abcdef0123456789}"
PORT="${E2E_PORT:-3100}"
TEST_DB_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/koppel_test}"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "database"
npx tsx tests/support/reset-database.ts "$TEST_DB_URL" || {
  echo "The test suite needs PostgreSQL (default 127.0.0.1:5432, user postgres) or DATABASE_URL pointing at a local test database."
  exit 1
}
export DATABASE_URL="$TEST_DB_URL" KOPPEL_TEST_PG_URL="$TEST_DB_URL"

step "typecheck"
npx tsc --noEmit

step "unit + integration tests"
npx vitest run

step "build (must not touch any database)"
BUILD_PROBE="$(mktemp -d)/must-not-exist"
# The typecheck step above has checked the types; the build need not again (next.config.ts).
env -u DATABASE_URL KOPPEL_TYPES_CHECKED=1 PGLITE_DIR="$BUILD_PROBE" npx next build
[ ! -e "$BUILD_PROBE" ] || { echo "next build opened the database"; exit 1; }

step "end-to-end tests (Chromium)"
LOG="$(mktemp)"
if curl -s -o /dev/null "http://localhost:$PORT/"; then
  echo "port $PORT is already in use (a leftover server?); set E2E_PORT to another port"
  exit 1
fi
# SEED_DEMO=1: the specs sign in with the demo accounts, which a production server on PostgreSQL does not seed by default.
# APP_URL as a deployment sets it: links in e-mails (self-service password reset) are only built on it in production.
# VIES_URL: the VIES stand-in the VAT-check spec starts on E2E_VIES_PORT (tests/support/fake-vies.ts); nothing
# in the suite reaches the European Commission. PRODUCT_IMAGE_FETCH_ALLOW_HOSTS: the photo-from-URL spec serves its
# images from a local server, which the shop otherwise refuses to fetch from (lib/http/fetch-public-url.ts).
export E2E_VIES_PORT="${E2E_VIES_PORT:-3197}"
SEED_DEMO=1 APP_URL="http://localhost:$PORT" VIES_URL="http://127.0.0.1:$E2E_VIES_PORT/check-vat-number" PRODUCT_IMAGE_FETCH_ALLOW_HOSTS=127.0.0.1 node node_modules/next/dist/bin/next start -p "$PORT" >"$LOG" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  if curl -fsS "http://localhost:$PORT/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$LOG"; echo "server exited"; exit 1; fi
  sleep 1
done
curl -fsS "http://localhost:$PORT/api/health" >/dev/null || { cat "$LOG"; echo "server did not become healthy"; exit 1; }
grep -E "^\[koppel\]" "$LOG" || true
BASE_URL="http://localhost:$PORT" npx tsx --test --test-concurrency=1 tests/e2e/*.spec.ts || { echo "--- server log"; tail -n 80 "$LOG"; exit 1; }
