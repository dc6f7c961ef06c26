"""What a scenario hands the report: its detail tables, its targets judged, and notes."""
from dataclasses import dataclass, field


@dataclass
class Check:
    scenario: str
    what: str
    measured: str
    target: str
    ratio: float = None     # the measured ratio the target bounds (or measured / limit for absolute targets)
    passed: bool = None     # None: not judged (not measured, or no target)
    miss: str = ""          # by how much it misses, or why it is not judged

    @property
    def result(self):
        if self.passed is None:
            return "n/a" + (f" ({self.miss})" if self.miss else "")
        return "pass" if self.passed else f"**miss** ({self.miss})"


@dataclass
class Section:
    key: str
    title: str
    label: str = ""     # the scenario's name in the targets table
    intro: str = ""
    tables: list = field(default_factory=list)   # (headers, rows)
    checks: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def at_least(scenario, what, measured, ratio, bound, target):
    """A target ratio ≥ bound: a miss says how many times short it falls."""
    if ratio is None:
        return Check(scenario, what, measured, target, None, None, "not measured")
    passed = ratio >= bound
    return Check(scenario, what, measured, target, ratio, passed, "" if passed else f"{factor(bound / ratio)} short")


def at_most(scenario, what, measured, ratio, bound, target):
    """A target ratio ≤ bound: a miss says how many times over it is."""
    if ratio is None:
        return Check(scenario, what, measured, target, None, None, "not measured")
    passed = ratio <= bound
    return Check(scenario, what, measured, target, ratio, passed, "" if passed else f"{factor(ratio / bound)} over")


def factor(value):
    """A miss's factor: close misses get a third decimal, so none reads "1.00×"."""
    return f"{value:.3f}×" if value < 1.1 else f"{value:.2f}×"


def ratio(a, b):
    return a / b if a is not None and b else None


def rps(value):
    return "–" if value is None else f"{value:,.0f} req/s"


def micros(value):
    if value is None:
        return "–"
    if value < 10_000:
        return f"{value:,.0f} µs"
    return f"{value / 1000:,.1f} ms" if value < 100_000 else f"{value / 1000:,.0f} ms"


def times(value):
    return "–" if value is None else (f"{value:.2f}×" if value < 100 else f"{value:,.0f}×")


def seconds(value):
    return "–" if value is None else f"{value:.1f} s"


def mib(kib):
    return "–" if kib is None else f"{kib / 1024:,.0f} MiB"
