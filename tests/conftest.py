"""Shared fixtures: real SQLite files and a real PostgreSQL server, a trained NLU model,
and whole applications built the way the server builds them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, text

from bot.application import Application, build_application
from bot.demo.seed import Login, seed
from bot.platform.db import make_engine
from bot.platform.migrate import upgrade
from bot.platform.settings import Settings
from bot.staff import accounts
from bot.web.app import create_app
from nlu import Understanding
from nlu.embedded import EmbeddedAnalyzer

ROOT = Path(__file__).resolve().parent.parent
NLU_CACHE = ROOT / "var" / "test-cache" / "nlu"
POSTGRES_URL = os.environ.get("VRAAGWIJZER_TEST_POSTGRES_URL")

# Staff passwords are hashed with argon2's production parameters (64 MiB, three passes:
# 0.2-0.4 s a hash or check). The tests sign in and make accounts about a thousand times:
# in this process they use the same code and argon2 at its lowest cost. Servers the tests
# start as processes, and tests/bot/console/test_password_hashing.py, use the real ones.
accounts._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


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


# -- empty and seeded databases. Migrating a database and seeding the demo municipality
# take a third of a second or more; most tests need one of each. So each test worker makes
# them once, as templates, and every test starts from a copy: a file copy on SQLite, a
# ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL (a few hundredths of a second).


class _NoAnalyzer:
    """Seeding a template classifies nothing: it needs no trained model loaded."""

    name = "none"

    def analyze(self, text: str, *, locale_hint: str | None = None) -> Understanding:
        raise AssertionError("a template is seeded without classifying anything")


def _seed_database(url: str, data_dir: Path) -> None:
    application = build_application(
        make_settings(url, data_dir), analyzer=_NoAnalyzer(), clock=FakeClock()
    )
    try:
        seed(application, logins_file=None)
    finally:
        application.close()


def _admin_engine(base: str) -> Engine:
    return make_engine(base).execution_options(isolation_level="AUTOCOMMIT")


def _database_url(base: str, name: str) -> str:
    return base.rsplit("/", 1)[0] + f"/{name}"


def _new_migrated_postgres(base: str, name: str) -> str:
    """The database ``name`` on the server of ``base``, made anew and migrated; its URL."""
    admin = _admin_engine(base)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = _database_url(base, name)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


class DatabaseTemplates:
    """This worker's template databases, each made the first time a test needs it."""

    def __init__(self, folder: Path, postgres_name: str) -> None:
        self._folder = folder
        self.postgres_name = postgres_name
        self._empty_sqlite: Path | None = None
        self._seeded_sqlite: Path | None = None
        self._seeded_postgres: str | None = None

    def empty_sqlite(self) -> Path:
        if self._empty_sqlite is None:
            path = self._folder / "empty.db"
            engine = make_engine(f"sqlite:///{path}")
            upgrade(engine)
            engine.dispose()
            self._empty_sqlite = path
        return self._empty_sqlite

    def seeded_sqlite(self) -> Path:
        """An empty database as ``sqlite_url`` hands it out, then seeded as ``make_app``
        seeds it."""
        if self._seeded_sqlite is None:
            path = self._folder / "seeded.db"
            shutil.copyfile(self.empty_sqlite(), path)
            _seed_database(f"sqlite:///{path}", self._folder)
            self._seeded_sqlite = path
        return self._seeded_sqlite

    def seeded_postgres(self, base: str) -> str:
        """The name of a database made as ``database_url`` makes one (migrated, then
        emptied), then seeded as ``make_app`` seeds it."""
        if self._seeded_postgres is None:
            name = f"{self.postgres_name}_seeded"
            url = _new_migrated_postgres(base, name)
            _clear_postgres(url)
            _seed_database(url, self._folder)
            self._seeded_postgres = name
        return self._seeded_postgres


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseTemplates]:
    # The worker's name (xdist's, also without its fixture: -p no:xdist) and the process id
    # keep the workers, and two test runs on one server (two people, one machine), apart.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    templates = DatabaseTemplates(
        tmp_path_factory.mktemp("templates"), f"vw_{worker}_{os.getpid()}"
    )
    yield templates
    if POSTGRES_URL:
        admin = _admin_engine(POSTGRES_URL)
        with admin.connect() as conn:
            for name in (templates.postgres_name, f"{templates.postgres_name}_seeded"):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# Databases handed out empty by `database_url` or `sqlite_url`, each with a way to replace
