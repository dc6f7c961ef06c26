"""Processes the harness starts: each in its own session, its output in a log file, stopped by its PID.

Every process started here is recorded until it is stopped, so stop_all() (called on the way out, also after
an error or Ctrl-C) leaves nothing running behind.
"""
import os
import re
import signal
import subprocess
import time

_running = []


class ProcFailed(Exception):
    pass


class Proc:
    def __init__(self, name, argv, log_path, cwd=None, env=None):
        self.name, self.argv, self.log_path = name, argv, log_path
        self.cwd, self.env = cwd, env
        self.process = None
        self.launched = None

    @property
    def pid(self):
        return self.process.pid

    def start(self):
        with open(self.log_path, "wb") as log:
            # Its own session: Ctrl-C in the terminal reaches the harness only, which then stops it itself.
            self.launched = time.monotonic()
            self.process = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        _running.append(self)
        return self

    def wait_for(self, pattern, timeout):
        """Waits up to timeout seconds from now for a line of output matching pattern; returns the match and the
        seconds since launch. From now, not from launch: a line printed after a long seeding still gets its time."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.log_text())
            if match:
                return match, time.monotonic() - self.launched
            if self.process.poll() is not None:
                raise ProcFailed(f"{self.name} exited with {self.process.returncode}: {self.tail()}")
            if time.monotonic() > deadline:
                raise ProcFailed(f"{self.name} did not print /{pattern}/ within {timeout:.0f} s: {self.tail()}")
            time.sleep(0.02)

    def log_text(self):
        with open(self.log_path, "rb") as f:
            # cognito-local logs in colour (pino-pretty).
            return re.sub(r"\x1b\[[0-9;]*m", "", f.read().decode("utf-8", "replace"))

    def tail(self, lines=6):
        return " | ".join(self.log_text().strip().splitlines()[-lines:])

    def peak_rss_kib(self):
        """The process's peak resident set so far (VmHWM), in KiB; None once it has ended."""
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self in _running:
            _running.remove(self)
        if not self.running():
            return
        # The process leads its own group: signalling the group by its PID also ends any helper it spawned.
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue


def stop_all():
    for proc in reversed(list(_running)):
        proc.stop()
