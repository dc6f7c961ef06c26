"""Entry point: python3 -m perf (from run.sh). Options: --help."""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import traceback

from . import environment, procs, report, scenarios
from .context import Context
from .results import Section

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
ORDER = list(scenarios.SCENARIOS)


def parse(argv):
    p = argparse.ArgumentParser(
        prog="run.sh",
        description="CognitoMock's load harness: measures the standalone server, a bare Kestrel ceiling, "
                    "cognito-local and moto in one run and writes a Markdown report.")
    p.add_argument("--only", default=",".join(ORDER),
                   help=f"comma-separated scenarios, of: {', '.join(ORDER)} (default: all)")
    p.add_argument("--quick", action="store_true",
                   help="a 3-5 minute smoke run: short runs and smaller pools (5,000 users, a 1,000-device user)")
    p.add_argument("--repeats", type=int, help="rounds per load case, medians over them (default 3)")
    p.add_argument("--duration", type=int, help="seconds per wrk run (default 8; quick 2)")
    p.add_argument("--warmup", type=int, help="seconds of warm-up per server and operation (default 5; quick 1)")
    p.add_argument("--seed-repeats", type=int, help="seeding repeats (default 3; quick 1)")
    p.add_argument("--seed-budget", type=float, default=300,
                   help="no further seeding repeat once the repeats so far took this many seconds (default 300)")
    p.add_argument("--seed-timeout", type=float, default=900,
                   help="seconds a seeding launch may take before it counts as failed (default 900)")
    p.add_argument("--out", help="the report (default: docs/performance.md for a full run, else <workdir>/performance.md)")
    p.add_argument("--no-readme", action="store_true", help="leave the README's Performance summary alone")
    p.add_argument("--workdir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "cognitomock-perf"),
                   help="data files and logs (the 100,000-user pool is cached here per build); default %(default)s")
    p.add_argument("--keep", action="store_true", help="keep this run's data files and server logs")
    p.add_argument("--no-build", action="store_true", help="use the Release binaries as they are")
    o = p.parse_args(argv)
    o.only = [s.strip() for s in o.only.split(",") if s.strip()]
    unknown = [s for s in o.only if s not in ORDER]
    if unknown:
        p.error(f"unknown scenario(s) {', '.join(unknown)}; choose from {', '.join(ORDER)}")
    quick = o.quick
    o.repeats = o.repeats or 3
    o.duration = o.duration or (2 if quick else 8)
    o.warmup = o.warmup if o.warmup is not None else (1 if quick else 5)
    o.seed_repeats = o.seed_repeats or (1 if quick else 3)
    # Sizes: the issue's, or a smoke run's.
    o.small_users = 1_000
    o.large_users = 5_000 if quick else 100_000
    o.large_devices = 10                    # 100,000 users × 10 = 1,000,000 devices
    o.many_devices = 1_000 if quick else 10_000
    o.peer_users = 100 if quick else 1_000
    o.sample = 64                           # users a case rotates over
    o.startup_launches = 3 if quick else 7
    o.fixtures = 6 if quick else 21
    full = not quick and o.only == ORDER
    o.out = os.path.abspath(o.out) if o.out else (os.path.join(REPO, "docs", "performance.md") if full
                                                  else os.path.join(o.workdir, "performance.md"))
    return o


def build(ctx):
    for project in ("src/CognitoMock.Server", "tests/CognitoMock.Benchmarks"):
        ctx.log(f"building {project} (Release)")
        done = subprocess.run(["dotnet", "build", "-c", "Release", "-nologo", "-v", "quiet", project], cwd=REPO,
                              capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"dotnet build {project} failed:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")


def prerequisites(ctx):
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    if {"reads", "writes"} & set(ctx.only) and not os.path.exists(ctx.cognito_local):
        ctx.log("installing cognito-local (npm ci in tests/interop)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=os.path.join(REPO, "tests", "interop"), check=True)


def _interrupted(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv):
    options = parse(argv)
    os.makedirs(options.workdir, exist_ok=True)
    ctx = Context(options, REPO)
    signal.signal(signal.SIGTERM, _interrupted)
    signal.signal(signal.SIGHUP, _interrupted)
    sections = []
    try:
        if not ctx.no_build:
            build(ctx)
        prerequisites(ctx)
        env = environment.describe(ctx)
        load_before = os.getloadavg()
        date = time.strftime("%Y-%m-%d %H:%M %Z")
        for key in [k for k in ORDER if k in ctx.only]:
            ctx.log(f"== {key}")
            try:
                sections.append(scenarios.SCENARIOS[key](ctx))
            except KeyboardInterrupt:
                raise
            except Exception as e:  # one scenario failing must not lose the others' numbers
                ctx.log(f"[{key}] failed: {e}")
                traceback.print_exc()
                sections.append(Section(key, f"{key}: failed", notes=[f"The scenario failed: `{e}`"]))
            finally:
                ctx.stop_owned()
        minutes = (time.monotonic() - ctx.started) / 60
        text = report.document(ctx, env, sections, date, minutes, load_before, os.getloadavg())
        os.makedirs(os.path.dirname(ctx.out), exist_ok=True)
        with open(ctx.out, "w") as f:
            f.write(text)
        ctx.log(f"wrote {ctx.out}")
        readme = os.path.join(REPO, "README.md")
        if ctx.out == os.path.join(REPO, "docs", "performance.md") and not ctx.no_readme:
            if report.update_readme(readme, report.readme_block(ctx, env, sections, date)):
                ctx.log("updated the README's Performance summary")
            else:
                ctx.log("the README has no performance markers: its summary was not updated")
        print(report.targets_table(sections))
        passed, missed, unjudged = report.tally(sections)
        print(f"\n{passed} targets pass, {missed} miss, {unjudged} not judged; report: {ctx.out}")
        return 0
    except KeyboardInterrupt:
        ctx.log("interrupted: stopping every server started")
        return 130
    finally:
        ctx.cleanup()
        procs.stop_all()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
