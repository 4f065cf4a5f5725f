"""`vraagwijzer demo seed` prints the demo logins of the database it seeded (issue 19): the
logins are kept per database, and a remembered password that no longer signs in to that
database is replaced, never printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from bot.application import build_application
from bot.demo.seed import logins_file
from bot.demo.seed import seed as demo_seed
from bot.platform.db import make_engine, make_sessionmaker
from bot.platform.models import StaffSession, StaffUser, TeamMembership
from bot.staff.accounts import verify_password
from tests.command_line import vraagwijzer, with_trained_model
from tests.conftest import make_settings

LOGIN = re.compile(r"^  (\S+)\s+(\S+)  (volunteer|team_member|editor|admin)", re.MULTILINE)


def command(data_dir: Path, url: str, *args: str) -> str:
    """`vraagwijzer ARGS` (in this process) on the database at ``url``: what it printed."""
    result = vraagwijzer(
        *args,
        env={
            "VRAAGWIJZER_DEMO": "true",
            "VRAAGWIJZER_DATA_DIR": str(data_dir),
            "VRAAGWIJZER_DATABASE_URL": url,
        },
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def seed(data_dir: Path, url: str) -> dict[str, str]:
    """The logins `demo seed` printed: username -> password."""
    logins = dict((m[0], m[1]) for m in LOGIN.findall(command(data_dir, url, "demo", "seed")))
    assert {"anna", "eline", "admin"} <= set(logins)
    return logins


def wrong_passwords(url: str, logins: dict[str, str]) -> list[str]:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session:
            rows = session.execute(select(StaffUser.username, StaffUser.password_hash)).all()
            stored = {name: password_hash for name, password_hash in rows}
    finally:
        engine.dispose()
    return [
        name for name, password in logins.items() if not verify_password(stored[name], password)
    ]


@pytest.fixture
def data_dir(tmp_path: Path, analyzer) -> Path:
    # The trained model of the test run, so that the commands do not train their own.
    return with_trained_model(tmp_path / "var")


@pytest.mark.slow
def test_seeding_another_database_leaves_the_first_ones_logins_working(
    data_dir: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
):
    # `make demo` (SQLite under var/), then another database (the PostgreSQL section, say)
    # seeded with the same data directory, then `make demo` again: all through the command.
    # Without its year of insight figures (a third of the time; tests/bot/insights/
    # test_demo_data.py), which has nothing to do with the logins.
    monkeypatch.setattr("bot.demo.seed.seed_insights", lambda app: 0)
    demo = f"sqlite:///{data_dir / 'vraagwijzer.db'}"
    command(data_dir, demo, "db", "upgrade")
    first = seed(data_dir, demo)
    other = seed(data_dir, sqlite_url)
    assert wrong_passwords(sqlite_url, other) == []
    again = seed(data_dir, demo)
    assert wrong_passwords(demo, again) == []
    assert again == first  # the same passwords as before: nothing was reset
    # Each database has a file of its own in the data directory.
    assert logins_file(data_dir, demo) != logins_file(data_dir, sqlite_url)
    assert logins_file(data_dir, demo).exists()
    assert logins_file(data_dir, sqlite_url).exists()


def seeded_here(url: str, data_dir: Path, analyzer) -> dict[str, str]:
    """`demo seed` in this process (the command's steps, without starting one)."""
    app = build_application(make_settings(url, data_dir), analyzer=analyzer)
    try:
        logins = demo_seed(app, logins_file=logins_file(data_dir, url))
    finally:
        app.close()
    return {x.username: x.password for x in logins}


@pytest.mark.slow
def test_a_database_replaced_under_the_same_name_gets_logins_that_work(
    database_url: str, tmp_path: Path, analyzer
):
    seeded_here(database_url, tmp_path / "ours", analyzer)
    # The same database emptied and seeded from elsewhere (a restore, a colleague's copy):
    # the passwords remembered here are not this database's any more.
    _empty(database_url)
    seeded_here(database_url, tmp_path / "elsewhere", analyzer)
    again = seeded_here(database_url, tmp_path / "ours", analyzer)
    assert wrong_passwords(database_url, again) == []


def _empty(url: str) -> None:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session, session.begin():
            session.execute(delete(TeamMembership))
            session.execute(delete(StaffSession))
            session.execute(delete(StaffUser))
    finally:
        engine.dispose()


def test_the_logins_file_names_the_database_and_not_its_password(tmp_path: Path):
    one = logins_file(tmp_path, "postgresql+psycopg://vw:secret@127.0.0.1:5432/vraagwijzer")
    same = logins_file(tmp_path, "postgresql+psycopg://vw:other@127.0.0.1:5432/vraagwijzer")
    two = logins_file(tmp_path, "postgresql+psycopg://vw:secret@127.0.0.1:5433/vraagwijzer")
    assert one == same  # a new password for the role is the same database
    assert one != two
    assert one.parent == tmp_path
    assert one.name.startswith("demo-logins-postgresql-vraagwijzer-")
    assert "secret" not in one.name
    relative = logins_file(tmp_path, "sqlite:///var/vraagwijzer.db")
    absolute = logins_file(tmp_path, f"sqlite:///{Path('var/vraagwijzer.db').resolve()}")
    assert relative == absolute
    assert relative.name.startswith("demo-logins-sqlite-vraagwijzer-")
