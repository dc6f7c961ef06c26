"""Writes docs/parity.md from the results of one run per implementation (see parity.sh)."""
import argparse
import datetime
import json
import os

CLIENT_ORDER = ("cli", "boto3", "js", "cognito-js", "amplify")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("targets", nargs="+")
    p.add_argument("--logs", required=True, help="directory with <target>.json and <target>.log")
    p.add_argument("--out", required=True)
    p.add_argument("--command", required=True)
    args = p.parse_args()
    runs = {t: load(args.logs, t) for t in args.targets}
    with open(args.out, "w") as f:
        f.write(render(runs, args.command))
    print(f"wrote {os.path.normpath(args.out)}")


def load(folder, target):
    try:
        with open(os.path.join(folder, f"{target}.json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        with open(os.path.join(folder, f"{target}.log"), errors="replace") as f:
            tail = " ".join(f.read().strip().splitlines()[-3:])
        return {"target": target, "broken": tail or "no output", "results": [], "passed": 0, "failed": 0}


def render(runs, command):
    targets = list(runs)
    cells = {}  # (case, client) -> {target: cell}
    for t, run in runs.items():
        for r in run["results"]:
            cells.setdefault((r["case"], r["client"]), {})[t] = cell(r)
    cases = list(dict.fromkeys(case for case, _ in cells))
    lines = [
        "# Parity matrix",
        "",
        "Every conformance case of `tests/interop`, run through real clients against each implementation.",
        "A case that an implementation cannot serve (an operation it lacks, state it cannot build) is a fail",
        "with what it answered, not a skip.",
        "",
        f"Regenerate with `{command}` (generated {datetime.date.today().isoformat()}).",
        "",
        "| implementation | passed | failed | ran with |",
        "|---|---|---|---|",
    ]
    for t, run in runs.items():
        v = run.get("versions", {})
        ran = run.get("broken") and f"run failed: {esc(run['broken'])}" or esc(
            ", ".join(filter(None, [v.get("target")] + [v.get(c) for c in CLIENT_ORDER])))
        lines.append(f"| {t} | {run['passed']} | {run['failed']} | {ran} |")
    lines += ["", "| case | client | " + " | ".join(targets) + " |", "|---|---|" + "---|" * len(targets)]
    for case in cases:
        clients = sorted({c for (k, c) in cells if k == case}, key=CLIENT_ORDER.index)
        rows = [(c, cells[(case, c)]) for c in clients]
        # One row for the case when every client saw the same on every implementation.
        if len({json.dumps(row, sort_keys=True) for _, row in rows}) == 1:
            rows = [("all: " + ", ".join(clients) if len(clients) > 1 else clients[0], rows[0][1])]
        for client, row in rows:
            lines.append(f"| {case} | {client} | " + " | ".join(row.get(t, "not run") for t in targets) + " |")
    return "\n".join(lines) + "\n"


def cell(result):
    if result["status"] == "PASS":
        return "pass"
    reason = result["reason"] or ""
    return "FAIL: " + esc(reason if len(reason) <= 220 else reason[:220] + "…")


def esc(text):
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":
    main()
