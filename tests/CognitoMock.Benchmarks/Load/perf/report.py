"""The Markdown the harness writes: docs/performance.md, and the summary in the README's Performance section."""
import os
import re

README_BEGIN = "<!-- performance:begin (written by tests/CognitoMock.Benchmarks/Load/run.sh) -->"
README_END = "<!-- performance:end -->"

COMMAND = "tests/CognitoMock.Benchmarks/Load/run.sh"


def table(headers, rows):
    def cell(value):
        return str(value).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _ratio(check):
    return "–" if check.ratio is None else f"{check.ratio:.2f}×"


def targets_table(sections):
    rows = [[s.label or s.key, c.what, c.measured, c.target, _ratio(c), c.result]
            for s in sections for c in s.checks]
    return table(["Scenario", "What", "Measured (median)", "Target", "Ratio", "Result"], rows)


def tally(sections):
    checks = [c for s in sections for c in s.checks]
    passed = sum(1 for c in checks if c.passed)
    missed = sum(1 for c in checks if c.passed is False)
    return passed, missed, len(checks) - passed - missed


def settings_line(ctx):
    return (f"{ctx.repeats} interleaved rounds × {ctx.duration} s per case after a {ctx.warmup} s warm-up; "
            f"seeding up to {ctx.seed_repeats} repeats (budget {ctx.seed_budget:.0f} s)"
            + ("; **quick mode** (smaller sizes: a smoke run, not the reference figures)" if ctx.quick else ""))


def document(ctx, env, sections, date, minutes, load_before, load_after):
    passed, missed, unjudged = tally(sections)
    out = [
        "# Performance",
        "",
        f"<!-- Written by {COMMAND}; rerun it rather than edit this file. -->",
        "",
        f"Measured {date} by `{COMMAND}`{' --quick' if ctx.quick else ''} "
        f"({', '.join(s.key for s in sections)}; {minutes:.0f} minutes): "
        f"**{passed} targets pass, {missed} miss**" + (f", {unjudged} not judged" if unjudged else "") + ".",
        "",
        "Numbers, not tests: nothing here runs in CI. The machine is shared with other work, so each figure is the "
        "median of repeated runs, the cases of a scenario run in interleaved rounds (noise lands on all of them "
        "alike), and targets are ratios to servers measured in the same run (the ceiling, cognito-local) wherever "
        "the issue states them so. Load average "
        f"{load_before[0]:.1f} / {load_before[1]:.1f} / {load_before[2]:.1f} (1 / 5 / 15 min) at the start, "
        f"{load_after[0]:.1f} / {load_after[1]:.1f} / {load_after[2]:.1f} at the end, on {os.cpu_count()} cores.",
        "",
        "## Machine and versions",
        "",
        table(["", ""], [[k, v] for k, v in env.items()] + [["Date", date], ["Settings", settings_line(ctx)]]),
        "",
        "## Targets",
        "",
        "Ratio: the quantity the target bounds (ours ÷ the ceiling or a peer; small pool ÷ large pool; or measured ÷ "
        "limit for absolute targets). A miss says by how many times it falls short or goes over.",
        "",
        targets_table(sections),
        "",
    ]
    for s in sections:
        out += [f"## {s.title}", ""]
        if s.intro:
            out += [s.intro, ""]
        for headers, rows in s.tables:
            out += [table(headers, rows), ""]
        for note in s.notes:
            out += [f"- {note}"]
        if s.notes:
            out.append("")
    out += [
        "## How it is measured",
        "",
        "- Load: `wrk` with `tests/CognitoMock.Benchmarks/Load/aws-json.lua`, which POSTs AWS JSON 1.1 requests "
        "(any SigV4-shaped Authorization header) rotating over a file of bodies, and for writes fills a unique id "
        "into each (new usernames, new emails) or flips a device's status. `-t1 -c1` at 1 connection, one wrk "
        "thread per core at 16. Throughput is requests / duration; p50 and p99 are wrk's latency percentiles.",
        "- Servers, all on 127.0.0.1 and stopped by process ID when the run ends: CognitoMock's standalone "
        "server built in Release (`dotnet cognito-mock.dll`), the ceiling (`dotnet CognitoMock.Benchmarks.dll "
        "ceiling 0`: Kestrel, read the body, write a fixed JSON), cognito-local from `tests/interop/node_modules` "
        "and `moto_server`. The peers' state is built through the API: CreateUserPool, AdminCreateUser "
        "(MessageAction SUPPRESS), AdminSetUserPassword (permanent). Neither peer has devices.",
        "- Each server and operation is warmed up (16 connections) before measuring: .NET's tiered JIT "
        "recompiles hot code after it has run a while.",
        "- Our pools come from the server's own Bogus generator (`--generate`); subs and device keys are derived "
        "as the generator derives them, usernames and emails read back with AdminGetUser by sub.",
        "",
        "## Reproduce",
        "",
        "```bash",
        f"{COMMAND}                    # everything, ~15–25 minutes; writes docs/performance.md and the README summary",
        f"{COMMAND} --quick            # a 3–5 minute smoke run at smaller sizes",
        f"{COMMAND} --only reads,writes --repeats 5 --duration 15",
        f"{COMMAND} --help",
        "dotnet run -c Release --project tests/CognitoMock.Benchmarks -- --filter '*Engine*'   # BenchmarkDotNet: the engine alone",
        "dotnet run -c Release --project tests/CognitoMock.Benchmarks -- --filter '*'          # and the in-process HTTP pipeline",
        "```",
        "",
    ]
    return "\n".join(out)


def readme_block(ctx, env, sections, date):
    passed, missed, unjudged = tally(sections)
    rows = [[c.what, c.measured, c.target, c.result] for s in sections for c in s.checks]
    return "\n".join([
        README_BEGIN,
        f"Last measured {date} on {env['CPU']}, {env['RAM']} (shared, so medians of repeated runs and ratios to "
        f"servers measured in the same run): **{passed} targets pass, {missed} miss**"
        + (f", {unjudged} not judged" if unjudged else "") + ". Every figure, the peers' and the ceiling's, and how "
        "they are measured: [docs/performance.md](docs/performance.md).",
        "",
        table(["What", "Measured (median)", "Target", "Result"], rows),
        README_END,
    ])


def update_readme(path, block):
    with open(path) as f:
        text = f.read()
    pattern = re.compile(re.escape(README_BEGIN) + r".*?" + re.escape(README_END), re.S)
    if not pattern.search(text):
        return False
    with open(path, "w") as f:
        f.write(pattern.sub(lambda _: block, text))
    return True
