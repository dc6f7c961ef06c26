"""The scenarios of issue 7, each starting and stopping its own servers and returning a results.Section."""
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import time

from . import data, servers
from .aws import AwsError, Client
from .measure import Case, measure
from .procs import Proc, ProcFailed
from .results import Check, Section, at_least, at_most, micros, mib, ratio, rps, seconds, times

PEERS = ("cognito-local", "moto")


# ---------------------------------------------------------------------------------------------- helpers

def case_table(cases, extra=()):
    """The detail table of a scenario's cases: medians, the spread of the runs, errors, and extra columns."""
    headers = ["Server", "Operation", "Conns", "req/s (median)", "p50", "p99", "req/s of each run"]
    headers += [h for h, _ in extra] + ["Errors"]
    rows = []
    for c in cases:
        row = [c.server, c.operation + (f" ({c.detail})" if c.detail else ""), str(c.connections)]
        if c.measured:
            row += [rps(c.rps), micros(c.p50_us), micros(c.p99_us), ", ".join(f"{r.rps:,.0f}" for r in c.runs)]
            row += [fn(c) for _, fn in extra]
            errors = []
            if c.non2xx:
                errors.append(f"{c.non2xx:,} non-2xx of {c.requests:,}")
            if c.socket_errors:
                errors.append(f"{c.socket_errors:,} socket errors")
            row.append("; ".join(errors) or "none")
        else:
            row += ["n/a"] * 4 + ["" for _ in extra]
            row.append(f"not supported: {c.unsupported}" if c.unsupported else "not measured")
        rows.append(row)
    return headers, rows


def find(cases, server, operation, connections, detail=None):
    for c in cases:
        if (c.server, c.operation, c.connections) == (server, operation, connections) and (detail is None or c.detail == detail):
            return c
    return None


def usable(case):
    """Measured, and answered with success: a figure made of error answers (over 1%) judges nothing."""
    return case is not None and case.measured and case.non2xx + case.socket_errors <= 0.01 * max(case.requests, 1)


def rps_of(case):
    return case.rps if usable(case) else None


def p50_of(case):
    return case.p50_us if usable(case) else None


def flag_errors(section, cases):
    for c in cases:
        if c.measured and (c.non2xx or c.socket_errors):
            share = (c.non2xx + c.socket_errors) / max(c.requests, 1)
            section.notes.append(
                f"{c.name}: {c.non2xx:,} non-2xx answers and {c.socket_errors:,} socket errors in {c.requests:,} "
                f"requests ({share:.1%})" + ("; too many, so its figures judge nothing." if not usable(c) else "."))


def start_peers(ctx, section, build_pool):
    """Starts cognito-local and moto and builds their pools; a peer that fails is reported, not fatal."""
    started = []
    for name, start in (("cognito-local", servers.cognito_local), ("moto", servers.moto)):
        try:
            server = start(ctx, f"{name}-{section.key}")
            ctx.own(server)
            ctx.log(f"[{section.key}] {name} on {server.endpoint}: building {ctx.peer_users:,} users through the API")
            t0 = time.monotonic()
            pool = build_pool(server)
            section.notes.append(f"{name}: {ctx.peer_users:,} users built through the API in {time.monotonic() - t0:.0f} s.")
            started.append((name, server, pool))
        except (ProcFailed, AwsError, OSError, RuntimeError) as e:
            ctx.log(f"[{section.key}] {name} failed: {e}")
            section.notes.append(f"{name} could not be measured: {e}")
    return started


def peer_builder(ctx):
    return lambda server: data.peer_pool(server.endpoint, ctx.peer_users, ctx.sample, ctx.log)


# ---------------------------------------------------------------------------------------------- reads

