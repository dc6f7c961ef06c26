#!/usr/bin/env bash
# Installs what the interop suite needs on a fresh Debian 12 machine: the Debian AWS CLI v2 and
# boto3 (the clients the cases are written for), Node packages from the committed lock file.
# moto (for parity.sh) is expected in the machine's Python; see README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

missing=()
[ -x /usr/bin/aws ] || missing+=(awscli)
/usr/bin/python3 -c 'import boto3' 2>/dev/null || missing+=(python3-boto3)
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
fi

cd "$here"
npm ci --no-audit --no-fund
