#!/usr/bin/env bash
# Proves that dependencies flow one way between the layers:
#   domain knows no framework, database, token or HTTP crate; http knows no diesel.
set -euo pipefail
cd "$(dirname "$0")/.."

fail=0
forbid() { # crate, regex of forbidden dependencies, why
  local found
  found=$(cargo tree --offline -p "$1" -e normal --prefix none 2>/dev/null | grep -E "^($2) v" | sort -u || true)
  if [ -n "$found" ]; then
    echo "layering violated: $1 depends on $(echo "$found" | tr '\n' ' ')($3)" >&2
    fail=1
  fi
}

forbid notes-domain 'actix-web|diesel|jsonwebtoken|argon2|utoipa|serde' "the domain knows no framework"
forbid notes-auth 'actix-web|diesel|utoipa' "auth knows neither HTTP nor storage"
forbid notes-persistence 'actix-web|jsonwebtoken|argon2|utoipa' "persistence knows neither HTTP nor tokens"
forbid notes-http 'diesel|diesel_migrations|libsqlite3-sys|pq-sys|r2d2' "http reaches storage only through the domain's traits"

[ "$fail" = 0 ] && echo "layers: dependencies flow one way"
exit "$fail"
