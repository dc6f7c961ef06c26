"""Runs the cases against one target through the chosen clients. Usage: see tests/interop/run.sh."""
import argparse
import binascii
import concurrent.futures
import contextlib
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

INTEROP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, INTEROP)

import adapters  # noqa: E402
from adapters import NotKept  # noqa: E402
from adapters.setup_api import SetupError  # noqa: E402
from harness import cases as case_files  # noqa: E402
from harness import clients, fixtures, matchers, totp  # noqa: E402
from harness.clients.cli import AWS  # noqa: E402
from harness.clients.node import NodeBridge  # noqa: E402
from harness.isolation import apply_to_this_process, isolated_env  # noqa: E402
from harness.servers import ServerFailed  # noqa: E402
from harness.setup import setup_api  # noqa: E402


def main(argv=None):
    args = parse_args(argv)
    selected = args.client.split(",")
    unknown = [c for c in selected if c not in clients.ALL]
    if unknown:
        raise SystemExit(f"unknown client(s) {unknown}; choose from {','.join(clients.ALL)}")
    cases = case_files.load_all(args.filter)
    workdir = tempfile.mkdtemp(prefix=f"interop-{args.target}-")
    env = isolated_env(workdir)
    apply_to_this_process(env)
    # SIGTERM (CI timeouts) unwinds like Ctrl-C, so the finally below stops the server; SIGINT is
    # set too because a shell starts background jobs with it ignored, and Python keeps that.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    target = adapters.load(args.target, {"repo": args.repo})
    bridge = NodeBridge(env, workdir)
    jobs = [(case, client) for case in cases for client in case["clients"] if client in selected]
    results, started = [None] * len(jobs), time.time()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs)
    endpoint, down = None, None
    try:
        try:
            endpoint = target.start(workdir, env)
        except (ServerFailed, OSError) as e:  # OSError: its binary (dotnet, moto_server, node) is missing
            down = f"target did not start: {e}"
        runner = Runner(target, endpoint, env, workdir, bridge)

        def run(index):
            case, client = jobs[index]
            status, reason, observed = ("FAIL", down, None) if endpoint is None else runner.run(case, client)
            results[index] = {"case": case["name"], "client": client, "status": status, "reason": reason,
                              "observed": observed, "notes": case.get("notes")}
            return index

        # Case runs are independent (a mutating case gets its own fixture), so they run side by
        # side: the CLI's start-up time dominates, and other clients fill the gaps.
        for future in concurrent.futures.as_completed([pool.submit(run, i) for i in range(len(jobs))]):
            r = results[future.result()]
            print(f"{r['status']} {r['case']} [{r['client']}]" + (f" {r['reason']}" if r["reason"] else ""), flush=True)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        pool.shutdown(wait=False, cancel_futures=True)
        return 130
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        bridge.stop()
        if bridge.unavailable:  # each JS run failed at once with this; say it once where it is seen
            print(f"interop: the JS clients did not run: {bridge.unavailable}", file=sys.stderr)
        gone = target.server.exit_code() if getattr(target, "server", None) else None
        if gone is not None:  # every later failure is "connection refused"; say why once
            print(f"{args.target} exited during the run with code {gone}; see its log (--keep)", file=sys.stderr)
        target.stop()
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    passed = sum(r["status"] == "PASS" for r in results)
    failed = len(results) - passed
    if args.results:
        with open(args.results, "w") as f:
            json.dump({"target": args.target, "versions": versions(target), "clients": selected, "filter": args.filter,
                       "seconds": round(time.time() - started, 1), "passed": passed, "failed": failed,
                       "results": results}, f, indent=1, default=str)
    print(f"interop: {passed} passed, {failed} failed")
    return 0 if failed == 0 and results else 1


