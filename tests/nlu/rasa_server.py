"""A real Rasa server for the tests: the exported project, trained once per training-data
version (cached under var/), served on a loopback port from its own Python 3.10 venv."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from nlu.rasa_export import export_project
from nlu.training import fingerprint

ROOT = Path(__file__).resolve().parents[2]
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
CACHE = ROOT / "var" / "test-cache" / "rasa"
TRAIN_SECONDS = 1800
START_SECONDS = 300


def rasa_available() -> bool:
    return RASA.exists()


def trained_model() -> Path:
    project = CACHE / fingerprint()
    model = project / "models" / "nlu.tar.gz"
    if model.exists():
        return model
    export_project(project)
    subprocess.run(
        [
            str(RASA),
            "train",
            "nlu",
            "--config",
            "config.yml",
            "--nlu",
            "data",
            "--domain",
            "domain.yml",
            "--out",
            "models",
            "--fixed-model-name",
            "nlu",
        ],
        cwd=project,
        check=True,
        timeout=TRAIN_SECONDS,
        capture_output=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    return model


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def rasa_server(model: Path) -> Iterator[str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (model.parent / f"server-{port}.log").open("wb")
    process = subprocess.Popen(
        [str(RASA), "run", "--enable-api", "-i", "127.0.0.1", "-p", str(port), "-m", str(model)],
        cwd=model.parent,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"Rasa exited with {process.returncode}; see {log.name}")
            try:
                if httpx.get(f"{url}/status", timeout=2).json().get("model_file"):
                    break
            except (httpx.HTTPError, ValueError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("Rasa did not start in time")
            time.sleep(1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
