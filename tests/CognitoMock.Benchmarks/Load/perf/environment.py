"""The machine and the versions measured, for the report's header."""
import json
import os
import platform
import re
import shutil
import subprocess


def _run(argv, cwd=None):
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=cwd)
        return (done.stdout + done.stderr).strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram():
    try:
        with open("/proc/meminfo") as f:
            kib = int(next(l for l in f if l.startswith("MemTotal:")).split()[1])
        return f"{kib / 2**20:.1f} GiB"
    except (OSError, StopIteration):
        return "unknown"


def _moto(binary):
    """moto's version, asked of the Python that runs moto_server (its pyenv shim execs another one)."""
    script = _run(["pyenv", "which", "moto_server"]).splitlines()
    path = script[-1] if script and os.path.exists(script[-1]) else binary
    try:
        with open(path) as f:
            first = f.readline()
        python = first[2:].strip() if first.startswith("#!") and "python" in first else "python3"
    except OSError:
        python = "python3"
    version = _run([python, "-c", "import moto, sys; print(moto.__version__, sys.version.split()[0])"]).split()
    return f"moto {version[0]} (Python {version[1]})" if len(version) == 2 else "moto (version unknown)"


def describe(ctx):
    runtimes = re.findall(r"Microsoft\.AspNetCore\.App (\S+)", _run(["dotnet", "--list-runtimes"]))
    try:
        with open(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(ctx.cognito_local))), "package.json")) as f:
            cognito_local = "cognito-local " + json.load(f)["version"]
    except (OSError, ValueError, KeyError):
        cognito_local = "cognito-local (not installed)"
    commit = _run(["git", "rev-parse", "--short", "HEAD"], cwd=ctx.repo)
    branch = _run(["git", "rev-parse", "--abbrev-ref", "HEAD"], cwd=ctx.repo)
    dirty = _run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ctx.repo)
    wrk = _run(["wrk", "-v"]).splitlines()
    os_name = platform.platform()
    try:
        with open("/etc/os-release") as f:
            os_name = re.search(r'PRETTY_NAME="([^"]+)"', f.read()).group(1) + f", kernel {platform.release()}"
    except (OSError, AttributeError):
        pass
    return {
        "CPU": f"{_cpu_model()}, {os.cpu_count()} cores (`nproc` {_run(['nproc']) or '?'})",
        "RAM": _ram(),
        "OS": os_name,
        ".NET": f"SDK {_run(['dotnet', '--version'])}, ASP.NET Core runtime {runtimes[-1] if runtimes else '?'}",
        "wrk": wrk[0].split(" [")[0] if wrk else ("wrk" if shutil.which("wrk") else "missing"),
        "Peers": f"{cognito_local} on Node {_run(['node', '--version'])}; {_moto(ctx.moto)}",
        "Commit": f"{commit} ({branch}){' with local changes' if dirty else ''}",
    }
