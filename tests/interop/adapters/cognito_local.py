"""cognito-local (npm), started from tests/interop/node_modules with its state in the run's temp dir.

It reads `.cognito/config.json` from its working directory and PORT / HOST from the environment
(lib/server/config.js, lib/server/defaults.js); PORT=0 makes it pick a free port and log it.
"""
import json
import os

from harness.servers import Server

from .setup_api import build_through_api

INTEROP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Target:
    name = "cognito-local"

    def __init__(self, options):
        self.entry = os.path.join(INTEROP, "node_modules", "cognito-local", "lib", "bin", "start.js")
        self.server = None

    def start(self, workdir, env):
        home = os.path.join(workdir, "cognito-local")
        os.makedirs(os.path.join(home, ".cognito"), exist_ok=True)
        with open(os.path.join(home, ".cognito", "config.json"), "w") as f:
            # Its default UserPoolDefaults make every pool's usernames emails, even when
            # CreateUserPool names no UsernameAttributes; AWS's default is none, and fixtures name
            # them where they want them.
            json.dump({"UserPoolDefaults": {"UsernameAttributes": []}}, f)
        env = dict(env, PORT="0", HOST="127.0.0.1")
        self.server = Server("cognito-local", ["node", self.entry], home, env,
                             r"running on http://127\.0\.0\.1:(\d+)", os.path.join(workdir, "cognito-local.log"))
        return self.server.start()

    def stop(self):
        if self.server:
            self.server.stop()

    def version(self):
        with open(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(self.entry))), "package.json")) as f:
            return "cognito-local " + json.load(f)["version"]

    def build(self, plan, api):
        return build_through_api(plan, api)