def reads(ctx):
    section = Section("reads", label="Reads", title="Reads: AdminGetUser and AdminListDevices against the ceiling and the peers")
    section.intro = (
        f"A generated pool of {ctx.small_users:,} users with 3 devices each; requests rotate over {ctx.sample} users "
        f"(by username). The peers hold {ctx.peer_users:,} users built through the API. The ceiling is a bare "
        "Kestrel endpoint that reads the body and answers a fixed JSON of an AdminGetUser answer's size. "
        "Targets: at 16 connections at least half the ceiling's throughput; at 1 connection a p50 within 2× the ceiling's.")
    ceiling = ctx.own(servers.ceiling(ctx))
    ours = ctx.own(servers.ours(ctx, "ours-reads", ["--data", ctx.fresh("reads.db"),
                                                    "--generate", data.generate_spec(ctx.small_users, 3)]))
    pool = data.generated_pool(ours.endpoint, ctx.small_users, 3, ctx.sample)
    get_ours = data.write_bodies(ctx.path("reads-getuser-ours.jsonl"), data.get_user(pool))
    list_ours = data.write_bodies(ctx.path("reads-listdevices-ours.jsonl"), data.list_devices(pool))
    peers = start_peers(ctx, section, peer_builder(ctx))

    cases = []
    for c in (1, 16):
        cases.append(Case("ceiling", "AdminGetUser", "fixed answer", ceiling.endpoint, get_ours, c, "ceiling"))
        cases.append(Case("CognitoMock", "AdminGetUser", "", ours.endpoint, get_ours, c, "ours AdminGetUser"))
        cases.append(Case("CognitoMock", "AdminListDevices", "3 devices", ours.endpoint, list_ours, c, "ours AdminListDevices"))
        for name, server, peer in peers:
            get_peer = data.write_bodies(ctx.path(f"reads-getuser-{name}.jsonl"), data.get_user(peer))
            list_peer = data.write_bodies(ctx.path(f"reads-listdevices-{name}.jsonl"), data.list_devices(peer))
            cases.append(Case(name, "AdminGetUser", "", server.endpoint, get_peer, c, f"{name} AdminGetUser"))
            cases.append(Case(name, "AdminListDevices", "", server.endpoint, list_peer, c, f"{name} AdminListDevices"))
    cases.sort(key=lambda c: (c.connections, c.operation != "AdminGetUser" or c.server != "ceiling", c.operation))
    measure(ctx, section.key, cases)
    ctx.stop_owned()
    flag_errors(section, cases)

    def vs(server):
        def column(c):
            other = find(cases, server, c.operation if server != "ceiling" else "AdminGetUser", c.connections)
            return times(ratio(rps_of(c), rps_of(other))) if c.server == "CognitoMock" else ""
        return column

    def p50_vs_ceiling(c):
        return times(ratio(p50_of(c), p50_of(find(cases, "ceiling", "AdminGetUser", c.connections)))) if c.server != "ceiling" else ""

    section.tables.append(case_table(cases, [("req/s × ceiling", lambda c: times(ratio(rps_of(c), rps_of(find(cases, "ceiling", "AdminGetUser", c.connections)))) if c.server != "ceiling" else ""),
                                             ("p50 × ceiling", p50_vs_ceiling),
                                             ("req/s × cognito-local", vs("cognito-local")),
                                             ("req/s × moto", vs("moto"))]))
    for operation in ("AdminGetUser", "AdminListDevices"):
        mine, top = find(cases, "CognitoMock", operation, 16), find(cases, "ceiling", "AdminGetUser", 16)
        section.checks.append(at_least(
            "reads", f"{operation}, 16 connections: throughput vs the ceiling",
            f"{rps(rps_of(mine))} vs {rps(rps_of(top))}", ratio(rps_of(mine), rps_of(top)), 0.5, "≥ 0.5× ceiling"))
    for operation in ("AdminGetUser", "AdminListDevices"):
        mine, top = find(cases, "CognitoMock", operation, 1), find(cases, "ceiling", "AdminGetUser", 1)
        section.checks.append(at_most(
            "reads", f"{operation}, 1 connection: p50 vs the ceiling's",
            f"{micros(p50_of(mine))} vs {micros(p50_of(top))}", ratio(p50_of(mine), p50_of(top)), 2.0, "≤ 2× ceiling p50"))
    for c in cases:
        if c.unsupported and c.connections == 16:
            section.notes.append(f"{c.server} {c.operation}: n/a, it answers `{c.unsupported}`.")
    return section


