"""A push channel: a messaging service that pushes residents' messages to us (a webhook,
or long polling) and takes ours one call at a time, in front of the conversation engine.
Telegram is one; WhatsApp or SMS would be others.

Everything here is the same for every such service; a channel subclasses ``PushChannel``
and writes its transport: how a logged message looks on the service and how one part of
it is sent (``render``, ``notice``, ``send``), which of its exceptions are flood waits,
refusals or passing failures (``errors``), and how its updates arrive. The machinery:

- lanes (bot/channels/lanes.py): a chat's messages are answered one at a time and in
  order, while chats run side by side;
- intake (bot/channels/intake.py): an update counts as unanswered until its message is
  stored, and a webhook's answer waits for that; a repeat is handled once;
- delivery (bot/channels/delivery.py): what the resident is sent comes from the
  conversation log, after its delivery cursor, so nothing is lost while the service is
  down and nothing is sent twice; a message nobody asked for (a ticket's status change, a
  staff member's message) reaches the chat too: the event bus tells the channel, which
  flushes;
- the retry policy (bot/channels/retry.py): backoff, and the service's flood waits;
- here: the engine, and the database-outage state.

While the database cannot be reached, the resident is told once, with the crisis numbers
(``bot.conversation.outage``), and a chat's message waits in its lane: it is answered when
the database is back. A webhook's update is handed back to the service meanwhile, so a
restart loses nothing; long polling has already confirmed it, so it is lost if the
process stops first.

One process runs a channel: the lanes that keep a chat in order live in memory.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from bot.application import Application
from bot.channels.delivery import Delivery
from bot.channels.intake import Intake
from bot.channels.lanes import Job, Lanes
from bot.channels.retry import PermanentFailure, RetryPolicy, TransportErrors, with_retry
from bot.conversation import ConversationView
from bot.conversation.errors import ConversationError
from bot.conversation.messages import Incoming, LoggedMessage
from bot.conversation.outage import is_database_down, outage_notice
from bot.platform.errors import error_codes
from bot.platform.events import ALL
from bot.platform.i18n import Texts

T = TypeVar("T")
Part = TypeVar("Part")

# After a restart, messages not delivered within this long are still sent.
CATCH_UP = timedelta(days=2)


class ChannelLog(logging.LoggerAdapter[logging.Logger]):
    """A channel's log lines start with its name ("telegram: ...")."""

    def __init__(self, logger: logging.Logger, channel: str) -> None:
        super().__init__(logger, {})
        self._prefix = f"{channel}: "

    def process(
        self, msg: Any, kwargs: MutableMapping[str, Any]
    ) -> tuple[Any, MutableMapping[str, Any]]:
        return f"{self._prefix}{msg}", kwargs


@dataclass(frozen=True)
class ChannelTexts:
    """What a channel says itself when the engine does not answer, in the resident's
    language."""

    # An unexpected failure (logged).
    sorry: Callable[[Texts], str]
    # A chat over the conversation's rate limit.
    slow_down: Callable[[Texts], str]
    # An error the engine raises on purpose (a button that expired, a message too long), by
    # its code (bot/conversation/errors.py): the error's own code, else its parent class's.
    refusals: Mapping[str, Callable[[Texts], str]]

    def refusal(self, error: Exception, texts: Texts) -> str | None:
        """The text for ``error``; None when neither its code nor a parent's is in the table."""
        for code in error_codes(error):
            if code in self.refusals:
                return self.refusals[code](texts)
        return None


