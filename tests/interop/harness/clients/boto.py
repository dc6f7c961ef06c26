"""boto3 / botocore (Debian python3-boto3), in this process."""
import threading

import boto3
import botocore
import botocore.config
import botocore.exceptions
from botocore import xform_name

from ..isolation import REGION
from . import MAX_PAGES, merge_pages, signed
from .dates import tag_datetimes


class BotoClient:
    name = "boto3"

    def __init__(self):
        self._session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test",
                                              region_name=REGION)
        self._clients = {}
        self._lock = threading.Lock()  # sessions are not thread-safe; the clients they make are
        self._sent = threading.local()  # per case-run thread: whether each HTTP attempt was signed

    def _client(self, endpoint, validate, unsigned=False):
        key = (endpoint, validate, unsigned)
        with self._lock:
            if key not in self._clients:
                # parameter_validation=False only for cases that must send what botocore would refuse;
                # UNSIGNED (botocore's documented setting for anonymous calls) only for cases about signing.
                config = botocore.config.Config(parameter_validation=validate,
                                                **({"signature_version": botocore.UNSIGNED} if unsigned else {}))
                client = self._session.client("cognito-idp", endpoint_url=endpoint, config=config)
                # Called with the signed, ready-to-send request of each HTTP attempt, in the calling thread.
                client.meta.events.register("before-send", self._seen)
                self._clients[key] = client
            return self._clients[key]

    def _seen(self, request, **_):
        self._sent.attempts.append("Authorization" in request.headers)
        # None: botocore goes on and sends it (a value here would stand in for the response).

    def call(self, endpoint, op, params, paginate=None, unvalidated=False, unsigned=False):
        client = self._client(endpoint, not unvalidated, unsigned)
        self._sent.attempts = []
        method = xform_name(op)
        pages, attempts = [], 0
        try:
            if paginate and client.can_paginate(method):
                # botocore's own paginator where the model has one (ListUsers, ListUserPools, ...).
                for page in client.get_paginator(method).paginate(**params):
                    attempts += page["ResponseMetadata"]["RetryAttempts"] + 1
                    pages.append(page)
            else:
                token = None
                while True:
                    request = dict(params, **({paginate["token"]: token} if token else {}))
                    page = getattr(client, method)(**request)
                    attempts += page["ResponseMetadata"]["RetryAttempts"] + 1
                    pages.append(page)
                    token = page.get(paginate["token"]) if paginate else None
                    if not token or len(pages) >= MAX_PAGES:
                        break
        except botocore.exceptions.ClientError as e:
            meta = e.response.get("ResponseMetadata", {})
            code = e.response.get("Error", {}).get("Code")
            modeled = client.exceptions.from_code(code)
            return {"ok": False, "attempts": attempts + meta.get("RetryAttempts", 0) + 1,
                    "requests": len(pages) + 1, "signed": signed(self._sent.attempts),
                    "headers": _lower(meta.get("HTTPHeaders")),
                    "error": {"code": code, "message": e.response.get("Error", {}).get("Message"),
                              "status": meta.get("HTTPStatusCode"),
                              "typed": None if modeled is botocore.exceptions.ClientError else isinstance(e, modeled)}}
        except (botocore.exceptions.BotoCoreError, ValueError) as e:
            return {"ok": False, "client_error": f"{type(e).__name__}: {e}"}
        outputs = [{k: v for k, v in p.items() if k != "ResponseMetadata"} for p in pages]
        return {"ok": True, "output": tag_datetimes(merge_pages(outputs, paginate)), "attempts": attempts,
                "requests": len(pages), "status": pages[-1]["ResponseMetadata"]["HTTPStatusCode"],
                "signed": signed(self._sent.attempts), "headers": _lower(pages[-1]["ResponseMetadata"].get("HTTPHeaders"))}


def _lower(headers):
    """The answer's HTTP headers, names in lower case."""
    return {k.lower(): v for k, v in (headers or {}).items()}