# ---------------------------------------------------------------------------------------------- devices

def devices(ctx):
    section = Section("devices", label="Devices", title="Devices: one page of AdminListDevices as a user's devices grow")
    many = ctx.many_devices
    section.intro = (
        f"One seeded pool with a user of 60 devices and one of {many:,}; AdminListDevices with Limit 60 answers one "
        f"full page either way. A page deep in the {many:,} (through its PaginationToken) is shown for information. "
        "Target: the page costs the same, within the 1.3× allowed for the pool's growth.")
    pool_id = "us-east-1_PerfDevices"
    seed = data.devices_seed(ctx.path("devices-seed.json"), pool_id, [60, many])
    ours = ctx.own(servers.ours(ctx, "ours-devices", ["--data", ctx.fresh("devices.db"), "--seed", seed],
                                timeout=ctx.seed_timeout))
    client = Client(ours.endpoint)
    # The token of a page about nine tenths of the way in, walked to once: tokens live an hour.
    deep_page, token = 0, None
    for deep_page in range(1, int(many * 0.9) // 60 + 1):
        token = client.call("AdminListDevices", dict({"UserPoolId": pool_id, "Username": f"devices{many}", "Limit": 60},
                                                     **({"PaginationToken": token} if token else {})))["PaginationToken"]
    client.close()

    def body(name, user, **extra):
        return data.write_bodies(ctx.path(f"devices-{name}.jsonl"), [dict({"UserPoolId": pool_id, "Username": user, "Limit": 60}, **extra)])

    first60, first_many = body("60", "devices60"), body("many", f"devices{many}")
    deep = body("deep", f"devices{many}", PaginationToken=token)
    cases = []
    for c in (1, 16):
        cases.append(Case("CognitoMock", "AdminListDevices", "60 devices, page 1", ours.endpoint, first60, c, "60"))
        cases.append(Case("CognitoMock", "AdminListDevices", f"{many:,} devices, page 1", ours.endpoint, first_many, c, "many"))
        cases.append(Case("CognitoMock", "AdminListDevices", f"{many:,} devices, page {deep_page + 1}", ours.endpoint, deep, c, "deep"))
    measure(ctx, section.key, cases)
    ctx.stop_owned()
    flag_errors(section, cases)

    base = {c.connections: c for c in cases if c.detail.startswith("60 ")}
    section.tables.append(case_table(cases, [
        ("req/s: 60 devices ÷ this", lambda c: times(ratio(rps_of(base[c.connections]), rps_of(c)))),
        ("p50: this ÷ 60 devices", lambda c: times(ratio(p50_of(c), p50_of(base[c.connections])))),
    ]))
    top = find(cases, "CognitoMock", "AdminListDevices", 16, f"{many:,} devices, page 1")
    section.checks.append(at_most(
        "devices", f"AdminListDevices page of 60, 16 connections: 60 vs {many:,} devices",
        f"{rps(rps_of(base[16]))} vs {rps(rps_of(top))}", ratio(rps_of(base[16]), rps_of(top)), 1.3,
        "req/s(60) ÷ req/s(many) ≤ 1.3"))
    one = find(cases, "CognitoMock", "AdminListDevices", 1, f"{many:,} devices, page 1")
    section.checks.append(at_most(
        "devices", f"AdminListDevices page of 60, 1 connection: p50 at {many:,} vs 60 devices",
        f"{micros(p50_of(one))} vs {micros(p50_of(base[1]))}", ratio(p50_of(one), p50_of(base[1])), 1.3,
        "p50(many) ÷ p50(60) ≤ 1.3"))
    return section


# ---------------------------------------------------------------------------------------------- writes

def writes(ctx):
    section = Section("writes", label="Writes", title="Writes at 16 connections against cognito-local")
    section.intro = (
        f"AdminCreateUser (a new username on every request, a temporary password, MessageAction SUPPRESS), "
        f"AdminUpdateUserAttributes (a new verified email alias on every request, over {ctx.sample} users) and "
        f"AdminUpdateDeviceStatus (toggling remembered / not_remembered over their devices), in a generated pool of "
        f"{ctx.small_users:,} users with 3 devices each; the peers hold {ctx.peer_users:,} users built through the API. "
        "Target: at least 10× cognito-local's throughput. cognito-local and moto have no devices, so "
        "AdminUpdateDeviceStatus is ours alone.")
    ours = ctx.own(servers.ours(ctx, "ours-writes", ["--data", ctx.fresh("writes.db"),
                                                     "--generate", data.generate_spec(ctx.small_users, 3)]))
    pool = data.generated_pool(ours.endpoint, ctx.small_users, 3, ctx.sample)
    peers = [("CognitoMock", ours, pool)] + start_peers(ctx, section, peer_builder(ctx))
    operations = (("AdminCreateUser", data.create_user), ("AdminUpdateUserAttributes", data.update_attributes),
                  ("AdminUpdateDeviceStatus", data.update_device_status))
    cases = []
    for operation, bodies in operations:
        for name, server, peer in peers:
            path = data.write_bodies(ctx.path(f"writes-{operation}-{name}.jsonl"), bodies(peer))
            cases.append(Case(name, operation, "", server.endpoint, path, 16, f"{name} {operation}"))
    measure(ctx, section.key, cases)
    ctx.stop_owned()
    flag_errors(section, cases)

    def vs(server):
        return lambda c: times(ratio(rps_of(c), rps_of(find(cases, server, c.operation, 16)))) if c.server == "CognitoMock" else ""

    section.tables.append(case_table(cases, [("× cognito-local", vs("cognito-local")), ("× moto", vs("moto"))]))
    for operation in ("AdminCreateUser", "AdminUpdateUserAttributes"):
        mine, peer = find(cases, "CognitoMock", operation, 16), find(cases, "cognito-local", operation, 16)
        check = at_least("writes", f"{operation}, 16 connections: throughput vs cognito-local",
                         f"{rps(rps_of(mine))} vs {rps(rps_of(peer))}", ratio(rps_of(mine), rps_of(peer)), 10.0,
                         "≥ 10× cognito-local")
        if peer is not None and peer.unsupported:
            check.miss = f"cognito-local answers {peer.unsupported}"
        section.checks.append(check)
    mine, peer = find(cases, "CognitoMock", "AdminUpdateDeviceStatus", 16), find(cases, "cognito-local", "AdminUpdateDeviceStatus", 16)
    observed = f"; it answers `{peer.unsupported}`" if peer is not None and peer.unsupported else ""
    section.checks.append(Check("writes", "AdminUpdateDeviceStatus, 16 connections", rps(rps_of(mine)),
                                "≥ 10× cognito-local", None, None, f"ours alone: cognito-local has no AdminUpdateDeviceStatus{observed}"))
    for c in cases:
        if c.unsupported:
            section.notes.append(f"{c.server} {c.operation}: n/a, it answers `{c.unsupported}`.")
    return section


# ---------------------------------------------------------------------------------------------- seeding

def _banner_counts(server):
    match, _ = server.proc.wait_for(r"state: loaded (\d+) user pools, (\d+) users, (\d+) devices", 30)
    return tuple(int(g) for g in match.groups())


def _export(endpoint, path):
    url = endpoint.split("//")[1]
    host, port = url.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=3600)
    t0 = time.monotonic()
    connection.request("GET", "/_mock/export")
    response = connection.getresponse()
    if response.status != 200:
        raise RuntimeError(f"GET /_mock/export answered {response.status}: {response.read()[:200]!r}")
    with open(path, "wb") as f:
        shutil.copyfileobj(response, f, 1 << 20)
    connection.close()
    return time.monotonic() - t0


