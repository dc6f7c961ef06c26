"""CognitoMock's standalone binary: built once from the repo, run with a fresh LiteDB file, and
given fixtures through its seed endpoint (the only way besides a sign-in to create devices)."""
import datetime
import json
import os
import subprocess
import urllib.error
import urllib.parse
import urllib.request

from harness.fixtures import attribute_list, state
from harness.servers import Server, ServerFailed

from .setup_api import CLIENT_SETTINGS, POOL_SETTINGS, SetupError

INTEROP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Target:
    name = "cognitomock"

    def __init__(self, options):
        self.root = os.path.abspath(options.get("repo") or os.path.join(INTEROP, "..", ".."))
        self.out = os.path.join(INTEROP, ".out", "cognitomock")
        self.server = None

    def start(self, workdir, env):
        project = os.path.join(self.root, "src", "CognitoMock.Server")
        try:
            # No build servers: nothing of the run may outlive it.
            build = subprocess.run(["dotnet", "build", "-c", "Release", "-o", self.out, "--nologo", "-v", "q",
                                    "--disable-build-servers", project],
                                   cwd=self.root, env=env, capture_output=True, text=True, timeout=900)
        except subprocess.TimeoutExpired:
            raise ServerFailed("dotnet build took more than 15 minutes") from None
        if build.returncode != 0:
            lines = [l for l in build.stdout.splitlines() + build.stderr.splitlines() if "error" in l]
            raise ServerFailed(f"dotnet build failed: {' | '.join(lines[:3]) or build.stdout[-300:]}")
        argv = ["dotnet", os.path.join(self.out, "cognito-mock.dll"), "--host", "127.0.0.1", "--port", "0",
                "--data", os.path.join(workdir, "cognitomock.db")]
        self.server = Server("cognitomock", argv, workdir, env, r"listening on http://127\.0\.0\.1:(\d+)",
                             os.path.join(workdir, "cognitomock.log"))
        endpoint = self.server.start()
        # An empty data file gets the binary's demo seed; cases start from nothing but their fixtures.
        try:
            self._admin("POST", "/_mock/reset")
        except SetupError as e:
            self.server.stop()
            raise ServerFailed(str(e)) from None
        return endpoint

    def stop(self):
        if self.server:
            self.server.stop()

    def version(self):
        rev = subprocess.run(["git", "-C", self.root, "log", "-1", "--format=%h %cs"], capture_output=True, text=True)
        return f"cognitomock {rev.stdout.strip() or '(not a git checkout)'}"

    def build(self, plan, api):
        self._admin("POST", "/_mock/seed", seed_document(plan))
        return state(plan), []

    def move_clock(self, change):
        """A clock step: {"AdvanceSeconds": n} or {"Now": iso}; returns the clock afterwards, {"Now", "OffsetSeconds"}."""
        return json.loads(self._admin("POST", "/_mock/clock", change))

    def now(self):
        """The server's clock (GET /_mock/clock), for TOTP codes of the time it judges them by."""
        return datetime.datetime.fromisoformat(json.loads(self._admin("GET", "/_mock/clock"))["Now"].replace("Z", "+00:00"))

    def messages(self, spec, calls):
        """The messages of a message step, oldest first, from the outbox (GET /_mock/messages): every field the
        outbox keeps, filtered by the step's UserPoolId, Username, DeliveryMedium and TriggerSource."""
        filters = {"userPoolId": spec.get("UserPoolId"), "username": spec.get("Username"),
                   "deliveryMedium": spec.get("DeliveryMedium")}
        query = urllib.parse.urlencode({k: v for k, v in filters.items() if v is not None})
        sent = json.loads(self._admin("GET", f"/_mock/messages?{query}"))
        # A member a message does not have (an SMS's Subject, the Code of a message without one) is left out.
        return [{k: v for k, v in m.items() if v is not None} for m in sent
                if spec.get("TriggerSource") in (None, m.get("TriggerSource"))]

    def auth_events(self, user_pool_id, username):
        """A user's auth events with their feedback tokens, newest first (GET /_mock/auth-events)."""
        query = urllib.parse.urlencode({"userPoolId": user_pool_id, "username": username})
        return json.loads(self._admin("GET", f"/_mock/auth-events?{query}"))

    def sms_sent(self, user_pool_id, username):
        """The SMS messages recorded for a user, oldest first: [{UserPoolId, Username, Destination, Code, SentAt}]."""
        query = urllib.parse.urlencode({"userPoolId": user_pool_id, "username": username})
        return json.loads(self._admin("GET", f"/_mock/sms?{query}"))

    def replace_faults(self, rules):
        """Replaces the injected faults with these rules; returns the ones replaced, [{Rule, Calls, Hits}]."""
        replaced = json.loads(self._admin("GET", "/_mock/faults"))
        self._admin("DELETE", "/_mock/faults")
        for rule in rules:
            self._admin("POST", "/_mock/faults", rule)
        return replaced

    def _admin(self, method, path, body=None):
        request = urllib.request.Request(f"{self.server.endpoint}{path}", method=method,
                                         data=json.dumps(body).encode() if body is not None else None if method == "GET" else b"",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            raise SetupError(f"{method} {path}: HTTP {e.code}: {e.read().decode(errors='replace')[:300]}") from None
        except urllib.error.URLError as e:
            raise SetupError(f"{method} {path}: {e.reason}") from None


_POOL_KEYS = ("Id", "Name", "AliasAttributes", "UsernameAttributes", "UsernameConfiguration", "DeviceConfiguration",
              "MfaConfiguration", "SmsConfiguration", "SoftwareTokenMfaConfiguration") + POOL_SETTINGS
_CLIENT_KEYS = ("ClientId", "ClientName", "GenerateSecret", "ExplicitAuthFlows") + CLIENT_SETTINGS
_USER_KEYS = ("Username", "Password", "UserStatus", "Enabled", "UserMFASettingList", "PreferredMfaSetting",
              "SoftwareTokenSecret")


def seed_document(plan):
    """The seed format of the mock's contract, with every identifier given, so the state is known."""
    pools = []
    for p in plan["pools"]:
        users = []
        for u in p["Users"]:
            doc = {k: u[k] for k in _USER_KEYS if k in u}
            if p.get("UsernameAttributes"):
                doc.pop("Username", None)  # the contract: no Username in a UsernameAttributes pool
            doc["Attributes"] = attribute_list(u["Attributes"])
            doc["Devices"] = u["Devices"]
            users.append(doc)
        pool = {k: p[k] for k in _POOL_KEYS if k in p}
        pool["Clients"] = [{k: c[k] for k in _CLIENT_KEYS if k in c} for c in p["Clients"]]
        pool["Users"] = users
        pools.append(pool)
    return {"UserPools": pools}
