"""The Telegram channel: python-telegram-bot in front of the conversation engine.

Updates arrive by long polling, or by webhook in the same ASGI app (``install_webhook``):
either way python-telegram-bot puts them on its update queue and this module's handlers
turn them into ``Incoming`` messages for the engine, one chat at a time and in order, while
chats run side by side.

What the resident is sent comes from the conversation log, not from the engine's return
value: after every change a *flush* sends each assistant or staff message after the
conversation's delivery cursor, in order, and moves the cursor after each successful send.
So nothing is lost when Telegram is down for a while (the cursor waits), nothing is sent
twice when the same update arrives twice (the engine stores a message once per
``client_id``), and a message nobody asked for (a ticket's status change, a staff member's
message) reaches the chat too: the event bus tells the channel, which flushes.

While the database cannot be reached, the resident is told once, with the crisis numbers
(``bot.conversation.outage``), and a chat's message waits in its lane: it is answered when
the database is back. In webhook mode Telegram keeps it too: the webhook's answer waits
until the update's message is stored (200) or the database is found down (503, and every
update after it is answered 503 at once until the database is back), so Telegram delivers
it again and a restart meanwhile loses nothing. Long polling has already confirmed the
update to Telegram: a message waiting there is lost if the process stops first.

One process runs the channel (Telegram allows one poller, and the lanes that keep a chat in
order live in memory).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import hmac
import json
import logging
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from telegram import Bot, LinkPreviewOptions, Update
from telegram import Message as TelegramMessage
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    Application as PTBApplication,
)
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.application import Application
from bot.channels import telegram_texts
from bot.channels.telegram_format import Outgoing, direct_keyboard, parse_callback, render
from bot.channels.telegram_format import escape as _escape
from bot.conversation import payloads, replies
from bot.conversation.engine import ConversationView
from bot.conversation.errors import ButtonExpired, ConversationError, InvalidMessage
from bot.conversation.messages import Incoming, Kind, LoggedMessage
from bot.conversation.outage import is_database_down, outage_notice
from bot.conversation.payloads import Payload, PayloadKind
from bot.platform.events import ALL
from bot.platform.i18n import Texts
from nlu import Act

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
ALLOWED_UPDATES = ("message", "callback_query")
# Telegram shows "typing..." for about five seconds; refresh it while the engine works.
TYPING_EVERY_SECONDS = 4.5
# After a restart, messages not delivered within this long are still sent.
CATCH_UP = timedelta(days=2)
# Updates and button presses remembered to drop repeats.
REMEMBERED = 10_000
# Messages with buttons remembered per chat, to withdraw at a take-over (older ones are
# refused by the engine all the same).
KEPT_KEYBOARDS = 20
# The longest a webhook answer waits for its update's message to be stored; then Telegram
# is asked to deliver it again (the repeat waits for the same work, answered once).
WEBHOOK_ANSWER_WITHIN = 50.0

# A provision's website would otherwise become a large preview under every answer.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)

T = TypeVar("T")
Job = Callable[[], Awaitable[None]]

# The update whose work a chat's lane is doing (set around each update's job).
_CURRENT_UPDATE: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "telegram_update", default=None
)


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries with exponential backoff for calls to the Bot API (and the engine)."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 8.0
    # A flood wait longer than this is not slept through in a chat's lane: the undelivered
    # messages are sent by a later flush instead.
    max_retry_after: float = 30.0
    # When a flush gave up on a chat, try it again this long after (or after Telegram's
    # flood wait, when that is longer).
    reflush_delay: float = 30.0
    # While the database cannot be reached, a chat's message is tried again with pauses
    # growing up to this long.
    outage_pause: float = 30.0


class PermanentFailure(Exception):
    """Telegram will not take this message (blocked bot, unknown chat): do not retry."""


def build_ptb(
    token: str,
    *,
    base_url: str,
    webhook: bool,
    poll_timeout: float = 10.0,
    request_timeout: float = 10.0,
) -> PTBApplication:  # type: ignore[type-arg]
    """python-telegram-bot's application against ``base_url`` (Telegram's, or a local Bot
    API server); without an updater in webhook mode: updates arrive through our route."""
    builder = (
        PTBApplication.builder()
        .token(token)
        .base_url(base_url)
        .connect_timeout(request_timeout)
        .read_timeout(request_timeout)
        .write_timeout(request_timeout)
        .pool_timeout(request_timeout)
        # Chats are answered side by side; each lane may hold a connection.
        .connection_pool_size(64)
        .get_updates_read_timeout(poll_timeout + request_timeout)
        .get_updates_connect_timeout(request_timeout)
    )
    if webhook:
        builder = builder.updater(None)
    return builder.build()


class TelegramChannel:
    def __init__(
        self,
        application: Application,
        ptb: PTBApplication,  # type: ignore[type-arg]
        *,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        poll_timeout: float = 10.0,
        retry: RetryPolicy | None = None,
    ) -> None:
        if webhook_url and not webhook_secret:
            raise ValueError("webhook mode needs a secret token")
        self._app = application
        self._engine = application.conversations
        self._catalogs = application.catalogs
        self._ptb = ptb
        self._webhook_url = webhook_url
        self._webhook_secret = webhook_secret
        self._poll_timeout = poll_timeout
        self._retry = retry or RetryPolicy()
        self._lanes: dict[int, deque[Job]] = {}
        self._lane_tasks: set[asyncio.Task[None]] = set()
        self._side_tasks: set[asyncio.Task[Any]] = set()
        self._flush_queued: set[tuple[int, str]] = set()
        self._timers: set[asyncio.TimerHandle] = set()
        # chat id -> (event loop) time its flood wait ends, when longer than a lane sleeps.
        self._flood_until: dict[int, float] = {}
        self._seen_updates: OrderedDict[int, None] = OrderedDict()
        self._pressed: OrderedDict[tuple[int, int], None] = OrderedDict()
        # message id -> Telegram messages of it already sent (a long one is several).
        self._sent_parts: dict[int, int] = {}
        # chat id -> Telegram messages sent with buttons, newest last: a volunteer's
        # take-over withdraws them (the engine refuses their presses in any case).
        self._keyboards: dict[int, deque[int]] = {}
        self._events_task: asyncio.Task[None] | None = None
        # update id -> chat id: updates whose message is not stored yet.
        self._pending: dict[int, int] = {}
        # update id -> the webhook answer waiting for it: True "stored", False "again".
        self._deliveries: dict[int, asyncio.Future[bool]] = {}
        # Seen by a failed engine call, until one works again; chats told of it meanwhile.
        self._database_down = False
        self._told: set[int] = set()
        self.ready = False
        self._install_handlers()

    @property
    def bot(self) -> Bot:
        bot: Bot = self._ptb.bot
        return bot

    @property
    def webhook_mode(self) -> bool:
        return self._webhook_url is not None

    # -- life cycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect (getMe), register the commands, start receiving updates and catch up
        with what was not delivered before a restart."""
        await self._with_retry(self._ptb.initialize)
        await self._register_commands()
        await self._ptb.start()
        if self._webhook_url:
            await self._with_retry(
                lambda: self.bot.set_webhook(
                    url=self._webhook_url or "",
                    secret_token=self._webhook_secret,
                    allowed_updates=list(ALLOWED_UPDATES),
                )
            )
        else:
            assert self._ptb.updater is not None
            await self._ptb.updater.start_polling(
                timeout=timedelta(seconds=self._poll_timeout),
                allowed_updates=list(ALLOWED_UPDATES),
                bootstrap_retries=self._retry.attempts,
                error_callback=self._polling_error,
            )
        self._events_task = asyncio.create_task(self._follow_events())
        await self._catch_up()
        self.ready = True
        logger.info(
            "telegram: @%s ready (%s)",
            self.bot.username,
            "webhook" if self._webhook_url else "long polling",
        )

    async def run(self, stop: asyncio.Event) -> None:
        """Start, retrying while Telegram cannot be reached (the web app serves meanwhile),
        and stop when ``stop`` is set."""
        delay = self._retry.base_delay
        while not stop.is_set():
            try:
                await self.start()
                break
            except InvalidToken:
                logger.error("telegram: the token is refused; the channel does not start")
                await self.stop(drain_seconds=0)
                return
            except Exception as exc:
                # One line a try: an unreachable Telegram at start-up is an expected state
                # that can last a while; the traceback is only for debugging.
                logger.warning(
                    "telegram: could not start (%s: %s); trying again in %.0f s",
                    type(exc).__name__,
                    exc,
                    delay,
                )
                logger.debug("telegram: why it could not start", exc_info=True)
                await self.stop(drain_seconds=0)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), delay)
                delay = min(delay * 2, 60.0)
        await stop.wait()
        await self.stop()

    async def stop(self, *, drain_seconds: float = 10.0) -> None:
        """Stop taking updates, let the chats' lanes finish (bounded), then close."""
        self.ready = False
        updater = self._ptb.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self._ptb.running:
            await self._ptb.stop()
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()
        if self._lane_tasks:
            _, late = await asyncio.wait(set(self._lane_tasks), timeout=drain_seconds)
            for task in late:
                task.cancel()
        self._report_unanswered()
        if self._side_tasks:
            # Button answers are short calls: let them finish rather than cut them off.
            await asyncio.wait(set(self._side_tasks), timeout=drain_seconds)
        leftover = [*self._side_tasks, *self._lane_tasks]
        for task in leftover:
            task.cancel()
        await asyncio.gather(*leftover, return_exceptions=True)
        for update_id in list(self._pending):
            # Webhook: Telegram is answered 503 and delivers the update again.
            self._answer(update_id, stored=False)
        self._database_down = False
        self._told.clear()
        if self._events_task is not None:
            self._events_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._events_task
            self._events_task = None
        await self._stop_ptb()

    def _report_unanswered(self) -> None:
        """Say how many chats' messages were cut off unanswered at a stop: Telegram delivers
        them again to a webhook, but long polling already confirmed them."""
        chats = len(set(self._pending.values()))
        if not chats:
            return
        if self.webhook_mode:
            logger.info(
                "telegram: stopping with unanswered messages in %d chats; "
                "Telegram delivers them again",
                chats,
            )
        else:
            logger.warning(
                "telegram: stopping with unanswered messages in %d chats; they are lost "
                "(long polling confirmed them to Telegram)",
                chats,
            )

    async def _stop_ptb(self) -> None:
        with contextlib.suppress(Exception):
            await self._ptb.shutdown()

    async def _register_commands(self) -> None:
        """The command menu in Dutch and English (and the default language for others)."""
        calls: list[tuple[str | None, Texts]] = [
            (None, self._catalogs.get(self._app.settings.default_locale))
        ]
        calls += [(locale, self._catalogs.get(locale)) for locale in self._catalogs.locales]
        for language, texts in calls:
            commands = telegram_texts.command_descriptions(texts)

            async def register(
                commands: list[tuple[str, str]] = commands, language: str | None = language
            ) -> bool:
                return await self.bot.set_my_commands(commands, language_code=language)

            try:
                await self._with_retry(register)
            except Exception:
                logger.warning("telegram: could not register the commands (%s)", language)

    def _polling_error(self, error: Exception) -> None:
        logger.warning("telegram: polling failed, retrying: %s", error)

    # -- the webhook ------------------------------------------------------------------------

    async def accept_webhook(self, request: Request) -> Response:
        """Telegram's POST: check the secret, hand the update to the handlers, and answer
        when its message is stored (200) or cannot be (503: Telegram keeps the update and
        delivers it again). While the database is known to be down, every update is
        answered 503 at once and its chat told so, once."""
        given = request.headers.get(SECRET_HEADER, "")
        if not self._webhook_secret or not hmac.compare_digest(
            given.encode("utf-8"), self._webhook_secret.encode("utf-8")
        ):
            return JSONResponse({"ok": False, "error": "forbidden"}, status_code=403)
        if not self.ready:
            # Telegram tries again later; nothing is lost.
            return JSONResponse({"ok": False, "error": "starting"}, status_code=503)
        try:
            data = json.loads(await request.body())
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("not an update")
            update = Update.de_json(data, self.bot)
        except Exception:
            return JSONResponse({"ok": False, "error": "bad update"}, status_code=400)
        if self._database_down:
            self._tell_at_door(update)
            return JSONResponse({"ok": False, "error": "database unavailable"}, status_code=503)
        update_id = update.update_id
        answered = self._deliveries.get(update_id)
        if answered is None:
            answered = asyncio.get_running_loop().create_future()
            self._deliveries[update_id] = answered
            try:
                # The handlers only queue work in the chat's lane (_submit_update).
                await self._ptb.process_update(update)
            finally:
                if update_id not in self._pending:
                    self._answer(update_id, stored=True)  # nothing to store
        # else: a repeat of an update still being worked on waits for the same work.
        try:
            stored = await asyncio.wait_for(asyncio.shield(answered), WEBHOOK_ANSWER_WITHIN)
        except TimeoutError:
            stored = False
        if stored:
            return JSONResponse({"ok": True})
        return JSONResponse({"ok": False, "error": "try again"}, status_code=503)

    def _tell_at_door(self, update: Update) -> None:
        """An update refused while the database is down: its chat hears so once."""
        chat = update.effective_chat
        if chat is None or chat.type != "private" or chat.id in self._told:
            return
        self._told.add(chat.id)
        self._spawn(self._tell_outage(chat.id, self._locale_of(update)))

    def _answer(self, update_id: int, *, stored: bool) -> None:
        """An update's work is done (``stored``), or its message could not be stored: the
        webhook answer waiting for it says so. Not stored: a repeat of it is handled."""
        self._pending.pop(update_id, None)
        answered = self._deliveries.pop(update_id, None)
        if answered is not None and not answered.done():
            answered.set_result(stored)
        if not stored:
            self._seen_updates.pop(update_id, None)

    # -- handlers ---------------------------------------------------------------------------

    def _install_handlers(self) -> None:
        private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
        ptb = self._ptb
        ptb.add_handler(TypeHandler(Update, self._drop_repeats), group=-1)
        commands: dict[str, Callable[[int, Update], Job]] = {
            "start": self._cmd_start,
            "help": self._cmd_help,
            "taal": self._cmd_language,
            "privacy": self._cmd_privacy,
            "status": self._cmd_status,
            "vergeet": self._cmd_forget,
            "stop": self._cmd_stop,
        }
        for name, make in commands.items():
            ptb.add_handler(CommandHandler(name, self._lane_handler(make), filters=private))
        ptb.add_handler(
            MessageHandler(private & filters.COMMAND, self._lane_handler(self._cmd_help))
        )
        ptb.add_handler(
            MessageHandler(
                private & filters.TEXT & ~filters.COMMAND, self._lane_handler(self._text)
            )
        )
        ptb.add_handler(
            MessageHandler(
                private & (filters.LOCATION | filters.VENUE), self._lane_handler(self._location)
            )
        )
        unreadable = (
            filters.PHOTO
            | filters.VOICE
            | filters.AUDIO
            | filters.VIDEO
            | filters.VIDEO_NOTE
            | filters.ANIMATION
            | filters.Sticker.ALL
            | filters.Document.ALL
            | filters.CONTACT
            | filters.POLL
            | filters.Dice.ALL
        )
        ptb.add_handler(MessageHandler(private & unreadable, self._lane_handler(self._unreadable)))
        ptb.add_handler(CallbackQueryHandler(self._on_button))
        ptb.add_error_handler(self._on_error)

    async def _drop_repeats(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """The same update twice (a webhook retry) is handled once."""
        if _remember(self._seen_updates, update.update_id):
            raise ApplicationHandlerStop

    def _lane_handler(
        self, make: Callable[[int, Update], Job]
    ) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
        async def handle(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
            chat = update.effective_chat
            if chat is None or not self._within_limit(chat.id, update):
                return
            self._submit_update(chat.id, update.update_id, make(chat.id, update))

        return handle

    def _within_limit(self, chat_id: int, update: Update) -> bool:
        """A chat that sends faster than anyone types (the conversation's rate limit,
        bot/platform/ratelimit.py) is not answered for a while, and nothing of it is stored;
        it is told so, once a minute at most."""
        limits = self._app.rate_limits
        key = f"{CHANNEL}:{chat_id}"
        if limits.allows(limits.conversation_messages, key):
            return True
        if limits.allows(limits.notice, key):
            language = self._locale_of(update)

            async def job() -> None:
                texts = await self._texts_for(chat_id, language)
                await self._say(chat_id, Outgoing(_escape(telegram_texts.slow_down(texts))))

            self._submit(chat_id, job)
        return False

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        logger.error("telegram: handling an update failed", exc_info=context.error)

    # -- lanes: one chat's work in order, chats side by side --------------------------------

    def _submit(self, chat_id: int, job: Job) -> None:
        lane = self._lanes.get(chat_id)
        if lane is not None:
            lane.append(job)
            return
        self._lanes[chat_id] = deque([job])
        # A context of its own: not the webhook request's (its request id) or another
        # update's job (_CURRENT_UPDATE) that happened to start the lane.
        task = asyncio.create_task(self._run_lane(chat_id), context=contextvars.Context())
        self._lane_tasks.add(task)
        task.add_done_callback(self._lane_tasks.discard)

    async def _run_lane(self, chat_id: int) -> None:
        lane = self._lanes[chat_id]
        try:
            while lane:
                job = lane.popleft()
                try:
                    await job()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("telegram: a job for a chat failed")
        finally:
            # No await between the last check and this: nothing can be added unseen.
            if self._lanes.get(chat_id) is lane:
                del self._lanes[chat_id]

    def _submit_update(self, chat_id: int, update_id: int, job: Job) -> None:
        """An update's work, in the chat's lane. It counts as unanswered until its message
        is stored (``_receive``) or the job ends; a cancelled job stays unanswered."""
        self._pending[update_id] = chat_id

        async def tracked() -> None:
            token = _CURRENT_UPDATE.set(update_id)
            try:
                await job()
            except asyncio.CancelledError:
                raise  # still unanswered: stop() counts it, and hands a webhook's back
            except Exception:
                self._answer(update_id, stored=True)  # trying it again would fail again
                raise
            else:
                self._answer(update_id, stored=True)
            finally:
                _CURRENT_UPDATE.reset(token)

        self._submit(chat_id, tracked)

    def _spawn(self, coroutine: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._side_tasks.add(task)
        task.add_done_callback(self._side_tasks.discard)

    # -- what the resident sends -------------------------------------------------------------

    def _text(self, chat_id: int, update: Update) -> Job:
        message = update.effective_message
        assert message is not None
        text = message.text or ""
        client_id = f"tg:m:{message.message_id}"
        language = self._locale_of(update)

        async def job() -> None:
            await self._to_engine(chat_id, language, Incoming(text=text, client_id=client_id))

        return job

    def _location(self, chat_id: int, update: Update) -> Job:
        message = update.effective_message
        assert message is not None
        client_id = f"tg:m:{message.message_id}"
        language = self._locale_of(update)

        async def job() -> None:
            await self._to_engine(
                chat_id, language, Incoming(payload=payloads.LOCATION.wire, client_id=client_id)
            )

        return job

    def _unreadable(self, chat_id: int, update: Update) -> Job:
        language = self._locale_of(update)

        async def job() -> None:
            texts = await self._texts_for(chat_id, language)
            await self._say(chat_id, Outgoing(_escape(telegram_texts.only_text(texts))))

        return job

    def _cmd_start(self, chat_id: int, update: Update) -> Job:
        message = update.effective_message
        assert message is not None
        client_id = f"tg:m:{message.message_id}"
        language = self._locale_of(update)

        async def job() -> None:
            conversation, new = await self._open(chat_id, language)
            if not new:
                # Start over: the engine clears any open question and welcomes again.
                await self._receive(
                    chat_id,
                    conversation,
                    Incoming(payload=payloads.RESTART.wire, client_id=client_id),
                )
            await self._flush(chat_id, conversation.id)

        return job

    def _cmd_help(self, chat_id: int, update: Update) -> Job:
        language = self._locale_of(update)

        async def job() -> None:
            texts = await self._texts_for(chat_id, language)
            text = telegram_texts.help_text(texts, self._app.municipality.name)
            await self._say(chat_id, Outgoing(_escape(text)))

        return job

    def _cmd_privacy(self, chat_id: int, update: Update) -> Job:
        language = self._locale_of(update)

        async def job() -> None:
            texts = await self._texts_for(chat_id, language)
            municipality = self._app.municipality
            text = telegram_texts.privacy_text(
                texts,
                municipality=municipality.name,
                phone=municipality.general_contact.phone,
                days=self._app.settings.conversation_expiry_days,
                retention_days=self._app.settings.retention_days,
            )
            await self._say(chat_id, Outgoing(_escape(text)))

        return job

    def _cmd_language(self, chat_id: int, _update: Update) -> Job:
        async def job() -> None:
            locales = self._catalogs.locales
            text = telegram_texts.choose_language(self._catalogs, locales)
            keyboard = direct_keyboard(
                [(telegram_texts.LANGUAGE_NAMES.get(x, x), payloads.lang(x).wire) for x in locales],
                per_row=len(locales),
            )
            await self._say(chat_id, Outgoing(_escape(text), keyboard))

        return job

    def _cmd_status(self, chat_id: int, update: Update) -> Job:
        return self._command_to_engine(chat_id, update, payloads.STATUS)

    def _cmd_stop(self, chat_id: int, update: Update) -> Job:
        language = self._locale_of(update)
        message = update.effective_message
        assert message is not None
        client_id = f"tg:m:{message.message_id}"

        async def job() -> None:
            conversation = await self._engine_call(
                chat_id, language, lambda: self._engine.find(CHANNEL, str(chat_id))
            )
            if conversation is None:
                texts = self._catalogs.get(language)
                bye = replies.small_talk(texts, Act.BYE, self._app.municipality)
                await self._say(chat_id, Outgoing(_escape(bye.text)))
                return
            await self._receive(
                chat_id, conversation, Incoming(payload=payloads.STOP.wire, client_id=client_id)
            )
            await self._flush(chat_id, conversation.id)

        return job

    def _command_to_engine(self, chat_id: int, update: Update, payload: Payload) -> Job:
        message = update.effective_message
        assert message is not None
        client_id = f"tg:m:{message.message_id}"
        language = self._locale_of(update)

        async def job() -> None:
            incoming = Incoming(payload=payload.wire, client_id=client_id)
            await self._to_engine(chat_id, language, incoming)

        return job

    def _cmd_forget(self, chat_id: int, update: Update) -> Job:
        language = self._locale_of(update)

        async def job() -> None:
            texts = await self._texts_for(chat_id, language)
            stored = await self._engine_call(
                chat_id, language, lambda: self._engine.chat_conversations(CHANNEL, str(chat_id))
            )
            if not stored:
                await self._say(chat_id, Outgoing(_escape(telegram_texts.nothing_to_forget(texts))))
                return
            keyboard = direct_keyboard(
                [
                    (telegram_texts.forget_yes(texts), payloads.FORGET_YES.wire),
                    (telegram_texts.forget_no(texts), payloads.FORGET_NO.wire),
                ]
            )
            question = telegram_texts.forget_question(texts)
            await self._say(chat_id, Outgoing(_escape(question), keyboard))

        return job

    # -- buttons ----------------------------------------------------------------------------

    async def _on_button(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        message = query.message
        pressed = parse_callback(query.data)
        if message is None or pressed is None or message.chat.type != "private":
            self._spawn(self._answer_button(query.id, None))
            return
        chat_id = message.chat.id
        key = (chat_id, message.message_id)
        if _remember(self._pressed, key):
            # A second press on the same keyboard (a double tap, or the other button).
            texts = self._catalogs.get(self._locale_of(update))
            self._spawn(self._answer_button(query.id, telegram_texts.button_used(texts)))
            return
        # Answer at once (the button stops spinning) and take the keyboard away, so an
        # old question cannot be answered twice; the work itself waits its turn.
        self._spawn(self._answer_button(query.id, None, chat_id, message.message_id))
        language = self._locale_of(update)
        client_id = f"tg:k:{message.message_id}"

        async def job() -> None:
            direct = Payload.parse(pressed.payload)
            if direct is not None and direct.kind is PayloadKind.FORGET:
                await self._forget(chat_id, language, confirmed=direct == payloads.FORGET_YES)
                return
            conversation, _ = await self._open(chat_id, language)
            payload = pressed.payload
            if pressed.message_id is not None:
                message_id = pressed.message_id
                found = await self._engine_call(
                    chat_id, language, lambda: self._engine.message(conversation.id, message_id)
                )
                buttons = found.buttons if found is not None else ()
                if pressed.index >= len(buttons):
                    texts = self._catalogs.get(conversation.locale)
                    await self._flush(chat_id, conversation.id)
                    await self._say(chat_id, Outgoing(_escape(replies.unknown_button(texts).text)))
                    return
                payload = buttons[pressed.index].payload
            await self._receive(
                chat_id,
                conversation,
                Incoming(payload=payload, client_id=client_id, button_of=pressed.message_id),
            )
            await self._flush(chat_id, conversation.id)

        self._submit_update(chat_id, update.update_id, job)

    async def _answer_button(
        self,
        query_id: str,
        text: str | None,
        chat_id: int | None = None,
        message_id: int | None = None,
    ) -> None:
        try:
            await self._with_retry(lambda: self.bot.answer_callback_query(query_id, text=text))
        except Exception as exc:
            # Too late to answer (Telegram allows a few seconds): the press still counts.
            logger.info("telegram: could not answer a button press: %s", exc)
        if chat_id is None or message_id is None:
            return
        try:
            await self._with_retry(
                lambda: self.bot.edit_message_reply_markup(
                    chat_id=chat_id, message_id=message_id, reply_markup=None
                )
            )
        except Exception as exc:
            logger.info("telegram: could not remove a keyboard: %s", exc)

    async def _forget(self, chat_id: int, language: str, *, confirmed: bool) -> None:
        texts = await self._texts_for(chat_id, language)
        if not confirmed:
            await self._say(chat_id, Outgoing(_escape(telegram_texts.forget_kept(texts))))
            return
        stored = await self._engine_call(
            chat_id, language, lambda: self._engine.chat_conversations(CHANNEL, str(chat_id))
        )
        for conversation_id in stored:
            await self._flush(chat_id, conversation_id)
        for conversation_id in stored:
            await self._engine_call(
                chat_id, language, functools.partial(self._app.forget_conversation, conversation_id)
            )
        await self._say(chat_id, Outgoing(_escape(telegram_texts.forget_done(texts))))

    # -- the engine -------------------------------------------------------------------------

    async def _open(self, chat_id: int, language: str) -> tuple[ConversationView, bool]:
        return await self._engine_call(
            chat_id,
            language,
            lambda: self._engine.open_channel(CHANNEL, str(chat_id), locale=language),
        )

    async def _to_engine(self, chat_id: int, language: str, incoming: Incoming) -> None:
        try:
            conversation, _ = await self._open(chat_id, language)
        except Exception:
            logger.exception("telegram: no conversation for a chat")
            await self._say(
                chat_id, Outgoing(_escape(telegram_texts.sorry(self._catalogs.get(language))))
            )
            return
        async with self._typing(chat_id) as typing_done:
            await self._receive(chat_id, conversation, incoming, typing_done=typing_done)
        await self._flush(chat_id, conversation.id)

    async def _receive(
        self,
        chat_id: int,
        conversation: ConversationView,
        incoming: Incoming,
        *,
        typing_done: asyncio.Event | None = None,
    ) -> None:
        """Hand a message to the engine (again, on a failure: it is stored once). When it
        cannot be answered, the resident is told so instead of hearing nothing."""
        texts = self._catalogs.get(conversation.locale)
        try:
            await self._engine_call(
                chat_id,
                conversation.locale,
                lambda: self._engine.receive(conversation.id, incoming),
                typing_done=typing_done,
            )
            self._stored()
        except ButtonExpired:
            await self._flush(chat_id, conversation.id)
            await self._say(chat_id, Outgoing(_escape(telegram_texts.button_expired(texts))))
        except InvalidMessage as exc:
            await self._flush(chat_id, conversation.id)
            text = (
                telegram_texts.message_too_long(texts)
                if exc.code == "message_too_long"
                else telegram_texts.sorry(texts)
            )
            await self._say(chat_id, Outgoing(_escape(text)))
        except Exception:
            logger.exception("telegram: the engine could not answer a message")
            await self._flush(chat_id, conversation.id)
            await self._say(chat_id, Outgoing(_escape(telegram_texts.sorry(texts))))

    async def _engine_call(
        self,
        chat_id: int,
        language: str,
        call: Callable[[], T],
        *,
        typing_done: asyncio.Event | None = None,
    ) -> T:
        """An engine call for a chat's message. While the database cannot be reached, the
        resident hears so once (with the crisis numbers), a webhook update is handed back
        to Telegram (503), and the call is tried again, with growing pauses, until it
        works: the message is answered then, in its turn (the chat's later messages wait
        behind it). Other failures are raised."""
        waiting = False
        pause = self._retry.base_delay
        while True:
            try:
                result = await self._retrying_engine(call)
            except Exception as exc:
                if not is_database_down(exc):
                    raise
                self._database_down = True
                if not waiting:
                    waiting = True
                    logger.warning("telegram: the database cannot be reached; a chat waits")
                    if typing_done is not None:
                        typing_done.set()  # no "typing..." for as long as it takes
                    self._hand_back()
                    if chat_id not in self._told:
                        self._told.add(chat_id)
                        await self._tell_outage(chat_id, language)
            else:
                if self._database_down:
                    logger.info("telegram: the database can be reached again")
                    self._database_down = False
                    self._told.clear()
                return result
            await asyncio.sleep(pause)
            pause = min(pause * 2, self._retry.outage_pause)

    def _stored(self) -> None:
        """The current update's message is stored: its webhook answer need not wait for
        the rest of the job (sending the replies)."""
        update_id = _CURRENT_UPDATE.get()
        if update_id is not None:
            self._answer(update_id, stored=True)

    def _hand_back(self) -> None:
        """The current update's message cannot be stored now: a webhook answers 503, so
        Telegram keeps the update and delivers it again (a restart meanwhile loses
        nothing). The lane keeps trying too; the repeat is answered once (``client_id``).
        Long polling has nobody to hand it back to: it waits here only."""
        update_id = _CURRENT_UPDATE.get()
        if update_id is not None and update_id in self._deliveries:
            self._answer(update_id, stored=False)

    async def _tell_outage(self, chat_id: int, language: str) -> None:
        """Sorry, your message is answered later, and the crisis numbers: straight to the
        chat, since nothing can be stored in the log now."""
        notice = outage_notice(
            self._catalogs.get(language), self._app.municipality, answered_later=True
        )
        try:
            await self._send(chat_id, Outgoing(_escape(notice.as_text())))
        except Exception as exc:
            logger.warning("telegram: could not tell a chat of the outage: %s", exc)

    async def _retrying_engine(self, call: Callable[[], T]) -> T:
        policy = self._retry
        for attempt in range(1, policy.attempts + 1):
            try:
                return await asyncio.to_thread(call)
            except ConversationError:
                # Not found, expired, an invalid message: trying again will not change it.
                raise
            except Exception:
                if attempt >= min(policy.attempts, 3):
                    raise
                logger.warning("telegram: the engine failed; trying again", exc_info=True)
                await asyncio.sleep(_backoff(policy, attempt))
        raise AssertionError("unreachable")

    def _locale_of(self, update: Update) -> str:
        """The resident's Telegram language if we speak it, else the default."""
        user = update.effective_user
        code = ((user.language_code or "") if user is not None else "").split("-")[0].lower()
        return code if code in self._catalogs.locales else self._app.settings.default_locale

    async def _texts_for(self, chat_id: int, language: str) -> Texts:
        """The conversation's language if there is one, else the resident's Telegram one."""
        try:
            found = await asyncio.to_thread(self._engine.find, CHANNEL, str(chat_id))
        except Exception:
            found = None
        return self._catalogs.get(found.locale if found is not None else language)

    # -- delivery ---------------------------------------------------------------------------

    def request_flush(self, chat_id: int, conversation_id: str) -> None:
        """Deliver what is waiting in a chat's conversation, in its lane (at most one flush
        per conversation waits: it sends everything there is when its turn comes)."""
        key = (chat_id, conversation_id)
        if key in self._flush_queued:
            return
        self._flush_queued.add(key)

        async def job() -> None:
            self._flush_queued.discard(key)
            await self._flush(chat_id, conversation_id)

        self._submit(chat_id, job)

    async def _flush(self, chat_id: int, conversation_id: str) -> None:
        """Send every assistant and staff message after the delivery cursor, in order; the
        cursor moves after each one. On a lasting failure, try again later."""
        try:
            await self._flush_now(chat_id, conversation_id)
        except Exception:
            logger.exception("telegram: delivery failed; trying again later")
            self._later(chat_id, conversation_id)

    async def _flush_now(self, chat_id: int, conversation_id: str) -> None:
        loop = asyncio.get_running_loop()
        held = self._flood_until.get(chat_id, 0.0) - loop.time()
        if held > 0:
            # Telegram asked for a pause in this chat: a flush asked for meanwhile (a new
            # message, an event) waits for its end too.
            self._later(chat_id, conversation_id, held)
            return
        self._flood_until.pop(chat_id, None)
        while True:
            pending = await asyncio.to_thread(self._engine.undelivered, conversation_id)
            if pending is None or not pending.messages:
                return
            texts = self._catalogs.get(pending.locale)
            for message in pending.messages:
                if message.kind is Kind.TAKEOVER:
                    await self._withdraw_keyboards(chat_id)
                parts = render(message, texts)
                done = self._sent_parts.get(message.id, 0)
                try:
                    for index, part in enumerate(parts):
                        if index < done:
                            continue
                        await self._send(chat_id, part)
                        self._sent_parts[message.id] = index + 1
                except PermanentFailure as exc:
                    logger.warning("telegram: message %s not delivered: %s", message.id, exc)
                except Exception as exc:
                    logger.warning(
                        "telegram: delivery to a chat failed; trying again later: %s", exc
                    )
                    wait = 0.0
                    if isinstance(exc, RetryAfter):
                        # A flood wait too long to sleep through in the lane: nothing more
                        # goes to this chat before it ends.
                        wait = _retry_after_seconds(exc)
                        self._flood_until[chat_id] = loop.time() + wait
                    self._later(chat_id, conversation_id, wait)
                    return
                self._sent_parts.pop(message.id, None)
                await asyncio.to_thread(self._engine.mark_delivered, conversation_id, message.id)

    async def _withdraw_keyboards(self, chat_id: int) -> None:
        """Take the buttons off the chat's earlier messages: a volunteer took over, so the
        questions they answer are closed."""
        for message_id in self._keyboards.pop(chat_id, ()):
            try:
                await self._with_retry(
                    functools.partial(
                        self.bot.edit_message_reply_markup,
                        chat_id=chat_id,
                        message_id=message_id,
                        reply_markup=None,
                    )
                )
            except Exception as exc:  # gone, or already without buttons: nothing to take
                logger.info("telegram: could not remove a keyboard: %s", exc)

    def _later(self, chat_id: int, conversation_id: str, at_least: float = 0.0) -> None:
        loop = asyncio.get_running_loop()

        def fire() -> None:
            self._timers.discard(handle)
            self.request_flush(chat_id, conversation_id)

        handle = loop.call_later(max(self._retry.reflush_delay, at_least), fire)
        self._timers.add(handle)

    async def _say(self, chat_id: int, outgoing: Outgoing) -> None:
        """Send something the channel says itself (not in the log), after what waits (when
        the database can tell what waits; else at once)."""
        try:
            stored = await asyncio.to_thread(self._engine.find, CHANNEL, str(chat_id))
        except Exception as exc:
            if not is_database_down(exc):
                raise
            stored = None
        if stored is not None:
            await self._flush(chat_id, stored.id)
        try:
            await self._send(chat_id, outgoing)
        except Exception as exc:
            logger.warning("telegram: could not send to a chat: %s", exc)

    async def _send(self, chat_id: int, outgoing: Outgoing) -> None:
        """One message, retried on flood waits, server errors and timeouts (bounded)."""
        sent = await self._send_once(chat_id, outgoing)
        if outgoing.keyboard is not None and sent is not None:
            kept = self._keyboards.setdefault(chat_id, deque(maxlen=KEPT_KEYBOARDS))
            kept.append(sent.message_id)

    async def _send_once(self, chat_id: int, outgoing: Outgoing) -> TelegramMessage | None:
        try:
            return await self._with_retry(
                lambda: self.bot.send_message(
                    chat_id,
                    outgoing.html,
                    parse_mode=ParseMode.HTML,
                    reply_markup=outgoing.keyboard,
                    link_preview_options=NO_PREVIEW,
                )
            )
        except BadRequest as exc:
            if "parse" not in str(exc).lower():
                raise PermanentFailure(str(exc)) from exc
            # Our HTML should always parse; if not, the words matter more than the markup.
            logger.error("telegram: HTML refused (%s); sending plain text", exc)
            try:
                return await self._with_retry(
                    lambda: self.bot.send_message(
                        chat_id, outgoing.plain, reply_markup=outgoing.keyboard
                    )
                )
            except BadRequest as again:
                raise PermanentFailure(str(again)) from again
        except Forbidden as exc:
            raise PermanentFailure(str(exc)) from exc

    async def _with_retry(self, call: Callable[[], Awaitable[T]]) -> T:
        policy = self._retry
        for attempt in range(1, policy.attempts + 1):
            try:
                return await call()
            except RetryAfter as exc:
                wait = _retry_after_seconds(exc)
                if wait > policy.max_retry_after or attempt >= policy.attempts:
                    raise
                logger.info("telegram: flood wait of %.1f s", wait)
                await asyncio.sleep(wait)
            except (BadRequest, Forbidden, InvalidToken):
                raise
            except NetworkError:
                # Server errors (5xx), timeouts, connection failures.
                if attempt >= policy.attempts:
                    raise
                await asyncio.sleep(_backoff(policy, attempt))
        raise AssertionError("unreachable")

    @contextlib.asynccontextmanager
    async def _typing(self, chat_id: int) -> AsyncIterator[asyncio.Event]:
        """'typing...' in the chat while the engine works (best effort), until the block
        ends or sets the event it is given. The loop is told to end rather than
        cancelled, so no request is cut off halfway."""
        done = asyncio.Event()

        async def keep_typing() -> None:
            while not done.is_set():
                with contextlib.suppress(Exception):
                    await self.bot.send_chat_action(chat_id, ChatAction.TYPING)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(done.wait(), TYPING_EVERY_SECONDS)

        task = asyncio.create_task(keep_typing())
        try:
            yield done
        finally:
            done.set()
            await task

    # -- messages nobody asked for ------------------------------------------------------------

    async def _follow_events(self) -> None:
        """New messages in any conversation: flush the Telegram ones (a ticket's status
        change, a staff member's message)."""
        async with self._app.events.subscribe(ALL) as queue:
            while True:
                ids = [await queue.get()]
                while not queue.empty():
                    ids.append(queue.get_nowait())
                try:
                    refs = await asyncio.to_thread(self._engine.channel_refs, ids, channel=CHANNEL)
                except Exception:
                    logger.exception("telegram: could not look up new messages")
                    continue
                for conversation_id, ref in refs.items():
                    chat_id = _chat_id(ref)
                    if chat_id is not None:
                        self.request_flush(chat_id, conversation_id)

    async def _catch_up(self) -> None:
        """After a restart: answer what was stored but not answered, and deliver what was
        answered but not delivered."""
        unanswered = await asyncio.to_thread(
            self._engine.unanswered, channel=CHANNEL, since=CATCH_UP
        )
        for ref, message in unanswered:
            chat_id = _chat_id(ref)
            if chat_id is not None:
                self._submit(chat_id, self._answer_again(chat_id, message))
        waiting = await asyncio.to_thread(
            self._engine.awaiting_delivery, channel=CHANNEL, since=CATCH_UP
        )
        for conversation_id, ref in waiting.items():
            chat_id = _chat_id(ref)
            if chat_id is not None:
                self.request_flush(chat_id, conversation_id)

    def _answer_again(self, chat_id: int, message: LoggedMessage) -> Job:
        incoming = Incoming(text=message.text, payload=message.payload, client_id=message.client_id)

        async def job() -> None:
            try:
                await self._retrying_engine(
                    lambda: self._engine.receive(message.conversation_id, incoming)
                )
            except Exception:
                logger.exception("telegram: could not answer a message stored before a restart")
            await self._flush(chat_id, message.conversation_id)

        return job


def from_settings(application: Application) -> TelegramChannel | None:
    """The channel the settings ask for: none without a token; long polling, or a webhook
    when ``telegram_webhook_url`` is set."""
    settings = application.settings
    if settings.telegram_token is None or not settings.telegram_token.get_secret_value():
        return None
    webhook_url = settings.telegram_webhook_url or None
    secret = settings.telegram_webhook_secret
    ptb = build_ptb(
        settings.telegram_token.get_secret_value(),
        base_url=settings.telegram_base_url,
        webhook=webhook_url is not None,
    )
    return TelegramChannel(
        application,
        ptb,
        webhook_url=webhook_url,
        webhook_secret=secret.get_secret_value() if secret is not None else None,
    )


def install_webhook(app: FastAPI, channel: TelegramChannel) -> None:
    """Telegram's webhook route in the web app (same process, same event loop)."""

    async def telegram_webhook(request: Request) -> Response:
        return await channel.accept_webhook(request)

    app.add_api_route(WEBHOOK_PATH, telegram_webhook, methods=["POST"], include_in_schema=False)


def _remember(seen: OrderedDict[Any, None], key: Any) -> bool:
    """True if ``key`` was seen before; remembers it (the last ``REMEMBERED`` keys)."""
    if key in seen:
        seen.move_to_end(key)
        return True
    seen[key] = None
    if len(seen) > REMEMBERED:
        seen.popitem(last=False)
    return False


def _chat_id(ref: str) -> int | None:
    head = ref.partition("#")[0]
    try:
        return int(head)
    except ValueError:
        return None


def _backoff(policy: RetryPolicy, attempt: int) -> float:
    return float(min(policy.base_delay * 2 ** (attempt - 1), policy.max_delay))


def _retry_after_seconds(exc: RetryAfter) -> float:
    value = getattr(exc, "_retry_after", None)
    if isinstance(value, timedelta):
        return value.total_seconds()
    return 1.0
