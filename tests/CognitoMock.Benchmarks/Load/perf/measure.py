"""Load cases: one server, one operation, one connection count; measured in interleaved rounds.

Every case of a scenario runs once per round, round after round, so a burst of noise on the shared machine
lands on all of them alike rather than on whichever ran at the time; each case then reports its medians.
"""
import re
import time
from dataclasses import dataclass, field

from . import wrk
from .aws import AwsError, Client


@dataclass
class Case:
    server: str             # who answers: "ceiling", "CognitoMock", "cognito-local", "moto"
    operation: str          # the AWS operation (the ceiling answers any)
    detail: str             # what varies within the scenario: "by username", "100,000 users", ...
    endpoint: str
    body_file: str          # bodies one a line, sent in turn (see aws-json.lua for placeholders)
    connections: int
    warm_group: str         # cases of one group share a server and its JIT: warmed up once together
    unsupported: str = None  # the error the server answered to the check request: the case is not run
    runs: list = field(default_factory=list)

    @property
    def name(self):
        return f"{self.server} {self.operation} {self.detail} c{self.connections}".replace("  ", " ")

    @property
    def measured(self):
        return self.unsupported is None and bool(self.runs)

    @property
    def rps(self):
        return wrk.median([r.rps for r in self.runs])

    @property
    def p50_us(self):
        return wrk.median([r.p50_us for r in self.runs])

    @property
    def p99_us(self):
        return wrk.median([r.p99_us for r in self.runs])

    @property
    def non2xx(self):
        return sum(r.non2xx for r in self.runs)

    @property
    def socket_errors(self):
        return sum(r.socket_errors for r in self.runs)

    @property
    def requests(self):
        return sum(r.requests for r in self.runs)


def first_body(case, prefix):
    with open(case.body_file) as f:
        line = next(line for line in f if line.strip())
    return line.strip().replace("{id}", prefix + "-check").replace("{flip}", "")


def check(case, prefix, log_path=None):
    """Sends the case's first body once: a server that cannot answer it is reported, not loaded."""
    client = Client(case.endpoint)
    try:
        client.call(case.operation, first_body(case, prefix))
    except AwsError as e:
        case.unsupported = str(e)
        # An answer that is no AWS error (moto's HTML page) is explained by the server's own log.
        # (It may log the traceback just after answering: a moment's grace.)
        for _ in range(20 if e.kind == "not JSON" and log_path else 0):
            with open(log_path, errors="replace") as f:
                raised = re.findall(r"^(\w+(?:Error|Exception): .+)$", f.read(), re.M)
            if raised:
                case.unsupported += f"; its log: {raised[-1].strip()}"
                break
            time.sleep(0.1)
    finally:
        client.close()


def measure(ctx, scenario, cases):
    """Checks, warms up, then measures the cases in ctx.repeats interleaved rounds."""
    for case in cases:
        check(case, f"{ctx.run_id}-{scenario}", ctx.logs.get(case.endpoint))
        if case.unsupported:
            ctx.log(f"[{scenario}] {case.name}: not measured, {case.unsupported}")
    live = [c for c in cases if c.unsupported is None]

    # .NET compiles hot code again, optimised, after it has run a while (tiered JIT); Node and Python warm
    # their caches. A few seconds of the real load first, at 16 connections, per server and operation.
    warmed = set()
    for case in live:
        if case.warm_group not in warmed and ctx.warmup > 0:
            warmed.add(case.warm_group)
            ctx.log(f"[{scenario}] warming up {case.warm_group} ({ctx.warmup} s)")
            wrk.run(case.endpoint + "/", case.operation, 16, ctx.warmup, case.body_file,
                    prefix=f"{ctx.run_id}-{scenario}-warm{len(warmed)}")

    for round_ in range(1, ctx.repeats + 1):
        for index, case in enumerate(live):
            try:
                run = wrk.run(case.endpoint + "/", case.operation, case.connections, ctx.duration, case.body_file,
                              prefix=f"{ctx.run_id}-{scenario}-r{round_}c{index}")
            except wrk.WrkFailed as e:
                ctx.log(f"[{scenario}] round {round_}/{ctx.repeats} {case.name}: {e}")
                continue
            case.runs.append(run)
            flags = f", {run.non2xx} non-2xx" if run.non2xx else ""
            flags += f", {run.socket_errors} socket errors" if run.socket_errors else ""
            ctx.log(f"[{scenario}] round {round_}/{ctx.repeats} {case.name}: {run.rps:,.0f} req/s, "
                    f"p50 {run.p50_us:,.0f} µs{flags}")
    return cases
