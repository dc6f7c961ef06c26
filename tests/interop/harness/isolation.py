"""Keeps every client and server on loopback with dummy credentials.

Applied to this process (boto3 runs in it) and passed to every child (CLI, node, servers), so no
client can pick up real credentials, ask an instance-metadata endpoint, or go through a proxy.
"""
import os

REGION = "us-east-1"

_DROP = ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ROLE_ARN",
         "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
         "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
         "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_CA_BUNDLE",
         "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


def isolated_env(workdir):
    """The environment every process of a run gets; workdir holds the empty AWS config files."""
    config = os.path.join(workdir, "aws-config")
    credentials = os.path.join(workdir, "aws-credentials")
    for path in (config, credentials):
        open(path, "w").close()
    env = {k: v for k, v in os.environ.items() if k not in _DROP}
    env.update({
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": config,
        "AWS_SHARED_CREDENTIALS_FILE": credentials,
        "AWS_PAGER": "",
        # Every client's own retry policy decides whether an answer is retryable; two attempts in
        # all are enough to see that it did, without sitting through its full backoff on peers
        # that answer 5xx. The CLI, botocore and JS v3 all read this variable.
        "AWS_MAX_ATTEMPTS": "2",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    })
    return env


def apply_to_this_process(env):
    for key in _DROP:
        os.environ.pop(key, None)
    os.environ.update(env)
