"""The push channel's machinery without Telegram: a channel that writes only its transport
(an SMS gateway, kept in memory here) gets each chat's lane, the delivery cursor and the
retry policy from bot/channels/base.py, against the real engine and database."""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.application import Application
from bot.channels.base import ChannelTexts, PushChannel
from bot.channels.retry import PermanentFailure, RetryPolicy, TransportErrors
from bot.conversation.messages import Incoming, LoggedMessage
from bot.platform.i18n import Texts

# Quick retries; a flood wait over half a second is left to a later flush.
FAST = RetryPolicy(
    attempts=4, base_delay=0.05, max_delay=0.2, max_retry_after=0.5, reflush_delay=0.3
)


class GatewayError(Exception):
    pass


class Busy(GatewayError):
    """The gateway's "too many requests, wait this long"."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"busy for {seconds} s")
        self.seconds = seconds


class Down(GatewayError):
    pass


class Refused(GatewayError):
    pass


class SmsChannel(PushChannel[str]):
    name = "sms"
    service = "the SMS gateway"
    errors = TransportErrors(
        flood=(Busy,),
        flood_wait=lambda error: error.seconds,
        final=(Refused,),
        transient=(Down,),
        failed=(GatewayError,),
    )

    def __init__(self, application: Application, retry: RetryPolicy = FAST) -> None:
        texts = ChannelTexts(sorry=lambda _: "sorry", slow_down=lambda _: "slower", refusals={})
        super().__init__(application, texts=texts, logger=logging.getLogger("sms"), retry=retry)
        self.sent: list[tuple[int, str, float]] = []
        self.failures: list[GatewayError] = []

    def render(self, message: LoggedMessage, texts: Texts) -> Sequence[str]:
        return [message.text]

    def notice(self, text: str) -> str:
        return text

    async def send(self, chat_id: int, part: str) -> None:
        async def once() -> None:
            if self.failures:
                raise self.failures.pop(0)
            self.sent.append((chat_id, part, time.monotonic()))

        try:
            await self.with_retry(once)
        except Refused as exc:
            raise PermanentFailure(str(exc)) from exc

    def text(self, chat_id: int, update_id: int, text: str) -> None:
        incoming = Incoming(text=text, client_id=f"sms:{update_id}")

        async def job() -> None:
            await self.to_engine(chat_id, "nl", incoming)

        self.submit_update(chat_id, update_id, job)

    def sent_to(self, chat_id: int) -> list[str]:
        return [text for chat, text, _ in self.sent if chat == chat_id]


def run(app: Application, scenario: Callable[[SmsChannel], Awaitable[Any]]) -> SmsChannel:
    channel = SmsChannel(app)

    async def main() -> None:
        await channel.begin_delivery()
        try:
            await asyncio.wait_for(scenario(channel), 30)
        finally:
            await channel.end_delivery(drain_seconds=5)

    asyncio.run(main())
    return channel


async def until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.02)


def all_delivered(app: Application) -> bool:
    return all(
        (pending := app.conversations.undelivered(c)) is None or not pending.messages
        for chat in (1, 2)
        for c in app.conversations.chat_conversations("sms", str(chat))
    )


def test_each_chat_is_answered_in_order_and_each_message_delivered_once(app):
    async def scenario(channel: SmsChannel) -> None:
        update_ids = itertools.count(1)
        for text in ("hallo", "bedankt"):
            for chat in (1, 2):
                channel.text(chat, next(update_ids), text)
        await until(lambda: all(len(channel.sent_to(chat)) >= 3 for chat in (1, 2)))
        await until(lambda: all_delivered(app))

    channel = run(app, scenario)
    for chat in (1, 2):
        welcome, greeting, thanks = channel.sent_to(chat)
        assert welcome.startswith("Hallo! Ik ben")
        assert greeting == "Hallo! Waarmee kan ik u helpen?"
        assert thanks.startswith("Graag gedaan")


def test_flood_waits_and_passing_failures_are_waited_out(app):
    async def scenario(channel: SmsChannel) -> None:
        # Too long to sleep through in the lane: a later flush delivers, after the wait.
        channel.failures += [Busy(1.0), Down(), Down()]
        started = time.monotonic()
        channel.text(1, 1, "hallo")
        await until(lambda: len(channel.sent_to(1)) >= 2)
        assert channel.sent[0][2] - started >= 1.0

    channel = run(app, scenario)
    assert channel.sent_to(1)[1] == "Hallo! Waarmee kan ik u helpen?"
    assert len(channel.sent_to(1)) == 2


def test_a_message_the_service_refuses_is_passed_over(app):
    async def scenario(channel: SmsChannel) -> None:
        channel.failures.append(Refused("no such number"))
        channel.text(1, 1, "hallo")
        await until(lambda: bool(channel.sent_to(1)) and all_delivered(app))

    channel = run(app, scenario)
    assert channel.sent_to(1) == ["Hallo! Waarmee kan ik u helpen?"]
