"""Live events (a new message in a conversation) for push streams.

Events carry only ids; subscribers read the messages themselves from the database, so a
missed event costs nothing but a little latency: the stream catches up on reconnect.
"""

from __future__ import annotations

import asyncio
import threading
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

ALL = "*"


class EventBus(Protocol):
    def publish(self, conversation_id: str, message_id: int) -> None: ...

    def subscribe(
        self, conversation_id: str
    ) -> AbstractAsyncContextManager[asyncio.Queue[int]]: ...


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
