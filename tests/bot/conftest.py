"""A demo database with staff accounts, made once and copied for each console test:
hashing nine passwords with argon2 and loading the catalogue takes seconds, a copy none."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.application import Application, build_application
from bot.db import make_engine
from bot.demo import Login, seed
from bot.migrate import upgrade
from bot.web.app import create_app
from tests.conftest import FakeClock, make_app, make_settings


@dataclass(frozen=True)
class SeededDatabase:
    path: Path
    logins: dict[str, Login]


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory, analyzer) -> SeededDatabase:
    folder = tmp_path_factory.mktemp("seeded")
    url = f"sqlite:///{folder / 'seeded.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    application = make_app(url, folder, analyzer, FakeClock())
    logins = {x.username: x for x in seed(application, logins_file=folder / "logins.tsv")}
    application.close()
    return SeededDatabase(folder / "seeded.db", logins)


@pytest.fixture
def staff_app(seeded_database, tmp_path, analyzer, clock) -> Iterator[Application]:
    copy = tmp_path / "console.db"
    shutil.copyfile(seeded_database.path, copy)
    application = build_application(
        make_settings(f"sqlite:///{copy}", tmp_path), analyzer=analyzer, clock=clock
    )
    yield application
    application.close()


@pytest.fixture
def logins(seeded_database) -> dict[str, Login]:
    return seeded_database.logins


@pytest.fixture
def browser(staff_app) -> Iterator[TestClient]:
    with TestClient(create_app(staff_app), raise_server_exceptions=False) as client:
        yield client
