"""Updates taken in from a push service, from their arrival until their message is stored.

The same update twice (a webhook delivered again) is handled once. An update counts as
unanswered until its message is stored or its job ends; a webhook's answer waits for
that: stored (the service may forget the update), or not (the service keeps it and
delivers it again, so a restart meanwhile loses nothing).
"""

from __future__ import annotations

import asyncio
import contextvars
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

from bot.channels.lanes import Job

# Updates and button presses remembered to drop repeats.
REMEMBERED = 10_000

K = TypeVar("K", bound=Hashable)

# The update whose work a chat's lane is doing (set around each update's job).
_CURRENT_UPDATE: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "channel_update", default=None
)


class Recent(Generic[K]):
    """The last ``size`` keys seen, to find a repeat among them."""

    def __init__(self, size: int = REMEMBERED) -> None:
        self._size = size
        self._seen: OrderedDict[K, None] = OrderedDict()

    def seen(self, key: K) -> bool:
        """True if ``key`` was seen before; remembers it."""
        if key in self._seen:
            self._seen.move_to_end(key)
            return True
        self._seen[key] = None
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return False

    def forget(self, key: K) -> None:
        self._seen.pop(key, None)


class Intake:
    def __init__(self) -> None:
        self._seen: Recent[int] = Recent()
        # update id -> chat id: updates whose message is not stored yet.
        self._pending: dict[int, int] = {}
        # update id -> the webhook answer waiting for it: True "stored", False "again".
        self._answers: dict[int, asyncio.Future[bool]] = {}

    def repeat(self, update_id: int) -> bool:
        """True for an update already taken in (and not handed back since)."""
        return self._seen.seen(update_id)

    def track(self, chat_id: int, update_id: int, job: Job) -> Job:
        """An update's job, counted as unanswered until its message is stored
        (``stored``) or the job ends; a cancelled job stays unanswered."""
        self._pending[update_id] = chat_id

        async def tracked() -> None:
            token = _CURRENT_UPDATE.set(update_id)
            cancelled = False
            try:
                await job()
            except asyncio.CancelledError:
                cancelled = True  # still unanswered: a stop counts it, and hands it back
                raise
            finally:
                _CURRENT_UPDATE.reset(token)
                if not cancelled:
                    # Done, or failed: trying it again would fail again.
                    self.answer(update_id, stored=True)

        return tracked

    def stored(self) -> None:
        """The current update's message is stored: its webhook answer need not wait for
        the rest of the job (sending the replies)."""
        update_id = _CURRENT_UPDATE.get()
        if update_id is not None:
            self.answer(update_id, stored=True)

    def hand_back(self) -> None:
        """The current update's message cannot be stored now: a webhook answer says so,
        and the service delivers the update again (the lane keeps trying too; the repeat
        is answered once). Long polling has nobody to hand it back to."""
        update_id = _CURRENT_UPDATE.get()
        if update_id is not None and update_id in self._answers:
            self.answer(update_id, stored=False)

    def answer(self, update_id: int, *, stored: bool) -> None:
        """An update's work is done (``stored``), or its message could not be stored: the
        webhook answer waiting for it says so. Not stored: a repeat of it is handled."""
        self._pending.pop(update_id, None)
        answered = self._answers.pop(update_id, None)
        if answered is not None and not answered.done():
            answered.set_result(stored)
        if not stored:
            self._seen.forget(update_id)

    async def answered(
        self, update_id: int, handle: Callable[[], Awaitable[None]], *, within: float
    ) -> bool:
        """For a webhook: ``handle`` the update (which queues its work in its chat's lane)
        and wait until its message is stored (True) or cannot be (False), at most
        ``within`` seconds (False). A repeat of an update still being worked on waits for
        the same work."""
        answered = self._answers.get(update_id)
        if answered is None:
            answered = asyncio.get_running_loop().create_future()
            self._answers[update_id] = answered
            try:
                await handle()
            finally:
                if update_id not in self._pending:
                    self.answer(update_id, stored=True)  # nothing to store
        try:
            return await asyncio.wait_for(asyncio.shield(answered), within)
        except TimeoutError:
            return False

    def unanswered_chats(self) -> int:
        """How many chats have an update whose message is not stored yet."""
        return len(set(self._pending.values()))

    def hand_back_all(self) -> None:
        """At a stop: every update not stored yet is handed back (a webhook answers so)."""
        for update_id in list(self._pending):
            self.answer(update_id, stored=False)
