#!/usr/bin/env bash
# Runs every test of CognitoMock: the .NET test projects, the crash-safety script, then the real-client interop
# suite against the standalone binary (tests/interop). Installs the interop suite's npm packages from the committed
# lock file when they are absent or older than it. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

# What this script cannot install itself: stop in seconds, saying what is missing and how to get it, rather than
# fail every real-client case one by one after the .NET tests.
stop() {
    echo "test.sh: $1"
    echo "0 passed, 1 failed"
    exit 1
}
missing=()
command -v dotnet >/dev/null || missing+=("the .NET 10 SDK (dotnet)")
[ -x /usr/bin/aws ] || missing+=("AWS CLI v2 at /usr/bin/aws (Debian: apt-get install awscli)")
/usr/bin/python3 -c 'import boto3' 2>/dev/null || missing+=("boto3 for /usr/bin/python3 (Debian: apt-get install python3-boto3)")
{ command -v node >/dev/null && command -v npm >/dev/null; } || missing+=("node and npm (Debian: apt-get install nodejs npm)")
if [ ${#missing[@]} -gt 0 ]; then
    stop "missing $(printf '%s; ' "${missing[@]}")tests/interop/install.sh installs all but dotnet, as root"
fi

# npm writes node_modules/.package-lock.json as it installs: absent, or older than the lock file, means the
# packages are not those of the lock file.
if [ ! -f tests/interop/node_modules/.package-lock.json ] || [ tests/interop/package-lock.json -nt tests/interop/node_modules/.package-lock.json ]; then
    echo "installing the interop suite's npm packages from tests/interop/package-lock.json (npm ci)"
    (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error) ||
        stop "npm ci in tests/interop failed (above); it needs the npm registry, once"
fi

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if ! dotnet build CognitoMock.sln -c Release -nologo -v quiet; then
    echo "build failed"
    echo "0 passed, 1 failed"
    exit 1
fi

dotnet test CognitoMock.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One summary line per test assembly: "Passed!  - Failed:     0, Passed:    69, Skipped: ..."
while read -r f p; do
    failed=$((failed + f))
    passed=$((passed + p))
done < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\),.*/\1 \2/p' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test exited with $status without a failed test: counting the run as one failure"
    failed=$((failed + 1))
fi

# Crash safety: the binary killed with SIGKILL 20 times under concurrent writes; nothing acknowledged is lost.
if python3 tests/reliability/crash-safety.py --kills 20; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi

# The real clients (AWS CLI v2, boto3, JS SDK v3, amazon-cognito-identity-js) against the standalone binary.
interop_log=$(mktemp)
tests/interop/run.sh --target cognitomock --repo "$PWD" 2>&1 | tee "$interop_log"
interop_status=${PIPESTATUS[0]}
if read -r ip if_ < <(sed -n 's/^interop: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$interop_log" | tail -n 1); then
    passed=$((passed + ip))
    failed=$((failed + if_))
elif [ "$interop_status" -ne 0 ]; then
    echo "the interop suite exited with $interop_status before counting: counting it as one failure"
    failed=$((failed + 1))
fi
rm -f "$interop_log"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
