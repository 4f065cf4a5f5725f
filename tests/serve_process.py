"""``vraagwijzer serve`` in a process of its own, as it runs in production, for tests that
need several servers at once or kill one."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import NLU_CACHE
from tools.check_logs import SERVER_LOG_ENV, server_stderr

EXE = str(Path(sys.executable).parent / "vraagwijzer")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServeProcess:
    def __init__(self, database_url: str, *, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._env = {
            "PATH": "/usr/bin:/bin",
            "VRAAGWIJZER_DEMO": "true",
            "VRAAGWIJZER_DATABASE_URL": database_url,
            "VRAAGWIJZER_DATA_DIR": str(NLU_CACHE.parent),
            **{k: v for k, v in os.environ.items() if k.startswith("VRAAGWIJZER_TEST_")},
            **(env or {}),
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, *, timeout: float = 90) -> ServeProcess:
        return self.launch().wait_ready(timeout=timeout)

    def launch(self) -> ServeProcess:
        """Starts the process without waiting for it: several start side by side."""
        with server_stderr("serve") as stderr:  # its logs, for tools.check_logs
            self.process = subprocess.Popen(
                [EXE, "serve", "--port", str(self.port)],
                env={**SERVER_LOG_ENV, **self._env},
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        return self

    def wait_ready(self, *, timeout: float = 90) -> ServeProcess:
        assert self.process is not None, "launch() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> bool:
        """A graceful stop (SIGTERM), as a process manager does it; killed after 20 s.
        True when the process ended by itself."""
        if self.process is None or self.process.poll() is not None:
            return True
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
            return False
        return True