def seeding(ctx):
    users, per_user = ctx.large_users, ctx.large_devices
    section = Section("seeding", label="Seeding", title=f"Seeding {users:,} users and {users * per_user:,} devices")
    section.intro = (
        f"Launch of the standalone server on an empty LiteDB file with `--generate {data.generate_spec(users, per_user)}` "
        "until it prints that it listens (the seeding happens before); then `GET /_mock/export` to a file, and a "
        "launch on another empty file with `--seed` of that export. Peak RSS is the process's VmHWM (from "
        "/proc/<pid>/status) once it listens. Targets: each under 60 s, peak RSS under 1 GiB.")
    runs = []
    spent = 0.0
    for rep in range(1, ctx.seed_repeats + 1):
        if rep > 1 and spent > ctx.seed_budget:
            section.notes.append(f"Stopped after {rep - 1} repeat(s): they took {spent:.0f} s, over the "
                                 f"{ctx.seed_budget:.0f} s budget (--seed-budget).")
            break
        run = {}
        runs.append(run)
        generated, exported, loaded = ctx.fresh("seed-generated.db"), ctx.path("seed-export.json"), ctx.fresh("seed-loaded.db")
        t0 = time.monotonic()
        try:
            ctx.log(f"[seeding] {rep}/{ctx.seed_repeats}: generating into an empty file")
            server = ctx.own(servers.ours(ctx, f"seed-generate-{rep}", ["--data", generated, "--generate",
                                                                       data.generate_spec(users, per_user)],
                                          timeout=ctx.seed_timeout))
            run["generate_s"], run["generate_rss"] = server.ready_seconds, server.proc.peak_rss_kib()
            run["generate_counts"] = _banner_counts(server)
            ctx.log(f"[seeding] generated in {run['generate_s']:.1f} s, peak RSS {mib(run['generate_rss'])}; exporting")
            run["export_s"] = _export(server.endpoint, exported)
            run["export_bytes"] = os.path.getsize(exported)
            run["export_rss"] = server.proc.peak_rss_kib()
            ctx.stop_owned()
            ctx.log(f"[seeding] exported {run['export_bytes'] / 2**20:,.0f} MiB in {run['export_s']:.1f} s; loading it")
            server = ctx.own(servers.ours(ctx, f"seed-load-{rep}", ["--data", loaded, "--seed", exported],
                                          timeout=ctx.seed_timeout))
            run["load_s"], run["load_rss"] = server.ready_seconds, server.proc.peak_rss_kib()
            run["load_counts"] = _banner_counts(server)
            ctx.log(f"[seeding] loaded in {run['load_s']:.1f} s, peak RSS {mib(run['load_rss'])}")
            ctx.stop_owned()
        except (ProcFailed, RuntimeError, OSError) as e:
            ctx.stop_owned()
            run["error"] = str(e)
            if getattr(e, "peak_rss_kib", None):
                step = "load" if "generate_s" in run else "generate"
                run[f"{step}_rss"] = e.peak_rss_kib
                run["error"] += f" (peak RSS {mib(e.peak_rss_kib)} when stopped)"
            ctx.log(f"[seeding] {e}")
            section.notes.append(f"Repeat {rep}: {e}")
        finally:
            spent += time.monotonic() - t0
            for path in (exported, loaded, loaded.replace(".db", "-log.db")):
                if os.path.exists(path):
                    os.remove(path)
        if "error" in run:
            break
    # The generated file is the 100,000-user pool the scaling scenario reads: keep it rather than make another.
    if runs and runs[-1].get("generate_s") is not None:
        ctx.keep_large_pool(generated)

    def med(key):
        values = [r[key] for r in runs if r.get(key) is not None]
        return statistics.median(values) if values else None

    def worst(key):
        values = [r[key] for r in runs if r.get(key) is not None]
        return max(values) if values else None

    headers = ["Repeat", "Generate", "Peak RSS", "State", "Export", "Export size", "Peak RSS with export",
               "Load the export", "Peak RSS", "State", "Load ÷ generate"]
    rows = []
    for i, r in enumerate(runs, 1):
        counts = lambda key: "{:,} pools, {:,} users, {:,} devices".format(*r[key]) if key in r else "–"
        rows.append([str(i), seconds(r.get("generate_s")), mib(r.get("generate_rss")), counts("generate_counts"),
                     seconds(r.get("export_s")), mib(r["export_bytes"] / 1024) if "export_bytes" in r else "–",
                     mib(r.get("export_rss")), seconds(r.get("load_s")), mib(r.get("load_rss")), counts("load_counts"),
                     times(ratio(r.get("load_s"), r.get("generate_s")))])
    section.tables.append((headers, rows))
    limit = ctx.seed_timeout
    for key, what in (("generate", "Generate"), ("load", "Load the export")):
        t, peak = med(f"{key}_s"), worst(f"{key}_rss")
        failed = [r for r in runs if r.get(f"{key}_s") is None]
        check = at_most("seeding", f"{what} {users:,} users / {users * per_user:,} devices: time (median of {len(runs)})",
                        seconds(t), ratio(t, 60.0), 1.0, "< 60 s")
        if t is None and failed:
            check = Check("seeding", check.what, f"> {limit:.0f} s or failed", "< 60 s", None, False,
                          failed[0].get("error", "did not finish")[:120])
        section.checks.append(check)
        section.checks.append(at_most("seeding", f"{what}: peak RSS (worst of {len(runs)})", mib(peak),
                                      ratio(peak, 1024 * 1024), 1.0, "< 1 GiB"))
    return section


