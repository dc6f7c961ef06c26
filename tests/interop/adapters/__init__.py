"""One adapter per target: how to start it, and how to build a fixture plan on it.

TARGETS maps the --target name to the adapter's module; each module has a `Target` class with
start(workdir, env) -> endpoint, stop(), build(plan, api) -> (state, notes), and version().
"""
import importlib

TARGETS = {"cognitomock": "cognitomock", "moto": "moto", "cognito-local": "cognito_local"}


def load(name, options):
    return importlib.import_module(f"adapters.{TARGETS[name]}").Target(options)
