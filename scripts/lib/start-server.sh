# Sourced by test scripts: start_server BINARY WORKDIR starts `BINARY serve` on a free
# loopback port with a fresh database in WORKDIR, waits until it listens, and sets
# $server (its pid) and $NOTES_BASE_URL. Extra arguments are passed to `serve`. With
# START_SERVER_DATABASE_URL set, the server uses that database instead.
start_server() {
  local binary=$1 workdir=$2
  shift 2
  # A random secret unless the caller names a key file.
  local key=()
  [ -n "${NOTES_SECRET_KEY_FILE:-}" ] || key=(NOTES_SECRET_KEY="test-server-secret-$(date +%s%N)-0123456789abcdef")
  env "${key[@]}" NOTES_DATABASE_URL="${START_SERVER_DATABASE_URL:-$workdir/notes.sqlite3}" NOTES_LOG_FORMAT=json \
    "$binary" serve --listen 127.0.0.1:0 "$@" >"$workdir/server.log" 2>&1 &
  server=$!
  local address=""
  for _ in $(seq 1 100); do
    address=$(grep -o '"address":"http://[^"]*"' "$workdir/server.log" 2>/dev/null | head -n 1 | cut -d'"' -f4 || true)
    [ -n "$address" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$workdir/server.log" >&2; return 1; }
    sleep 0.1
  done
  if [ -z "$address" ]; then
    echo "the server did not start listening:" >&2
    cat "$workdir/server.log" >&2
    return 1
  fi
  NOTES_BASE_URL=$address
  export NOTES_BASE_URL
}
