"""moto's standalone server (moto_server), in memory; fixtures go through the API."""
import os
import shutil
import subprocess

from harness.servers import Server

from . import NotKept
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

    def messages(self, spec, calls):
        """moto sends and keeps no message. The one code it hands out is ForgotPassword's, in the answer's
        `x-moto-forgot-password-confirmation-code` header (moto's models.py: "returned via a ... http header, which is
        not the AWS way"), so the messages this can read are those answers, of this case run, for that username; its
        ConfirmSignUp takes any code and nothing else it does sends one."""
        trigger = spec.get("TriggerSource")
        if trigger not in (None, "CustomMessage_ForgotPassword"):
            raise NotKept(f"moto sends no {trigger} code (the only code it hands out is ForgotPassword's, in the "
                          f"x-moto-forgot-password-confirmation-code header)")
        if spec.get("DeliveryMedium"):
            raise NotKept("moto's forgot-password header does not say which medium the code went by")
        sent = [{"Username": spec.get("Username"), "TriggerSource": "CustomMessage_ForgotPassword",
                 "Code": call["headers"][_CODE_HEADER]}
                for call in calls
                if call["op"] == "ForgotPassword" and call["input"].get("Username") == spec.get("Username")
                and _CODE_HEADER in (call.get("headers") or {})]
        if not sent:
            raise NotKept(f"moto keeps no messages: the only code it hands out is ForgotPassword's ({_CODE_HEADER} "
                          f"header), and no ForgotPassword answer of this case run carried one for {spec.get('Username')} "
                          f"(moto's ConfirmSignUp takes any code; it sends none for sign-up or attributes)")
        return sent


_CODE_HEADER = "x-moto-forgot-password-confirmation-code"
