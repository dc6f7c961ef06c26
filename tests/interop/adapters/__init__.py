"""One adapter per target: how to start it, and how to build a fixture plan on it.

TARGETS maps the --target name to the adapter's module; each module has a `Target` class with
start(workdir, env) -> endpoint, stop(), build(plan, api) -> (state, notes), and version().
A target whose clock can be moved also has move_clock(change) -> {"Now", "OffsetSeconds"} (only
cognitomock: moto and cognito-local have none, so cases with clock steps fail there at that step).
"""
import importlib

TARGETS = {"cognitomock": "cognitomock", "moto": "moto", "cognito-local": "cognito_local"}


def load(name, options):
    return importlib.import_module(f"adapters.{TARGETS[name]}").Target(options)
