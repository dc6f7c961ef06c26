#!/usr/bin/env bash
# Runs the whole suite against every implementation and writes docs/parity.md.
#   parity.sh [run.sh options, e.g. --client boto3 --filter admin-list-devices]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for target in cognitomock moto cognito-local; do
  # A run that fails (or cannot even start its target) still leaves its results for the matrix.
  "$here/run.sh" --target "$target" --results "$out/$target.json" "$@" > "$out/$target.log" 2>&1
  echo "$target: $(tail -n 1 "$out/$target.log")"
done
/usr/bin/python3 "$here/harness/parity.py" --out "$here/../../docs/parity.md" --logs "$out" \
  --command "tests/interop/parity.sh${*:+ $*}" cognitomock moto cognito-local
