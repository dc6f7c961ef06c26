#!/usr/bin/env python3
"""Crash safety of the standalone binary (issue 8).

Starts `cognito-mock` on a LiteDB file, drives concurrent writes at it, kills it with SIGKILL at a random
moment, and checks, every round:
  - the file opens without repair, and its invariants hold (`cognito-mock --check`);
  - the restarted server shows every write it acknowledged with a 200 before the kill.
After the last round it checks everything acknowledged in every round once more.

A write the kill interrupted (sent, no answer) is "in doubt": it may or may not have landed, and either is
right. Anything else that is not the expected answer is an error. The last line is
"crash-safety: N kills, N acknowledged writes, N lost, ..." and the exit code is 0 only when nothing was lost,
no check failed and no request got an unexpected answer.

Only the standard library; every server listens on 127.0.0.1.

    tests/reliability/crash-safety.py [--kills 20] [--writers 8] [--binary PATH] [--seed N] [--keep]
"""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

POOL = "us-east-1_Crash1"
CLIENT = "crashclient000000000000001"
SEEDED_USERS = 48
DEVICES_PER_USER = 3
AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=crash/20261126/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00"


class InDoubt(Exception):
    """The request may have reached the server before the kill; its answer never came."""


class NotSent(Exception):
    """The server was already gone: the request never reached it."""


def seed_document():
    users = []
    for k in range(SEEDED_USERS):
        users.append({
            "Username": f"s{k}",
            "Attributes": [
                {"Name": "email", "Value": f"s{k}@example.com"},
                {"Name": "email_verified", "Value": "true"},
                {"Name": "given_name", "Value": "seeded"},
            ],
            "Devices": [{"DeviceKey": device_key(k, d), "DeviceName": f"device {d}", "RememberedStatus": "remembered"}
                        for d in range(DEVICES_PER_USER)],
        })
    client = {"ClientId": CLIENT, "ClientName": "crash", "ExplicitAuthFlows": ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}
    return {"UserPools": [{"Id": POOL, "Name": "crash safety", "AliasAttributes": ["email"], "AutoVerifiedAttributes": ["email"],
                           "Clients": [client], "Users": users}]}


def device_key(user, device):
    return f"us-east-1_{user:08d}-0000-4000-8000-{device:012d}"


