#!/usr/bin/env bash
# Starts the release binary with an EdDSA and then an RS256 test key and checks, with PyJWT
# (an independent JWT library), that the keys published at /.well-known/jwks.json verify
# the access tokens the server issues.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${NOTES_TEST_VENV:-$HOME/.cache/notes-test-venv}
if ! "$venv/bin/python" -c 'import jwt, cryptography' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'PyJWT[crypto]==2.10.1'
fi

cargo build --release --locked --bin notes
. scripts/lib/start-server.sh
for algorithm in EdDSA RS256; do
  key=crates/auth/test-keys/ed25519-a.pem
  [ "$algorithm" = RS256 ] && key=crates/auth/test-keys/rsa.pem
  workdir=$(mktemp -d)
  NOTES_JWT_ALGORITHM=$algorithm NOTES_SECRET_KEY_FILE=$key start_server target/release/notes "$workdir"
  status=0
  "$venv/bin/python" scripts/jwks_check.py "$NOTES_BASE_URL" "$algorithm" || status=$?
  kill "$server"; wait "$server" 2>/dev/null || true
  rm -rf "$workdir"
  [ "$status" = 0 ] || exit "$status"
done
