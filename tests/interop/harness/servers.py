"""Starting a target server on a free loopback port, and stopping it by its PID."""
import os
import re
import signal
import socket
import subprocess
import time


class ServerFailed(Exception):
    pass


class Server:
    """One server process. Readiness: a line matching ready_pattern (group 1 = port) in its output,
    then a TCP connect to that port. Output goes to log_path, which is also what we read."""

    def __init__(self, name, argv, cwd, env, ready_pattern, log_path, timeout=90):
        self.name, self.argv, self.cwd, self.env = name, argv, cwd, env
        self.ready = re.compile(ready_pattern)
        self.log_path, self.timeout = log_path, timeout
        self.process = None
        self.port = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        log = open(self.log_path, "wb")
        # Own session, so Ctrl-C in the terminal reaches only us and we stop it ourselves, by PID.
        self.process = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env, stdout=log,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        start_new_session=True)
        log.close()
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(f"{self.name} exited with {self.process.returncode}: {self.tail()}")
            match = self.ready.search(self.log_text())
            if match and _accepts(int(match.group(1))):
                self.port = int(match.group(1))
                return self.endpoint
            time.sleep(0.05)
        self.stop()
        raise ServerFailed(f"{self.name} not ready after {self.timeout}s: {self.tail()}")

    def log_text(self):
        with open(self.log_path, "rb") as f:
            # Strip ANSI colours: cognito-local logs through pino-pretty.
            return re.sub(r"\x1b\[[0-9;]*m", "", f.read().decode("utf-8", "replace"))

    def tail(self, lines=8):
        return " | ".join(self.log_text().strip().splitlines()[-lines:])

    def exit_code(self):
        """None while it runs; its exit code (negative: the signal) once it has ended."""
        return self.process.poll() if self.process else None

    def stop(self):
        if not self.process or self.process.poll() is not None:
            return
        # The process leads its own group (start_new_session); signalling the group by the PID we
        # started also ends helpers it spawned (the pyenv shim execs, dotnet may fork).
        pid = self.process.pid
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue


def _accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False