def versions(target):
    """What ran: the target and each client, for the parity report."""
    import boto3
    import botocore

    def package(name):
        try:
            with open(os.path.join(INTEROP, "node_modules", name, "package.json")) as f:
                return json.load(f)["version"]
        except FileNotFoundError:
            return "(not installed)"

    cli = subprocess.run([AWS, "--version"], capture_output=True, text=True).stdout.split()
    return {"target": target.version(), "cli": cli[0] if cli else "?",
            "boto3": f"boto3/{boto3.__version__} botocore/{botocore.__version__}",
            "js": "@aws-sdk/client-cognito-identity-provider/" + package("@aws-sdk/client-cognito-identity-provider"),
            "cognito-js": "amazon-cognito-identity-js/" + package("amazon-cognito-identity-js"),
            "amplify": "aws-amplify/" + package("aws-amplify")}


def parse_args(argv):
    p = argparse.ArgumentParser(prog="run.sh", description="Real-client conformance cases against one target.")
    p.add_argument("--target", default="cognitomock", choices=sorted(adapters.TARGETS))
    p.add_argument("--client", default=",".join(clients.ALL), help="comma list of " + ",".join(clients.ALL))
    p.add_argument("--filter", help="regular expression on case names (file/case)")
    p.add_argument("--results", help="write machine-readable results to this JSON file")
    p.add_argument("--repo", help="repository root for the cognitomock build (default: the one holding this harness)")
    p.add_argument("--keep", action="store_true", help="keep the run's temp dir (server logs, data)")
    p.add_argument("--jobs", type=int, default=3, help="case runs side by side (default 3)")
    return p.parse_args(argv)


