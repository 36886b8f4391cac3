#!/usr/bin/env bash
# Runs jaring's whole test suite: unit, property, vector and integration tests against a real
# nats-server (installed into .venv/ by deploy/setup.sh when missing), the console's browser
# test in Debian's Chromium (installed by the same, with the Noto fonts), then the doc tests.
set -euo pipefail
cd "$(dirname "$0")"
eval "$(deploy/setup.sh --for-tests)"
bash vendor/check.sh
export NATS_SERVER_BIN
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast "$@"
else
  cargo test --workspace --no-fail-fast "$@"
fi
cargo test --workspace --doc --quiet
