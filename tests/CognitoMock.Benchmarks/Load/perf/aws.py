"""A minimal AWS JSON 1.1 client for Cognito, enough to build state and to check a request before loading it."""
import http.client
import json
import re
import urllib.parse

AUTHORIZATION = ("AWS4-HMAC-SHA256 Credential=bench/20261126/us-east-1/cognito-idp/aws4_request, "
                 "SignedHeaders=host, Signature=00")


class AwsError(Exception):
    def __init__(self, status, kind, message):
        super().__init__(f"HTTP {status} {kind}: {message}")
        self.status, self.kind, self.message = status, kind, message


class Client:
    """One keep-alive connection to one endpoint."""

    def __init__(self, endpoint, timeout=60):
        url = urllib.parse.urlsplit(endpoint)
        self.host, self.port, self.timeout = url.hostname, url.port, timeout
        self.connection = None

    def call(self, operation, body):
        payload = body if isinstance(body, (str, bytes)) else json.dumps(body)
        headers = {
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AWSCognitoIdentityProviderService." + operation,
            "Authorization": AUTHORIZATION,
        }
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request("POST", "/", body=payload, headers=headers)
                response = self.connection.getresponse()
                status, text = response.status, response.read().decode("utf-8", "replace")
                error_header = response.getheader("x-amzn-ErrorType")
                break
            except (http.client.HTTPException, OSError):
                # A server may close a keep-alive connection between calls: one retry on a new one.
                self.close()
                if attempt == 2:
                    raise
        if 200 <= status < 300:
            return json.loads(text) if text.strip() else {}
        try:
            parsed = json.loads(text)
            kind = (parsed.get("__type") or error_header or "?").split("#")[-1]
            message = parsed.get("message") or parsed.get("Message") or ""
        except ValueError:
            # Not JSON: moto answers an HTML error page for what it has not implemented.
            title = re.search(r"<title>(.*?)</title>", text, re.S | re.I)
            kind = (error_header or "not JSON").split(":")[0]
            message = " ".join((title.group(1) if title else text).split())[:160]
        raise AwsError(status, kind, message)

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None
