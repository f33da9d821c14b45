#!/usr/bin/env bash
# Runs the black-box conformance suite (../shared/conformance, or NOTES_CONFORMANCE_DIR)
# against a freshly built release binary on a free loopback port with its own database:
# a SQLite file, and, when NOTES_TEST_POSTGRES_URL names a server, a fresh PostgreSQL
# database as well (created here and dropped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."

suite=${NOTES_CONFORMANCE_DIR:-../shared/conformance}
if [ ! -x "$suite/run.sh" ]; then
  echo "conformance: no suite at $suite; skipped (set NOTES_CONFORMANCE_DIR to run it)"
  exit 0
fi

cargo build --release --locked --bin notes
. scripts/lib/start-server.sh
workdir=$(mktemp -d)
server=""
database=""
stop_server() {
  [ -z "$server" ] || { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  server=""
}
cleanup() {
  stop_server
  [ -z "$database" ] || psql -q "$NOTES_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)"
  rm -rf "$workdir"
}
trap cleanup EXIT

echo "conformance on SQLite"
start_server target/release/notes "$workdir"
"$suite/run.sh" "$NOTES_BASE_URL" -q
stop_server

if [ -n "${NOTES_TEST_POSTGRES_URL:-}" ]; then
  echo "conformance on PostgreSQL"
  database="notes_conformance_$$"
  psql -q "$NOTES_TEST_POSTGRES_URL" -c "CREATE DATABASE $database"
  # The server's URL is the test server's with its database name replaced.
  START_SERVER_DATABASE_URL="${NOTES_TEST_POSTGRES_URL%/*}/$database" \
    start_server target/release/notes "$workdir"
  "$suite/run.sh" "$NOTES_BASE_URL" -q
fi