class PushChannel(abc.ABC, Generic[Part]):
    # The conversations' channel, and the start of the channel's log lines.
    name: ClassVar[str]
    # The service's own name, in log lines.
    service: ClassVar[str]
    # What the transport's exceptions mean to the retry policy.
    errors: TransportErrors

    def __init__(
        self,
        application: Application,
        *,
        texts: ChannelTexts,
        logger: logging.Logger,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.app = application
        self.engine = application.conversations
        self.catalogs = application.catalogs
        self.retry = retry or RetryPolicy()
        self.texts = texts
        self.log = ChannelLog(logger, self.name)
        self.lanes = Lanes(self.log)
        self.intake = Intake()
        self.delivery: Delivery[Part] = Delivery(
            self,
            engine=self.engine,
            catalogs=self.catalogs,
            lanes=self.lanes,
            retry=self.retry,
            log=self.log,
        )
        # Seen by a failed engine call, until one works again; chats told of it meanwhile.
        self.database_down = False
        self._told: set[int] = set()
        self._events_task: asyncio.Task[None] | None = None
        self.ready = False

    # -- the transport: what a channel writes ------------------------------------------------

    @abc.abstractmethod
    def render(self, message: LoggedMessage, texts: Texts) -> Sequence[Part]:
        """A logged message as the service shows it (several parts when it is long)."""

    @abc.abstractmethod
    def notice(self, text: str) -> Part:
        """Plain words the channel says itself."""

    @abc.abstractmethod
    async def send(self, chat_id: int, part: Part) -> None:
        """Send one part, retried as the policy allows (``with_retry``). Raises
        ``PermanentFailure`` when the service will never take it, one of
        ``errors.failed`` when not now."""

    async def before_delivering(self, chat_id: int, message: LoggedMessage) -> None:
        """Called before a logged message is delivered (nothing by default)."""

    def typing(self, chat_id: int) -> contextlib.AbstractAsyncContextManager[asyncio.Event]:
        """Shows the chat that an answer is coming, until the block ends or sets the event
        it is given (nothing by default)."""
        return _not_typing()

    @property
    def webhook_mode(self) -> bool:
        """Updates arrive by webhook: one not confirmed is delivered again."""
        return False

    async def with_retry(self, call: Callable[[], Awaitable[T]]) -> T:
        """A call to the service, tried again as the retry policy says."""
        return await with_retry(call, self.retry, self.errors, self.log)

    # -- life cycle --------------------------------------------------------------------------

    async def begin_delivery(self) -> None:
        """Follow new messages in every conversation, and catch up with what was not
        answered or delivered before a restart."""
        self._events_task = asyncio.create_task(self._follow_events())
        await self._catch_up()

    async def end_delivery(self, *, drain_seconds: float) -> None:
        """Let the chats' lanes finish (bounded), hand back what is not stored, and stop
        following new messages."""
        self.delivery.cancel_timers()
        await self.lanes.drain(drain_seconds)
        self._report_unanswered()
        await self.lanes.close(drain_seconds)
        # Webhook: the service is told "not stored" and delivers the update again.
        self.intake.hand_back_all()
        self.database_down = False
        self._told.clear()
        if self._events_task is not None:
            self._events_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._events_task
            self._events_task = None

    def _report_unanswered(self) -> None:
        """Say how many chats' messages were cut off unanswered at a stop: the service
        delivers them again to a webhook, but long polling already confirmed them."""
        chats = self.intake.unanswered_chats()
        if not chats:
            return
        if self.webhook_mode:
            self.log.info(
                "stopping with unanswered messages in %d chats; %s delivers them again",
                chats,
                self.service,
            )
        else:
            self.log.warning(
                "stopping with unanswered messages in %d chats; they are lost "
                "(long polling confirmed them to %s)",
                chats,
                self.service,
            )

    # -- a chat's work, and what the channel says itself -------------------------------------

    def submit_update(self, chat_id: int, update_id: int, job: Job) -> None:
        """An update's work, in the chat's lane; unanswered until its message is stored."""
        self.lanes.submit(chat_id, self.intake.track(chat_id, update_id, job))

    def request_flush(self, chat_id: int, conversation_id: str) -> None:
        """Deliver what is waiting in a chat's conversation, in its lane."""
        self.delivery.request_flush(chat_id, conversation_id)

    async def flush(self, chat_id: int, conversation_id: str) -> None:
        """Deliver what is waiting in a chat's conversation, now (from its lane)."""
        await self.delivery.flush(chat_id, conversation_id)

    async def say(self, chat_id: int, part: Part) -> None:
        """Send something the channel says itself (not in the log), after what waits (when
        the database can tell what waits; else at once)."""
        try:
            stored = await asyncio.to_thread(self.engine.find, self.name, str(chat_id))
        except SQLAlchemyError as exc:
            if not is_database_down(exc):
                raise
            stored = None
        if stored is not None:
            await self.flush(chat_id, stored.id)
        await self._send_or_log(chat_id, part, "could not send to a chat")

    async def _send_or_log(self, chat_id: int, part: Part, failed: str) -> None:
        refused: tuple[type[Exception], ...] = (PermanentFailure, *self.errors.failed)
        try:
            await self.send(chat_id, part)
        except refused as exc:
            self.log.warning("%s: %s", failed, exc)

    def within_limit(self, chat_id: int, language: str) -> bool:
        """A chat that sends faster than anyone types (the conversation's rate limit,
        bot/platform/ratelimit.py) is not answered for a while, and nothing of it is
        stored; it is told so, once a minute at most."""
        limits = self.app.rate_limits
        key = f"{self.name}:{chat_id}"
        if limits.allows(limits.conversation_messages, key):
            return True
        if limits.allows(limits.notice, key):

            async def job() -> None:
                texts = await self.texts_for(chat_id, language)
                await self.say(chat_id, self.notice(self.texts.slow_down(texts)))

            self.lanes.submit(chat_id, job)
        return False

    async def texts_for(self, chat_id: int, language: str) -> Texts:
        """The conversation's language if there is one, else the resident's own."""
        try:
            found = await asyncio.to_thread(self.engine.find, self.name, str(chat_id))
        except SQLAlchemyError:  # the database cannot tell: the resident's own language
            found = None
        return self.catalogs.get(found.locale if found is not None else language)

    # -- the engine --------------------------------------------------------------------------

    async def open(self, chat_id: int, language: str) -> tuple[ConversationView, bool]:
        """The chat's live conversation (started, with its welcome, if there is none)."""
        return await self.engine_call(
            chat_id,
            language,
            lambda: self.engine.open_channel(self.name, str(chat_id), locale=language),
        )

    async def to_engine(self, chat_id: int, language: str, incoming: Incoming) -> None:
        """A resident's message to the chat's conversation, answered and delivered."""
        try:
            conversation, _ = await self.open(chat_id, language)
        except Exception:
            # Whatever stops it, the resident hears "sorry" rather than nothing.
            self.log.exception("no conversation for a chat")
            sorry = self.texts.sorry(self.catalogs.get(language))
            await self.say(chat_id, self.notice(sorry))
            return
        async with self.typing(chat_id) as typing_done:
            await self.receive(chat_id, conversation, incoming, typing_done=typing_done)
        await self.flush(chat_id, conversation.id)

    async def receive(
        self,
        chat_id: int,
        conversation: ConversationView,
        incoming: Incoming,
        *,
        typing_done: asyncio.Event | None = None,
    ) -> None:
        """Hand a message to the engine (again, on a failure: it is stored once). When it
        cannot be answered, the resident is told so instead of hearing nothing."""
        texts = self.catalogs.get(conversation.locale)
        try:
            await self.engine_call(
                chat_id,
                conversation.locale,
                lambda: self.engine.receive(conversation.id, incoming),
                typing_done=typing_done,
            )
        except Exception as exc:
            # Whatever stops the answer, the resident hears why (a refusal in the table)
            # or "sorry" (anything else: logged) rather than nothing.
            text = self.texts.refusal(exc, texts)
            if text is None:
                self.log.exception("the engine could not answer a message")
                text = self.texts.sorry(texts)
            await self.flush(chat_id, conversation.id)
            await self.say(chat_id, self.notice(text))
            return
        self.intake.stored()

    async def engine_call(
        self,
        chat_id: int,
        language: str,
        call: Callable[[], T],
        *,
        typing_done: asyncio.Event | None = None,
    ) -> T:
        """An engine call for a chat's message. While the database cannot be reached, the
        resident hears so once (with the crisis numbers), a webhook update is handed back
        to the service, and the call is tried again, with growing pauses, until it works:
        the message is answered then, in its turn (the chat's later messages wait behind
        it). Other failures are raised."""
        waiting = False
        pause = self.retry.base_delay
        while True:
            try:
                result = await self._retrying_engine(call)
            except SQLAlchemyError as exc:
                if not is_database_down(exc):
                    raise
                self.database_down = True
                if not waiting:
                    waiting = True
                    self.log.warning("the database cannot be reached; a chat waits")
                    if typing_done is not None:
                        typing_done.set()  # no "typing..." for as long as it takes
                    self.intake.hand_back()
                    if self._first_to_hear(chat_id):
                        await self.tell_outage(chat_id, language)
            else:
                if self.database_down:
                    self.log.info("the database can be reached again")
                    self.database_down = False
                    self._told.clear()
                return result
            await asyncio.sleep(pause)
            pause = min(pause * 2, self.retry.outage_pause)

    async def _retrying_engine(self, call: Callable[[], T]) -> T:
        policy = self.retry
        for attempt in range(1, policy.attempts + 1):
            try:
                return await asyncio.to_thread(call)
            except ConversationError:
                # Not found, expired, an invalid message: trying again will not change it.
                raise
            except Exception:
                # The engine's failures have no type of their own (the database, a Rasa
                # server, a bug): a few tries, then the caller decides.
                if attempt >= min(policy.attempts, 3):
                    raise
                self.log.warning("the engine failed; trying again", exc_info=True)
                await asyncio.sleep(policy.backoff(attempt))
        raise AssertionError("unreachable")

    # -- the database outage -----------------------------------------------------------------

    def _first_to_hear(self, chat_id: int) -> bool:
        """True the first time a chat is about to hear of the outage (once per outage)."""
        if chat_id in self._told:
            return False
        self._told.add(chat_id)
        return True

    def tell_outage_soon(self, chat_id: int, language: str) -> None:
        """An update refused at the door while the database is down: its chat hears so,
        once, beside the lanes."""
        if self._first_to_hear(chat_id):
            self.lanes.spawn(self.tell_outage(chat_id, language))

    async def tell_outage(self, chat_id: int, language: str) -> None:
        """Sorry, your message is answered later, and the crisis numbers: straight to the
        chat, since nothing can be stored in the log now."""
        notice = outage_notice(
            self.catalogs.get(language), self.app.municipality, answered_later=True
        )
        await self._send_or_log(
            chat_id, self.notice(notice.as_text()), "could not tell a chat of the outage"
        )

    # -- messages nobody asked for, and a restart ---------------------------------------------

    async def _follow_events(self) -> None:
        """New messages in any conversation: flush this channel's (a ticket's status
        change, a staff member's message)."""
        async with self.app.events.subscribe(ALL) as queue:
            while True:
                ids = [await queue.get()]
                while not queue.empty():
                    ids.append(queue.get_nowait())
                try:
                    refs = await asyncio.to_thread(self.engine.channel_refs, ids, channel=self.name)
                except Exception:
                    # Whatever failed, the loop goes on: it is the only way a message
                    # nobody asked for reaches a chat before a restart.
                    self.log.exception("could not look up new messages")
                    continue
                for conversation_id, ref in refs.items():
                    chat_id = chat_of(ref)
                    if chat_id is not None:
                        self.request_flush(chat_id, conversation_id)

    async def _catch_up(self) -> None:
        """After a restart: answer what was stored but not answered, and deliver what was
        answered but not delivered."""
        unanswered = await asyncio.to_thread(
            self.engine.unanswered, channel=self.name, since=CATCH_UP
        )
        for ref, message in unanswered:
            chat_id = chat_of(ref)
            if chat_id is not None:
                self.lanes.submit(chat_id, self._answer_again(message))
                # Then what waits is delivered, even if answering failed (the lane logs it).
                self.request_flush(chat_id, message.conversation_id)
        waiting = await asyncio.to_thread(
            self.engine.awaiting_delivery, channel=self.name, since=CATCH_UP
        )
        for conversation_id, ref in waiting.items():
            chat_id = chat_of(ref)
            if chat_id is not None:
                self.request_flush(chat_id, conversation_id)

    def _answer_again(self, message: LoggedMessage) -> Job:
        incoming = Incoming(text=message.text, payload=message.payload, client_id=message.client_id)

        async def job() -> None:
            await self._retrying_engine(
                lambda: self.engine.receive(message.conversation_id, incoming)
            )

        return job


@contextlib.asynccontextmanager
async def _not_typing() -> AsyncIterator[asyncio.Event]:
    yield asyncio.Event()


def chat_of(ref: str) -> int | None:
    """The chat of a conversation's channel reference ("<chat>", or "<chat>#<n>" for a
    chat's earlier conversations)."""
    head = ref.partition("#")[0]
    try:
        return int(head)
    except ValueError:
        return None
