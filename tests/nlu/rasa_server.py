"""A real Rasa server for the tests: the exported project, trained once per training-data
version (cached under var/), served on a loopback port from its own Python 3.10 venv."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import httpx

from nlu.rasa_export import CONFIG, export_project
from nlu.training import DATA_DIR, fingerprint

ROOT = Path(__file__).resolve().parents[2]
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
CACHE = ROOT / "var" / "test-cache" / "rasa"
TRAIN_SECONDS = 1800
START_SECONDS = 300


def rasa_available() -> bool:
    return RASA.exists()


# The integration test needs a real trained DIET model, not a good one: a few domains and
# few epochs keep it to a minute or two (`make bench-nlu` trains and scores the full model).
SMOKE_FILES = ("answer_money.yml", "answer_housing.yml", "crisis.yml", "other.yml")
SMOKE_EPOCHS = 10


def smoke_data(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in SMOKE_FILES:
        shutil.copyfile(DATA_DIR / name, target / name)
    return target


def trained_model(*, smoke: bool = True) -> Path:
    config = hashlib.sha256(json.dumps(CONFIG, sort_keys=True).encode()).hexdigest()[:8]
    if smoke:
        data_dir = smoke_data(CACHE / "smoke-data")
        project = CACHE / f"smoke-{fingerprint(data_dir)}-{config}-{SMOKE_EPOCHS}"
    else:
        data_dir = DATA_DIR
        project = CACHE / f"full-{fingerprint(data_dir)}-{config}"
    model = project / "models" / "nlu.tar.gz"
    if model.exists():
        return model
    export_project(project, data_dir, epochs=SMOKE_EPOCHS if smoke else None)
    started = time.perf_counter()
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
    (model.parent / "train-seconds.txt").write_text(f"{time.perf_counter() - started:.1f}")
    return model


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RasaServer(NamedTuple):
    url: str
    pid: int


def training_seconds(model: Path) -> float | None:
    """How long training the cached model took, when this harness trained it."""
    path = model.parent / "train-seconds.txt"
    return float(path.read_text()) if path.exists() else None


@contextmanager
def rasa_server(model: Path) -> Iterator[RasaServer]:
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
        yield RasaServer(url, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
