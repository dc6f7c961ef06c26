"""Expected values in case files.

A plain JSON value must be equal. A dict whose keys start with "$" is a matcher (all its keys must
hold); any other dict matches an object that has at least those keys, each matching. A list matches
a list of the same length, element by element. Matchers:

  {"$absent": true}        the member is not there (no null either: docs/behaviour.md §1)
  {"$present": true}       the member is there, whatever its value
  {"$date": true}          the client parsed it as a timestamp; {"$date": "2026-01-02T03:04:05Z"}: that instant
  {"$len": 60}             a list or string of that length
  {"$regex": "..."}        a string matching (re.search; anchor it yourself)
  {"$startsWith": "..."}   a string with that prefix
  {"$type": "string"}      string, number, boolean, list, object
  {"$each": m}             every element of a list matches m
  {"$contains": m}         some element of a list matches m
  {"$unordered": [m, ...]} a list whose elements match these, in any order, one each
  {"$pluck": "Key", "$sameSet": [...]}   the list's Key values equal these as a multiset
  {"$attrs": {name: m}}    a [{Name, Value}] list with exactly these names, values matching
  {"$attrsInclude": {name: m}}  the same, other names allowed
  {"$not": m}              m does not match
  {"$all": [m, ...]}       every m matches (several matchers of one kind on one value)
  {"$secondsAfter": {"date": d, "min": 3600, "max": 3660}}
                           a date the client parsed, between min and max seconds (inclusive) after d;
                           d is an ISO-8601 string or an earlier step's parsed date (${steps.0.X.__date__})
"""
import datetime
import re

ABSENT = object()


def check(expected, actual, path="$"):
    """None when actual matches, else a one-line reason."""
    if isinstance(expected, dict) and expected and all(k.startswith("$") for k in expected):
        for name, arg in expected.items():
            if name in ("$sameSet",):
                continue  # read together with $pluck
            problem = _MATCHERS[name](arg, actual, path, expected)
            if problem:
                return problem
        return None
    if actual is ABSENT:
        return f"{path}: absent, expected {show(expected)}"
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or "__date__" in actual:
            return f"{path}: expected an object, got {show(actual)}"
        for key, sub in expected.items():
            problem = check(sub, actual.get(key, ABSENT), f"{path}.{key}")
            if problem:
                return problem
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return f"{path}: expected a list of {len(expected)}, got {show(actual)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            problem = check(e, a, f"{path}[{i}]")
            if problem:
                return problem
        return None
    if type(expected) is not type(actual) or expected != actual:  # 1 != True, "1" != 1
        return f"{path}: expected {show(expected)}, got {show(actual)}"
    return None


def _absent(arg, actual, path, _):
    if arg and actual is not ABSENT:
        return f"{path}: expected absent, got {show(actual)}"


def _present(arg, actual, path, _):
    if arg and actual is ABSENT:
        return f"{path}: absent, expected present"


def _instant(text):
    """An ISO-8601 string as an aware datetime ("Z" and .NET's 7-digit fractions included), or None."""
    if isinstance(text, dict) and "__date__" in text:
        text = text["__date__"]
    if not isinstance(text, str):
        return None
    text = re.sub(r"(\.\d{6})\d+", r"\1", text.replace("Z", "+00:00"))
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc)


def _date(arg, actual, path, _):
    if not (isinstance(actual, dict) and "__date__" in actual):
        return f"{path}: expected a date the client parsed, got {show(actual)}"
    if arg is True:
        return None
    got, want = _instant(actual), _instant(arg)
    if got is None:
        return f"{path}: unparseable date {actual['__date__']!r}"
    if got != want:
        return f"{path}: expected {arg}, got {actual['__date__']}"


def _seconds_after(arg, actual, path, _):
    if not (isinstance(actual, dict) and "__date__" in actual):
        return f"{path}: expected a date the client parsed, got {show(actual)}"
    got, since = _instant(actual), _instant(arg["date"])
    if got is None or since is None:
        return f"{path}: cannot compare {actual['__date__']!r} with {show(arg['date'])}"
    seconds = (got - since).total_seconds()
    if not arg["min"] <= seconds <= arg["max"]:
        return (f"{path}: {actual['__date__']} is {seconds:+.3f}s after {show(arg['date'])}, "
                f"expected between {arg['min']} and {arg['max']}")


def _len(arg, actual, path, _):
    if not isinstance(actual, (list, str)) or len(actual) != arg:
        size = len(actual) if isinstance(actual, (list, str)) else "no list"
        return f"{path}: expected length {arg}, got {size}"


