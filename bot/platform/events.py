"""Live events (a new message in a conversation) for push streams.

Events carry only ids; subscribers read the messages themselves from the database, so a
missed event costs nothing but a little latency: the stream catches up on reconnect. The
id ``GONE`` is no message: the conversation was deleted, and its streams end.

One process on SQLite needs only ``LocalEventBus``. Several processes on one PostgreSQL
database use ``PostgresEventBus``: a resident's stream may be open on one process while
a volunteer's reply is stored by another. We use PostgreSQL's LISTEN/NOTIFY rather than
Redis pub/sub because the database is already there, already highly available in a
production set-up, and already what every process must reach: one moving part fewer to
run, secure and back up. Events are a few per message and tiny, far below what NOTIFY
carries comfortably.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import threading
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

import psycopg
from sqlalchemy import Engine, func, select, text

from bot.platform.models import Message

logger = logging.getLogger(__name__)

ALL = "*"
# Published for a conversation that was deleted (no message has this id): its streams read
# again, find it gone and end; subscribers to ALL find no message and carry on.
GONE = 0
NOTIFY_CHANNEL = "vraagwijzer_events"
# After the listener lost its connection, messages stored meanwhile are announced again,
# at most this many (the newest); streams re-read the log on their own keep-alive anyway.
REPLAY_LIMIT = 1000
RECONNECT_PAUSE_SECONDS = (0.5, 1.0, 2.0, 5.0)


class EventBus(Protocol):
    def publish(self, conversation_id: str, message_id: int) -> None: ...

    def subscribe(
        self, conversation_id: str
    ) -> AbstractAsyncContextManager[asyncio.Queue[int]]: ...

    def close(self) -> None: ...


class LocalEventBus:
    """Fan-out within one process. Safe to publish from worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[str, set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[int]]]] = (
            defaultdict(set)
        )

    def publish(self, conversation_id: str, message_id: int) -> None:
        with self._lock:
            targets = list(self._subscribers.get(conversation_id, ())) + list(
                self._subscribers.get(ALL, ())
            )
        for loop, queue in targets:
            if not loop.is_closed():
                loop.call_soon_threadsafe(queue.put_nowait, message_id)

    @asynccontextmanager
    async def subscribe(self, conversation_id: str) -> AsyncIterator[asyncio.Queue[int]]:
        entry = (asyncio.get_running_loop(), asyncio.Queue[int]())
        with self._lock:
            self._subscribers[conversation_id].add(entry)
        try:
            yield entry[1]
        finally:
            with self._lock:
                self._subscribers[conversation_id].discard(entry)
                if not self._subscribers[conversation_id]:
                    del self._subscribers[conversation_id]

    def close(self) -> None:
        pass


class PostgresEventBus:
    """Fan-out across every server process on one PostgreSQL database.

    Publishing delivers to this process's subscribers at once and sends a NOTIFY for the
    others; a listener thread (started by the first subscriber: a process nobody follows
    needs none) hands the other processes' notifications to the local subscribers. Our
    own notifications come back too and are skipped by their origin tag.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._local = LocalEventBus()
        self._origin = secrets.token_hex(6)
        self._lock = threading.Lock()
        self._listener: threading.Thread | None = None
        self._stop = threading.Event()
        self._listening = threading.Event()
        # The newest message id this process has heard of, from anyone: where to replay
        # from after the listener was cut off.
        self._newest = 0

    def publish(self, conversation_id: str, message_id: int) -> None:
        self._local.publish(conversation_id, message_id)
        self._saw(message_id)
        try:
            with self._engine.connect() as connection:
                connection.execute(
                    text("SELECT pg_notify(:channel, :payload)"),
                    {
                        "channel": NOTIFY_CHANNEL,
                        "payload": f"{self._origin} {message_id} {conversation_id}",
                    },
                )
                connection.commit()
        except Exception:
            # The message itself is stored; the other processes' streams read it on their
            # next keep-alive. Not worth failing the resident's request over.
            logger.warning("events: could not notify the other processes", exc_info=True)

    @asynccontextmanager
    async def subscribe(self, conversation_id: str) -> AsyncIterator[asyncio.Queue[int]]:
        self._ensure_listener()
        async with self._local.subscribe(conversation_id) as queue:
            yield queue

    def wait_listening(self, timeout: float) -> bool:
        """True once the listener is connected (for tests and start-up checks)."""
        self._ensure_listener()
        return self._listening.wait(timeout)

    def close(self) -> None:
        self._stop.set()
        listener = self._listener
        if listener is not None:
            listener.join(timeout=5)

    def _saw(self, message_id: int) -> None:
        with self._lock:
            self._newest = max(self._newest, message_id)

    def _ensure_listener(self) -> None:
        with self._lock:
            if self._listener is not None or self._stop.is_set():
                return
            self._listener = threading.Thread(
                target=self._listen, name="vraagwijzer-events", daemon=True
            )
            self._listener.start()

    def _listen(self) -> None:
        failures = 0
        conninfo = self._engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False
        )
        while not self._stop.is_set():
            try:
                with psycopg.connect(conninfo, autocommit=True) as connection:
                    connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self._replay_missed()
                    if failures:
                        logger.info("events: listening again after %s failed attempts", failures)
                    failures = 0
                    self._listening.set()
                    while not self._stop.is_set():
                        for note in connection.notifies(timeout=1.0):
                            self._deliver(note.payload)
            except Exception:
                self._listening.clear()
                pause = RECONNECT_PAUSE_SECONDS[min(failures, len(RECONNECT_PAUSE_SECONDS) - 1)]
                failures += 1
                if failures == 1 or failures % 20 == 0:
                    logger.warning(
                        "events: lost the database listener; retrying every few seconds",
                        exc_info=True,
                    )
                self._stop.wait(pause)

    def _deliver(self, payload: str) -> None:
        origin, _, rest = payload.partition(" ")
        message_id, _, conversation_id = rest.partition(" ")
        if origin == self._origin or not message_id.isdigit() or not conversation_id:
            return
        self._saw(int(message_id))
        self._local.publish(conversation_id, int(message_id))

    def _replay_missed(self) -> None:
        """Announce what other processes stored while we were not listening (nothing on
        the first connection of a process that has heard of no message yet)."""
        with self._lock:
            newest = self._newest
        rows: list[Any] = []
        with self._engine.connect() as connection:
            top = connection.scalar(select(func.max(Message.id)))
            if newest:
                rows = list(
                    connection.execute(
                        select(Message.conversation_id, Message.id)
                        .where(Message.id > newest)
                        .order_by(Message.id.desc())
                        .limit(REPLAY_LIMIT)
                    )
                )
        for conversation_id, message_id in reversed(rows):
            self._local.publish(conversation_id, message_id)
        if top is not None:
            self._saw(int(top))


def event_bus_for(engine: Engine) -> LocalEventBus | PostgresEventBus:
    """The bus the database allows: across processes on PostgreSQL, in-process on SQLite
    (which serves one process)."""
    if engine.dialect.name == "postgresql":
        return PostgresEventBus(engine)
    return LocalEventBus()
