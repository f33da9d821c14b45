#!/usr/bin/env bash
# The listing benchmark (docs/benchmarks.md, "Listing at 100,000 notes"): builds the release
# binary, starts it on a fresh database on a free loopback port, stores one user with
# 100,000 notes and four with 10,000 each, and times paging, search and tag filters
# against a single-note read. About two minutes. Results go to
# docs/benchmark-listing.md (or --out FILE).
#
#   scripts/bench-listing.sh
#   scripts/bench-listing.sh --rounds 10 --out /tmp/listing.md
set -euo pipefail
cd "$(dirname "$0")/.."

out=docs/benchmark-listing.md
extra=()
command_line="scripts/bench-listing.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=$2; shift ;;
    --rounds) extra+=(--rounds "$2"); shift ;;
    *) echo "usage: $0 [--out FILE] [--rounds N]" >&2; exit 2 ;;
  esac
  shift
done

cargo build --release --locked --bin notes
binary=${CARGO_TARGET_DIR:-target}/release/notes

workdir=$(mktemp -d)
server=
trap '[ -n "$server" ] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }; rm -rf "$workdir"' EXIT

. scripts/lib/start-server.sh
start_server "$binary" "$workdir" --access-token-lifetime 2h \
  --sign-in-rate-per-address off --sign-in-failures-per-account off \
  --register-rate-per-address off
echo "bench-listing: server $server at $NOTES_BASE_URL"

python3 bench/listing.py --base-url "$NOTES_BASE_URL" --database "$workdir/notes.sqlite3" \
  --out "$out" --command "$command_line" --commit "$(git rev-parse --short HEAD)" "${extra[@]}"
