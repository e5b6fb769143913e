"""A real `opa run --server` for tests: started from a real OPA binary on a free loopback
port, ready when its /health answers, stopped by its PID (and restartable on the same
port, as a server that restarted between two checks)."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

READY_ATTEMPTS = 200  # x 0.05 s: a bound on waiting for the server, not a timing test


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RealOpaServer:
    def __init__(self, binary: str, *options: str) -> None:
        self.binary, self.options, self.port = binary, options, free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        address = f"127.0.0.1:{self.port}"
        command = [self.binary, "run", "--server", "--addr", address, "--log-level", "error"]
        self.process = subprocess.Popen(
            [*command, *self.options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        for _ in range(READY_ATTEMPTS):
            self._check_alive()
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=1) as answer:
                    healthy = answer.status == 200
            except (urllib.error.URLError, OSError):
                healthy = False
            if healthy:
                self._check_alive()  # ours answered, not another process on the port
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"opa run --server on {self.url} did not become healthy")

    def _check_alive(self) -> None:
        assert self.process is not None
        if self.process.poll() is not None:
            stderr = self.process.stderr.read() if self.process.stderr else b""
            raise RuntimeError(f"opa run --server exited: {stderr.decode().strip()}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stderr:
            self.process.stderr.close()
        self.process = None


@contextmanager
def running_opa(binary: str, *options: str) -> Iterator[RealOpaServer]:
    """A started server (``options`` after ``run --server``, e.g. ``--bundle FILE``).
    A port taken by another process between choosing and binding it costs a new port."""
    for attempt in range(3):
        server = RealOpaServer(binary, *options)
        try:
            server.start()
            break
        except RuntimeError as error:
            if "address already in use" not in str(error) or attempt == 2:
                raise
    try:
        yield server
    finally:
        server.stop()
