"""The conversation behind a referral, as its team reads and answers it from the ticket.

A team member reaches exactly one conversation this way: the one the ticket links to
(``TicketView.conversation_id``), and only through a ticket of their own team. They read
what the resident saw before the referral (the transcript with the buttons pressed, the
cards shown) and what was said in the chat since, and they can answer there when the
resident asked to be contacted in the chat. An answer is stored like a volunteer's
message and announced on the conversation's event stream: the web widget and the
Telegram channel deliver it as they deliver every staff message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation.messages import Kind, Sender
from bot.platform.clock import Clock
from bot.platform.db import unit_of_work
from bot.platform.events import EventBus
from bot.platform.models import Conversation, Message
from bot.platform.text import clean_text
from bot.staff.accounts import Role

MAX_REPLY_CHARS = 4000


class ChatReplyError(Exception):
    """Why an answer was not posted; ``code`` is stable for the page and tests
    (``ChatReplyError("empty")`` has the code ``team_reply.empty``)."""

    code = "team_reply.refused"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.code = f"team_reply.{reason}"


@dataclass(frozen=True)
class ChatLine:
    """One line of the conversation as the team reads it."""

    id: int
    sender: str  # "resident", "bot" or "staff"
    text: str
    at: datetime  # naive UTC
    # A resident's line that was a button press (``text`` is then the button's label).
    pressed: bool = False
    author: str | None = None  # who wrote a staff line


@dataclass(frozen=True)
class ShownCard:
    id: str
    name: str


@dataclass(frozen=True)
class ReferralChat:
    """What the ticket page shows of the conversation; ``found`` is False once the
    conversation itself is gone (deleted by the resident, or past retention)."""

    found: bool
    before: list[ChatLine]
    since: list[ChatLine]
    cards: list[ShownCard]
    live: bool  # still open for an answer (not expired)


def referral_chat(
    sessions: sessionmaker[Session],
    conversation_id: str,
    *,
    reference: str,
    referred_at: datetime,
    now: datetime,
    expiry: timedelta,
) -> ReferralChat:
    """The conversation split at the referral (the assistant's answer that gave the
    resident ``reference``, and the rest of that answer): before it, with the cards
    shown, and since."""
    with sessions() as session:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            return ReferralChat(False, [], [], [], False)
        rows = list(
            session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation_id)
                .order_by(Message.id)
            )
        )
        live = now - conversation.last_activity_at <= expiry
    split = _split(rows, reference, referred_at)
    lines = _lines(rows)
    before = [line for line in lines if line.id <= split]
    since = [line for line in lines if line.id > split]
    cards: list[ShownCard] = []
    for row in rows:
        if row.id > split or row.sender != Sender.BOT.value:
            continue
        for card in (row.parts or {}).get("cards", ()):
            shown = ShownCard(str(card.get("id", "")), str(card.get("name", "")))
            if shown.name and shown not in cards:
                cards.append(shown)
    return ReferralChat(True, before, since, cards, live)


def waiting_for_the_team(
    sessions: sessionmaker[Session], referred: dict[str, datetime]
) -> set[str]:
    """Of these conversations (id: when the referral was made), the ones where the
    resident has written since the referral and no person answered after that."""
    if not referred:
        return set()
    with sessions() as session:
        rows = session.execute(
            select(Message.conversation_id, Message.sender, Message.created_at)
            .where(
                Message.conversation_id.in_(list(referred)),
                Message.sender.in_([Sender.RESIDENT.value, Sender.STAFF.value]),
            )
            .order_by(Message.id)
        ).all()
    last: dict[str, str] = {}
    for conversation_id, sender, created_at in rows:
        if created_at > referred[conversation_id]:
            last[conversation_id] = sender
    return {c for c, sender in last.items() if sender == Sender.RESIDENT.value}


def _split(rows: list[Message], reference: str, referred_at: datetime) -> int:
    """The id of the last message of the turn that made the referral."""
    for index, row in enumerate(rows):
        ticket = (row.parts or {}).get("ticket") or {}
        if row.sender == Sender.BOT.value and ticket.get("reference") == reference:
            last = row
            for later in rows[index + 1 :]:
                if later.sender != Sender.BOT.value or later.reply_to_id != row.reply_to_id:
                    break
                last = later
            return last.id
    # Not found (a record from before answers kept their ticket): by the clock.
    earlier = [row.id for row in rows if row.created_at <= referred_at]
    return max(earlier, default=0)


def _lines(rows: list[Message]) -> list[ChatLine]:
    lines: list[ChatLine] = []
    buttons: dict[str, str] = {}
    for row in rows:
        parts = row.parts or {}
        if row.sender == Sender.RESIDENT.value and row.payload and not row.text:
            # A button press: the label of that button as it was last offered.
            label = buttons.get(row.payload)
            if label is None:
                continue
            lines.append(ChatLine(row.id, row.sender, label, row.created_at, pressed=True))
            continue
        for button in parts.get("buttons", ()):
            buttons[str(button.get("payload"))] = str(button.get("label"))
        if not row.text:
            continue
        author = str(parts.get("staff_name") or "") or None
        lines.append(ChatLine(row.id, row.sender, row.text, row.created_at, author=author))
    return lines


def post_reply(
    sessions: sessionmaker[Session],
    events: EventBus,
    clock: Clock,
    *,
    conversation_id: str,
    author: str,
    team: str,
    text: str,
    expiry: timedelta,
    form_id: str | None = None,
) -> int:
    """Post a team member's answer in this conversation; the message's id.

    ``form_id`` names the form it was written in, so the same form sent twice is
    posted once."""
    text = clean_text(text)
    if not text:
        raise ChatReplyError("empty")
    if len(text) > MAX_REPLY_CHARS:
        raise ChatReplyError("too_long")
    client_id = f"team:{form_id[:50]}" if form_id else None
    try:
        message_id = _post(sessions, clock, conversation_id, author, team, text, expiry, client_id)
    except IntegrityError:
        if client_id is None:
            raise
        message_id = _post(sessions, clock, conversation_id, author, team, text, expiry, client_id)
    events.publish(conversation_id, message_id)
    return message_id


def _post(
    sessions: sessionmaker[Session],
    clock: Clock,
    conversation_id: str,
    author: str,
    team: str,
    text: str,
    expiry: timedelta,
    client_id: str | None,
) -> int:
    now = clock()
    with unit_of_work(sessions) as session:
        conversation = session.get(Conversation, conversation_id, with_for_update=True)
        if conversation is None:
            raise ChatReplyError("gone")
        if now - conversation.last_activity_at > expiry:
            raise ChatReplyError("expired")
        if client_id is not None:
            sent = session.scalar(
                select(Message.id).where(
                    Message.conversation_id == conversation_id, Message.client_id == client_id
                )
            )
            if sent is not None:
                return int(sent)
        message = Message(
            conversation_id=conversation_id,
            sender=Sender.STAFF.value,
            text=text,
            client_id=client_id,
            parts={
                "kind": Kind.STAFF.value,
                "staff_name": author,
                "staff_role": Role.TEAM_MEMBER.value,
                "team": team,
            },
            created_at=now,
        )
        session.add(message)
        conversation.last_activity_at = now
        session.flush()
        return message.id
