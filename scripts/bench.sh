#!/usr/bin/env bash
# The benchmark (docs/benchmarks.md): builds the release binary, starts it on a fresh
# database on a free loopback port, seeds it and drives it with wrk, one bounded run per
# request type. Results go to docs/benchmark-results.md (or --out FILE).
#
#   scripts/bench.sh            the full run: about 5 minutes, 1,000,000 notes stored
#   scripts/bench.sh --smoke    a few seconds, small seed; for CI. Fails on any failed
#                               request or server error, never on timing.
#   scripts/bench.sh --duration 20 --out /tmp/results.md
#   scripts/bench.sh --profile DIR   instead of the scenarios, CPU profiles (perf) and
#                               memory snapshots (smaps) into DIR: bench/profile.py
#   scripts/bench.sh --postgres postgres://postgres@127.0.0.1:5432/test
#                               the same scenarios on a fresh PostgreSQL database created
#                               on that server (and dropped afterwards), seeded with SQL
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
postgres=
out=docs/benchmark-results.md
profile_dir=
extra=()
command_line="scripts/bench.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) mode=smoke; out= ;;
    --out) out=$2; shift ;;
    --duration) extra+=(--duration "$2"); shift ;;
    --profile) profile_dir=$2; shift ;;
    --postgres) postgres=$2; shift ;;
    *) echo "usage: $0 [--smoke] [--out FILE] [--duration SECONDS] [--profile DIR] [--postgres URL]" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (Debian package)"
  sudo_if_needed=()
  [ "$(id -u)" = 0 ] || sudo_if_needed=(sudo)
  "${sudo_if_needed[@]}" apt-get update -qq
  "${sudo_if_needed[@]}" apt-get install -y -qq wrk >/dev/null
fi

cargo build --release --locked --bin notes
binary=${CARGO_TARGET_DIR:-target}/release/notes

workdir=$(mktemp -d)
server=
bench_db=
cleanup() {
  [ -n "$server" ] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }
  [ -n "$bench_db" ] && psql "$postgres" -q -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)"
  rm -rf "$workdir"
}
trap cleanup EXIT
[ -n "$out" ] || out=$workdir/results.md

database=$workdir/notes.sqlite3
if [ -n "$postgres" ]; then
  bench_db=notes_bench_$(date +%s)_$$
  psql "$postgres" -q -c "CREATE DATABASE $bench_db"
  # The server URL with its database swapped for the new one, query parameters kept.
  database=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$postgres" "$bench_db")
  export START_SERVER_DATABASE_URL=$database
fi

. scripts/lib/start-server.sh
# Tokens made while seeding must outlive the run; the brute-force limits would turn the
# sign-in scenarios into a measurement of 429s, so they are off.
start_server "$binary" "$workdir" --access-token-lifetime 2h \
  --sign-in-rate-per-address off --sign-in-failures-per-account off \
  --register-rate-per-address off
echo "bench: server $server at $NOTES_BASE_URL ($mode run)"

if [ -n "$profile_dir" ]; then
  python3 bench/profile.py --base-url "$NOTES_BASE_URL" --pid "$server" \
    --database "$database" --out-dir "$profile_dir" "${extra[@]}" \
    --label "$command_line (commit $(git rev-parse --short HEAD)), $(date -u '+%Y-%m-%d %H:%M UTC'), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit
fi
python3 bench/driver.py --mode "$mode" --base-url "$NOTES_BASE_URL" --pid "$server" \
  --database "$database" --log "$workdir/server.log" --out "$out" \
  --command "$command_line" "${extra[@]}"
