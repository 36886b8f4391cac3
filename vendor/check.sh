#!/usr/bin/env bash
# Verify the vendored files against vendor/SHA256SUMS (quiet on success).
set -uo pipefail
if ! (cd "$(dirname "$0")" && sha256sum --quiet -c SHA256SUMS); then
  echo "vendor/check.sh: vendored files do not match vendor/SHA256SUMS (re-vendor with: bash vendor/fetch.sh)" >&2
  exit 1
fi
