"""One adapter per target: how to start it, and how to build a fixture plan on it.

TARGETS maps the --target name to the adapter's module; each module has a `Target` class with
start(workdir, env) -> endpoint, stop(), build(plan, api) -> (state, notes), and version().
A target whose clock can be moved also has move_clock(change) -> {"Now", "OffsetSeconds"} (only
cognitomock: moto and cognito-local have none, so cases with clock steps fail there at that step).
A target that keeps the messages it "sent" in some readable way has messages(spec, calls) -> [message, ...],
oldest first, for message steps (`calls`: the case run's calls so far, {op, input, output, headers}); it raises
NotKept when it cannot answer the step as asked. auth_events(pool_id, username) reads feedback tokens (cognitomock).
"""
import importlib

TARGETS = {"cognitomock": "cognitomock", "moto": "moto", "cognito-local": "cognito_local"}


class NotKept(Exception):
    """The target keeps no record that answers this message step; the reason says what it lacks."""


def load(name, options):
    return importlib.import_module(f"adapters.{TARGETS[name]}").Target(options)
