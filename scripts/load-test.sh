#!/usr/bin/env bash
# The load test: 64 concurrent clients mixing creates, updates, deletes and reads against
# the release binary on a free loopback port and a fresh database, for 30 seconds (at most
# 1,000,000 requests), then a check that every acknowledged note is stored with its last
# acknowledged content and every deleted one is gone. Fails on any error answer, socket
# error or mismatch, on any error line in the server's log (a "database is locked" included),
# and if the server does not stop cleanly afterwards.
#
#   scripts/load-test.sh                 build the release binary and run
#   NOTES_BIN=path scripts/load-test.sh  test that binary
#   scripts/load-test.sh --duration 60 --clients 128
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${NOTES_BIN:-}" ]; then
  cargo build --release --locked --bin notes
  NOTES_BIN=${CARGO_TARGET_DIR:-target}/release/notes
fi

workdir=$(mktemp -d)
server=
trap '[ -n "$server" ] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }; rm -rf "$workdir"' EXIT

. scripts/lib/start-server.sh
start_server "$NOTES_BIN" "$workdir"
echo "load test: server $server at $NOTES_BASE_URL"

status=0
# The driver bounds itself; the outer timeout only guards against a wedged run.
timeout 300 python3 tests/load/load_test.py --base-url "$NOTES_BASE_URL" "$@" || status=$?

kill -TERM "$server"
wait "$server" || { echo "load test: the server did not stop cleanly"; status=1; }
server=
if grep -E '"level":"ERROR"|database is locked' "$workdir/server.log"; then
  echo "load test: the server logged errors (above)"
  status=1
fi
[ "$status" -eq 0 ] && echo "load test: passed"
exit "$status"