class Server:
    """One run of the binary on the data file, found by the port it prints."""

    def __init__(self, binary, data, seed):
        self.process = subprocess.Popen(
            ["dotnet", binary, "--port", "0", "--data", data, "--seed", seed],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.port = None
        self.output = []
        deadline = time.monotonic() + 60
        for line in self.process.stdout:
            self.output.append(line)
            match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            if match:
                self.port = int(match.group(1))
            if line.strip() == "Press Ctrl+C to stop." and self.port:
                break
            if time.monotonic() > deadline:
                break
        if not self.port:
            self.process.kill()
            raise RuntimeError("the server did not start:\n" + "".join(self.output))
        # Keep draining its output so it never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in self.process.stdout], daemon=True).start()

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


class Client:
    def __init__(self, port):
        self.port = port
        self.connection = None

    def call(self, operation, body):
        """The status and parsed body; NotSent or InDoubt when the server is gone."""
        payload = json.dumps(body).encode()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.connection.connect()
        except OSError as e:
            self.connection = None
            raise NotSent() from e
        try:
            self.connection.request("POST", "/", payload, {
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": "AWSCognitoIdentityProviderService." + operation,
                "Authorization": AUTHORIZATION,
            })
            response = self.connection.getresponse()
            text = response.read()
        except (OSError, http.client.HTTPException) as e:
            self.connection.close()
            self.connection = None
            raise InDoubt() from e
        return response.status, json.loads(text) if text else {}

    def newest_code(self, username):
        """The code last sent to a user, from the outbox (GET /_mock/messages); None if there is none."""
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            connection.request("GET", f"/_mock/messages?userPoolId={POOL}&username={username}")
            sent = json.loads(connection.getresponse().read())
            connection.close()
        except (OSError, http.client.HTTPException) as e:
            raise NotSent() from e
        return sent[-1]["Code"] if sent else None


class Model:
    """What the acknowledged writes say the state is: one expected value per (entity, field)."""

    def __init__(self):
        self.lock = threading.Lock()
        # key -> value; a key is ("user", name) / ("attr", name, attr) / ("device", user, key) /
        # ("status", name) / ("password", name). The seed's values are known from the start.
        self.expected = {("attr", f"s{k}", "given_name"): "seeded" for k in range(SEEDED_USERS)}
        self.expected.update({("device", f"s{k}", device_key(k, d)): "remembered"
                              for k in range(SEEDED_USERS) for d in range(DEVICES_PER_USER)})
        self.doubt = {}      # key -> values a write in doubt may have left
        self.touched = set()
        self.acknowledged = 0
        self.in_doubt = 0
        self.landed = 0      # keys a write in doubt did change
        self.errors = []
        self.by_operation = {}   # operation -> acknowledged writes of it

    def acked(self, key, value, *also):
        """A 200: the write's value, and any other value it set (a new user's email), are now expected."""
        with self.lock:
            for k, v in ((key, value), *also):
                self.expected[k] = v
                self.doubt.pop(k, None)
                self.touched.add(k)
            self.acknowledged += 1

    def count(self, operation):
        with self.lock:
            self.by_operation[operation] = self.by_operation.get(operation, 0) + 1

    def unsure(self, key, value, *also):
        with self.lock:
            for k, v in ((key, value), *also):
                self.doubt.setdefault(k, []).append(v)
                self.touched.add(k)
            self.in_doubt += 1

    def error(self, text):
        with self.lock:
            self.errors.append(text)


ABSENT = "<absent>"


class Writer(threading.Thread):
    """One client: a sequence of writes on the users it owns, until the server is gone."""

    def __init__(self, index, writers, port, model, state, rng):
        super().__init__(daemon=True)
        self.index, self.writers, self.model, self.state, self.rng = index, writers, model, state, rng
        self.client = Client(port)

    def run(self):
        try:
            while True:
                self.step()
        except (InDoubt, NotSent):
            return

    def owned_seeded(self):
        return [k for k in range(SEEDED_USERS) if k % self.writers == self.index]

    def step(self):
        state = self.state
        choice = self.rng.random()
        if choice < 0.25 or not state["created"]:
            state["n"] += 1
            name = f"c{self.index}-{state['round']}-{state['n']}"
            self.write(("user", name), "present", "AdminCreateUser", {
                "UserPoolId": POOL, "Username": name, "MessageAction": "SUPPRESS",
                "UserAttributes": [{"Name": "email", "Value": f"{name}@example.com"}, {"Name": "email_verified", "Value": "true"}],
            }, lambda: state["created"].append(name), also=[(("attr", name, "email"), f"{name}@example.com")])
        elif choice < 0.45:
            user = f"s{self.rng.choice(self.owned_seeded())}"
            state["n"] += 1
            value = f"w{self.index}-{state['round']}-{state['n']}"
            self.write(("attr", user, "given_name"), value, "AdminUpdateUserAttributes", {
                "UserPoolId": POOL, "Username": user, "UserAttributes": [{"Name": "given_name", "Value": value}]})
        elif choice < 0.60:
            k = self.rng.choice(self.owned_seeded())
            devices = [d for d in range(DEVICES_PER_USER) if device_key(k, d) not in state["forgotten"]]
            if not devices:
                return
            key = device_key(k, self.rng.choice(devices))
            status = self.rng.choice(["remembered", "not_remembered"])
            self.write(("device", f"s{k}", key), status, "AdminUpdateDeviceStatus", {
                "UserPoolId": POOL, "Username": f"s{k}", "DeviceKey": key, "DeviceRememberedStatus": status})
        elif choice < 0.65:
            k = self.rng.choice(self.owned_seeded())
            devices = [d for d in range(DEVICES_PER_USER) if device_key(k, d) not in state["forgotten"]]
            if len(devices) < 2:
                return
            key = device_key(k, self.rng.choice(devices))
            # Forgotten, or perhaps forgotten: either way no later write of this run names it.
            state["forgotten"].add(key)
            self.write(("device", f"s{k}", key), ABSENT, "AdminForgetDevice", {"UserPoolId": POOL, "Username": f"s{k}", "DeviceKey": key})
        elif choice < 0.75:
            name = state["created"].pop(self.rng.randrange(len(state["created"])))
            self.write(("user", name), ABSENT, "AdminDeleteUser", {"UserPoolId": POOL, "Username": name},
                       also=[(("attr", name, "email"), ABSENT)])
        elif choice < 0.85:
            self.sign_up_and_confirm()
        elif choice < 0.92 and state["confirmed"]:
            self.reset_password()
        else:
            # Every writer's users reach for the same few addresses: at most one may hold each.
            name = self.rng.choice(state["created"])
            address = f"hot{self.rng.randrange(4)}@example.com"
            self.write(("attr", name, "email"), address, "AdminUpdateUserAttributes", {
                "UserPoolId": POOL, "Username": name,
                "UserAttributes": [{"Name": "email", "Value": address}, {"Name": "email_verified", "Value": "true"}],
            }, refused="AliasExistsException")

    def sign_up_and_confirm(self):
        """SignUp, then ConfirmSignUp with the code the outbox shows: UNCONFIRMED, then CONFIRMED."""
        state = self.state
        state["n"] += 1
        name = f"u{self.index}-{state['round']}-{state['n']}"
        password = f"Passw0rd-{name}"
        if not self.write(("status", name), "UNCONFIRMED", "SignUp", {
            "ClientId": CLIENT, "Username": name, "Password": password,
            "UserAttributes": [{"Name": "email", "Value": f"{name}@example.com"}],
        }, also=[(("user", name), "present"), (("password", name), password)]):
            return
        code = self.client.newest_code(name)
        if code is None:
            self.model.error(f"SignUp of {name} sent no code")
            return
        self.write(("status", name), "CONFIRMED", "ConfirmSignUp", {"ClientId": CLIENT, "Username": name, "ConfirmationCode": code},
                   lambda: state["confirmed"].append(name))

    def reset_password(self):
        """ForgotPassword, then ConfirmForgotPassword with the code the outbox shows: the new password signs in."""
        state = self.state
        name = self.rng.choice(state["confirmed"])
        # A user may ask for five codes an hour (docs/behaviour.md §13): four resets each, then the user rests.
        state["resets"][name] = state["resets"].get(name, 0) + 1
        if state["resets"][name] >= 4:
            state["confirmed"].remove(name)
        status, answer = self.client.call("ForgotPassword", {"ClientId": CLIENT, "Username": name})
        if status != 200:
            self.model.error(f"ForgotPassword {name} -> {status} {json.dumps(answer)}")
            return
        state["n"] += 1
        password = f"Reset-{state['round']}-{state['n']}-{name}"
        self.write(("password", name), password, "ConfirmForgotPassword", {
            "ClientId": CLIENT, "Username": name, "ConfirmationCode": self.client.newest_code(name), "Password": password})

    def write(self, key, value, operation, body, then=None, refused=None, also=()):
        """Sends one write and books its answer in the model; whether it was acknowledged."""
        try:
            status, answer = self.client.call(operation, body)
        except InDoubt:
            self.model.unsure(key, value, *also)
            raise
        if status == 200:
            self.model.acked(key, value, *also)
            self.model.count(operation)
            if then:
                then()
            return True
        if not (refused and answer.get("__type") == refused):
            self.model.error(f"{operation} {json.dumps(body)} -> {status} {json.dumps(answer)}")
        return False


def observe(client, key, candidates):
    """What the running server shows for one key of the model; a password is whichever of the candidates signs in."""
    kind = key[0]
    if kind == "status":
        status, answer = client.call("AdminGetUser", {"UserPoolId": POOL, "Username": key[1]})
        return answer["UserStatus"] if status == 200 else ABSENT if answer.get("__type") == "UserNotFoundException" else f"{status} {answer}"
    if kind == "password":
        for candidate in candidates:
            status, answer = client.call("AdminInitiateAuth", {
                "UserPoolId": POOL, "ClientId": CLIENT, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
                "AuthParameters": {"USERNAME": key[1], "PASSWORD": candidate}})
            if status == 200 or answer.get("__type") == "UserNotConfirmedException":
                # The mock says a user is unconfirmed only once the password is proven (docs/behaviour.md §7).
                return candidate
            if answer.get("__type") == "UserNotFoundException":
                return ABSENT
        return "none of the candidates signs in"
    if kind == "user":
        status, answer = client.call("AdminGetUser", {"UserPoolId": POOL, "Username": key[1]})
        return "present" if status == 200 else ABSENT if answer.get("__type") == "UserNotFoundException" else f"{status} {answer}"
    if kind == "attr":
        status, answer = client.call("AdminGetUser", {"UserPoolId": POOL, "Username": key[1]})
        if status != 200:
            return ABSENT if answer.get("__type") == "UserNotFoundException" else f"{status} {answer}"
        return next((a["Value"] for a in answer["UserAttributes"] if a["Name"] == key[2]), ABSENT)
    status, answer = client.call("AdminGetDevice", {"UserPoolId": POOL, "Username": key[1], "DeviceKey": key[2]})
    if status != 200:
        return ABSENT if answer.get("__type") == "ResourceNotFoundException" else f"{status} {answer}"
    return next(a["Value"] for a in answer["Device"]["DeviceAttributes"] if a["Name"] == "dev:device_remembered_status")


def verify(client, model, keys):
    """
    Lost keys: those showing neither their last acknowledged value nor one a write in doubt may have left.
    A key nothing acknowledged yet (a user whose create was in doubt, and its email) was absent before.
    """
    lost = []
    for key in sorted(keys):
        before = model.expected.get(key, ABSENT)
        actual = observe(client, key, [before, *model.doubt.get(key, [])])
        if actual == before or actual in model.doubt.get(key, []):
            # What landed is the known state now; the doubt is settled.
            model.landed += actual != before
            model.expected[key] = actual
            model.doubt.pop(key, None)
        elif key in model.expected:
            lost.append(f"{key}: acknowledged {before!r}, found {actual!r}")
        else:
            model.error(f"{key}: found {actual!r}, none of {[before, *model.doubt.get(key, [])]!r}")
    return lost


def check_file(binary, data):
    """`cognito-mock --check` on the file as the kill left it: it must open as is, and every invariant hold."""
    result = subprocess.run(["dotnet", binary, "--check", "--data", data], capture_output=True, text=True, timeout=120)
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--binary", default=os.path.join(root, "src/CognitoMock.Server/bin/Release/net10.0/cognito-mock.dll"))
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    folder = tempfile.mkdtemp(prefix="cognitomock-crash-")
    data = os.path.join(folder, "crash.db")
    seed = os.path.join(folder, "seed.json")
    with open(seed, "w") as f:
        json.dump(seed_document(), f)

    model = Model()
    states = [{"n": 0, "round": 0, "created": [], "forgotten": set(), "confirmed": [], "resets": {}} for _ in range(args.writers)]
    lost, failed_checks, check_line = [], [], ""
    print(f"crash-safety: {args.kills} kills, {args.writers} writers, random seed {args.seed}, data {data}")
    started = time.monotonic()
    try:
        for round_ in range(1, args.kills + 1):
            server = Server(args.binary, data, seed)
            model.touched = set()
            writers = []
            for i, state in enumerate(states):
                state["round"] = round_
                writers.append(Writer(i, args.writers, server.port, model, state, random.Random(rng.random())))
            for writer in writers:
                writer.start()
            # Kill at a random moment once the writes are flowing (the first requests of a run are slow).
            flowing = model.acknowledged + 5 * args.writers
            deadline = time.monotonic() + 60
            while model.acknowledged < flowing and time.monotonic() < deadline and any(w.is_alive() for w in writers):
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 1.0))
            server.kill()
            for writer in writers:
                writer.join(timeout=60)

            ok, check_line = check_file(args.binary, data)
            if not ok:
                failed_checks.append(f"after kill {round_}: {check_line}")
            leftovers = [n for n in os.listdir(folder) if "backup" in n.lower()]
            if leftovers:
                failed_checks.append(f"after kill {round_}: LiteDB rebuilt the file ({', '.join(leftovers)})")

            server = Server(args.binary, data, seed)
            round_lost = verify(Client(server.port), model, model.touched)
            server.stop()
            lost += round_lost
            print(f"kill {round_:2}: {model.acknowledged} acknowledged so far, {len(round_lost)} lost this round; {check_line}")

        # Everything acknowledged in any round, once more, after all the kills.
        server = Server(args.binary, data, seed)
        lost += [f"at the end: {line}" for line in verify(Client(server.port), model, set(model.expected) | set(model.doubt))]
        server.stop()
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    for line in lost + failed_checks + model.errors[:20]:
        print("  " + line)
    seconds = time.monotonic() - started
    print("acknowledged by operation: " + ", ".join(f"{op} {n}" for op, n in sorted(model.by_operation.items())))
    print(f"crash-safety: {args.kills} kills, {model.acknowledged} acknowledged writes, {len(lost)} lost, "
          f"{model.in_doubt} in doubt ({model.landed} landed), {len(failed_checks)} failed file checks, {len(model.errors)} unexpected answers, "
          f"{seconds:.0f} s")
    return 0 if not lost and not failed_checks and not model.errors else 1


if __name__ == "__main__":
    sys.exit(main())
