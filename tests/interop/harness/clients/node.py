"""The bridge to node/driver.mjs: one node process per run, one JSON line per call."""
import itertools
import json
import os
import re
import selectors
import subprocess
import threading

INTEROP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NODE_DIR = os.path.join(INTEROP, "node")
TIMEOUT = 120
# The driver says it is ready once its imports have loaded; node takes about a second for that here.
READY_TIMEOUT = 30
INSTALL = "install the interop suite's npm packages: npm ci in tests/interop (or tests/interop/install.sh)"


class NodeBridge:
    def __init__(self, env, workdir):
        self.env, self.workdir = env, workdir
        self.process = None
        self._ids = itertools.count(1)
        self._buffer = b""
        self._lock = threading.Lock()  # one request in flight: the driver answers in order
        # Why the driver could not start, once it has failed to: every later call fails at once with it,
        # instead of starting a driver that cannot start again and waiting for its answer.
        self.unavailable = None

    def client(self, name):
        return NodeClient(self, name)

    def _start(self):
        """Starts the driver and waits for its ready line; False, with `unavailable` set, when it does not come."""
        self._log_path = os.path.join(self.workdir, "node-driver.log")
        self._log = open(self._log_path, "wb")
        try:
            self.process = subprocess.Popen(["node", os.path.join(NODE_DIR, "driver.mjs")], cwd=NODE_DIR, env=self.env,
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
                                            start_new_session=True)
        except OSError as e:
            self.unavailable = f"node driver did not start: {e} (install nodejs)"
            return False
        line = self._read_line(READY_TIMEOUT)
        if line is None or json.loads(line) != {"ready": True}:
            self.unavailable = self._why_not_ready()
            self.stop()
            return False
        return True

    def _why_not_ready(self):
        """One line on why the driver gave no ready line: a package it could not import, or its last words."""
        code = self.process.poll()
        self._log.flush()
        with open(self._log_path, errors="replace") as f:
            log = f.read()
        missing = re.search(r"Cannot find (?:package|module) '([^']+)'", log)
        if missing:
            return f"node driver could not import {missing.group(1)}: {INSTALL}"
        if code is None:
            return f"node driver was not ready within {READY_TIMEOUT}s"
        last = next((l.strip() for l in reversed(log.splitlines()) if l.strip()), "no output")
        return f"node driver exited with code {code} as it started: {last[:200]}"

    def request(self, payload):
        with self._lock:
            return self._request(payload)

    def _request(self, payload):
        if self.unavailable:
            return {"ok": False, "client_error": self.unavailable}
        if (self.process is None or self.process.poll() is not None) and not self._start():
            return {"ok": False, "client_error": self.unavailable}
        payload = dict(payload, id=next(self._ids))
        self.process.stdin.write((json.dumps(payload) + "\n").encode())
        self.process.stdin.flush()
        line = self._read_line(TIMEOUT)
        if line is None:
            code = self.process.poll()
            self.stop()  # a hung or dead driver is restarted for the next call
            gone = f"node driver exited with code {code} before answering" if code is not None \
                else f"node driver gave no answer within {TIMEOUT}s"
            return {"ok": False, "client_error": gone}
        return json.loads(line)["result"]

    def _read_line(self, timeout):
        fd = self.process.stdout.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                if not sel.select(timeout):
                    return None
                chunk = os.read(fd, 65536)
                if not chunk:
                    return None
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.stdin.close()  # the driver ends when its input ends
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        self._buffer = b""


class NodeClient:
    def __init__(self, bridge, name):
        self.bridge, self.name = bridge, name

    def call(self, endpoint, op, params, paginate=None, unvalidated=False, session=None, unsigned=False):
        if unsigned:
            return {"ok": False, "client_error": f"{self.name}: the harness has no unsigned setting for this client"}
        return self.bridge.request({"client": self.name, "endpoint": endpoint, "op": op, "input": params,
                                    "paginate": paginate, "session": session})
