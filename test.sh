#!/usr/bin/env bash
# Runs every test of CognitoMock: the .NET test projects, then the real-client interop suite against the
# standalone binary. Ends with one line: "N passed, N failed".
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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
