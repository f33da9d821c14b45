#!/usr/bin/env bash
# Installs Debian's libpq-dev when it is missing: the PostgreSQL backend links libpq, so
# nothing builds without it. The project's machine images ship it; this covers any other.
set -euo pipefail

if ! pkg-config --exists libpq 2>/dev/null && [ ! -e /usr/include/postgresql/libpq-fe.h ]; then
  apt-get update -qq && apt-get install -y -qq libpq-dev
fi