class Runner:
    def __init__(self, target, endpoint, env, workdir, bridge):
        self.target, self.endpoint = target, endpoint
        self.env, self.workdir, self.bridge = env, workdir, bridge
        self.api = setup_api(endpoint)
        self.clients = {}
        self.turns = Turns()
        self.shared = {}  # fixture name -> (state, notes) or SetupError, for cases that do not mutate
        self.lock = threading.Lock()

    def client(self, name):
        with self.lock:
            if name not in self.clients:
                self.clients[name] = clients.create(name, self.env, self.workdir, self.bridge)
            return self.clients[name]

    def fixture(self, case):
        name = case.get("fixture")
        if not name:
            return {}, []
        if case["mutates"]:
            return _raise_or_return(self.build(name))
        with self.lock:  # a shared fixture is built once, by whichever case needs it first
            if name not in self.shared:
                self.shared[name] = self.build(name)
        return _raise_or_return(self.shared[name])

    def build(self, name):
        try:
            return self.target.build(fixtures.plan(name), self.api)
        except SetupError as e:
            return e

    def run(self, case, client_name):
        """(status, reason, observed) of one case through one client."""
        with (self.turns.alone() if case["exclusive"] else self.turns.shared()):
            return self._run(case, client_name)

    def _run(self, case, client_name):
        try:
            state, notes = self.fixture(case)
        except SetupError as e:
            return "FAIL", f"fixture {case['fixture']}: {e}", None
        context = dict(state, unique=secrets.token_hex(4), steps=[])
        # One browser session per case run (cognito-js, amplify): its storage lasts across steps.
        session = f"{case['name']}/{client_name}/{context['unique']}"
        observed = None
        calls = []  # this run's calls so far, for targets whose only record of a message is in an answer (moto)
        try:
            for i, step in enumerate(case["steps"]):
                name = step.get("client", client_name)
                where = _where(case, i, step, name != client_name and name)
                observed = self.step(step, name, session, context, calls)
                if "refused" in observed:  # a harness step the target cannot take (clock, sms)
                    return "FAIL", where + observed["refused"], observed
                problem = judge(_for_client(case_files.resolve(step.get("expect", {}), context), name), observed)
                if problem:
                    left_out = f" (not in setup: {'; '.join(notes)})" if notes else ""
                    return "FAIL", where + problem + left_out, observed
                context["steps"].append(observed.get("output", {}))
        except case_files.CaseError as e:
            return "FAIL", f"case error: {e}", observed
        except Exception as e:  # noqa: BLE001 - one broken case must not stop the run
            return "FAIL", f"harness error: {type(e).__name__}: {e}", observed
        finally:
            if any("faults" in step for step in case["steps"]):
                self.replace_faults([])  # a failed case must not leave its faults to the next
        return "PASS", None, observed

    def step(self, step, client_name, session, context, calls):
        """What one step observed: a harness step (clock, totp, sms, message, authEvents, faults), or a call
        through the step's client, which `calls` then records."""
        if "clock" in step:
            return self.move_clock(case_files.resolve(step["clock"], context))
        if "totp" in step:
            return self.totp(case_files.resolve(step["totp"], context))
        if "sms" in step:
            return self.read_sms(case_files.resolve(step["sms"], context))
        if "message" in step:
            return self.read_message(case_files.resolve(step["message"], context), "expect" in step, calls)
        if "authEvents" in step:
            return self.read_auth_events(case_files.resolve(step["authEvents"], context))
        if "faults" in step:
            return self.replace_faults(case_files.resolve(step["faults"], context))
        params = case_files.resolve(step.get("input", {}), context)
        kwargs = {"session": session} if client_name in ("cognito-js", "amplify") else {}
        if step.get("unsigned"):
            kwargs["unsigned"] = True
        observed = self.client(client_name).call(self.endpoint, step["op"], params, paginate=step.get("paginate"),
                                                 unvalidated=step.get("unvalidated", False), **kwargs)
        calls.append({"op": step["op"], "input": params, "output": observed.get("output"),
                      "headers": observed.get("headers") or {}})
        return observed

    def totp(self, spec):
        """A TOTP code for the target's time, never asked of the target: otpauth (npm) computes it, and
        harness/totp.py must agree with it (and picks the WrongCode)."""
        try:
            now = self.target.now() if hasattr(self.target, "now") else datetime.datetime.now(datetime.timezone.utc)
        except SetupError as e:
            return {"refused": f"reading the target's clock failed: {e}"}
        try:
            ours = totp.at(spec["Secret"], now, spec.get("OffsetSteps", 0))
        except (KeyError, TypeError, ValueError, binascii.Error) as e:
            raise case_files.CaseError(f"totp step: {type(e).__name__}: {e} (Secret: {spec.get('Secret')!r})") from None
        theirs = self.bridge.request({"client": "totp", "input": {"Secret": spec["Secret"],
                                                                  "Timestamp": ours["Step"] * totp.STEP_SECONDS * 1000}})
        if not theirs.get("ok"):
            return {"refused": f"otpauth computed no code: {theirs.get('client_error')}"}
        if theirs["output"]["Code"] != ours["Code"]:
            raise case_files.CaseError(f"totp step: otpauth says {theirs['output']['Code']}, harness/totp.py {ours['Code']}")
        return {"ok": True, "status": 200, "output": ours}

    def read_sms(self, spec):
        """The newest SMS the target recorded for a user: only cognitomock keeps them (GET /_mock/sms)."""
        read = getattr(self.target, "sms_sent", None)
        if read is None:
            return {"refused": f"{self.target.name} has no SMS outbox to read the code from "
                               f"(GET /_mock/sms is CognitoMock's own endpoint); the case needs it: {json.dumps(spec)}"}
        try:
            sent = read(spec["UserPoolId"], spec["Username"])
        except SetupError as e:
            return {"refused": f"reading the SMS outbox failed: {e}"}
        if not sent:
            return {"refused": f"no SMS was sent to {spec['Username']} in {spec['UserPoolId']}"}
        return {"ok": True, "status": 200, "output": dict(sent[-1], Count=len(sent), WrongCode=wrong_code(sent[-1].get("Code")))}

    def read_message(self, spec, expected, calls):
        """The newest message the target "sent" that matches the step (UserPoolId, Username, DeliveryMedium,
        TriggerSource), with Count (how many match) and WrongCode. None matching is {"Count": 0}, which a step
        without an `expect` takes for a failure: it wanted a message."""
        read = getattr(self.target, "messages", None)
        if read is None:
            return {"refused": f"{self.target.name} keeps no messages to read (GET /_mock/messages is CognitoMock's own "
                               f"endpoint); the case needs {json.dumps(spec)}"}
        try:
            sent = read(spec, calls)
        except NotKept as e:
            return {"refused": str(e)}
        except SetupError as e:
            return {"refused": f"reading the messages failed: {e}"}
        if not sent:
            if not expected:
                return {"refused": f"no message matches {json.dumps(spec)} in {self.target.name}'s messages"}
            return {"ok": True, "status": 200, "output": {"Count": 0}}
        newest = sent[-1]
        return {"ok": True, "status": 200, "output": dict(newest, Count=len(sent), WrongCode=wrong_code(newest.get("Code")))}

    def read_auth_events(self, spec):
        """A user's auth events with their feedback tokens, newest first: {"Events": [...], "Count"}."""
        read = getattr(self.target, "auth_events", None)
        if read is None:
            return {"refused": f"{self.target.name} shows no feedback tokens (AWS puts them only in the links of its "
                               f"risk emails; GET /_mock/auth-events is CognitoMock's own endpoint)"}
        try:
            events = read(spec["UserPoolId"], spec["Username"])
        except SetupError as e:
            return {"refused": f"reading the auth events failed: {e}"}
        return {"ok": True, "status": 200, "output": {"Events": events, "Count": len(events)}}

    def replace_faults(self, rules):
        """A faults step's result: the rules it replaced, with the calls each saw and hit."""
        replace = getattr(self.target, "replace_faults", None)
        if replace is None:
            return {"refused": f"{self.target.name} cannot inject faults (POST /_mock/faults is CognitoMock's own "
                               f"endpoint); the case needs {json.dumps(rules)}"}
        try:
            return {"ok": True, "output": {"Replaced": replace(rules)}, "status": 200}
        except SetupError as e:
            return {"refused": f"setting the faults failed: {e}"}

    def move_clock(self, change):
        """A clock step's result, in the shape of a call's: the target's clock afterwards."""
        move = getattr(self.target, "move_clock", None)
        if move is None:
            return {"refused": f"{self.target.name} has no adjustable clock (the case moves it: {json.dumps(change)})"}
        try:
            return {"ok": True, "output": move(change), "status": 200}
        except SetupError as e:
            return {"refused": f"moving the clock failed: {e}"}


