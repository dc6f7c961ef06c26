"""The API calls adapters make to build fixtures on targets without a seed endpoint."""
import boto3
import botocore.exceptions

from adapters.setup_api import SetupError

from .isolation import REGION


def setup_api(endpoint):
    if endpoint is None:
        return None
    client = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test",
                                   region_name=REGION).client("cognito-idp", endpoint_url=endpoint)

    def call(op, **params):
        try:
            response = getattr(client, botocore.xform_name(op))(**params)
        except botocore.exceptions.ClientError as e:
            err = e.response.get("Error", {})
            raise SetupError(f"{op}: {err.get('Code')}: {err.get('Message')}") from None
        except botocore.exceptions.BotoCoreError as e:
            raise SetupError(f"{op}: {e}") from None
        response.pop("ResponseMetadata", None)
        return response

    return call
