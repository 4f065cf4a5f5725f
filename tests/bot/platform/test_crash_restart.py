"""kill -9 of the real server in the middle of a handoff, then a restart: the resident
goes on where they were, and a retried "send" never makes a second ticket."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.demo.seed import seed
from tests.conftest import NLU_CACHE, make_app
from tests.personal_data import PHONE
from tools.check_logs import SERVER_LOG_ENV, server_stderr

pytestmark = pytest.mark.slow

EXE = str(Path(sys.executable).parent / "vraagwijzer")
STORY = "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``vraagwijzer serve`` in its own process, as it runs in production."""

    def __init__(self, database: Path, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self._port = port
        self._env = {
            "PATH": "/usr/bin:/bin",
            "VRAAGWIJZER_DEMO": "true",
            "VRAAGWIJZER_DATABASE_URL": f"sqlite:///{database}",
            "VRAAGWIJZER_DATA_DIR": str(NLU_CACHE.parent),
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with server_stderr("serve") as stderr:  # its logs, for tools.check_logs
            self.process = subprocess.Popen(
                [EXE, "serve", "--port", str(self._port)],
                env={**SERVER_LOG_ENV, **self._env},
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("the server did not start")

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def tickets_in(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute("SELECT count(*) FROM tickets").fetchone()[0])


def test_kill_9_between_steps_and_after_send(sqlite_url, tmp_path, analyzer, clock):
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    application = make_app(sqlite_url, tmp_path, analyzer, clock)
    seed(application, logins_file=None)
    application.close()

    server = Server(database, free_port())
    server.start()
    try:
        started = httpx.post(f"{server.url}/api/v1/conversations", json={}, timeout=10).json()
        base = f"{server.url}/api/v1/conversations/{started['id']}/messages"
        headers = {"Authorization": f"Bearer {started['token']}"}

        def send(**body: str) -> list[dict]:
            response = httpx.post(base, json=body, headers=headers, timeout=30)
            assert response.status_code in (200, 201), response.text
            return response.json()["messages"]

        send(text=STORY, client_id="m1")
        send(text="ja", client_id="m2")
        send(payload="handoff:phone", client_id="m3")
        send(text=PHONE, client_id="m4")
        send(payload="handoff:afternoon", client_id="m4b")

        server.kill()
        server.start()
        asked = send(text="4121 AB", client_id="m5")
        assert "Hoe mag het team u noemen" in asked[0]["text"]
        send(payload="handoff:skip", client_id="m6")
        sent = send(payload="handoff:send", client_id="m7")
        reference = sent[0]["ticket"]["reference"]

        server.kill()
        server.start()
        again = send(payload="handoff:send", client_id="m7")
        assert again[0]["ticket"]["reference"] == reference
        assert tickets_in(database) == 1
    finally:
        if server.process is not None and server.process.poll() is None:
            server.kill()
