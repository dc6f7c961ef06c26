"""moto's standalone server (moto_server), in memory; fixtures go through the API."""
import os
import shutil
import subprocess

from harness.servers import Server

from .setup_api import build_through_api


class Target:
    name = "moto"

    def __init__(self, options):
        self.binary = (options.get("moto_server") or os.environ.get("MOTO_SERVER")
                       or shutil.which("moto_server") or "/root/.pyenv/shims/moto_server")
        self.server = None

    def start(self, workdir, env):
        self.server = Server("moto", [self.binary, "-H", "127.0.0.1", "-p", "0"], workdir, env,
                             r"Running on http://127\.0\.0\.1:(\d+)", os.path.join(workdir, "moto.log"))
        return self.server.start()

    def stop(self):
        if self.server:
            self.server.stop()

    def version(self):
        """moto's version, asked of the Python that runs moto_server (through pyenv when it is a shim)."""
        try:
            script = subprocess.run(["pyenv", "which", "moto_server"], capture_output=True, text=True,
                                    timeout=20).stdout.strip() or self.binary
            with open(script) as f:
                python = f.readline()[2:].strip()
            return "moto " + subprocess.run([python, "-c", "import moto; print(moto.__version__)"],
                                            capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "moto (version unknown)"

    def build(self, plan, api):
        return build_through_api(plan, api)
