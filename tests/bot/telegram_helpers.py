"""Running the real Telegram channel (python-telegram-bot) against the fake Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from bot.application import Application
from bot.channels.telegram import RetryPolicy, TelegramChannel, build_ptb
from tests.fake_telegram import FakeTelegram

# Quick retries, so that a test of them stays short.
FAST = RetryPolicy(attempts=4, base_delay=0.05, max_delay=0.2, max_retry_after=5, reflush_delay=0.3)
# Every test is bounded: a hang fails instead of blocking the suite.
TEST_TIMEOUT = 60.0


@asynccontextmanager
async def running_channel(
    app: Application,
    fake: FakeTelegram,
    *,
    retry: RetryPolicy = FAST,
    request_timeout: float = 5.0,
    webhook_url: str | None = None,
    webhook_secret: str | None = None,
) -> AsyncIterator[TelegramChannel]:
    ptb = build_ptb(
        fake.token,
        base_url=fake.base_url,
        webhook=webhook_url is not None,
        poll_timeout=1.0,
        request_timeout=request_timeout,
    )
    channel = TelegramChannel(
        app,
        ptb,
        webhook_url=webhook_url,
        webhook_secret=webhook_secret,
        poll_timeout=1.0,
        retry=retry,
    )
    await channel.start()
    try:
        yield channel
    finally:
        await channel.stop(drain_seconds=5)


def run(
    app: Application,
    fake: FakeTelegram,
    scenario: Callable[[TelegramChannel], Awaitable[Any]],
    *,
    timeout: float = TEST_TIMEOUT,
    **kw: Any,
) -> Any:
    """Run ``scenario`` with a started channel, in a fresh event loop, bounded in time."""

    async def main() -> Any:
        async with running_channel(app, fake, **kw) as channel:
            return await scenario(channel)

    async def bounded() -> Any:
        return await asyncio.wait_for(main(), timeout)

    return asyncio.run(bounded())


def keyboard_data(params: dict[str, Any]) -> list[str]:
    markup = params.get("reply_markup") or {}
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]


def keyboard_labels(params: dict[str, Any]) -> list[str]:
    markup = params.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]