# ---------------------------------------------------------------------------------------------- startup

def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def startup(ctx):
    section = Section("startup", label="Start-up", title="Start-up: the standalone binary and the in-process fixture")
    section.intro = (
        "The standalone binary on a demo-seeded data file, from launch (`dotnet cognito-mock.dll`) to its first "
        "successful AdminGetUser (alice in us-east-1_DemoAlias), polling the port every 5 ms; each launch a new "
        "process. The in-process fixture: `InProcessCognitoMock.Start()` to the answer of its first request "
        "(ListUserPools), fixtures started one after another in one process (`CognitoMock.Benchmarks.dll startup "
        "N`); the first, which loads and compiles the app, is reported apart. Targets: 1 s and 300 ms.")
    demo = ctx.fresh("startup-demo.db")
    server = ctx.own(servers.ours(ctx, "startup-seed", ["--data", demo]))
    server.proc.wait_for(r"Press Ctrl\+C to stop\.", 30)
    ctx.stop_owned()

    launches = []
    body = {"UserPoolId": "us-east-1_DemoAlias", "Username": "alice"}
    for i in range(ctx.startup_launches):
        port = _free_port()
        proc = ctx.own_proc(Proc(f"startup-{i}", ["dotnet", ctx.server_dll, "--port", str(port), "--data", demo],
                                 ctx.path(f"startup-{i}.log")).start())
        elapsed = None
        while time.monotonic() - proc.launched < 30 and proc.running():
            client = Client(f"http://127.0.0.1:{port}", timeout=5)
            try:
                client.call("AdminGetUser", body)
                elapsed = time.monotonic() - proc.launched
                break
            except (OSError, AwsError, http.client.HTTPException):
                time.sleep(0.005)
            finally:
                client.close()
        ctx.stop_owned()
        launches.append(elapsed)
        ctx.log(f"[startup] launch {i + 1}: first AdminGetUser after " + (f"{elapsed * 1000:.0f} ms" if elapsed else "(none in 30 s)"))
    answered = [t for t in launches if t is not None]
    standalone = statistics.median(answered) if answered else None

    ctx.log(f"[startup] in-process: {ctx.fixtures} fixtures")
    done = subprocess.run(["dotnet", ctx.bench_dll, "startup", str(ctx.fixtures)], capture_output=True, text=True, timeout=600)
    line = next((l for l in done.stdout.splitlines() if l.startswith("STARTUP ")), None)
    first = median = low = high = None
    if line:
        first, median, low, high = (float(v) for v in line.split()[1:5])
    else:
        section.notes.append(f"The startup mode printed no result (exit {done.returncode}): {done.stderr[-300:]}")

    section.tables.append((["What", "Median", "Each (ms)", "Notes"], [
        ["Standalone: launch → first AdminGetUser", micros(standalone * 1e6) if standalone else "–",
         ", ".join(f"{t * 1000:.0f}" if t else "none" for t in launches), f"{len(launches)} launches"],
        ["In-process fixture: Start → first answer", micros(median * 1000) if median is not None else "–",
         f"min {low:.0f}, max {high:.0f}" if low is not None else "–",
         f"{ctx.fixtures - 1} fixtures after the first; the first took {first:.0f} ms" if first is not None else ""],
    ]))
    section.checks.append(at_most("startup", "Standalone binary, demo-seeded file: launch → first AdminGetUser",
                                  micros(standalone * 1e6) if standalone else "–", ratio(standalone, 1.0), 1.0, "≤ 1 s"))
    section.checks.append(at_most("startup", "In-process fixture (after the first): Start → first answer",
                                  micros(median * 1000) if median is not None else "–", ratio(median, 300.0), 1.0, "≤ 300 ms"))
    return section