def wrong_code(code):
    """A code that is surely not `code`: its last run of digits moved by one (so a prefix a target puts on its codes,
    like moto's "moto-confirmation-code:", stays), or six digits for a code without any."""
    if not isinstance(code, str):
        return "000000"
    digits = re.search(r"(\d+)$", code)
    if not digits:
        return "000000"
    n = digits.group(1)
    return code[:digits.start()] + str((int(n) + 1) % 10 ** len(n)).zfill(len(n))


def _for_client(expect, client_name):
    """The expectation as it applies to this client: a per-client `signed` or `attempts` map gives this client's
    value ({"cli": true, "js": false}: the clients' models differ; {"cli": 2, "boto3": 1, "js": 2}: their retry
    rules do)."""
    for key in ("signed", "attempts"):
        if isinstance(expect.get(key), dict):
            if client_name not in expect[key]:
                raise case_files.CaseError(f"`{key}` names no value for {client_name}")
            expect = dict(expect, **{key: expect[key][client_name]})
    return expect


def _where(case, index, step, other_client):
    """How a failure names its step: nothing for a one-step case, else its number, op and any own client."""
    if len(case["steps"]) == 1:
        return ""
    what = step.get("op") or next(k for k in case_files.HARNESS_STEPS if k in step)
    return f"step {index + 1} {what}{f' [{other_client}]' if other_client else ''}: "


class Turns:
    """Who runs when: ordinary case runs side by side, a clock-moving case alone (the clock is the whole
    server's). A waiting exclusive run goes before shared runs that come after it, so it is not starved."""

    def __init__(self):
        self._cond = threading.Condition()
        self._shared = 0
        self._alone = False
        self._waiting = 0

    @contextlib.contextmanager
    def shared(self):
        with self._cond:
            self._cond.wait_for(lambda: not self._alone and not self._waiting)
            self._shared += 1
        try:
            yield
        finally:
            with self._cond:
                self._shared -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def alone(self):
        with self._cond:
            self._waiting += 1
            self._cond.wait_for(lambda: not self._alone and not self._shared)
            self._waiting -= 1
            self._alone = True
        try:
            yield
        finally:
            with self._cond:
                self._alone = False
                self._cond.notify_all()


