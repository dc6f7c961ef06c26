"""Real-client conformance harness for CognitoMock. Entry point: tests/interop/run.sh."""
