"""The conversation engine: one resident message in, the assistant's replies out.

Channel-free. A message is stored (and committed) before anything else happens, so it is
never lost; replies are decided from the conversation's state and what the NLU
understood, and stored in one unit of work with the new state.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from sqlalchemy import delete, exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, sessionmaker

from bot.conversation import replies as reply_texts
from bot.conversation import store
from bot.conversation.decide import Decider, Turn
from bot.conversation.errors import (
    ButtonExpired,
    ConversationNotFound,
    HandoffNotOffered,
    InvalidMessage,
)
from bot.conversation.messages import Incoming, LoggedMessage, Reply, Sender
from bot.conversation.states import State, is_handoff_state
from bot.platform.clock import Clock
from bot.platform.db import unit_of_work
from bot.platform.events import EventBus
from bot.platform.i18n import Catalogs, Texts
from bot.platform.models import Conversation, Message
from bot.platform.text import clean_text
from nlu import Analyzer, Route, Understanding

logger = logging.getLogger(__name__)

_Resident = aliased(Message)

MAX_PAYLOAD_CHARS = 200


@dataclass(frozen=True)
class Started:
    conversation_id: str
    token: str
    locale: str
    messages: list[LoggedMessage]


@dataclass(frozen=True)
class Undelivered:
    locale: str
    messages: list[LoggedMessage]


@dataclass(frozen=True)
class ConversationView:
    id: str
    channel: str
    locale: str
    state: State
    district_id: str | None


@dataclass(frozen=True)
class Answered:
    """A resident message answered, as metrics see it: never what the resident wrote."""

    channel: str
    state: str  # the conversation's state when the message arrived
    route: str | None  # what the NLU understood; None for a button press
    crisis: str | None  # the kind of crisis, when the message was one
    button: bool
    replies: tuple[Reply, ...]
    seconds: float  # from receiving the message to its stored replies


class Transcripts(Protocol):
    def log(self, conversation_id: str, *, after_id: int = 0) -> list[LoggedMessage]: ...


class ConversationEngine:
    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        analyzer: Analyzer,
        decider: Decider,
        catalogs: Catalogs,
        events: EventBus,
        clock: Clock,
        default_locale: str,
        max_message_chars: int,
        expiry: timedelta,
        observer: Callable[[Answered], None] = lambda _answered: None,
    ) -> None:
        self._observer = observer
        self._sessions = sessions
        self._analyzer = analyzer
        self._decider = decider
        self._catalogs = catalogs
        self._events = events
        self._clock = clock
        self._default_locale = default_locale
        self._max_chars = max_message_chars
        self._expiry = expiry

    def start(
        self, *, channel: str, locale: str | None = None, channel_ref: str | None = None
    ) -> Started:
        locale = locale if locale in self._catalogs.locales else self._default_locale
        token = store.new_token()
        now = self._clock()
        with unit_of_work(self._sessions) as session:
            conversation = Conversation(
                id=store.new_conversation_id(),
                channel=channel,
                channel_ref=channel_ref,
                token_hash=store.hash_token(token),
                locale=locale,
                state=State.IDLE.value,
                state_data={},
                created_at=now,
                last_activity_at=now,
            )
            session.add(conversation)
            welcome = self._decider.welcome(self._catalogs.get(locale))
            rows = [
                store.add_reply(session, conversation, r, now=now, reply_to=None) for r in welcome
            ]
            session.flush()
            messages = [store.to_logged(m) for m in rows]
        self._publish(conversation.id, messages)
        return Started(conversation.id, token, locale, messages)

    def open(self, conversation_id: str, token: str | None) -> ConversationView:
        """The conversation, if the token is right and it has not expired."""
        with self._sessions() as session:
            conversation = store.get_live(
                session, conversation_id, now=self._clock(), expiry=self._expiry
            )
            store.check_token(conversation, token)
            return _view(conversation)

    def owned(self, conversation_id: str, token: str | None) -> ConversationView:
        """The conversation if the token is right, expired or not: a resident may still
        delete a conversation that can no longer be continued."""
        with self._sessions() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is None:
                raise ConversationNotFound(conversation_id)
            store.check_token(conversation, token)
            return _view(conversation)

    def find(self, channel: str, channel_ref: str) -> ConversationView | None:
        """The live conversation a channel's chat maps to, if there is one."""
        with self._sessions() as session:
            conversation = session.scalars(
                select(Conversation).where(
                    Conversation.channel == channel, Conversation.channel_ref == channel_ref
                )
            ).one_or_none()
            if conversation is None or self._clock() - conversation.last_activity_at > self._expiry:
                return None
            return _view(conversation)

    def open_channel(
        self, channel: str, channel_ref: str, *, locale: str | None = None
    ) -> tuple[ConversationView, bool]:
        """The live conversation of a channel's chat, started (with its welcome) when there
        is none; True when it is new.

        A chat maps to one conversation at a time. When its conversation has expired, that
        one keeps the chat id with a suffix (``REF#ID``, so a late status message still
        finds the chat) and a new one starts.
        """
        for _ in range(3):
            found = self.find(channel, channel_ref)
            if found is not None:
                return found, False
            try:
                with unit_of_work(self._sessions) as session:
                    old = session.scalars(
                        select(Conversation).where(
                            Conversation.channel == channel, Conversation.channel_ref == channel_ref
                        )
                    ).one_or_none()
                    if old is not None:
                        if self._clock() - old.last_activity_at <= self._expiry:
                            continue  # started meanwhile by the same chat's other message
                        old.channel_ref = f"{channel_ref}#{old.id}"
                started = self.start(channel=channel, locale=locale, channel_ref=channel_ref)
            except IntegrityError:
                # The same chat's first message arrived twice at once; the other one won.
                continue
            return self.open_unchecked(started.conversation_id), True
        raise ConversationNotFound(f"{channel}:{channel_ref}")

    def open_unchecked(self, conversation_id: str) -> ConversationView:
        """A conversation by id, for a channel that has proven the chat is the resident's
        own (Telegram: the chat id); expired ones too."""
        with self._sessions() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is None:
                raise ConversationNotFound(conversation_id)
            return _view(conversation)

    def log(self, conversation_id: str, *, after_id: int = 0) -> list[LoggedMessage]:
        with self._sessions() as session:
            return store.log(session, conversation_id, after_id=after_id)

    def message(self, conversation_id: str, message_id: int) -> LoggedMessage | None:
        """One message of the conversation (a channel checking what a button belongs to)."""
        with self._sessions() as session:
            found = session.get(Message, message_id)
            if found is None or found.conversation_id != conversation_id:
                return None
            return store.to_logged(found)

    def chat_conversations(self, channel: str, channel_ref: str) -> list[str]:
        """Every conversation a channel's chat has had: the live one and expired ones."""
        with self._sessions() as session:
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

    # -- delivery by push channels ---------------------------------------------------------

    def undelivered(self, conversation_id: str, *, limit: int = 50) -> Undelivered | None:
        """The assistant's and staff's messages a push channel has not delivered yet, oldest
        first, with the conversation's language; None when the conversation is gone."""
        with self._sessions() as session:
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
            return Undelivered(locale, [store.to_logged(m) for m in session.scalars(query)])

    def mark_delivered(self, conversation_id: str, message_id: int) -> None:
        """Move the delivery cursor forward (never back) once a message has been sent."""
        with unit_of_work(self._sessions) as session:
            session.execute(
                update(Conversation)
                .where(Conversation.id == conversation_id, Conversation.delivered_id < message_id)
                .values(delivered_id=message_id)
            )

    def channel_refs(self, message_ids: Sequence[int], *, channel: str) -> dict[str, str]:
        """conversation id -> the channel's chat reference, for those of these messages that
        belong to a conversation on ``channel`` (events carry only message ids)."""
        if not message_ids:
            return {}
        with self._sessions() as session:
            rows = session.execute(
                select(Conversation.id, Conversation.channel_ref)
                .join(Message, Message.conversation_id == Conversation.id)
                .where(Message.id.in_(set(message_ids)), Conversation.channel == channel)
                .distinct()
            )
            return {cid: ref for cid, ref in rows if ref}

    def awaiting_delivery(self, *, channel: str, since: timedelta) -> dict[str, str]:
        """conversation id -> chat reference, for conversations on ``channel`` with messages
        not yet delivered that are younger than ``since`` (after a restart or an outage)."""
        cutoff = self._clock() - since
        with self._sessions() as session:
            pending = exists().where(
                Message.conversation_id == Conversation.id,
                Message.id > Conversation.delivered_id,
                Message.sender != Sender.RESIDENT.value,
                Message.created_at >= cutoff,
            )
            rows = session.execute(
                select(Conversation.id, Conversation.channel_ref).where(
                    Conversation.channel == channel, pending
                )
            )
            return {cid: ref for cid, ref in rows if ref}

    def unanswered(self, *, channel: str, since: timedelta) -> list[tuple[str, LoggedMessage]]:
        """(chat reference, message) for conversations on ``channel`` whose last message
        is the resident's, stored but not answered (the process stopped in between), and
        younger than ``since``. ``receive`` with the same ``client_id`` answers it."""
        cutoff = self._clock() - since
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
                _Resident.created_at >= cutoff,
                ~later.exists(),
            )
            .order_by(_Resident.id)
        )
        with self._sessions() as session:
            return [(ref, store.to_logged(m)) for ref, m in session.execute(query) if ref]

    # -- the resident's right to be forgotten ----------------------------------------------

    def ticket_references(self, conversation_id: str) -> list[str]:
        """The referrals this conversation made (or was told about), oldest first."""
        references: dict[str, None] = {}
        for message in self.log(conversation_id):
            if message.ticket is not None:
                references[message.ticket.reference] = None
        return list(references)

    def forget(self, conversation_id: str) -> bool:
        """Delete the conversation and every message in it, for good. False when there was
        nothing to delete. A referral already sent stays with the team: it is their record,
        with its own copy of what the resident agreed to share."""
        with unit_of_work(self._sessions) as session:
            found = session.scalar(
                select(Conversation.id).where(Conversation.id == conversation_id)
            )
            if found is None:
                return False
            # Replies point at the messages they answer: drop those links, then the rows.
            session.execute(
                update(Message)
                .where(Message.conversation_id == conversation_id)
                .values(reply_to_id=None)
            )
            session.execute(delete(Message).where(Message.conversation_id == conversation_id))
            session.execute(delete(Conversation).where(Conversation.id == conversation_id))
        logger.info("conversation %s forgotten at the resident's request", conversation_id)
        return True

    def receive(self, conversation_id: str, incoming: Incoming) -> list[LoggedMessage]:
        """Store a resident's message, then answer it. Returns the assistant's replies.

        Retrying with the same ``client_id`` returns the replies already given, or answers
        a message that was stored but not answered (a crash in between).
        """
        started = time.perf_counter()
        text = clean_text(incoming.text)
        payload = (incoming.payload or "").strip() or None
        if not text and not payload:
            raise InvalidMessage("empty_message", "the message has no text")
        if len(text) > self._max_chars:
            raise InvalidMessage(
                "message_too_long", f"the message is longer than {self._max_chars} characters"
            )
        if payload is not None and len(payload) > MAX_PAYLOAD_CHARS:
            raise InvalidMessage("invalid_payload", "the button payload is too long")

        button_of = incoming.button_of if payload is not None else None
        stored = self._store_incoming(conversation_id, text, payload, incoming.client_id, button_of)
        if isinstance(stored, list):
            return stored
        message_id, locale = stored

        understanding = self._understand(text, locale) if text else None
        return self._answer(
            conversation_id,
            message_id,
            text,
            payload,
            understanding,
            button_of=button_of,
            may_be_answered=incoming.client_id is not None,
            started=started,
        )

    def _store_incoming(
        self,
        conversation_id: str,
        text: str,
        payload: str | None,
        client_id: str | None,
        button_of: int | None = None,
    ) -> tuple[int, str] | list[LoggedMessage]:
        now = self._clock()
        try:
            with unit_of_work(self._sessions) as session:
                conversation = store.get_live(
                    session, conversation_id, now=now, expiry=self._expiry
                )
                if client_id:
                    existing = store.find_resident_message(session, conversation_id, client_id)
                    if existing is not None:
                        replies = store.replies_to(session, existing.id)
                        return replies if replies else (existing.id, conversation.locale)
                if button_of is not None and button_of < conversation.buttons_from_id:
                    raise ButtonExpired(
                        "this button belongs to a question from before a volunteer took over"
                    )
                message = Message(
                    conversation_id=conversation_id,
                    sender=Sender.RESIDENT.value,
                    text=text,
                    payload=payload,
                    client_id=client_id,
                    parts={},
                    created_at=now,
                )
                session.add(message)
                conversation.last_activity_at = now
                session.flush()
                message_id, locale = message.id, conversation.locale
        except IntegrityError:
            # The same client_id arrived twice at once; the other request stored it.
            if not client_id:
                raise
            return self._store_incoming(conversation_id, text, payload, client_id, button_of)
        self._events.publish(conversation_id, message_id)
        return message_id, locale

    def _understand(self, text: str, locale: str) -> Understanding:
        return self._analyzer.analyze(text, locale_hint=locale)

    def _answer(
        self,
        conversation_id: str,
        message_id: int,
        text: str,
        payload: str | None,
        understanding: Understanding | None,
        *,
        button_of: int | None,
        may_be_answered: bool,
        started: float,
    ) -> list[LoggedMessage]:
        """Decide and store the replies, with the conversation row locked.

        ``may_be_answered``: a retry with the same client id can race this request, so
        look for replies it already stored; a message without one is answered only here.
        """
        now = self._clock()
        with unit_of_work(self._sessions) as session:
            conversation = store.get_live(
                session, conversation_id, now=now, expiry=self._expiry, for_update=True
            )
            if may_be_answered:
                already = store.replies_to(session, message_id)
                if already:
                    return already
            read_in = conversation.state
            if understanding is not None:
                # With the state it was read in and whether a volunteer held the
                # conversation: an answer to "what is your name?", the assistant's or a
                # volunteer's, is not a question to learn from (nlu export-messages leaves
                # those out).
                store.attach_understanding(
                    session,
                    message_id,
                    {
                        **understanding.to_json(),
                        "state": read_in,
                        "held": conversation.held_by_id is not None,
                    },
                )
            if (
                conversation.held_by_id is not None
                and not is_handoff_state(conversation.state)
                and not (understanding is not None and understanding.route is Route.CRISIS)
            ):
                # A volunteer holds the conversation and answers as a person. Crisis
                # numbers still go out at once, and a referral the volunteer offered
                # (after taking over: taking over closes any question asked before) is
                # still taken down step by step by the assistant.
                self._observe(conversation, read_in, understanding, payload, (), started)
                return []
            team = store.team_chat(session, conversation_id)
            replies: Sequence[Reply]
            if (
                team is not None
                and payload is None
                and not (understanding is not None and understanding.route is Route.CRISIS)
            ):
                # A district team answered in the chat: the resident's messages are for
                # them (the inbox shows that they wrote). Say so once, then stay quiet.
                if team.passed_on:
                    conversation.last_activity_at = now
                    self._observe(conversation, read_in, understanding, payload, (), started)
                    return []
                texts = self._catalogs.get(conversation.locale)
                replies = [reply_texts.passed_on(texts, team.team)]
            else:
                turn = Turn(
                    conversation=conversation,
                    texts=self._catalogs.get(conversation.locale),
                    text=text,
                    payload=payload,
                    understanding=understanding,
                    catalogs=self._catalogs,
                    at=now,
                    message_id=message_id,
                    pressed=(
                        store.button_label(session, button_of, payload) if button_of else None
                    ),
                )
                replies = self._decider.decide(turn)
            rows = [
                store.add_reply(session, conversation, r, now=now, reply_to=message_id)
                for r in replies
            ]
            conversation.last_activity_at = now
            session.flush()
            _remember_question(conversation, rows)
            messages = [store.to_logged(m) for m in rows]
        self._publish(conversation_id, messages)
        self._observe(conversation, read_in, understanding, payload, tuple(replies), started)
        return messages

    def _observe(
        self,
        conversation: Conversation,
        read_in: str,
        understanding: Understanding | None,
        payload: str | None,
        replies: tuple[Reply, ...],
        started: float,
    ) -> None:
        try:
            self._observer(
                Answered(
                    channel=conversation.channel,
                    state=read_in,
                    route=understanding.route.value if understanding is not None else None,
                    crisis=(
                        understanding.crisis.value
                        if understanding is not None and understanding.crisis
                        else None
                    ),
                    button=payload is not None,
                    replies=replies,
                    seconds=time.perf_counter() - started,
                )
            )
        except Exception:  # metrics must never cost a resident an answer
            logger.exception("could not record the answer in the metrics")

    def offer_handoff(self, conversation_id: str, *, staff_id: int) -> list[LoggedMessage]:
        """A volunteer offers the resident a referral to the district team: the assistant
        asks for consent in the chat, and the resident takes the usual steps from there.

        Not in a conversation another person holds, nor in one whose referral is already
        under way (that would start it over and drop what the resident gave)."""
        now = self._clock()
        with unit_of_work(self._sessions) as session:
            conversation = store.get_live(
                session, conversation_id, now=now, expiry=self._expiry, for_update=True
            )
            if conversation.held_by_id not in (None, staff_id):
                raise HandoffNotOffered("held_by_other")
            if is_handoff_state(conversation.state):
                raise HandoffNotOffered("handoff_in_progress")
            question = session.scalar(
                select(Message.text)
                .where(
                    Message.conversation_id == conversation_id,
                    Message.sender == Sender.RESIDENT.value,
                    Message.text != "",
                )
                .order_by(Message.id.desc())
                .limit(1)
            )
            turn = Turn(
                conversation=conversation,
                texts=self._catalogs.get(conversation.locale),
                text=question or "",
                payload=None,
                understanding=None,
                catalogs=self._catalogs,
                at=now,
            )
            rows = [
                store.add_reply(session, conversation, r, now=now, reply_to=None)
                for r in self._decider.offer_handoff(turn)
            ]
            session.flush()
            _remember_question(conversation, rows)
            messages = [store.to_logged(m) for m in rows]
        self._publish(conversation_id, messages)
        return messages

    def notify(
        self, conversation_id: str, compose: Callable[[Texts], Sequence[Reply]]
    ) -> list[LoggedMessage]:
        """Post a message the resident did not ask for (a status change of their ticket)
        in their own language; nothing when the conversation is gone."""
        now = self._clock()
        with unit_of_work(self._sessions) as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is None:
                return []
            texts = self._catalogs.get(conversation.locale)
            rows = [
                store.add_reply(session, conversation, r, now=now, reply_to=None)
                for r in compose(texts)
            ]
            session.flush()
            messages = [store.to_logged(m) for m in rows]
        self._publish(conversation_id, messages)
        return messages

    def _publish(self, conversation_id: str, messages: Sequence[LoggedMessage]) -> None:
        for message in messages:
            self._events.publish(conversation_id, message.id)


def _remember_question(conversation: Conversation, rows: Sequence[Message]) -> None:
    """Keep the id of the message that asks the open question (the last reply, when a
    question is open), so an answer can say which question it answered."""
    if conversation.state == State.IDLE.value or not rows:
        return
    conversation.state_data = store.merged_state_data(conversation, asked_in=rows[-1].id)


def _view(conversation: Conversation) -> ConversationView:
    return ConversationView(
        id=conversation.id,
        channel=conversation.channel,
        locale=conversation.locale,
        state=State(conversation.state),
        district_id=conversation.district_id,
    )
