"""The Telegram channel: python-telegram-bot in front of the conversation engine, on the
push channel's machinery (bot/channels/base.py: lanes, delivery cursor, retries, the
database outage).

Updates arrive by long polling, or by webhook in the same ASGI app (webhook.py): either
way python-telegram-bot puts them on its update queue and the handlers (handlers.py) turn
them into ``Incoming`` messages for the engine, one chat at a time and in order, while
chats run side by side. What the resident is sent is the conversation log rendered as
Telegram HTML (format.py), through the Bot API (bot_api.py).

One process runs the channel (Telegram allows one poller, and the lanes that keep a chat
in order live in memory).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from datetime import timedelta

from telegram import Bot, Update
from telegram.error import InvalidToken
from telegram.ext import Application as PTBApplication

from bot.application import Application
from bot.channels.base import ChannelTexts, PushChannel
from bot.channels.retry import RetryPolicy
from bot.channels.telegram import texts as telegram_texts
from bot.channels.telegram.bot_api import ERRORS, BotApi, build_ptb
from bot.channels.telegram.format import Outgoing, escape, render
from bot.channels.telegram.handlers import Handlers
from bot.conversation.messages import Kind, LoggedMessage
from bot.platform.i18n import Texts

# Every module of the channel logs here (and its lines start with "telegram: ").
logger = logging.getLogger("bot.channels.telegram")

CHANNEL = "telegram"
ALLOWED_UPDATES = ("message", "callback_query")

TEXTS = ChannelTexts(
    sorry=telegram_texts.sorry,
    slow_down=telegram_texts.slow_down,
    refusals=telegram_texts.FAILURES,
)


class TelegramChannel(PushChannel[Outgoing]):
    name = CHANNEL
    service = "Telegram"
    errors = ERRORS

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
        super().__init__(application, texts=TEXTS, logger=logger, retry=retry)
        self._ptb = ptb
        self._webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self._poll_timeout = poll_timeout
        self.api = BotApi(ptb, retry=self.retry, log=self.log)
        self.handlers = Handlers(self, self.api, ptb)

    @property
    def bot(self) -> Bot:
        return self.api.bot

    @property
    def webhook_mode(self) -> bool:
        return self._webhook_url is not None

    # -- life cycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect (getMe), register the commands, start receiving updates and catch up
        with what was not delivered before a restart."""
        await self.with_retry(self._ptb.initialize)
        await self._register_commands()
        await self._ptb.start()
        if self._webhook_url:
            await self.with_retry(
                lambda: self.bot.set_webhook(
                    url=self._webhook_url or "",
                    secret_token=self.webhook_secret,
                    allowed_updates=list(ALLOWED_UPDATES),
                )
            )
        else:
            assert self._ptb.updater is not None
            await self._ptb.updater.start_polling(
                timeout=timedelta(seconds=self._poll_timeout),
                allowed_updates=list(ALLOWED_UPDATES),
                bootstrap_retries=self.retry.attempts,
                error_callback=self._polling_error,
            )
        await self.begin_delivery()
        self.ready = True
        self.log.info(
            "@%s ready (%s)", self.bot.username, "webhook" if self._webhook_url else "long polling"
        )

    async def run(self, stop: asyncio.Event) -> None:
        """Start, retrying while Telegram cannot be reached (the web app serves meanwhile),
        and stop when ``stop`` is set."""
        delay = self.retry.base_delay
        while not stop.is_set():
            try:
                await self.start()
                break
            except InvalidToken:
                self.log.error("the token is refused; the channel does not start")
                await self.stop(drain_seconds=0)
                return
            except Exception as exc:
                # Whatever failed (Telegram, the network, the database at the catch-up),
                # start again later: the web app serves meanwhile. One line a try: an
                # unreachable Telegram at start-up is an expected state that can last a
                # while; the traceback is only for debugging.
                self.log.warning(
                    "could not start (%s: %s); trying again in %.0f s",
                    type(exc).__name__,
                    exc,
                    delay,
                )
                self.log.debug("why it could not start", exc_info=True)
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
        await self.end_delivery(drain_seconds=drain_seconds)
        with contextlib.suppress(Exception):
            # Closing is best effort: the process is stopping, or starts over anyway.
            await self._ptb.shutdown()

    async def _register_commands(self) -> None:
        """The command menu in Dutch and English (and the default language for others)."""
        calls: list[tuple[str | None, Texts]] = [
            (None, self.catalogs.get(self.app.settings.default_locale))
        ]
        calls += [(locale, self.catalogs.get(locale)) for locale in self.catalogs.locales]
        for language, texts in calls:
            await self.api.set_commands(telegram_texts.command_descriptions(texts), language)

    def _polling_error(self, error: Exception) -> None:
        self.log.warning("polling failed, retrying: %s", error)

    async def process_update(self, update: Update) -> None:
        """Hand an update to the handlers (which queue its work in its chat's lane)."""
        await self._ptb.process_update(update)

    # -- the transport ------------------------------------------------------------------------

    def render(self, message: LoggedMessage, texts: Texts) -> Sequence[Outgoing]:
        return render(message, texts)

    def notice(self, text: str) -> Outgoing:
        return Outgoing(escape(text))

    async def send(self, chat_id: int, part: Outgoing) -> None:
        await self.api.send(chat_id, part)

    async def before_delivering(self, chat_id: int, message: LoggedMessage) -> None:
        if message.kind is Kind.TAKEOVER:
            # A volunteer took over: the questions the chat's buttons answer are closed.
            await self.api.withdraw_keyboards(chat_id)

    def typing(self, chat_id: int) -> contextlib.AbstractAsyncContextManager[asyncio.Event]:
        return self.api.typing(chat_id)


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