def _regex(arg, actual, path, _):
    if not isinstance(actual, str) or not re.search(arg, actual):
        return f"{path}: expected /{arg}/, got {show(actual)}"


def _starts(arg, actual, path, _):
    if not isinstance(actual, str) or not actual.startswith(arg):
        return f"{path}: expected to start with {arg!r}, got {show(actual)}"


_TYPES = {"string": str, "number": (int, float), "boolean": bool, "list": list, "object": dict}


def _type(arg, actual, path, _):
    ok = isinstance(actual, _TYPES[arg]) and not (arg == "number" and isinstance(actual, bool))
    if not ok:
        return f"{path}: expected a {arg}, got {show(actual)}"


def _each(arg, actual, path, _):
    if not isinstance(actual, list):
        return f"{path}: expected a list, got {show(actual)}"
    for i, item in enumerate(actual):
        problem = check(arg, item, f"{path}[{i}]")
        if problem:
            return problem


def _contains(arg, actual, path, _):
    if not isinstance(actual, list) or all(check(arg, item) for item in actual):
        return f"{path}: no element matches {show(arg)} among {show(actual)}"


def _unordered(arg, actual, path, _):
    if not isinstance(actual, list) or len(actual) != len(arg):
        return f"{path}: expected a list of {len(arg)}, got {show(actual)}"

    def assign(i, free):  # small lists: plain backtracking
        if i == len(arg):
            return True
        return any(check(arg[i], actual[j]) is None and assign(i + 1, free - {j}) for j in free)

    if not assign(0, frozenset(range(len(actual)))):
        first = next((m for m in arg if all(check(m, a) for a in actual)), arg[0])
        closest = min(((_misses(first, a), check(first, a, f"{path}[{j}]")) for j, a in enumerate(actual)),
                      default=(0, None))[1]
        return f"{path}: no element matches {show(first, 80)}" + (f"; closest: {closest}" if closest else "")


def _misses(expected, actual):
    """How far an element is from a plain-object expectation: the number of its keys that do not match."""
    if isinstance(expected, dict) and isinstance(actual, dict) and not all(k.startswith("$") for k in expected):
        return sum(check(sub, actual.get(key, ABSENT)) is not None for key, sub in expected.items())
    return 1


def _pluck(arg, actual, path, expected):
    if not isinstance(actual, list):
        return f"{path}: expected a list, got {show(actual)}"
    got = [item.get(arg) if isinstance(item, dict) else None for item in actual]
    want = expected.get("$sameSet")
    if sorted(map(str, got)) != sorted(map(str, want)):
        dupes = sorted({g for g in got if got.count(g) > 1})
        missing = [w for w in want if w not in got]
        extra = [g for g in got if g not in want]
        return (f"{path}[*].{arg}: {len(got)} values, expected the {len(want)} given"
                f"{'; duplicates ' + show(dupes) if dupes else ''}"
                f"{'; missing ' + str(len(missing)) if missing else ''}{'; unexpected ' + show(extra) if extra else ''}")


def _attrs(exact):
    def match(arg, actual, path, _):
        if not isinstance(actual, list) or not all(isinstance(a, dict) and "Name" in a for a in actual):
            return f"{path}: expected a [{{Name, Value}}] list, got {show(actual)}"
        got = {a["Name"]: a.get("Value", ABSENT) for a in actual}
        if exact and set(got) != set(arg):
            return (f"{path}: attribute names {sorted(got)}, expected {sorted(arg)}")
        for name, m in arg.items():
            problem = check(m, got.get(name, ABSENT), f"{path}[{name}]")
            if problem:
                return problem
    return match


def _all(arg, actual, path, _):
    for m in arg:
        problem = check(m, actual, path)
        if problem:
            return problem


def _not(arg, actual, path, _):
    if check(arg, actual) is None:
        return f"{path}: expected not {show(arg)}, got {show(actual)}"


_MATCHERS = {"$absent": _absent, "$present": _present, "$date": _date, "$len": _len, "$regex": _regex,
             "$startsWith": _starts, "$type": _type, "$each": _each, "$contains": _contains, "$unordered": _unordered,
             "$pluck": _pluck, "$attrs": _attrs(True), "$attrsInclude": _attrs(False), "$not": _not,
             "$all": _all, "$secondsAfter": _seconds_after}


def show(value, limit=120):
    if value is ABSENT:
        return "(absent)"
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"
