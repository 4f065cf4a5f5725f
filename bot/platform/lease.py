"""One holder at a time across server processes, for work that must not run twice.

The Telegram channel is such work: Telegram gives a bot's updates to one reader, and two
processes delivering the same conversation would each send every reply. Deployment runs
the channel in one process, but a second one started by mistake (or a stand-by kept warm
on another machine) must wait rather than double every message: it takes over when the
holder goes away.

On PostgreSQL the lease is a session advisory lock on a connection of its own: it is
released by the server the moment the holder's process or connection dies, so no lease
ever outlives its holder. SQLite serves one process, so there the lease is always granted.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import psycopg
from sqlalchemy import Engine

logger = logging.getLogger(__name__)

RETRY_SECONDS = 15.0
# A stand-by that takes over waits this long before it starts: a holder that lost its
# connection (a database restart drops every advisory lock) notices within RETRY_SECONDS
# and then has some seconds to finish what it was sending, so the two never run at once.
TAKEOVER_SECONDS = 30.0


class Lease:
    def __init__(self, engine: Engine, name: str) -> None:
        self._engine = engine
        self.name = name
        # Advisory locks take a 64-bit key; derive a stable one from the name.
        self._key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        self._connection: psycopg.Connection[tuple[object, ...]] | None = None

    @property
    def shared(self) -> bool:
        """True when other processes may compete for it (PostgreSQL)."""
        return self._engine.dialect.name == "postgresql"

    def try_acquire(self) -> bool:
        """Take the lease if nobody holds it; True if this process holds it now."""
        if not self.shared:
            return True
        if self._connection is not None and not self._connection.closed:
            return True
        conninfo = self._engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False
        )
        connection = psycopg.connect(conninfo, autocommit=True)
        try:
            row = connection.execute("SELECT pg_try_advisory_lock(%s)", (self._key,)).fetchone()
        except BaseException:
            connection.close()
            raise
        if row is None or not row[0]:
            connection.close()
            return False
        self._connection = connection
        return True

    def held(self) -> bool:
        """Still ours: the connection that holds the lock is alive."""
        if not self.shared:
            return True
        connection = self._connection
        if connection is None or connection.closed:
            return False
        try:
            connection.execute("SELECT 1")
        except psycopg.Error:
            return False
        return True

    def release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None and not connection.closed:
            connection.close()

    async def wait(self, stop: asyncio.Event) -> bool:
        """Wait until this process holds the lease (True) or ``stop`` is set (False)."""
        told = False
        while not stop.is_set():
            try:
                if await asyncio.to_thread(self.try_acquire):
                    if not told:
                        return True
                    logger.info(
                        "%s: this process takes over in %.0f s", self.name, TAKEOVER_SECONDS
                    )
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), TAKEOVER_SECONDS)
                    if stop.is_set():
                        self.release()
                        return False
                    if await asyncio.to_thread(self.held):
                        return True
                    self.release()
                    continue
            except psycopg.Error:
                logger.warning("%s: cannot reach the database to take the lease", self.name)
            if not told:
                logger.warning(
                    "%s: another process runs it; this one waits and takes over if it stops",
                    self.name,
                )
                told = True
            try:
                await asyncio.wait_for(stop.wait(), RETRY_SECONDS)
            except TimeoutError:
                continue
        return False


async def run_leased(
    lease: Lease, work: Callable[[asyncio.Event], Coroutine[Any, Any, None]], stop: asyncio.Event
) -> None:
    """Run ``work`` (until the event it is given is set) only while this process holds
    ``lease``. A holder that loses its database connection takes the lease again when it
    can; if another process took it meanwhile, this one stops its work."""
    if not await lease.wait(stop):
        return
    done = asyncio.Event()
    runner = asyncio.create_task(work(done))
    try:
        while not stop.is_set() and not runner.done():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), RETRY_SECONDS)
            if stop.is_set() or await asyncio.to_thread(lease.held):
                continue
            lease.release()
            try:
                again = await asyncio.to_thread(lease.try_acquire)
            except psycopg.Error:
                continue  # the database is away for everyone: nobody else can take it
            if not again:
                logger.error("%s: another process took over; stopping here", lease.name)
                break
    finally:
        done.set()
        await runner
        lease.release()
