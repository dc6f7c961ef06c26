"""The bridge to node/driver.mjs: one node process per run, one JSON line per call."""
import itertools
import json
import os
import selectors
import subprocess
import threading

NODE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "node")
TIMEOUT = 120


class NodeBridge:
    def __init__(self, env, workdir):
        self.env, self.workdir = env, workdir
        self.process = None
        self._ids = itertools.count(1)
        self._buffer = b""
        self._lock = threading.Lock()  # one request in flight: the driver answers in order

    def client(self, name):
        return NodeClient(self, name)

    def _start(self):
        self._log = open(os.path.join(self.workdir, "node-driver.log"), "wb")
        self.process = subprocess.Popen(["node", os.path.join(NODE_DIR, "driver.mjs")], cwd=NODE_DIR, env=self.env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
                                        start_new_session=True)

    def request(self, payload):
        with self._lock:
            return self._request(payload)

    def _request(self, payload):
        if self.process is None or self.process.poll() is not None:
            self._start()
        payload = dict(payload, id=next(self._ids))
        self.process.stdin.write((json.dumps(payload) + "\n").encode())
        self.process.stdin.flush()
        line = self._read_line()
        if line is None:
            self.stop()  # a hung or dead driver is restarted for the next call
            return {"ok": False, "client_error": f"node driver gave no answer within {TIMEOUT}s"}
        return json.loads(line)["result"]

    def _read_line(self):
        fd = self.process.stdout.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                if not sel.select(TIMEOUT):
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
