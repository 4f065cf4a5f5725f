"""Work that must run in one process at a time (the Telegram channel): a second process
waits as a stand-by and takes over when the first stops."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from bot.platform import lease as lease_module
from bot.platform.db import make_engine
from bot.platform.lease import Lease, run_leased


@pytest.mark.postgres
def test_one_holder_at_a_time_on_postgresql(postgres_database):
    engine = make_engine(postgres_database)
    first, second = Lease(engine, "telegram"), Lease(engine, "telegram")
    other = Lease(engine, "something else")
    try:
        assert first.try_acquire()
        assert first.held()
        assert not second.try_acquire()
        assert other.try_acquire()
        first.release()
        assert not first.held()
        assert second.try_acquire()
    finally:
        for lease in (first, second, other):
            lease.release()
        engine.dispose()


def test_on_sqlite_the_one_process_always_holds_it(sqlite_url):
    engine = make_engine(sqlite_url)
    assert Lease(engine, "telegram").try_acquire()
    assert Lease(engine, "telegram").try_acquire()
    engine.dispose()


@pytest.mark.postgres
def test_a_stand_by_takes_over_when_the_holder_stops(postgres_database, monkeypatch):
    monkeypatch.setattr(lease_module, "RETRY_SECONDS", 0.1)
    monkeypatch.setattr(lease_module, "TAKEOVER_SECONDS", 0.1)
    engine = make_engine(postgres_database)
    running: list[str] = []
    log: list[str] = []

    def work(name: str):  # type: ignore[no-untyped-def]
        async def run(done: asyncio.Event) -> None:
            running.append(name)
            log.append(f"{name} starts")
            assert len(running) == 1, "two holders at once"
            await done.wait()
            running.remove(name)
            log.append(f"{name} stops")

        return run

    async def scenario() -> None:
        stop_a, stop_b = asyncio.Event(), asyncio.Event()
        a = asyncio.create_task(run_leased(Lease(engine, "telegram"), work("a"), stop_a))
        while "a starts" not in log:
            await asyncio.sleep(0.01)
        b = asyncio.create_task(run_leased(Lease(engine, "telegram"), work("b"), stop_b))
        await asyncio.sleep(0.5)  # b tries several times meanwhile
        assert log == ["a starts"]
        stop_a.set()
        await asyncio.wait_for(a, 10)
        while "b starts" not in log:
            await asyncio.sleep(0.01)
        stop_b.set()
        await asyncio.wait_for(b, 10)

    try:
        asyncio.run(scenario())
    finally:
        engine.dispose()
    assert log == ["a starts", "a stops", "b starts", "b stops"]


@pytest.mark.postgres
def test_a_holder_that_loses_its_connection_stops_before_the_stand_by_starts(
    postgres_database, monkeypatch
):
    """A database restart drops every advisory lock: the stand-by may take the lease
    first, and must not start before the old holder has noticed and stopped."""
    monkeypatch.setattr(lease_module, "RETRY_SECONDS", 0.1)
    monkeypatch.setattr(lease_module, "TAKEOVER_SECONDS", 1.0)
    engine = make_engine(postgres_database)
    log: list[str] = []
    holder, stand_by = Lease(engine, "telegram"), Lease(engine, "telegram")

    def work(name: str):  # type: ignore[no-untyped-def]
        async def run(done: asyncio.Event) -> None:
            log.append(f"{name} starts")
            await done.wait()
            log.append(f"{name} stops")

        return run

    async def scenario() -> None:
        stop = asyncio.Event()
        a = asyncio.create_task(run_leased(holder, work("a"), stop))
        while "a starts" not in log:
            await asyncio.sleep(0.01)
        b = asyncio.create_task(run_leased(stand_by, work("b"), stop))
        await asyncio.sleep(0.3)  # b has tried and waits as a stand-by
        # The holder's lock connection is cut, and the stand-by gets the lock first (the
        # holder's own attempts to take it back lose the race).
        monkeypatch.setattr(holder, "try_acquire", lambda: False)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND granted"
                )
            )
        await asyncio.wait_for(a, 10)
        while "b starts" not in log:
            await asyncio.sleep(0.01)
        stop.set()
        await asyncio.wait_for(b, 10)

    try:
        asyncio.run(scenario())
    finally:
        holder.release()
        stand_by.release()
        engine.dispose()
    assert log == ["a starts", "a stops", "b starts", "b stops"]