# it by a seeded copy: `make_app` does that instead of seeding while nothing else has
# touched it (else it seeds, as on any other database).
_UNTOUCHED: dict[str, Callable[[], bool]] = {}


@contextmanager
def _untouched_until_used(url: str, replace_by_seeded: Callable[[], bool]) -> Iterator[None]:
    _UNTOUCHED[url] = replace_by_seeded
    try:
        yield
    finally:
        _UNTOUCHED.pop(url, None)


def _file_state(path: Path) -> tuple[int, int, int] | None:
    """What tells a copied file from one that was written since; None while a connection
    has it open (WAL mode keeps its -wal and -shm files until the last one closes)."""
    if any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-shm", "-journal")):
        return None
    stat = path.stat()
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


@contextmanager
def _handed_out_sqlite(path: Path, templates: DatabaseTemplates) -> Iterator[str]:
    url = f"sqlite:///{path}"
    if path.exists():
        # Another fixture of this test made it already (and may be using it): keep it.
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url
        return
    shutil.copyfile(templates.empty_sqlite(), path)
    copied = _file_state(path)

    def replace_by_seeded() -> bool:
        if _file_state(path) != copied:
            return False
        shutil.copyfile(templates.seeded_sqlite(), path)
        return True

    with _untouched_until_used(url, replace_by_seeded):
        yield url


@pytest.fixture(scope="session")
def postgres_database(database_templates: DatabaseTemplates) -> str:
    """A database of our own on the test server, migrated once per test worker."""
    base = postgres_url_or_skip()
    return _new_migrated_postgres(base, database_templates.postgres_name)


def _clear_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(_tables(conn))} RESTART IDENTITY CASCADE"))
    engine.dispose()


def _tables(conn: Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version'"
            )
        )
    ]


def _postgres_untouched(url: str, name: str) -> bool:
    """Still empty, and no one else connected (a recreated database would cut them off)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            others = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            ).scalar_one()
            if others:
                return False
            # The names come from pg_tables, not from outside.
            filled = " OR ".join(f'EXISTS (SELECT 1 FROM "{t}")' for t in _tables(conn))  # noqa: S608
            return not conn.execute(text(f"SELECT {filled}")).scalar_one()
    finally:
        engine.dispose()


def _replace_postgres_by_seeded(url: str, templates: DatabaseTemplates) -> bool:
    name = templates.postgres_name
    if not _postgres_untouched(url, name):
        return False
    base = postgres_url_or_skip()
    template = templates.seeded_postgres(base)
    admin = _admin_engine(base)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    admin.dispose()
    return True


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, database_templates: DatabaseTemplates
) -> Iterator[str]:
    """An empty, migrated database; ``make_app`` on it starts from the seeded template."""
    if request.param == "sqlite":
        with _handed_out_sqlite(tmp_path / "test.db", database_templates) as url:
            yield url
        return
    url = request.getfixturevalue("postgres_database")
    _clear_postgres(url)
    with _untouched_until_used(url, lambda: _replace_postgres_by_seeded(url, database_templates)):
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path, database_templates: DatabaseTemplates) -> Iterator[str]:
    with _handed_out_sqlite(tmp_path / "test.db", database_templates) as url:
        yield url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_settings(url: str, data_dir: Path, **extra: object) -> Settings:
    return Settings(database_url=url, data_dir=data_dir, demo=True, **extra)  # type: ignore[arg-type]


def make_app(
    url: str, data_dir: Path, analyzer: EmbeddedAnalyzer, clock: FakeClock, **extra: object
) -> Application:
    """An application on ``url`` with the demo municipality's teams and catalogue."""
    replace_by_seeded = _UNTOUCHED.pop(url, None)
    # The templates hold the demo municipality: another one is seeded here.
    seeded = (
        replace_by_seeded is not None and "municipality_file" not in extra and replace_by_seeded()
    )
    application = build_application(
        make_settings(url, data_dir, **extra), analyzer=analyzer, clock=clock
    )
    if seeded:
        # As seeding leaves it: the directory read into memory, the catalogue not yet.
        application.directory.refresh()
    else:
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
def seeded_database(tmp_path_factory, analyzer, database_templates) -> SeededDatabase:
    folder = tmp_path_factory.mktemp("seeded")
    url = f"sqlite:///{folder / 'seeded.db'}"
    # The catalogue seeded once (the template), then again with the staff accounts.
    shutil.copyfile(database_templates.seeded_sqlite(), folder / "seeded.db")
    application = build_application(
        make_settings(url, folder), analyzer=analyzer, clock=FakeClock()
    )
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
