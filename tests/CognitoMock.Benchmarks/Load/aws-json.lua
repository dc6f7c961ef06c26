-- wrk script: POST one AWS JSON 1.1 request over and over.
-- Set by environment: TARGET (the X-Amz-Target operation), BODY (the JSON body).
wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWSCognitoIdentityProviderService." .. os.getenv("TARGET")
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20261126/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00"
wrk.body = os.getenv("BODY")

-- One line the harness reads: requests/s, p50 in microseconds, and non-2xx count.
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.1f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50),
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
