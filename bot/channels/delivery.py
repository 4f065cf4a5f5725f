"""Delivery: what the resident is sent comes from the conversation log, after its cursor.

After every change a *flush* sends each assistant or staff message after the
conversation's delivery cursor, in order, and moves the cursor after each successful
send. So nothing is lost while the service is down for a while (the cursor waits, and a
later flush tries again), and nothing is sent twice. A message the transport renders as
several parts (a long text) resumes at the first part not sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

from bot.channels.lanes import Lanes
from bot.channels.retry import PermanentFailure, RetryPolicy, TransportErrors
from bot.conversation.engine import ConversationEngine
from bot.conversation.messages import LoggedMessage
from bot.platform.i18n import Catalogs, Texts

Part = TypeVar("Part")


class Transport(Protocol[Part]):
    """What a push channel writes for delivery: how a logged message looks on the service
    and how one part of it is sent."""

    errors: TransportErrors

    def render(self, message: LoggedMessage, texts: Texts) -> Sequence[Part]: ...

    async def send(self, chat_id: int, part: Part) -> None:
        """Send one part (retried as the policy allows). Raises ``PermanentFailure`` when
        the service will never take it, one of ``errors.failed`` when not now."""

    async def before_delivering(self, chat_id: int, message: LoggedMessage) -> None: ...


class Delivery(Generic[Part]):
    def __init__(
        self,
        transport: Transport[Part],
        *,
        engine: ConversationEngine,
        catalogs: Catalogs,
        lanes: Lanes,
        retry: RetryPolicy,
        log: logging.LoggerAdapter[logging.Logger],
    ) -> None:
        self._transport = transport
        self._engine = engine
        self._catalogs = catalogs
        self._lanes = lanes
        self._retry = retry
        self._log = log
        self._flush_queued: set[tuple[int, str]] = set()
        self._timers: set[asyncio.TimerHandle] = set()
        # chat id -> (event loop) time its flood wait ends, when longer than a lane sleeps.
        self._flood_until: dict[int, float] = {}
        # message id -> parts of it already sent (a long message is several).
        self._sent_parts: dict[int, int] = {}

    def request_flush(self, chat_id: int, conversation_id: str) -> None:
        """Deliver what is waiting in a chat's conversation, in its lane (at most one flush
        per conversation waits: it sends everything there is when its turn comes)."""
        key = (chat_id, conversation_id)
        if key in self._flush_queued:
            return
        self._flush_queued.add(key)

        async def job() -> None:
            self._flush_queued.discard(key)
            await self.flush(chat_id, conversation_id)

        self._lanes.submit(chat_id, job)

    async def flush(self, chat_id: int, conversation_id: str) -> None:
        """Send every assistant and staff message after the delivery cursor, in order; the
        cursor moves after each one. On a lasting failure, try again later."""
        try:
            await self._flush_now(chat_id, conversation_id)
        except Exception:
            # Whatever failed (the database, the service, a bug), the cursor stays where
            # it is and a later flush tries again: delivery must never stop for good.
            self._log.exception("delivery failed; trying again later")
            self._later(chat_id, conversation_id)

    async def _flush_now(self, chat_id: int, conversation_id: str) -> None:
        loop = asyncio.get_running_loop()
        held = self._flood_until.get(chat_id, 0.0) - loop.time()
        if held > 0:
            # The service asked for a pause in this chat: a flush asked for meanwhile (a
            # new message, an event) waits for its end too.
            self._later(chat_id, conversation_id, held)
            return
        self._flood_until.pop(chat_id, None)
        errors = self._transport.errors
        while True:
            pending = await asyncio.to_thread(self._engine.undelivered, conversation_id)
            if pending is None or not pending.messages:
                return
            texts = self._catalogs.get(pending.locale)
            for message in pending.messages:
                await self._transport.before_delivering(chat_id, message)
                parts = self._transport.render(message, texts)
                done = self._sent_parts.get(message.id, 0)
                try:
                    for index, part in enumerate(parts):
                        if index < done:
                            continue
                        await self._transport.send(chat_id, part)
                        self._sent_parts[message.id] = index + 1
                except PermanentFailure as exc:
                    self._log.warning("message %s not delivered: %s", message.id, exc)
                except errors.failed as exc:
                    self._log.warning("delivery to a chat failed; trying again later: %s", exc)
                    # A flood wait too long to sleep through in the lane: nothing more goes
                    # to this chat before it ends.
                    wait = errors.flood_seconds(exc) or 0.0
                    if wait:
                        self._flood_until[chat_id] = loop.time() + wait
                    self._later(chat_id, conversation_id, wait)
                    return
                self._sent_parts.pop(message.id, None)
                await asyncio.to_thread(self._engine.mark_delivered, conversation_id, message.id)

    def _later(self, chat_id: int, conversation_id: str, at_least: float = 0.0) -> None:
        loop = asyncio.get_running_loop()

        def fire() -> None:
            self._timers.discard(handle)
            self.request_flush(chat_id, conversation_id)

        handle = loop.call_later(max(self._retry.reflush_delay, at_least), fire)
        self._timers.add(handle)

    def cancel_timers(self) -> None:
        """At a stop: no flush is tried again later (a restart catches up instead)."""
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()
