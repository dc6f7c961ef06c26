"""AWS CLI v2 (Debian awscli, /usr/bin/aws), one process per call.

Input goes through --cli-input-json, so the CLI itself serialises it. --debug is on because it is
the only place the CLI tells what happened on the wire: one urllib3 status line per HTTP attempt,
and botocore's "Retry needed" before each retry.
"""
import ast
import functools
import glob
import json
import re
import subprocess

from botocore import xform_name

from ..isolation import REGION
from . import MAX_PAGES, merge_pages, signed
from .dates import tag_cli_dates

AWS = "/usr/bin/aws"
_ERROR = re.compile(r"An error occurred \(([^)]*)\) when calling the (\w+) operation(?: \(reached max retries: \d+\))?: (.*)",
                    re.S)
_ERROR_START = "An error occurred ("
_STATUS = re.compile(r'"POST / HTTP/1\.1" (\d{3})')
# botocore logs each HTTP attempt as it goes out, signed: "Sending http request: <AWSPreparedRequest ... headers={...}>".
_SENDING = re.compile(r"Sending http request: <AWSPreparedRequest .*?headers=\{(.*)\}>")
# botocore's parsers log each answer's headers: "Response headers: {...}" (a Python dict's repr).
_RESPONSE_HEADERS = re.compile(r"botocore\.parsers - DEBUG - Response headers: (\{.*\})$", re.M)


@functools.lru_cache(maxsize=None)
def _cli_paginators():
    """The operations the CLI auto-paginates, from its own bundled botocore's paginators file."""
    paginators = {}
    for path in glob.glob("/usr/lib/python3/dist-packages/awscli/botocore/data/cognito-idp/*/paginators-1.json"):
        with open(path) as f:
            paginators.update(json.load(f)["pagination"])
    return paginators


class CliClient:
    name = "cli"

    def __init__(self, env):
        self.env = env

    def call(self, endpoint, op, params, paginate=None, unvalidated=False, unsigned=False):
        auto = _cli_paginators().get(op) if paginate else None
        extra = ["--no-sign-request"] if unsigned else []
        if auto and auto.get("limit_key") in params:
            # The CLI stops auto-paginating when the input names the page size itself; its way
            # to set the page size is --page-size.
            params = dict(params)
            extra += ["--page-size", str(params.pop(auto["limit_key"]))]
        token, outputs, attempts, requests, status, sent = None, [], 0, 0, None, []
        while True:
            request = dict(params, **({paginate["token"]: token} if token else {}))
            r = self._run(endpoint, op, request, extra + ([] if auto else ["--no-paginate"]))
            attempts += r.get("attempts", 0)
            requests += r.get("requests", 0)
            sent += r.pop("sent", [])
            headers = r.pop("headers", {})
            if not r["ok"]:
                r["attempts"], r["requests"] = attempts, requests
                if "client_error" not in r:
                    r["signed"], r["headers"] = signed(sent), headers
                return r
            outputs.append(r["output"])
            status = r["status"]
            token = outputs[-1].get(paginate["token"]) if paginate and not auto else None
            if not token or len(outputs) >= MAX_PAGES:
                break
        # With auto-pagination one CLI run makes all the requests: the page count is the request count.
        return {"ok": True, "output": tag_cli_dates(merge_pages(outputs, paginate, requests)),
                "attempts": attempts, "requests": requests, "status": status, "signed": signed(sent), "headers": headers}

    def _run(self, endpoint, op, params, extra):
        argv = [AWS, "--debug", "cognito-idp", xform_name(op, "-"), "--endpoint-url", endpoint,
                "--region", REGION, "--output", "json", "--cli-input-json", json.dumps(params), *extra]
        p = subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=120)
        statuses = [int(s) for s in _STATUS.findall(p.stderr)]
        retries = p.stderr.count("Retry needed")
        counts = {"attempts": len(statuses), "requests": len(statuses) - retries,
                  "sent": ["'Authorization':" in h for h in _SENDING.findall(p.stderr)],
                  "headers": _last_headers(p.stderr)}
        # The CLI's own last words; with --debug the same line also appears inside a traceback.
        errors = _ERROR.findall(p.stderr[p.stderr.rfind(_ERROR_START):])
        if p.returncode == 0:
            out = json.loads(p.stdout) if p.stdout.strip() else {}
            return dict(counts, ok=True, output=out, status=statuses[-1] if statuses else None)
        if errors and statuses:
            code, _, message = errors[-1]
            return dict(counts, ok=False, error={"code": code, "message": message.rstrip("\n"),
                                                 "status": statuses[-1], "typed": None})
        # Exit 252 is the CLI refusing the input itself; anything else without an answer is a crash.
        lines = [l for l in p.stderr.splitlines() if l and " - DEBUG - " not in l and not l.startswith("20")]
        return {"ok": False, "client_error": f"exit {p.returncode}: {' '.join(lines[-3:])[:400]}"}


def _last_headers(debug):
    """The headers of the last answer the CLI received, names in lower case ({} when it logged none)."""
    found = _RESPONSE_HEADERS.findall(debug)
    if not found:
        return {}
    try:
        return {str(k).lower(): v for k, v in ast.literal_eval(found[-1]).items()}
    except (ValueError, SyntaxError):
        return {}
