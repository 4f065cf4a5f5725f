"""Retrying calls to a messaging service: a bounded number of tries, an exponential
backoff after a failure that passes by itself (a server error, a timeout), and the
service's own "wait this long" (a flood wait) honoured in full.

Each transport says which of its exceptions are which (``TransportErrors``); anything
else is raised at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
ErrorTypes = tuple[type[Exception], ...]


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries with exponential backoff for calls to the service (and the engine)."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 8.0
    # A flood wait longer than this is not slept through in a chat's lane: the undelivered
    # messages are sent by a later flush instead.
    max_retry_after: float = 30.0
    # When a flush gave up on a chat, try it again this long after (or after the
    # service's flood wait, when that is longer).
    reflush_delay: float = 30.0
    # While the database cannot be reached, a chat's message is tried again with pauses
    # growing up to this long.
    outage_pause: float = 30.0

    def backoff(self, attempt: int) -> float:
        """The pause after the ``attempt``-th failed try."""
        return float(min(self.base_delay * 2 ** (attempt - 1), self.max_delay))


class PermanentFailure(Exception):
    """The service will not take this message (a blocked bot, an unknown chat): it is
    not tried again, and the delivery cursor moves past it."""


@dataclass(frozen=True)
class TransportErrors:
    """What a transport's exceptions mean to the retry policy."""

    # "Too many requests": tried again after the wait it names (``flood_wait``).
    flood: ErrorTypes
    # How long a flood error asks to wait, in seconds.
    flood_wait: Callable[[Any], float]
    # Refused: trying again changes nothing. Checked before ``transient``, so these may be
    # subclasses of a transient error.
    final: ErrorTypes
    # May pass by itself (a server error, a timeout, no connection): tried again after a
    # backoff.
    transient: ErrorTypes
    # Every failure of the transport's own (the service refused the call or could not be
    # reached): a delivery that meets one waits for a later flush instead of failing.
    failed: ErrorTypes

    def flood_seconds(self, error: BaseException) -> float | None:
        """The wait a flood error asks for; None for any other error."""
        return self.flood_wait(error) if isinstance(error, self.flood) else None


async def with_retry(
    call: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    errors: TransportErrors,
    log: logging.LoggerAdapter[logging.Logger],
) -> T:
    """``call``, tried again on flood waits (short enough to sleep through) and transient
    failures, at most ``policy.attempts`` times; the last failure is raised."""
    for attempt in range(1, policy.attempts + 1):
        try:
            return await call()
        except errors.flood as exc:
            wait = errors.flood_wait(exc)
            if wait > policy.max_retry_after or attempt >= policy.attempts:
                raise
            log.info("flood wait of %.1f s", wait)
            await asyncio.sleep(wait)
        except errors.final:
            raise
        except errors.transient:
            if attempt >= policy.attempts:
                raise
            await asyncio.sleep(policy.backoff(attempt))
    raise AssertionError("unreachable")
