"""Running wrk with the harness's Lua script and reading the one RESULT line it prints."""
import os
import statistics
import subprocess
from dataclasses import dataclass

SCRIPT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "aws-json.lua")


class WrkFailed(Exception):
    pass


@dataclass
class Run:
    rps: float
    p50_us: float
    non2xx: int
    socket_errors: int
    p99_us: float
    requests: int


def run(url, operation, connections, duration, body_file, prefix="wrk", timeout=10):
    # One wrk thread per core at most: on a small machine more threads only take CPU from the server.
    threads = max(1, min(connections, os.cpu_count() or 1))
    env = dict(os.environ, TARGET=operation, BODY_FILE=body_file, PREFIX=prefix)
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout}s", "-s", SCRIPT, url]
    try:
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=duration + 120)
    except subprocess.TimeoutExpired as e:
        raise WrkFailed(f"wrk did not end: {' '.join(argv)}") from e
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            rps, p50, non2xx, errors, p99, requests = line.split()[1:7]
            return Run(float(rps), float(p50), int(non2xx), int(errors), float(p99), int(requests))
    raise WrkFailed(f"wrk printed no RESULT (exit {done.returncode}): {done.stdout[-400:]} {done.stderr[-400:]}")


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None
