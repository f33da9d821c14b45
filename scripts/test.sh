#!/usr/bin/env bash
# The whole test suite, as CI runs it: every cargo test, the layering check, and the
# black-box conformance suite against the release binary. Installs nothing that cargo and
# the scripts below do not install themselves.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --all-targets --locked
scripts/check-layers.sh
scripts/conformance.sh
scripts/check-jwks.sh
