"""Shared fixtures: real SQLite files and a real PostgreSQL server, a trained NLU model,
and whole applications built the way the server builds them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from bot.application import Application, build_application
from bot.demo.seed import Login, seed
from bot.platform.db import make_engine
from bot.platform.migrate import upgrade
from bot.platform.settings import Settings
from bot.web.app import create_app
from nlu.embedded import EmbeddedAnalyzer

ROOT = Path(__file__).resolve().parent.parent
NLU_CACHE = ROOT / "var" / "test-cache" / "nlu"
POSTGRES_URL = os.environ.get("VRAAGWIJZER_TEST_POSTGRES_URL")


def pytest_configure(config: pytest.Config) -> None:
    # `make pytest`: every log record of the run into files that tools.check_logs then
    # searches for residents' personal data.
    from tools.check_logs import capture_test_logs, stop_capture

    handler = capture_test_logs()
    config.add_cleanup(lambda: stop_capture(handler))


class FakeClock:
    """Time that stands still until a test moves it."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(scope="session")
def analyzer() -> EmbeddedAnalyzer:
    return EmbeddedAnalyzer.load(cache_dir=NLU_CACHE, districts=_demo_district_names())


def _demo_district_names() -> list[str]:
    from bot.platform.municipality import load_municipality

    return [d.name for d in load_municipality().districts]


def postgres_url_or_skip() -> str:
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests: use `make test`")
        pytest.skip("VRAAGWIJZER_TEST_POSTGRES_URL is not set (make test sets it)")
    return POSTGRES_URL


@pytest.fixture(scope="session")
def postgres_database(worker_id: str) -> str:
    """A database of our own on the test server, migrated once per test worker."""
    base = postgres_url_or_skip()
    name = f"vw_{worker_id}"
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = base.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def _clear_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        tables = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version'"
                )
            )
        ]
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url
        return
    url = request.getfixturevalue("postgres_database")
    _clear_postgres(url)
    yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'test.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_settings(url: str, data_dir: Path, **extra: object) -> Settings:
    return Settings(database_url=url, data_dir=data_dir, demo=True, **extra)  # type: ignore[arg-type]


def make_app(
    url: str, data_dir: Path, analyzer: EmbeddedAnalyzer, clock: FakeClock, **extra: object
) -> Application:
    application = build_application(
        make_settings(url, data_dir, **extra), analyzer=analyzer, clock=clock
    )
    seed(application, logins_file=None)
    return application


@pytest.fixture
def app(
    database_url: str, tmp_path: Path, analyzer: EmbeddedAnalyzer, clock: FakeClock
) -> Iterator[Application]:
    application = make_app(database_url, tmp_path, analyzer, clock)
    yield application
    application.close()


@pytest.fixture
def client(app: Application) -> Iterator[TestClient]:
    with TestClient(create_app(app), raise_server_exceptions=False) as test_client:
        yield test_client


# -- a demo database with staff accounts, made once and copied for each console test:
# hashing nine passwords with argon2 and loading the catalogue takes seconds, a copy none.


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
def console(staff_app) -> Iterator[TestClient]:
    """An HTTP client on the demo application (not signed in): what the console tests
    drive. Real browsers are tests/browser/ (Playwright)."""
    with TestClient(create_app(staff_app), raise_server_exceptions=False) as client:
        yield client
