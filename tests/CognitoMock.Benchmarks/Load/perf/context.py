"""What every scenario shares: the options, the run's folder, the built binaries, and the processes it owns."""
import glob
import hashlib
import os
import shutil
import sys
import time

from . import data, servers
from .procs import Proc


class Context:
    def __init__(self, options, repo):
        self.options, self.repo = options, repo
        for name, value in vars(options).items():
            setattr(self, name, value)
        self.run_id = "p" + time.strftime("%m%d%H%M%S")
        self.rundir = os.path.join(self.workdir, self.run_id)
        self.cachedir = os.path.join(self.workdir, "cache")
        os.makedirs(self.rundir)
        os.makedirs(self.cachedir, exist_ok=True)
        self.server_dll = os.path.join(repo, "src", "CognitoMock.Server", "bin", "Release", "net10.0", "cognito-mock.dll")
        self.bench_dll = os.path.join(repo, "tests", "CognitoMock.Benchmarks", "bin", "Release", "net10.0",
                                      "CognitoMock.Benchmarks.dll")
        self.cognito_local = os.path.join(repo, "tests", "interop", "node_modules", "cognito-local", "lib", "bin", "start.js")
        self.moto = shutil.which("moto_server") or "/root/.pyenv/shims/moto_server"
        self.started = time.monotonic()
        self._owned = []
        self.logs = {}      # endpoint -> its server's log, to explain an error answer

    def log(self, message):
        elapsed = time.monotonic() - self.started
        print(f"[{int(elapsed // 60):02d}:{int(elapsed % 60):02d}] {message}", file=sys.stderr, flush=True)

    def path(self, name):
        return os.path.join(self.rundir, name)

    def fresh(self, name):
        """A path in the run's folder with no file (nor LiteDB log) left at it."""
        path = self.path(name)
        for stale in (path, path.replace(".db", "-log.db")):
            if os.path.exists(stale):
                os.remove(stale)
        return path

    # Processes a scenario starts are owned until it stops them; the harness stops what is left on any exit.
    def own(self, server):
        self._owned.append(server.proc)
        self.logs[server.endpoint] = server.proc.log_path
        return server

    def own_proc(self, proc):
        self._owned.append(proc)
        return proc

    def stop(self, server):
        server.stop()
        self._owned.remove(server.proc)

    def stop_owned(self):
        while self._owned:
            self._owned.pop().stop()

    # The large pool takes long to generate: it is kept between runs, under a name that changes with the build.
    def _large_pool_path(self):
        digest = hashlib.sha256()
        folder = os.path.dirname(self.server_dll)
        for dll in sorted(glob.glob(os.path.join(folder, "CognitoMock*.dll")) + [self.server_dll]):
            with open(dll, "rb") as f:
                digest.update(f.read())
        return os.path.join(self.cachedir, f"large-{self.large_users}x{self.large_devices}-{digest.hexdigest()[:12]}.db")

    def keep_large_pool(self, generated):
        target = self._large_pool_path()
        for old in glob.glob(os.path.join(self.cachedir, "large-*.db")):
            os.remove(old)
        shutil.move(generated, target)
        log = generated.replace(".db", "-log.db")
        if os.path.exists(log) and os.path.getsize(log) > 0:
            shutil.move(log, target.replace(".db", "-log.db"))

    def large_pool_copy(self, destination):
        source = self._large_pool_path()
        if not os.path.exists(source):
            self.log(f"generating the {self.large_users:,}-user pool (kept in {self.cachedir} for later runs of this build)")
            generated = self.fresh("large-pool.db")
            server = self.own(servers.ours(self, "large-pool", ["--data", generated, "--generate",
                                                                data.generate_spec(self.large_users, self.large_devices)],
                                           timeout=self.seed_timeout))
            server.proc.wait_for(r"Press Ctrl\+C to stop\.", 60)
            self.stop(server)   # only the generator: the scenario may have started others already
            self.keep_large_pool(generated)
        shutil.copyfile(source, destination)
        if os.path.exists(source.replace(".db", "-log.db")):
            shutil.copyfile(source.replace(".db", "-log.db"), destination.replace(".db", "-log.db"))
        return destination

    def cleanup(self):
        self.stop_owned()
        if not self.keep:
            shutil.rmtree(self.rundir, ignore_errors=True)