# ---------------------------------------------------------------------------------------------- scaling

def scaling(ctx):
    small_n, large_n, per_user = ctx.small_users, ctx.large_users, ctx.large_devices
    section = Section("scaling", label="Scaling", title=f"Scaling: {small_n:,} against {large_n:,} users")
    section.intro = (
        f"Two generated pools of {per_user} devices a user, {small_n:,} and {large_n:,} users, from the same generator "
        f"seed, so the {small_n:,} are the first users of both and both servers get the very same requests: "
        f"AdminGetUser by username, by verified email alias and by sub (rotating over {ctx.sample} users), and "
        "AdminUpdateUserAttributes giving other users a new verified email on every request, all at 16 connections. "
        f"Target: throughput at {large_n:,} users within 1.3× of that at {small_n:,}.")
    small = ctx.own(servers.ours(ctx, "ours-small", ["--data", ctx.fresh("scale-small.db"),
                                                     "--generate", data.generate_spec(small_n, per_user)]))
    large_db = ctx.large_pool_copy(ctx.fresh("scale-large.db"))
    large = ctx.own(servers.ours(ctx, "ours-large", ["--data", large_db], timeout=ctx.seed_timeout))
    pools = {s.endpoint: data.generated_pool(s.endpoint, small_n, per_user, ctx.sample) for s in (small, large)}
    cases = []
    for operation, detail, bodies in (("AdminGetUser", "by username", lambda p: data.get_user(p, "username")),
                                      ("AdminGetUser", "by alias", lambda p: data.get_user(p, "email")),
                                      ("AdminGetUser", "by sub", lambda p: data.get_user(p, "sub")),
                                      ("AdminUpdateUserAttributes", "new email alias", data.update_attributes)):
        for server, size in ((small, small_n), (large, large_n)):
            path = data.write_bodies(ctx.path(f"scale-{operation}-{detail.split()[-1]}-{size}.jsonl"), bodies(pools[server.endpoint]))
            cases.append(Case("CognitoMock", operation, f"{detail}, {size:,} users", server.endpoint, path, 16,
                              f"{size:,} users {operation} {detail}"))
    measure(ctx, section.key, cases)
    ctx.stop_owned()
    flag_errors(section, cases)

    def base(c):
        return next(b for b in cases if b.operation == c.operation and b.detail.split(",")[0] == c.detail.split(",")[0])

    section.tables.append(case_table(cases, [(f"req/s at {small_n:,} ÷ this", lambda c: times(ratio(rps_of(base(c)), rps_of(c))))]))
    for i in range(0, len(cases), 2):
        a, b = cases[i], cases[i + 1]
        section.checks.append(at_most(
            "scaling", f"{a.operation} {a.detail.split(',')[0]}, 16 connections: {small_n:,} vs {large_n:,} users",
            f"{rps(rps_of(a))} vs {rps(rps_of(b))}", ratio(rps_of(a), rps_of(b)), 1.3, "req/s(small) ÷ req/s(large) ≤ 1.3"))
    return section


SCENARIOS = {
    "startup": startup,
    "reads": reads,
    "devices": devices,
    "writes": writes,
    "seeding": seeding,
    "scaling": scaling,
}
