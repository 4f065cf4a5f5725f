"""A volunteer steps into a conversation, talks as a person, and hands it back.

While a person holds a conversation the assistant stays quiet: the engine stores what the
resident writes and leaves the answer to the volunteer. Only one person holds a
conversation at a time; taking over is one conditional UPDATE, so two volunteers who
press "take over" at the same moment cannot both win. The resident is told in their own
language who they are talking to, and when the assistant is back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation import store
from bot.conversation.errors import (
    EmptyStaffText,
    HeldByOther,
    NotHeld,
    NotHolder,
    StaffTextTooLong,
    TakeoverExpired,
    TakeoverNotFound,
)
from bot.conversation.messages import Kind, LoggedMessage, Reply, Sender
from bot.conversation.states import State
from bot.platform.clock import Clock
from bot.platform.db import unit_of_work
from bot.platform.events import EventBus
from bot.platform.i18n import Catalogs
from bot.platform.models import Conversation, ConversationNote, Message
from bot.platform.text import clean_text

MAX_STAFF_MESSAGE_CHARS = 4000
# An event without a new message: something about the conversation changed (a review).
CHANGED = 0
MAX_NOTE_CHARS = 4000


@dataclass(frozen=True)
class Holder:
    staff_id: int
    name: str
    since: datetime


@dataclass(frozen=True)
class Note:
    author: str
    text: str
    created_at: datetime


class Takeovers:
    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        catalogs: Catalogs,
        events: EventBus,
        clock: Clock,
        expiry: timedelta,
    ) -> None:
        self._sessions = sessions
        self._catalogs = catalogs
        self._events = events
        self._clock = clock
        self._expiry = expiry

    def holder(self, conversation_id: str) -> Holder | None:
        with self._sessions() as session:
            conversation = self._get(session, conversation_id)
            return _holder(conversation)

    def take(self, conversation_id: str, *, staff_id: int, name: str) -> Holder:
        """Hold the conversation, or raise ``held_by_other``. Taking it again is a no-op
        (a double click), so the resident is told only once."""
        now = self._clock()
        with unit_of_work(self._sessions) as session:
            conversation = self._get(session, conversation_id, live_at=now)
            if conversation.held_by_id == staff_id:
                return _holder(conversation)  # type: ignore[return-value]
            if not store.take_hold(session, conversation_id, staff_id=staff_id, name=name, now=now):
                session.refresh(conversation)
                if conversation.held_by_id == staff_id:  # a double click that raced itself
                    return _holder(conversation)  # type: ignore[return-value]
                raise HeldByOther()
            session.refresh(conversation)
            texts = self._catalogs.get(conversation.locale)
            # Residents read the first name only ("Anna"), whatever the account says.
            first_name = (name.split() or [name])[0]
            notice = texts.gettext("You are now talking to %(name)s, a volunteer.", name=first_name)
            if _cancel_open_question(conversation):
                notice += " " + texts.gettext("You no longer need to answer my last question.")
            message = self._add(
                session,
                conversation_id,
                Sender.BOT,
                notice,
                now,
                parts=Reply(notice, kind=Kind.TAKEOVER).parts(),
            )
            # What the resident answers from here on is for the volunteer: an old button
            # (a consent question's "Ja") must not be read by the assistant.
            conversation.buttons_from_id = message.id
        self._events.publish(conversation_id, message.id)
        return Holder(staff_id, name, now)

    def hand_back(self, conversation_id: str, *, staff_id: int, force: bool = False) -> None:
        """Give the conversation back to the assistant. Only its holder may, unless
        ``force`` (an admin freeing a conversation whose volunteer has gone home)."""
        now = self._clock()
        with unit_of_work(self._sessions) as session:
            conversation = self._get(session, conversation_id, for_update=True)
            if conversation.held_by_id is None:
                raise NotHeld()
            if conversation.held_by_id != staff_id and not force:
                raise HeldByOther()
            conversation.held_by_id = None
            conversation.held_by_name = None
            conversation.held_since = None
            texts = self._catalogs.get(conversation.locale)
            notice = texts.gettext("You are talking to the digital assistant again.")
            message = self._add(
                session,
                conversation_id,
                Sender.BOT,
                notice,
                now,
                parts=Reply(notice, kind=Kind.HANDBACK).parts(),
            )
        self._events.publish(conversation_id, message.id)

    def reply(
        self, conversation_id: str, *, staff_id: int, text: str, form_id: str | None = None
    ) -> LoggedMessage:
        """A message from the volunteer who holds the conversation, as a person.

        ``form_id`` names the form it was written in: the same form sent twice (a double
        click, a resent request) is stored and shown once."""
        text = clean_text(text)
        if not text:
            raise EmptyStaffText()
        if len(text) > MAX_STAFF_MESSAGE_CHARS:
            raise StaffTextTooLong()
        now = self._clock()
        client_id = f"staff:{form_id[:50]}" if form_id else None
        try:
            return self._reply(conversation_id, staff_id, text, client_id, now)
        except IntegrityError:
            # The same form, sent twice at the same moment: the other request stored it.
            if client_id is None:
                raise
            return self._reply(conversation_id, staff_id, text, client_id, now)

    def _reply(
        self, conversation_id: str, staff_id: int, text: str, client_id: str | None, now: datetime
    ) -> LoggedMessage:
        with unit_of_work(self._sessions) as session:
            conversation = self._get(session, conversation_id, for_update=True, live_at=now)
            if conversation.held_by_id != staff_id:
                raise NotHolder()
            if client_id is not None:
                sent = store.find_by_client_id(session, conversation_id, client_id)
                if sent is not None:
                    return store.to_logged(sent)
            message = self._add(
                session,
                conversation_id,
                Sender.STAFF,
                text,
                now,
                parts={"staff_name": conversation.held_by_name or ""},
                client_id=client_id,
            )
            conversation.last_activity_at = now
            logged = store.to_logged(message)
        self._events.publish(conversation_id, message.id)
        return logged

    def add_note(self, conversation_id: str, *, author: str, text: str) -> None:
        text = clean_text(text)
        if not text:
            raise EmptyStaffText()
        if len(text) > MAX_NOTE_CHARS:
            raise StaffTextTooLong()
        with unit_of_work(self._sessions) as session:
            self._get(session, conversation_id)
            session.add(
                ConversationNote(
                    conversation_id=conversation_id,
                    author=author,
                    text=text,
                    created_at=self._clock(),
                )
            )
        self._events.publish(conversation_id, CHANGED)

    def notes(self, conversation_id: str) -> list[Note]:
        with self._sessions() as session:
            rows = store.notes(session, conversation_id)
            return [Note(r.author, r.text, r.created_at) for r in rows]

    def mark_reviewed(self, conversation_id: str, *, by: str) -> None:
        with unit_of_work(self._sessions) as session:
            conversation = self._get(session, conversation_id)
            conversation.reviewed_at = self._clock()
            conversation.reviewed_by = by
        # Other volunteers' overviews drop the crisis flag now, not at their next poll.
        self._events.publish(conversation_id, CHANGED)

    # -- helpers ---------------------------------------------------------------------------

    def _get(
        self,
        session: Session,
        conversation_id: str,
        *,
        for_update: bool = False,
        live_at: datetime | None = None,
    ) -> Conversation:
        """The conversation (row-locked when asked); ``live_at``: and not expired then,
        for actions that speak to the resident."""
        conversation = session.get(Conversation, conversation_id, with_for_update=for_update)
        if conversation is None:
            raise TakeoverNotFound()
        if live_at is not None and live_at - conversation.last_activity_at > self._expiry:
            raise TakeoverExpired()
        return conversation

    @staticmethod
    def _add(
        session: Session,
        conversation_id: str,
        sender: Sender,
        text: str,
        now: datetime,
        parts: dict[str, str] | None = None,
        client_id: str | None = None,
    ) -> Message:
        message = Message(
            conversation_id=conversation_id,
            sender=sender.value,
            text=text,
            client_id=client_id,
            parts=parts if parts is not None else Reply(text).parts(),
            created_at=now,
        )
        session.add(message)
        session.flush()
        return message


# What the assistant keeps while it asks something: dropped when a person takes over.
_OPEN_QUESTION_KEYS = ("purpose", "query", "attempts", "handoff")


def _cancel_open_question(conversation: Conversation) -> bool:
    """Close the assistant's open question (a referral's consent or a later step, "which
    district?"): from now on the resident talks to a person, and a "ja" meant for them
    is no answer to the assistant. True when a question was open."""
    if conversation.state == State.IDLE.value:
        return False
    conversation.state = State.IDLE.value
    conversation.state_data = {
        key: value
        for key, value in (conversation.state_data or {}).items()
        if key not in _OPEN_QUESTION_KEYS
    }
    return True


def _holder(conversation: Conversation) -> Holder | None:
    if conversation.held_by_id is None or conversation.held_since is None:
        return None
    return Holder(conversation.held_by_id, conversation.held_by_name or "", conversation.held_since)
