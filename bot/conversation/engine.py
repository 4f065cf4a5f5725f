"""The conversation engine: one resident message in, the assistant's replies out.

Channel-free. A message is stored (and committed) before anything else happens, so it is
never lost; replies are decided from the conversation's state and what the NLU
understood, and stored in one unit of work with the new state.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation import delivery, notices, store
from bot.conversation import replies as reply_texts
from bot.conversation.decide import Decider
from bot.conversation.delivery import Undelivered
from bot.conversation.errors import (
    ButtonExpired,
    ConversationNotFound,
    EmptyMessage,
    HandoffNotOffered,
    HeldByOther,
    InvalidPayload,
    MessageTooLong,
)
from bot.conversation.messages import Incoming, LoggedMessage, Reply
from bot.conversation.results import Answered, ConversationView, Started
from bot.conversation.states import State, is_handoff_state
from bot.conversation.turn import Turn
from bot.platform.clock import Clock
from bot.platform.db import unit_of_work
from bot.platform.events import EventBus
from bot.platform.i18n import Catalogs, Texts
from bot.platform.models import Conversation, Message
from bot.platform.text import clean_text
from bot.privacy.deletion import delete_conversations
from nlu import Analyzer, Route, Understanding

logger = logging.getLogger(__name__)

MAX_PAYLOAD_CHARS = 200


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
            conversation = store.new_conversation(
                session,
                channel=channel,
                channel_ref=channel_ref,
                token=token,
                locale=locale,
                now=now,
            )
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
            return ConversationView.of(conversation)

    def owned(self, conversation_id: str, token: str | None) -> ConversationView:
        """The conversation if the token is right, expired or not: a resident may still
        delete a conversation that can no longer be continued."""
        with self._sessions() as session:
            conversation = store.get(session, conversation_id)
            store.check_token(conversation, token)
            return ConversationView.of(conversation)

    def find(self, channel: str, channel_ref: str) -> ConversationView | None:
        """The live conversation a channel's chat maps to, if there is one."""
        with self._sessions() as session:
            conversation = store.of_chat(session, channel, channel_ref)
            if conversation is None or self._clock() - conversation.last_activity_at > self._expiry:
                return None
            return ConversationView.of(conversation)

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
                    old = store.of_chat(session, channel, channel_ref)
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
            return ConversationView.of(store.get(session, conversation_id))

    def log(self, conversation_id: str, *, after_id: int = 0) -> list[LoggedMessage]:
        with self._sessions() as session:
            return store.log(session, conversation_id, after_id=after_id)

    def message(self, conversation_id: str, message_id: int) -> LoggedMessage | None:
        """One message of the conversation (a channel checking what a button belongs to)."""
        with self._sessions() as session:
            return store.message_in(session, conversation_id, message_id)

    def chat_conversations(self, channel: str, channel_ref: str) -> list[str]:
        """Every conversation a channel's chat has had: the live one and expired ones."""
        with self._sessions() as session:
            return store.chat_conversation_ids(session, channel, channel_ref)

    # -- delivery by push channels ---------------------------------------------------------

    def undelivered(self, conversation_id: str, *, limit: int = 50) -> Undelivered | None:
        """The assistant's and staff's messages a push channel has not delivered yet, oldest
        first, with the conversation's language; None when the conversation is gone."""
        with self._sessions() as session:
            return delivery.undelivered(session, conversation_id, limit=limit)

    def mark_delivered(self, conversation_id: str, message_id: int) -> None:
        """Move the delivery cursor forward (never back) once a message has been sent."""
        with unit_of_work(self._sessions) as session:
            delivery.mark_delivered(session, conversation_id, message_id)

    def channel_refs(self, message_ids: Sequence[int], *, channel: str) -> dict[str, str]:
        """conversation id -> the channel's chat reference, for those of these messages that
        belong to a conversation on ``channel`` (events carry only message ids)."""
        with self._sessions() as session:
            return delivery.channel_refs(session, message_ids, channel=channel)

    def awaiting_delivery(self, *, channel: str, since: timedelta) -> dict[str, str]:
        """conversation id -> chat reference, for conversations on ``channel`` with messages
        not yet delivered that are younger than ``since`` (after a restart or an outage)."""
        cutoff = self._clock() - since
        with self._sessions() as session:
            return delivery.awaiting_delivery(session, channel=channel, since=cutoff)

    def unanswered(self, *, channel: str, since: timedelta) -> list[tuple[str, LoggedMessage]]:
        """(chat reference, message) for conversations on ``channel`` whose last message
        is the resident's, stored but not answered (the process stopped in between), and
        younger than ``since``. ``receive`` with the same ``client_id`` answers it."""
        cutoff = self._clock() - since
        with self._sessions() as session:
            return delivery.unanswered(session, channel=channel, since=cutoff)

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
            deleted = delete_conversations(session, [conversation_id])
        if not deleted.conversations:
            return False
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
            raise EmptyMessage("the message has no text")
        if len(text) > self._max_chars:
            raise MessageTooLong(f"the message is longer than {self._max_chars} characters")
        if payload is not None and len(payload) > MAX_PAYLOAD_CHARS:
            raise InvalidPayload("the button payload is too long")

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
                    existing = store.find_by_client_id(session, conversation_id, client_id)
                    if existing is not None:
                        replies = store.replies_to(session, existing.id)
                        return replies if replies else (existing.id, conversation.locale)
                if button_of is not None and button_of < conversation.buttons_from_id:
                    raise ButtonExpired(
                        "this button belongs to a question from before a volunteer took over"
                    )
                message = store.add_resident_message(
                    session,
                    conversation,
                    text=text,
                    payload=payload,
                    client_id=client_id,
                    now=now,
                )
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
                    session=session,
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
                raise HeldByOther()
            if is_handoff_state(conversation.state):
                raise HandoffNotOffered()
            question = store.last_resident_text(session, conversation_id)
            turn = Turn(
                conversation=conversation,
                texts=self._catalogs.get(conversation.locale),
                text=question or "",
                payload=None,
                understanding=None,
                catalogs=self._catalogs,
                at=now,
                session=session,
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
        self,
        conversation_id: str,
        compose: Callable[[Texts], Sequence[Reply]],
        *,
        session: Session | None = None,
    ) -> list[LoggedMessage]:
        """Post a message the resident did not ask for (a status change of their ticket)
        in their own language; nothing when the conversation is gone.

        With ``session`` it is written in the caller's transaction, beside the change it
        announces (``bot.conversation.notices``), and published once that commits."""
        now = self._clock()
        if session is not None:
            messages = notices.write(session, self._catalogs, conversation_id, compose, now=now)
            notices.publish_after_commit(session, self._events, conversation_id, messages)
            return messages
        with unit_of_work(self._sessions) as own:
            messages = notices.write(own, self._catalogs, conversation_id, compose, now=now)
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
