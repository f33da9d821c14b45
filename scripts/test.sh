#!/usr/bin/env bash
# The whole test suite, as CI runs it: every cargo test, the layering check, the black-box
# conformance suite against the release binary, the JWKS check with an independent JWT
# library, and the OpenAPI checks (validators, schemathesis, generated Python and TypeScript
# SDKs, Swagger UI and a cross-origin page in headless Chromium), a smoke run of the
# benchmark (fails on errors, never on timing), and the 30-second load test (64 clients,
# zero errors, every acknowledged note intact). Each script installs what it needs from the
# package registries (pip, npm, Debian) on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --all-targets --locked
scripts/check-layers.sh
cargo build --release --locked --bin notes
scripts/conformance.sh
scripts/check-jwks.sh
NOTES_BIN=target/release/notes scripts/test-openapi.sh
scripts/bench.sh --smoke
NOTES_BIN=target/release/notes scripts/load-test.sh
