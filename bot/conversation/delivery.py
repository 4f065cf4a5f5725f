"""What a push channel (Telegram) still has to deliver, to which chat: the queries behind
the engine's delivery methods.

Each conversation keeps a delivery cursor (``Conversation.delivered_id``): the last
message of its log the channel has sent. Everything of the assistant's and staff's after
it is still to go, in order, even after a crash or an outage; the cursor only moves
forward. A resident's message stored but never answered (the process stopped in between)
is found here too, so the channel can have it answered.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session, aliased

from bot.conversation.messages import LoggedMessage, Sender
from bot.conversation.store import to_logged
from bot.platform.models import Conversation, Message

_Resident = aliased(Message)


@dataclass(frozen=True)
class Undelivered:
    locale: str
    messages: list[LoggedMessage]


def undelivered(session: Session, conversation_id: str, *, limit: int) -> Undelivered | None:
    """The assistant's and staff's messages after the cursor, oldest first, with the
    conversation's language; None when the conversation is gone."""
    row = session.execute(
        select(Conversation.delivered_id, Conversation.locale).where(
            Conversation.id == conversation_id
        )
    ).first()
    if row is None:
        return None
    cursor, locale = row
    query = (
        select(Message)
        .where(
            Message.conversation_id == conversation_id,
            Message.id > cursor,
            Message.sender != Sender.RESIDENT.value,
        )
        .order_by(Message.id)
        .limit(limit)
    )
    return Undelivered(locale, [to_logged(m) for m in session.scalars(query)])


def mark_delivered(session: Session, conversation_id: str, message_id: int) -> None:
    """Move the cursor forward to ``message_id``; never back."""
    session.execute(
        update(Conversation)
        .where(Conversation.id == conversation_id, Conversation.delivered_id < message_id)
        .values(delivered_id=message_id)
    )


def channel_refs(session: Session, message_ids: Collection[int], *, channel: str) -> dict[str, str]:
    """conversation id -> chat reference, for the conversations on ``channel`` these
    messages belong to."""
    if not message_ids:
        return {}
    rows = session.execute(
        select(Conversation.id, Conversation.channel_ref)
        .join(Message, Message.conversation_id == Conversation.id)
        .where(Message.id.in_(set(message_ids)), Conversation.channel == channel)
        .distinct()
    )
    return {cid: ref for cid, ref in rows if ref}


def awaiting_delivery(session: Session, *, channel: str, since: datetime) -> dict[str, str]:
    """conversation id -> chat reference, for conversations on ``channel`` with messages
    after the cursor stored at ``since`` or later."""
    pending = exists().where(
        Message.conversation_id == Conversation.id,
        Message.id > Conversation.delivered_id,
        Message.sender != Sender.RESIDENT.value,
        Message.created_at >= since,
    )
    rows = session.execute(
        select(Conversation.id, Conversation.channel_ref).where(
            Conversation.channel == channel, pending
        )
    )
    return {cid: ref for cid, ref in rows if ref}


def unanswered(
    session: Session, *, channel: str, since: datetime
) -> list[tuple[str, LoggedMessage]]:
    """(chat reference, message) for conversations on ``channel`` whose last message is
    the resident's (one with a client id), stored at ``since`` or later."""
    later = select(Message.id).where(
        Message.conversation_id == Conversation.id,
        Message.id > _Resident.id,
    )
    query = (
        select(Conversation.channel_ref, _Resident)
        .join(_Resident, _Resident.conversation_id == Conversation.id)
        .where(
            Conversation.channel == channel,
            _Resident.sender == Sender.RESIDENT.value,
            _Resident.client_id.is_not(None),
            _Resident.created_at >= since,
            ~later.exists(),
        )
        .order_by(_Resident.id)
    )
    return [(ref, to_logged(m)) for ref, m in session.execute(query) if ref]
