#!/usr/bin/env bash
# Runs the black-box conformance suite (../shared/conformance, or NOTES_CONFORMANCE_DIR)
# against a freshly built release binary on a free loopback port with its own database.
set -euo pipefail
cd "$(dirname "$0")/.."

suite=${NOTES_CONFORMANCE_DIR:-../shared/conformance}
if [ ! -x "$suite/run.sh" ]; then
  echo "conformance: no suite at $suite; skipped (set NOTES_CONFORMANCE_DIR to run it)"
  exit 0
fi

cargo build --release --locked --bin notes
workdir=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$workdir"' EXIT
. scripts/lib/start-server.sh
start_server target/release/notes "$workdir"

"$suite/run.sh" "$NOTES_BASE_URL" -q
