"""Database engine and sessions for every backend we support (SQLite, PostgreSQL).

Timestamps are stored as naive UTC everywhere, so SQLite and PostgreSQL return the same
values; they become timezone-aware only at the edges (API, templates).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    """An engine tuned for the backend: WAL and a busy timeout on SQLite.

    ``hide_parameters``: SQLAlchemy's exceptions otherwise repeat the bound values (a
    resident's message, a phone number) in their text, and so in logs and tracebacks.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=20, hide_parameters=True
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


# Where a SQLite sessionmaker keeps its writers' lock (in its sessions' ``info``).
_WRITE_LOCK = "vraagwijzer_sqlite_write_lock"


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    info: dict[str, Any] = {}
    if engine.dialect.name == "sqlite":
        # SQLite lets one writer in at a time and makes the others poll for the lock with
        # growing sleeps; a writer that then needs a second pooled connection (a catalogue
        # search while answering) can wait for threads that wait for it. Units of work of
        # this process queue on a lock of their own instead, before they take a connection.
        info[_WRITE_LOCK] = threading.RLock()
    return sessionmaker(engine, expire_on_commit=False, info=info)


@contextmanager
def unit_of_work(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits once at the end, or rolls back on any error."""
    lock = sessions.kw.get("info", {}).get(_WRITE_LOCK)
    with lock or nullcontext(), sessions() as session, session.begin():
        yield session


def is_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True
