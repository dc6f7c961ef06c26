"""The load harness of CognitoMock: see ../run.sh and docs/performance.md."""
