#!/usr/bin/env bash
# CognitoMock's load harness. Builds the server and the benchmark exe (Release), starts a bare Kestrel ceiling,
# the standalone server, cognito-local and moto_server on 127.0.0.1, loads them with wrk, stops them all by
# process ID, and writes a Markdown report (docs/performance.md for a full run). Nothing of it runs in CI.
#
#   tests/CognitoMock.Benchmarks/Load/run.sh                  # everything, ~15-25 minutes
#   tests/CognitoMock.Benchmarks/Load/run.sh --quick          # a 3-5 minute smoke run at smaller sizes
#   tests/CognitoMock.Benchmarks/Load/run.sh --only reads,writes --repeats 5
#   tests/CognitoMock.Benchmarks/Load/run.sh --help
#
# Needs: the .NET 10 SDK, wrk (Debian wrk), Node 20 (cognito-local is installed from tests/interop's lock file
# when missing), moto_server on PATH or in pyenv, and Python 3.8+ (standard library only).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="$(command -v python3 || true)"
[ -n "$python" ] || { echo "run.sh: python3 is missing" >&2; exit 1; }
PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" PYTHONDONTWRITEBYTECODE=1 exec "$python" -m perf "$@"
