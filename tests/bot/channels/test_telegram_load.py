"""Fifty chats writing at once through the fake Bot API: every update is answered once,
each chat's answers come in the order of its messages, and every message in the log is
delivered exactly once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.application import Application
from bot.channels.telegram import CHANNEL
from bot.channels.telegram.format import render
from bot.platform.models import Conversation, Message
from tests.bot.telegram_helpers import run

CHATS = [5000 + i for i in range(50)]
MESSAGES = ["hallo", "is er een klussendienst in de buurt", "bedankt"]


@pytest.mark.slow
def test_fifty_chats_at_once_are_each_answered_once_and_in_order(app, fake):
    async def scenario(channel):
        # Telegram pushes back now and then: flood waits and server errors.
        fake.fail("sendMessage", status=429, retry_after=1, times=3)
        fake.fail("sendMessage", status=500, times=3)
        # Interleaved, as they would arrive: everyone's first message, then the second...
        for text in MESSAGES:
            for chat in CHATS:
                fake.text(chat, text)
        # Welcome + three answers at least, per chat.
        await fake.wait_until(
            lambda: all(len(fake.sent(chat)) >= 1 + len(MESSAGES) for chat in CHATS),
            timeout=120,
            what="every chat's answers",
        )
        # Then the channel is idle: every flush has finished.
        await fake.wait_until(lambda: _all_delivered(app), timeout=30, what="the cursors")

    run(app, fake, scenario, timeout=180)

    with app.sessions() as session:
        conversations = session.scalars(
            select(Conversation).where(Conversation.channel == CHANNEL)
        ).all()
        assert sorted(int(c.channel_ref) for c in conversations) == CHATS
        for conversation in conversations:
            chat = int(conversation.channel_ref)
            log = session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation.id)
                .order_by(Message.id)
            ).all()
            residents = [m for m in log if m.sender == "resident"]
            # Stored once each, in the order the resident sent them.
            assert [m.text for m in residents] == MESSAGES
            telegram_ids = [int(m.client_id.removeprefix("tg:m:")) for m in residents]
            assert telegram_ids == sorted(telegram_ids)
            # Each answered, after it and before the next one.
            for resident in residents:
                answers = [m for m in log if m.reply_to_id == resident.id]
                assert answers, resident.text
            # What Telegram got is the log's bot messages, each once, in order.
            texts = app.catalogs.get(conversation.locale)
            expected = [
                part.html
                for m in log
                if m.sender != "resident"
                for part in render(_logged(app, conversation.id, m.id), texts)
            ]
            assert fake.sent_texts(chat) == expected
    assert len(fake.calls_of("sendMessage", ok=False)) == 6


def _logged(app: Application, conversation_id: str, message_id: int):
    return app.conversations.message(conversation_id, message_id)


def _all_delivered(app: Application) -> bool:
    with app.sessions() as session:
        for conversation in session.scalars(
            select(Conversation).where(Conversation.channel == CHANNEL)
        ):
            last = session.scalar(
                select(Message.id)
                .where(Message.conversation_id == conversation.id, Message.sender != "resident")
                .order_by(Message.id.desc())
                .limit(1)
            )
            if last is not None and conversation.delivered_id < last:
                return False
    return True
