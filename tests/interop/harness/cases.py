"""Case files (cases/*.json) and the placeholders in them.

A file holds {"defaults": {...}, "cases": [...]}; every case takes the defaults it does not set.
A case: name, fixture, mutates, clients (default: the API clients), notes, and steps; or op/input/expect at
the top for a single step. A step is one of:

  {op, input, expect, client?, paginate?, unvalidated?, unsigned?}   a call through the case's client,
      or through `client` when the step names one (a cognito-js story can check state with boto3 or
      JS v3). `unsigned`: the client is set up not to sign at all (boto3 signature_version=UNSIGNED,
      the CLI's --no-sign-request); only those two clients have such a setting.
  {"clock": {"AdvanceSeconds": n} | {"Now": iso}, "expect"?}   moves the target's clock (cognitomock's
      POST /_mock/clock); its output is {"Now": iso, "OffsetSeconds": n}. A target without an adjustable
      clock fails the case at that step.
  {"totp": {"Secret": base32, "OffsetSteps"?: n}, "expect"?}   a TOTP code (RFC 6238), computed by otpauth from npm
      and cross-checked by harness/totp.py, for the target's current time (cognitomock: GET /_mock/clock; the others run on this
      machine's time); its output is {"Code", "WrongCode", "Step", "Now"}. WrongCode matches no step
      within two of the current one.
  {"sms": {"UserPoolId", "Username"}, "expect"?}   the newest SMS the target "sent" to that user (the
      stored username): cognitomock's GET /_mock/sms; output {"Code", "Destination", "SentAt", "Count",
      "WrongCode"} (Count: how many were sent to that user; WrongCode: six digits that are not Code).
      The other targets have no outbox to read: the case fails at that step, saying so.
  {"message": {"UserPoolId"?, "Username"?, "DeliveryMedium"?, "TriggerSource"?}, "expect"?}   the newest message
      (email or SMS) the target "sent" that matches: cognitomock's GET /_mock/messages; moto: the codes its
      ForgotPassword answers of this case run carried (x-moto-forgot-password-confirmation-code); cognito-local:
      the boxes its console log printed. Output: the message ({UserPoolId, Username, DeliveryMedium, Destination,
      Subject, Message, Code, TriggerSource, SentAt}, as far as the target keeps them), Count (how many match)
      and WrongCode (not Code). None matching is {"Count": 0}; a step without `expect` fails then.
  {"authEvents": {"UserPoolId", "Username"}, "expect"?}   a user's auth events with their feedback tokens, newest
      first (cognitomock's GET /_mock/auth-events): {"Events": [{EventId, EventType, CreationDate,
      EventResponse, FeedbackToken}], "Count"}. The other targets show no feedback tokens.
  {"faults": [rule, ...], "expect"?}   replaces the target's injected faults (cognitomock's DELETE, then
      POST /_mock/faults for each rule, e.g. {"Operation": "AdminGetUser", "Fault": "TooManyRequests",
      "FirstCalls": 1}); its output is {"Replaced": [{"Rule", "Calls", "Hits"}, ...]}, the rules it
      replaced with the calls each saw and hit, so `"faults": []` at the end reads them and clears them.
      Faults are cleared after such a case whatever its outcome. Other targets cannot inject faults.

expect is {"output": <matcher>} or {"error": {"code", "message"?}}, plus optionally
"attempts": n (the HTTP attempts the client made for the call, its own retries included; without it, any
retry is a failure), "signed": true/false (the request carried an Authorization header, on every HTTP attempt; a map
{"cli": true, "js": false} where the clients' own models differ) and
"requests": <matcher> (cognito-js: the operations it sent, e.g. "RespondToAuthChallenge(DEVICE_SRP_AUTH)").

Placeholders: "${pools.main.id}", "${pool.id}" (the fixture's first pool), "${client.id}",
"${users.alice.sub}", "${users.alice.device_keys}", "${users.alice.devices.0.key}",
"${steps.0.User.Username}" (an earlier step's output), "${unique}" (fresh per case run),
"${repeat:a:129}". A string that is one placeholder becomes that value itself (list, number...).

A case that may write gets a fixture of its own for each client; read-only cases share one per
run. `mutates` is inferred from the operations (anything but Describe/Get/List is taken as a
write, a sign-in too: it may create a device), because a case that expects an error still writes
on a target that wrongly accepts the call, and must not spoil the shared state for other cases.
`exclusive` is inferred from clock and faults steps: the clock and the faults are the whole server's, so
such a case runs with no other case beside it (a clock moved by hours would expire the tokens of every case
in flight; a fault would hit their calls).
"""
import glob
import json
import os
import re

