"""The calls the channel makes to Telegram's Bot API, each retried on flood waits, server
errors and timeouts (bounded: bot/channels/retry.py), through python-telegram-bot."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from telegram import Bot, LinkPreviewOptions
from telegram import Message as TelegramMessage
from telegram.constants import ChatAction, ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application as PTBApplication

from bot.channels.retry import PermanentFailure, RetryPolicy, TransportErrors, with_retry
from bot.channels.telegram.format import Outgoing

T = TypeVar("T")

# Telegram shows "typing..." for about five seconds; refresh it while the engine works.
TYPING_EVERY_SECONDS = 4.5
# Messages with buttons remembered per chat, to withdraw at a take-over (older ones are
# refused by the engine all the same).
KEPT_KEYBOARDS = 20
# A provision's website would otherwise become a large preview under every answer.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def retry_after_seconds(exc: RetryAfter) -> float:
    value = getattr(exc, "_retry_after", None)
    if isinstance(value, timedelta):
        return value.total_seconds()
    return 1.0


# What the Bot API's failures mean to the retry policy. BadRequest is a NetworkError in
# python-telegram-bot, but never passes by itself.
ERRORS = TransportErrors(
    flood=(RetryAfter,),
    flood_wait=retry_after_seconds,
    final=(BadRequest, Forbidden, InvalidToken),
    transient=(NetworkError,),
    failed=(TelegramError,),
)


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


class BotApi:
    def __init__(
        self,
        ptb: PTBApplication,  # type: ignore[type-arg]
        *,
        retry: RetryPolicy,
        log: logging.LoggerAdapter[logging.Logger],
    ) -> None:
        self._ptb = ptb
        self._retry = retry
        self._log = log
        # chat id -> Telegram messages sent with buttons, newest last: a volunteer's
        # take-over withdraws them (the engine refuses their presses in any case).
        self._keyboards: dict[int, deque[int]] = {}

    @property
    def bot(self) -> Bot:
        bot: Bot = self._ptb.bot
        return bot

    async def call(self, call: Callable[[], Awaitable[T]]) -> T:
        """A Bot API call, tried again as the retry policy says."""
        return await with_retry(call, self._retry, ERRORS, self._log)

    async def send(self, chat_id: int, outgoing: Outgoing) -> None:
        """One message; its keyboard is remembered, to withdraw at a take-over."""
        sent = await self._send_once(chat_id, outgoing)
        if outgoing.keyboard is not None and sent is not None:
            kept = self._keyboards.setdefault(chat_id, deque(maxlen=KEPT_KEYBOARDS))
            kept.append(sent.message_id)

    async def _send_once(self, chat_id: int, outgoing: Outgoing) -> TelegramMessage | None:
        try:
            return await self.call(
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
            self._log.error("HTML refused (%s); sending plain text", exc)
            try:
                return await self.call(
                    lambda: self.bot.send_message(
                        chat_id, outgoing.plain, reply_markup=outgoing.keyboard
                    )
                )
            except BadRequest as again:
                raise PermanentFailure(str(again)) from again
        except Forbidden as exc:
            raise PermanentFailure(str(exc)) from exc

    async def withdraw_keyboards(self, chat_id: int) -> None:
        """Take the buttons off the chat's earlier messages: a volunteer took over, so the
        questions they answer are closed."""
        for message_id in self._keyboards.pop(chat_id, ()):
            await self.remove_keyboard(chat_id, message_id)

    async def remove_keyboard(self, chat_id: int, message_id: int) -> None:
        try:
            await self.call(
                lambda: self.bot.edit_message_reply_markup(
                    chat_id=chat_id, message_id=message_id, reply_markup=None
                )
            )
        except TelegramError as exc:  # gone, or already without buttons: nothing to take
            self._log.info("could not remove a keyboard: %s", exc)

    async def answer_button(self, query_id: str, text: str | None) -> None:
        """Stop the pressed button's spinner (with a short text, if given)."""
        try:
            await self.call(lambda: self.bot.answer_callback_query(query_id, text=text))
        except TelegramError as exc:
            # Too late to answer (Telegram allows a few seconds): the press still counts.
            self._log.info("could not answer a button press: %s", exc)

    async def set_commands(self, commands: list[tuple[str, str]], language: str | None) -> None:
        """The command menu for residents whose Telegram speaks ``language`` (None: all
        others)."""
        try:
            await self.call(lambda: self.bot.set_my_commands(commands, language_code=language))
        except TelegramError:
            self._log.warning("could not register the commands (%s)", language)

    @contextlib.asynccontextmanager
    async def typing(self, chat_id: int) -> AsyncIterator[asyncio.Event]:
        """'typing...' in the chat while the engine works (best effort), until the block
        ends or sets the event it is given. The loop is told to end rather than
        cancelled, so no request is cut off halfway."""
        done = asyncio.Event()

        async def keep_typing() -> None:
            while not done.is_set():
                with contextlib.suppress(TelegramError):
                    await self.bot.send_chat_action(chat_id, ChatAction.TYPING)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(done.wait(), TYPING_EVERY_SECONDS)

        task = asyncio.create_task(keep_typing())
        try:
            yield done
        finally:
            done.set()
            await task
