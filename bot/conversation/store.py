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
from bot.conversation.states import State
from bot.platform.models import Conversation, ConversationNote, Message


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


def new_conversation(
    session: Session,
    *,
    channel: str,
    channel_ref: str | None,
    token: str,
    locale: str,
    now: datetime,
) -> Conversation:
    conversation = Conversation(
        id=new_conversation_id(),
        channel=channel,
        channel_ref=channel_ref,
        token_hash=hash_token(token),
        locale=locale,
        state=State.IDLE.value,
        state_data={},
        created_at=now,
        last_activity_at=now,
    )
    session.add(conversation)
    return conversation


def get(session: Session, conversation_id: str) -> Conversation:
    """The conversation, expired or not."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise ConversationNotFound(conversation_id)
    return conversation


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


def of_chat(session: Session, channel: str, channel_ref: str) -> Conversation | None:
    """The conversation a channel's chat maps to now (live or expired)."""
    return session.scalars(
        select(Conversation).where(
            Conversation.channel == channel, Conversation.channel_ref == channel_ref
        )
    ).one_or_none()


def chat_conversation_ids(session: Session, channel: str, channel_ref: str) -> list[str]:
    """Every conversation a channel's chat has had, oldest first: the one it maps to and
    the expired ones that keep the chat's reference with a suffix (``REF#ID``)."""
    return list(
        session.scalars(
            select(Conversation.id)
            .where(
                Conversation.channel == channel,
                (Conversation.channel_ref == channel_ref)
                | Conversation.channel_ref.startswith(f"{channel_ref}#", autoescape=True),
            )
            .order_by(Conversation.created_at)
        )
    )


def take_hold(
    session: Session, conversation_id: str, *, staff_id: int, name: str, now: datetime
) -> bool:
    """Hold the conversation for a person, in one conditional UPDATE (of two at the same
    moment, one wins); False when someone already holds it."""
    won = session.execute(
        update(Conversation)
        .where(Conversation.id == conversation_id, Conversation.held_by_id.is_(None))
        .values(held_by_id=staff_id, held_by_name=name, held_since=now)
    )
    return bool(getattr(won, "rowcount", 0))


def notes(session: Session, conversation_id: str) -> list[ConversationNote]:
    """The volunteers' notes on the conversation, oldest first."""
    return list(
        session.scalars(
            select(ConversationNote)
            .where(ConversationNote.conversation_id == conversation_id)
            .order_by(ConversationNote.id)
        )
    )


def by_resume_code(session: Session, code_hash: str) -> Conversation | None:
    return session.scalars(
        select(Conversation).where(Conversation.resume_code_hash == code_hash)
    ).one_or_none()


def spend_resume_code(session: Session, conversation_id: str, code_hash: str, token: str) -> bool:
    """Spend the code and give the conversation a new token, in the statement that checks
    the code: of two devices that send the same code at once, one gets the conversation.
    False when the code was spent meanwhile."""
    spent = session.execute(
        update(Conversation)
        .where(Conversation.id == conversation_id, Conversation.resume_code_hash == code_hash)
        .values(resume_code_hash=None, resume_code_expires_at=None, token_hash=hash_token(token))
        .execution_options(synchronize_session=False)
    )
    return getattr(spent, "rowcount", 0) == 1


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


def add_resident_message(
    session: Session,
    conversation: Conversation,
    *,
    text: str,
    payload: str | None,
    client_id: str | None,
    now: datetime,
) -> Message:
    message = Message(
        conversation_id=conversation.id,
        sender=Sender.RESIDENT.value,
        text=text,
        payload=payload,
        client_id=client_id,
        parts={},
        created_at=now,
    )
    session.add(message)
    return message


def message_in(session: Session, conversation_id: str, message_id: int) -> LoggedMessage | None:
    """One message, if it belongs to this conversation."""
    found = session.get(Message, message_id)
    if found is None or found.conversation_id != conversation_id:
        return None
    return to_logged(found)


def last_resident_text(session: Session, conversation_id: str) -> str | None:
    """What the resident last wrote (not a button they pressed)."""
    return session.scalar(
        select(Message.text)
        .where(
            Message.conversation_id == conversation_id,
            Message.sender == Sender.RESIDENT.value,
            Message.text != "",
        )
        .order_by(Message.id.desc())
        .limit(1)
    )


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


def find_by_client_id(session: Session, conversation_id: str, client_id: str) -> Message | None:
    """The message a client (the resident's, or a volunteer's form) sent with this id."""
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
