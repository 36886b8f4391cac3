#!/usr/bin/env bash
# Re-vendor the pinned front-end assets (and map data) from the npm registry.
#
#   bash vendor/fetch.sh               fetch, verify tarball integrity, extract,
#                                      then check files against SHA256SUMS
#   bash vendor/fetch.sh --write-sums  same, but (re)write SHA256SUMS instead of
#                                      checking it (only when bumping a version;
#                                      review the diff before committing)
#
# Each tarball's sha512 is compared with the integrity value pinned below
# (the registry's `npm view <pkg>@<ver> dist.integrity`); any mismatch aborts
# before a single file is touched. Safe to run repeatedly.
set -euo pipefail

# package  version  integrity  then pairs of  <path in tarball>=<path under vendor/>
PINS=(
  "htmx.org|2.0.4|sha512-HLxMCdfXDOJirs3vBZl/ZLoY+c7PfM4Ahr2Ad4YXh6d22T5ltbTXFFkpx9Tgb2vvmWFMbIc3LqN2ToNkZJvyYQ==|package/dist/htmx.min.js=htmx/htmx.min.js package/LICENSE=htmx/LICENSE"
  "axe-core|4.10.3|sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg==|package/axe.min.js=axe-core/axe.min.js package/LICENSE=axe-core/LICENSE package/LICENSE-3RD-PARTY.txt=axe-core/LICENSE-3RD-PARTY.txt"
  "world-atlas|2.0.2|sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==|package/countries-50m.json=world-atlas/countries-50m.json package/LICENSE=world-atlas/LICENSE"
)

write_sums=0
case "${1:-}" in
  "") ;;
  --write-sums) write_sums=1 ;;
  *) echo "usage: $0 [--write-sums]" >&2; exit 2 ;;
esac

vendor_dir="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for pin in "${PINS[@]}"; do
  IFS='|' read -r pkg ver want files <<<"$pin"
  work="$tmp/$pkg"
  mkdir -p "$work/pack" "$work/x"

  echo "fetch: $pkg@$ver"
  tgz_name="$(cd "$work" && npm pack --silent --ignore-scripts --pack-destination "$work/pack" "$pkg@$ver" | tail -n 1)"
  tgz="$work/pack/$tgz_name"
  [[ -f "$tgz" ]] || { echo "fetch.sh: npm pack $pkg@$ver produced no tarball" >&2; exit 1; }

  # Hash the tarball ourselves (node is always present alongside npm).
  got="sha512-$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tgz")"
  if [[ "$got" != "$want" ]]; then
    echo "fetch.sh: INTEGRITY MISMATCH for $pkg@$ver" >&2
    echo "  pinned: $want" >&2
    echo "  got:    $got" >&2
    echo "  refusing to vendor; nothing was changed for this package." >&2
    exit 1
  fi
  echo "  integrity ok ($want)"

  srcs=()
  for pair in $files; do srcs+=("${pair%%=*}"); done
  tar -xzf "$tgz" -C "$work/x" --no-same-owner --no-same-permissions "${srcs[@]}"

  for pair in $files; do
    src="${pair%%=*}"; dst="${pair#*=}"
    mkdir -p "$vendor_dir/$(dirname "$dst")"
    install -m 0644 "$work/x/$src" "$vendor_dir/$dst"
    echo "  $src -> vendor/$dst"
  done
done

cd "$vendor_dir"
if (( write_sums )); then
  : >SHA256SUMS.new
  for pin in "${PINS[@]}"; do
    IFS='|' read -r _ _ _ files <<<"$pin"
    for pair in $files; do sha256sum "${pair#*=}" >>SHA256SUMS.new; done
  done
  mv SHA256SUMS.new SHA256SUMS
  echo "wrote vendor/SHA256SUMS"
elif [[ ! -f SHA256SUMS ]]; then
  echo "fetch.sh: vendor/SHA256SUMS is missing; run with --write-sums to create it" >&2
  exit 1
fi
sha256sum -c SHA256SUMS
