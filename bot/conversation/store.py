"""Reading and writing conversations and their message log."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

# Imported for its ORM event as well: every message stored gets its masked copy.
from bot.conversation import masking
from bot.conversation.errors import ConversationExpired, ConversationNotFound, InvalidToken
from bot.conversation.messages import LoggedMessage, Reply, Sender
from bot.platform.models import Conversation, Message


def new_conversation_id() -> str:
    return secrets.token_hex(16)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_token(conversation: Conversation, token: str | None) -> None:
    if not token or conversation.token_hash is None:
        raise InvalidToken("missing or wrong token")
    if not hmac.compare_digest(conversation.token_hash, hash_token(token)):
        raise InvalidToken("missing or wrong token")


def get_live(
    session: Session,
    conversation_id: str,
    *,
    now: datetime,
    expiry: timedelta,
    for_update: bool = False,
) -> Conversation:
    query = select(Conversation).where(Conversation.id == conversation_id)
    if for_update:
        query = query.with_for_update()
    conversation = session.scalars(query).one_or_none()
    if conversation is None:
        raise ConversationNotFound(conversation_id)
    if now - conversation.last_activity_at > expiry:
        raise ConversationExpired(conversation_id)
    return conversation


def to_logged(message: Message) -> LoggedMessage:
    return LoggedMessage.from_parts(
        id=message.id,
        conversation_id=message.conversation_id,
        sender=message.sender,
        text=message.text,
        created_at=message.created_at,
        parts=message.parts or {},
        payload=message.payload,
        understanding=message.understanding,
        client_id=message.client_id,
    )


def add_reply(
    session: Session,
    conversation: Conversation,
    reply: Reply,
    *,
    now: datetime,
    reply_to: int | None,
) -> Message:
    message = Message(
        conversation_id=conversation.id,
        sender=Sender.BOT.value,
        text=reply.text,
        parts=reply.parts(),
        reply_to_id=reply_to,
        created_at=now,
    )
    session.add(message)
    return message


def log(
    session: Session, conversation_id: str, *, after_id: int = 0, limit: int | None = None
) -> list[LoggedMessage]:
    query = (
        select(Message)
        .where(Message.conversation_id == conversation_id, Message.id > after_id)
        .order_by(Message.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [to_logged(m) for m in session.scalars(query)]


@dataclass(frozen=True)
class MaskedLine:
    """A stored message as staff without a need to know read it: personal data masked."""

    message: LoggedMessage
    text: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Transcript:
    lines: list[MaskedLine]
    # ``before`` of the page of earlier messages, of the page of later ones (0: the latest
    # page); None when there are none.
    earlier: int | None
    later: int | None


def transcript(
    session: Session, conversation_id: str, *, limit: int, before: int | None = None
) -> Transcript:
    """A page of the log, masked: the ``limit`` messages before message ``before``, or the
    latest ones. A page, so that no conversation is slow to read however long it got."""
    query = select(Message).where(Message.conversation_id == conversation_id)
    if before is not None:
        query = query.where(Message.id < before)
    rows = list(session.scalars(query.order_by(Message.id.desc()).limit(limit + 1)))
    earlier = rows[limit - 1].id if len(rows) > limit else None
    rows = rows[:limit][::-1]
    later = None
    if before is not None and rows:
        newer = Message.conversation_id == conversation_id, Message.id > rows[-1].id
        if session.scalar(select(exists().where(*newer))):
            # The page that ends where the next ``limit`` messages do, or the latest.
            after = select(Message.id).where(*newer).order_by(Message.id).offset(limit)
            later = session.scalar(after.limit(1)) or 0
    lines = [MaskedLine(to_logged(m), *masking.masked(m)) for m in rows]
    return Transcript(lines, earlier, later)


def button_label(session: Session, message_id: int, payload: str | None) -> str | None:
    """The label of the button with this payload on that message, as the resident saw it."""
    parts = session.scalar(select(Message.parts).where(Message.id == message_id))
    for button in (parts or {}).get("buttons", ()):
        if button.get("payload") == payload:
            return str(button.get("label"))
    return None


def attach_understanding(session: Session, message_id: int, understanding: dict[str, Any]) -> None:
    session.execute(
        update(Message).where(Message.id == message_id).values(understanding=understanding)
    )


def replies_to(session: Session, message_id: int) -> list[LoggedMessage]:
    query = select(Message).where(Message.reply_to_id == message_id).order_by(Message.id)
    return [to_logged(m) for m in session.scalars(query)]


def find_resident_message(session: Session, conversation_id: str, client_id: str) -> Message | None:
    return session.scalars(
        select(Message).where(
            Message.conversation_id == conversation_id, Message.client_id == client_id
        )
    ).one_or_none()


def merged_state_data(conversation: Conversation, **changes: Any) -> dict[str, Any]:
    """A new dict, so SQLAlchemy sees the JSON column change."""
    data = dict(conversation.state_data or {})
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


# The staff role of district team members (bot.staff.accounts.Role.TEAM_MEMBER), as the console
# stores it on their chat messages.
TEAM_MEMBER_ROLE = "team_member"


@dataclass(frozen=True)
class TeamChat:
    """A district team answering in this conversation (a "Hier in de chat" referral)."""

    team: str
    # The assistant already said it passed the resident's messages on.
    passed_on: bool


def team_chat(session: Session, conversation_id: str) -> TeamChat | None:
    """Whether a district team member wrote last in this conversation (apart from the
    resident); the resident's messages are then for the team, not for the assistant."""
    rows = session.execute(
        select(Message.sender, Message.parts)
        .where(
            Message.conversation_id == conversation_id,
            Message.sender != Sender.RESIDENT.value,
        )
        .order_by(Message.id.desc())
        .limit(1)
    ).all()
    if not rows:
        return None
    sender, parts = rows[0]
    parts = parts or {}
    if sender == Sender.STAFF.value and parts.get("staff_role") == TEAM_MEMBER_ROLE:
        return TeamChat(str(parts.get("team") or ""), passed_on=False)
    if sender == Sender.BOT.value and parts.get("passed_on"):
        return TeamChat(str(parts.get("team") or ""), passed_on=True)
    return None