def _raise_or_return(built):
    if isinstance(built, Exception):
        raise built
    return built


def judge(expect, r):
    """None when the observed result r is what the step expects, else why not."""
    if "client_error" in r:
        return f"client error: {r['client_error']}"
    problems = [expectation(expect, r), signing(expect, r), sent(expect, r), retries(expect, r)]
    problem = "; ".join(p for p in problems if p) or None
    if problem and r.get("wire"):  # cognito-js: which of its requests went wrong
        problem += f" [requests: {', '.join(r['wire'])}]"
    return problem


def expectation(expect, r):
    if "error" in expect:
        want = expect["error"]
        if r["ok"]:
            return f"expected {want['code']}, got success {matchers.show(r['output'], 200)}"
        got = r["error"]
        if got["code"] != want["code"]:
            return f"expected {want['code']}, got {describe_error(got)}"
        if "message" in want:
            m = matchers.check(want["message"], got["message"], "message")
            if m:
                return f"{got['code']} {m}"
        return None
    if not r["ok"]:
        return f"got {describe_error(r['error'])}"
    return matchers.check(expect.get("output", {}), r["output"], "output")


def signing(expect, r):
    """"signed": whether the client put an Authorization header on the request (every HTTP attempt)."""
    if "signed" not in expect:
        return None
    got = r.get("signed")
    if got is None:
        return "the client did not report whether it signed the request"
    if got != expect["signed"]:
        return f"the request was {'signed' if got is True else 'unsigned' if got is False else got}, " \
               f"expected {'signed' if expect['signed'] else 'unsigned'}"
    return None


def sent(expect, r):
    """"requests": the operations a cognito-js flow sent, in order, whatever its outcome."""
    if "requests" not in expect:
        return None
    if r.get("calls") is None:
        return "the client did not report the requests it sent"
    return matchers.check(expect["requests"], r["calls"], "requests")  # judge adds the full list, with statuses


def describe_error(e):
    message = " ".join(str(e.get("message")).split())  # moto's HTML 500 pages span lines
    return f"{e['code']} (HTTP {e.get('status')}): {message[:120]!r}"


def retries(expect, r):
    """"attempts": the client's HTTP attempts for the call, its retries included (a case that injects a fault
    expects them); without it, the hygiene every answer needs, where any retry is a failure."""
    if "attempts" not in expect:
        return wire_hygiene(r)
    hygiene = wire_hygiene(dict(r, attempts=None))
    if r.get("attempts") != expect["attempts"]:
        return "; ".join(p for p in (f"{r.get('attempts')} attempts, expected {expect['attempts']}", hygiene) if p)
    return hygiene


def wire_hygiene(r):
    """What every answer must satisfy, whatever the case: the status a client sees, its own typed
    error, and no retries (docs/behaviour.md §1: 400 for errors, 500 only for InternalErrorException)."""
    problems = []
    if r["ok"]:
        # A browser client's flow may answer from what it holds, sending nothing (`calls` is empty): no status.
        if r.get("status") != 200 and r.get("calls") != []:
            problems.append(f"success with HTTP {r.get('status')}")
    else:
        e = r["error"]
        expected_status = 500 if e["code"] == "InternalErrorException" else 400
        if e.get("status") is not None and e["status"] != expected_status:
            problems.append(f"HTTP {e['status']}, expected {expected_status}")
        if e.get("typed") is False:
            problems.append(f"the client did not raise its own {e['code']} class")
    if r.get("attempts") is not None and r.get("requests") is not None and r["attempts"] != r["requests"]:
        problems.append(f"the client retried ({r['attempts']} attempts for {r['requests']} request(s))")
    return "; ".join(problems) or None


if __name__ == "__main__":
    sys.exit(main())
