"""Starting the servers a scenario measures, each on 127.0.0.1 and a port it picks itself."""
import json
import os
import shutil
from dataclasses import dataclass

from .procs import Proc, ProcFailed


@dataclass
class Server:
    name: str
    endpoint: str
    proc: Proc
    ready_seconds: float

    def stop(self):
        self.proc.stop()


def _start(ctx, name, argv, pattern, timeout, cwd=None, env=None):
    proc = Proc(name, argv, ctx.path(f"{name}.log"), cwd=cwd, env=env).start()
    try:
        match, elapsed = proc.wait_for(pattern, timeout)
    except ProcFailed as e:
        e.peak_rss_kib = proc.peak_rss_kib()    # how far it got, for a seeding that ran out of time
        proc.stop()
        raise
    except BaseException:
        proc.stop()
        raise
    return Server(name, f"http://127.0.0.1:{match.group(1)}", proc, elapsed)


def ours(ctx, name, args, timeout=120):
    """The standalone server, as built in Release, run from its dll."""
    return _start(ctx, name, ["dotnet", ctx.server_dll, "--port", "0", *args],
                  r"CognitoMock listening on http://127\.0\.0\.1:(\d+)", timeout)


def ceiling(ctx):
    """The benchmark exe's bare Kestrel endpoint (tests/CognitoMock.Benchmarks/Ceiling.cs)."""
    return _start(ctx, "ceiling", ["dotnet", ctx.bench_dll, "ceiling", "0"],
                  r"Ceiling listening on http://127\.0\.0\.1:(\d+)", 60)


def cognito_local(ctx, name="cognito-local"):
    """cognito-local from tests/interop/node_modules, with its state in a fresh folder of the run."""
    home = ctx.path(name)
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(os.path.join(home, ".cognito"))
    with open(os.path.join(home, ".cognito", "config.json"), "w") as f:
        # Its default makes every pool's usernames emails; AWS's default (and ours) is plain usernames.
        json.dump({"UserPoolDefaults": {"UsernameAttributes": []}}, f)
    env = dict(os.environ, PORT="0", HOST="127.0.0.1")
    return _start(ctx, name, ["node", ctx.cognito_local], r"running on http://127\.0\.0\.1:(\d+)", 90, cwd=home, env=env)


def moto(ctx, name="moto"):
    """moto_server, in memory."""
    return _start(ctx, name, [ctx.moto, "-H", "127.0.0.1", "-p", "0"], r"Running on http://127\.0\.0\.1:(\d+)", 90)
