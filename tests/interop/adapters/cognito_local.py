"""cognito-local (npm), started from tests/interop/node_modules with its state in the run's temp dir.

It reads `.cognito/config.json` from its working directory and PORT / HOST from the environment
(lib/server/config.js, lib/server/defaults.js); PORT=0 makes it pick a free port and log it.
"""
import datetime
import json
import os
import re
import secrets
import time
import urllib.error
import urllib.request

from harness.servers import Server

from . import NotKept
from .setup_api import SetupError, build_through_api

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

    def messages(self, spec, calls):
        """cognito-local prints each code it "sends" to its console (services/messageDelivery/consoleMessageSender.js):
        a box headed "Confirmation Code Delivery" with Username, Destination and Code (and a subject and text only
        when a CustomMessage trigger wrote them), on a log line that names the operation that sent it. This reads
        those boxes from its log. The box names no pool: fixtures and cases give their users usernames no other
        instance shares ("{instance}", "${unique}"), so the username tells whose a message is. The medium is the
        destination's kind (an address with @ went by email), and the trigger source is the one AWS gives a message
        of that operation."""
        medium, trigger = spec.get("DeliveryMedium"), spec.get("TriggerSource")
        return [m for m in self._logged_messages()
                if m.get("Username") == spec.get("Username") and medium in (None, m["DeliveryMedium"])
                and trigger in (None, m.get("TriggerSource"))]

    def _logged_messages(self):
        # Its logger writes asynchronously (pino-pretty over sonic-boom 2.8), and sonic-boom 2.8 counts what it has
        # written in bytes against a length it counts in characters: every message box, drawn with 3-byte characters,
        # leaves the end of the log in its buffer until as many more characters have been logged. So the message a
        # call just sent may not be in the file yet. The log keeps the order of the calls, so a request logged after
        # every message so far marks the point where the log holds them all: an operation name cognito-local does not
        # know, which it answers with an error and logs with that name. Long names, repeated until the first shows in
        # the file, push the buffer out.
        first = None
        deadline = time.monotonic() + 30
        while True:
            marker = f"InteropLogMarker{secrets.token_hex(6)}"
            first = first or marker
            self._log_marker(marker + "x" * 6000)
            wait = time.monotonic() + 0.1
            while True:
                text = self.server.log_text()
                if first in text or time.monotonic() > wait:
                    break
                time.sleep(0.02)
            if first in text:
                break
            if time.monotonic() > deadline:
                raise SetupError("cognito-local's log did not show the marker request within 30 seconds")
        text = text[:text.index(first)]
        sent = []
        for box in _BOX.finditer(text):
            fields = {}
            for line in box.group("body").splitlines():
                inner = line.strip().strip("\u2502").strip()
                name, sep, value = inner.partition(":")
                if sep and name in _FIELDS:
                    fields[_FIELDS[name]] = value.strip()
            if "Destination" not in fields:
                raise NotKept(f"cognito-local's log has a message box without a destination: {box.group(0)[:200]!r}")
            operation = box.group("target")
            message = dict(fields, DeliveryMedium="EMAIL" if "@" in fields["Destination"] else "SMS",
                           Operation=operation,
                           SentAt=datetime.datetime.fromtimestamp(int(box.group("ms")) / 1000, datetime.timezone.utc).isoformat())
            if operation in _TRIGGER_SOURCES:
                message["TriggerSource"] = _TRIGGER_SOURCES[operation]
            sent.append(message)
        return sent

    def _log_marker(self, marker):
        request = urllib.request.Request(self.server.endpoint, data=b"{}", method="POST", headers={
            "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"AWSCognitoIdentityProviderService.{marker}"})
        try:
            urllib.request.urlopen(request, timeout=30).close()
        except urllib.error.HTTPError:
            pass  # the expected answer: an unsupported operation
        except urllib.error.URLError as e:
            raise SetupError(f"cognito-local did not answer the log marker request: {e.reason}") from None


# One console message: "[ms] INFO: <reqId> <Target> ╭───╮", the box's lines, then "╰───╯ {...}".
_BOX = re.compile(r"^\[(?P<ms>\d+)\] INFO: \S+ (?P<target>\w+) \u256d[^\n]*\n(?P<body>(?:\u2502[^\n]*\n)+)\u2570",
                  re.M)
_FIELDS = {"Username": "Username", "Destination": "Destination", "Code": "Code", "Email Subject": "Subject",
           "Email Message": "Message", "SMS Message": "Message"}
# The CustomMessage trigger source AWS gives a message of each operation that sends one.
_TRIGGER_SOURCES = {"SignUp": "CustomMessage_SignUp", "ResendConfirmationCode": "CustomMessage_ResendCode",
                    "ForgotPassword": "CustomMessage_ForgotPassword",
                    "AdminResetUserPassword": "CustomMessage_ForgotPassword",
                    "UpdateUserAttributes": "CustomMessage_UpdateUserAttribute",
                    "AdminUpdateUserAttributes": "CustomMessage_UpdateUserAttribute",
                    "GetUserAttributeVerificationCode": "CustomMessage_VerifyUserAttribute",
                    "AdminCreateUser": "CustomMessage_AdminCreateUser",
                    "InitiateAuth": "CustomMessage_Authentication", "AdminInitiateAuth": "CustomMessage_Authentication",
                    "RespondToAuthChallenge": "CustomMessage_Authentication",
                    "AdminRespondToAuthChallenge": "CustomMessage_Authentication"}
