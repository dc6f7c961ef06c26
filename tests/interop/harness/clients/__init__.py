"""Client drivers. Each turns (operation, input) into a call through one real client and reports
what that client made of the answer, in one shape shared by all drivers:

  {"ok": True,  "output": {...}, "status": 200, "attempts": n, "requests": n}
  {"ok": False, "error": {"code", "message", "status", "typed"}, "attempts": n, "requests": n}
  {"ok": False, "client_error": "..."}   the client refused or failed before an answer came back

`attempts` counts HTTP attempts (retries included) and `requests` the logical calls (pages), so a
client that retried shows attempts > requests. `signed` says whether the HTTP requests carried an
Authorization header (True/False when all attempts agree, "mixed" otherwise, None when the driver
could not see them). Timestamps a client parsed as dates come back as
{"__date__": iso}. `typed` says whether the client raised its own class for that error code
(None where the client has no such classes).
"""

ALL = ("cli", "boto3", "js", "cognito-js", "amplify")
# The clients that can send any API operation; cognito-js and amplify only run their own flows.
API_CLIENTS = ("cli", "boto3", "js")


MAX_PAGES = 100  # a target that always answers a token must not page forever


def signed(attempts):
    """One answer for the attempts of a call: True, False, "mixed", or None when none was seen."""
    if not attempts:
        return None
    return attempts[0] if all(a == attempts[0] for a in attempts) else "mixed"


def merge_pages(pages, paginate, count=None):
    """One output as it is; pages of a paginated call as one output with every item, and the
    number of requests it took (`_pages`), which cases use to see where paging stopped."""
    if not paginate:
        return pages[0]
    items = [item for page in pages for item in page.get(paginate["items"], [])]
    return {paginate["items"]: items, "_pages": len(pages) if count is None else count}


def create(name, env, workdir, bridge):
    if name == "cli":
        from .cli import CliClient
        return CliClient(env)
    if name == "boto3":
        from .boto import BotoClient
        return BotoClient()
    if name in ("js", "cognito-js", "amplify"):
        return bridge.client(name)
    raise ValueError(f"unknown client {name}")
