#!/usr/bin/env bash
# Real-client conformance cases against one target. See README.md.
#   run.sh [--target cognitomock|moto|cognito-local] [--client cli,boto3,js,cognito-js]
#          [--filter REGEX] [--results FILE] [--repo PATH] [--keep]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Debian's python3 carries the Debian boto3 the cases are written for, not the pyenv one on PATH.
exec /usr/bin/python3 "$here/harness/run.py" "$@"
