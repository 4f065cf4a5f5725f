"""Telegram saying "too many requests" (429 with retry_after) or failing (5xx): the channel
waits at least as long as it is told, backs off further after each server error, and
still delivers every message once and in order.

The gaps between calls are lower bounds the channel must respect (it may wait longer on
a busy machine), not speed measurements.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from tests.bot.channels.test_telegram import say
from tests.bot.telegram_helpers import FAST, run
from tests.fake_telegram import FakeTelegram

CHAT = 4444


def send_gaps(fake: FakeTelegram) -> list[float]:
    calls = fake.calls_of("sendMessage", ok=None)
    return [later.at - earlier.at for earlier, later in itertools.pairwise(calls)]


def test_a_flood_wait_is_waited_out_and_each_server_error_backs_off_longer(app, fake):
    async def scenario(channel):
        fake.fail("sendMessage", status=429, retry_after=1)
        fake.fail("sendMessage", status=500)
        fake.fail("sendMessage", status=502)
        await say(fake, "hallo", chat=CHAT, expect="Waarmee kan ik u helpen")

    run(app, fake, scenario)
    flood, first_error, second_error, *_ = send_gaps(fake)
    assert flood >= 1.0  # retry_after, in full
    assert first_error >= FAST.base_delay * 2
    assert second_error >= FAST.base_delay * 4
    texts = fake.sent_texts(CHAT)
    assert texts[0].startswith("Hallo! Ik ben")
    assert texts[1] == "Hallo! Waarmee kan ik u helpen?"
    assert len(texts) == 2


def test_a_flood_wait_too_long_to_sleep_through_still_holds_back_the_next_try(app, fake):
    # The chat's lane does not sleep 2 s (more than max_retry_after); the later flush that
    # delivers instead must not come before the 2 s are over either.
    policy = replace(FAST, max_retry_after=0.5, reflush_delay=0.3)

    async def scenario(channel):
        fake.fail("sendMessage", status=429, retry_after=2)
        await say(fake, "hallo", chat=CHAT, expect="Waarmee kan ik u helpen")

    run(app, fake, scenario, retry=policy)
    assert send_gaps(fake)[0] >= 2.0
    texts = fake.sent_texts(CHAT)
    assert texts[0].startswith("Hallo! Ik ben")
    assert texts[1] == "Hallo! Waarmee kan ik u helpen?"
    assert len(texts) == 2


def test_a_telegram_that_cannot_be_reached_logs_one_line_a_try(app, caplog):
    """Issue 19, item 7: a token that cannot connect logged a traceback at ERROR on every
    retry; now one WARNING line a try, with the traceback at DEBUG only."""
    import asyncio
    import logging
    import socket

    from bot.channels.telegram import RetryPolicy, TelegramChannel, build_ptb

    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ptb = build_ptb(
        "123456:ABCdefGHIjklMNOpqrsTUVwxyz",
        base_url=f"http://127.0.0.1:{port}/bot",
        webhook=False,
        poll_timeout=1.0,
        request_timeout=1.0,
    )
    retry = RetryPolicy(attempts=1, base_delay=0.05, max_delay=0.1)
    channel = TelegramChannel(app, ptb, poll_timeout=1.0, retry=retry)

    async def scenario() -> None:
        stop = asyncio.Event()
        running = asyncio.create_task(channel.run(stop))
        await asyncio.sleep(1.5)
        stop.set()
        await asyncio.wait_for(running, 20)

    with caplog.at_level(logging.DEBUG, logger="bot.channels.telegram"):
        asyncio.run(scenario())
    tries = [r for r in caplog.records if r.getMessage().startswith("telegram: could not start")]
    assert len(tries) >= 2
    # The log masking (bot/platform/logs.py) turns a record's exc_info into masked exc_text.
    assert all(
        r.levelno == logging.WARNING and r.exc_info is None and not r.exc_text for r in tries
    )
    assert all("\n" not in r.getMessage() for r in tries)
    assert any(r.levelno == logging.DEBUG and (r.exc_info or r.exc_text) for r in caplog.records)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
