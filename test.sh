#!/usr/bin/env bash
# Runs every test of CognitoMock: the .NET test projects, the crash-safety script, then the real-client interop
# suite against the standalone binary (tests/interop, which needs tests/interop/install.sh once). Ends with one line:
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

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
