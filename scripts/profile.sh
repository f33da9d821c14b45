#!/usr/bin/env bash
# Profiles the release binary (docs/benchmarks.md, "Profiles"): CPU samples of the baseline,
# get-one and list-of-20 under wrk, and memory snapshots after seeding and after the mixed
# load. Needs perf (Debian's linux-perf) and wrk.
#
#   scripts/profile.sh OUT_DIR [--duration SECONDS] [--filler-notes N] [--label TEXT]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 OUT_DIR [profile.py options]" >&2; exit 2; }
out_dir=$1
shift

cargo build --release --locked --bin notes
binary=${CARGO_TARGET_DIR:-target}/release/notes

workdir=$(mktemp -d)
server=
trap '[ -n "$server" ] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }; rm -rf "$workdir"' EXIT

. scripts/lib/start-server.sh
start_server "$binary" "$workdir" --access-token-lifetime 2h \
  --sign-in-rate-per-address off --sign-in-failures-per-account off \
  --register-rate-per-address off

python3 bench/profile.py --base-url "$NOTES_BASE_URL" --pid "$server" \
  --database "$workdir/notes.sqlite3" --out-dir "$out_dir" "$@"