from .clients import ALL, API_CLIENTS

CASE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "cases")
_PLACEHOLDER = re.compile(r"\$\{([^}]+)\}")
_STEP_KEYS = ("op", "input", "paginate", "unvalidated", "expect")
_STEP_ALLOWED = {"op", "input", "paginate", "unvalidated", "unsigned", "expect", "client", "clock", "totp", "sms",
                 "message", "authEvents", "faults"}
# Steps the harness takes itself, through the target's adapter, instead of a call through a client.
HARNESS_STEPS = ("clock", "totp", "sms", "message", "authEvents", "faults")
# Harness steps that change the whole server, so their case runs alone and counts as a write.
_SERVER_WIDE = ("clock", "faults")
_READ_ONLY = ("Describe", "Get", "List", "AdminGet", "AdminList", "listDevices", "getDevice")


class CaseError(Exception):
    """A case that cannot run as written (bad placeholder, unknown fixture member)."""


def load_all(pattern=None):
    cases = []
    for path in sorted(glob.glob(os.path.join(CASE_DIR, "*.json"))):
        stem = os.path.splitext(os.path.basename(path))[0]
        with open(path) as f:
            doc = json.load(f)
        for raw in doc["cases"]:
            case = dict(doc.get("defaults", {}), **raw)
            case["name"] = f"{stem}/{raw['name']}"
            if "steps" not in case:
                case["steps"] = [{k: case.pop(k) for k in _STEP_KEYS if k in case}]
            case.setdefault("clients", list(API_CLIENTS))
            for step in case["steps"]:
                _check_step(case["name"], step)
            case["exclusive"] = any(k in step for step in case["steps"] for k in _SERVER_WIDE)
            case.setdefault("mutates", case["exclusive"] or any("op" in step and not step["op"].startswith(_READ_ONLY)
                                                                for step in case["steps"]))
            cases.append(case)
    names = [c["name"] for c in cases]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise SystemExit(f"duplicate case names: {sorted(duplicates)}")
    if pattern:
        rx = re.compile(pattern)
        cases = [c for c in cases if rx.search(c["name"])]
    return cases


def _check_step(name, step):
    unknown = set(step) - _STEP_ALLOWED
    if unknown:
        raise SystemExit(f"{name}: unknown step keys {sorted(unknown)}")
    kinds = [k for k in ("op",) + HARNESS_STEPS if k in step]
    if len(kinds) != 1:
        raise SystemExit(f"{name}: a step has exactly one of op, {', '.join(HARNESS_STEPS)} (got {kinds})")
    if kinds[0] != "op" and set(step) - {kinds[0], "expect"}:
        raise SystemExit(f"{name}: a {kinds[0]} step takes only `expect` beside it")
    if step.get("client", ALL[0]) not in ALL:
        raise SystemExit(f"{name}: unknown step client {step['client']!r}")


def resolve(value, context):
    if isinstance(value, str):
        whole = _PLACEHOLDER.fullmatch(value)
        if whole:
            return _lookup(whole.group(1), context)
        return _PLACEHOLDER.sub(lambda m: str(_lookup(m.group(1), context)), value)
    if isinstance(value, list):
        return [resolve(v, context) for v in value]
    if isinstance(value, dict):
        return {resolve(k, context): resolve(v, context) for k, v in value.items()}
    return value


def _lookup(path, context):
    if path.startswith("repeat:"):
        _, char, count = path.split(":")
        return char * int(count)
    node = context
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise CaseError(f"placeholder ${{{path}}} does not resolve (at {part!r})")
    return node
