"""What residents send on Telegram: commands, messages and button presses, each queued
as a job in its chat's lane (bot/channels/lanes.py).

``_incoming`` turns an update into the engine's ``Incoming``, with a ``client_id`` that
makes Telegram delivering the same update twice count once. Only private chats are
answered; a chat over the rate limit is told so, and nothing of it is stored.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application as PTBApplication
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.channels.base import PushChannel
from bot.channels.intake import Recent
from bot.channels.lanes import Job
from bot.channels.telegram import texts as telegram_texts
from bot.channels.telegram.bot_api import BotApi
from bot.channels.telegram.format import Outgoing, direct_keyboard, escape, parse_callback
from bot.conversation import payloads, replies
from bot.conversation.messages import Incoming
from bot.conversation.payloads import Payload, PayloadKind
from bot.platform.i18n import Texts
from bot.platform.languages import language_name
from nlu import Act

# What a command or a kind of message does: the job for its chat's lane.
Make = Callable[["Handlers", int, Update], Job]
Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]

# What the assistant cannot read: it says so.
UNREADABLE = (
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


class Handlers:
    def __init__(
        self,
        channel: PushChannel[Outgoing],
        api: BotApi,
        ptb: PTBApplication,  # type: ignore[type-arg]
    ) -> None:
        self._channel = channel
        self._api = api
        self._app = channel.app
        self._catalogs = channel.catalogs
        # (chat, Telegram message) of keyboards pressed: a second press does nothing.
        self._pressed: Recent[tuple[int, int]] = Recent()
        self._install(ptb)

    def _install(self, ptb: PTBApplication) -> None:  # type: ignore[type-arg]
        private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
        ptb.add_handler(TypeHandler(Update, self._drop_repeats), group=-1)
        # In the menu's order (texts.COMMANDS), so a command without a handler fails here.
        for name in telegram_texts.COMMANDS:
            ptb.add_handler(CommandHandler(name, self._in_lane(COMMANDS[name]), filters=private))
        for matches, make in MESSAGES:
            ptb.add_handler(MessageHandler(private & matches, self._in_lane(make)))
        ptb.add_handler(CallbackQueryHandler(self._on_button))
        ptb.add_error_handler(self._on_error)

    async def _drop_repeats(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """The same update twice (a webhook retry) is handled once."""
        if self._channel.intake.repeat(update.update_id):
            raise ApplicationHandlerStop

    def _in_lane(self, make: Make) -> Callback:
        async def handle(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
            chat = update.effective_chat
            if chat is None or not self._channel.within_limit(chat.id, self.locale_of(update)):
                return
            self._channel.submit_update(chat.id, update.update_id, make(self, chat.id, update))

        return handle

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        self._channel.log.error("handling an update failed", exc_info=context.error)

    def _incoming(self, update: Update, payload: str | None = None) -> Incoming:
        """The engine's message for an update: the resident's text, or ``payload`` (a
        command's, a button's), with a client_id that makes a repeat count once."""
        query = update.callback_query
        if query is not None and query.message is not None:
            pressed = parse_callback(query.data)
            return Incoming(
                payload=payload,
                client_id=f"tg:k:{query.message.message_id}",
                button_of=pressed.message_id if pressed is not None else None,
            )
        message = update.effective_message
        assert message is not None
        client_id = f"tg:m:{message.message_id}"
        if payload is not None:
            return Incoming(payload=payload, client_id=client_id)
        return Incoming(text=message.text or "", client_id=client_id)

    def locale_of(self, update: Update) -> str:
        """The resident's Telegram language if we speak it, else the default."""
        user = update.effective_user
        code = ((user.language_code or "") if user is not None else "").split("-")[0].lower()
        return code if code in self._catalogs.locales else self._app.settings.default_locale

    async def _say(
        self, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None = None
    ) -> None:
        await self._channel.say(chat_id, Outgoing(escape(text), keyboard))

    # -- what the resident sends ---------------------------------------------------------------

    def _to_engine(self, chat_id: int, update: Update, payload: str | None = None) -> Job:
        """The update, answered by the engine in the chat's conversation."""
        language = self.locale_of(update)
        incoming = self._incoming(update, payload)

        async def job() -> None:
            await self._channel.to_engine(chat_id, language, incoming)

        return job

    def _reply(self, chat_id: int, update: Update, words: Callable[[Texts], str]) -> Job:
        """A text of the channel's own, in the conversation's language."""
        language = self.locale_of(update)

        async def job() -> None:
            await self._say(chat_id, words(await self._channel.texts_for(chat_id, language)))

        return job

    def text(self, chat_id: int, update: Update) -> Job:
        return self._to_engine(chat_id, update)

    def location(self, chat_id: int, update: Update) -> Job:
        return self._to_engine(chat_id, update, payloads.LOCATION.wire)

    def unreadable(self, chat_id: int, update: Update) -> Job:
        return self._reply(chat_id, update, telegram_texts.only_text)

    # -- commands -----------------------------------------------------------------------------

    def start(self, chat_id: int, update: Update) -> Job:
        language = self.locale_of(update)
        restart = self._incoming(update, payloads.RESTART.wire)
        channel = self._channel

        async def job() -> None:
            conversation, new = await channel.open(chat_id, language)
            if not new:
                # Start over: the engine clears any open question and welcomes again.
                await channel.receive(chat_id, conversation, restart)
            await channel.flush(chat_id, conversation.id)

        return job

    def help(self, chat_id: int, update: Update) -> Job:
        municipality = self._app.municipality.name
        return self._reply(
            chat_id, update, lambda texts: telegram_texts.help_text(texts, municipality)
        )

    def privacy(self, chat_id: int, update: Update) -> Job:
        municipality = self._app.municipality
        settings = self._app.settings
        return self._reply(
            chat_id,
            update,
            lambda texts: telegram_texts.privacy_text(
                texts,
                municipality=municipality.name,
                phone=municipality.general_contact.phone,
                days=settings.conversation_expiry_days,
                retention_days=settings.retention_days,
            ),
        )

    def language(self, chat_id: int, _update: Update) -> Job:
        async def job() -> None:
            locales = self._catalogs.locales
            text = telegram_texts.choose_language(self._catalogs, locales)
            keyboard = direct_keyboard(
                [(language_name(x), payloads.lang(x).wire) for x in locales],
                per_row=len(locales),
            )
            await self._say(chat_id, text, keyboard)

        return job

    def status(self, chat_id: int, update: Update) -> Job:
        return self._to_engine(chat_id, update, payloads.STATUS.wire)

    def forget(self, chat_id: int, update: Update) -> Job:
        language = self.locale_of(update)
        channel = self._channel

        async def job() -> None:
            texts = await channel.texts_for(chat_id, language)
            stored = await self._conversations(chat_id, language)
            if not stored:
                await self._say(chat_id, telegram_texts.nothing_to_forget(texts))
                return
            keyboard = direct_keyboard(
                [
                    (telegram_texts.forget_yes(texts), payloads.FORGET_YES.wire),
                    (telegram_texts.forget_no(texts), payloads.FORGET_NO.wire),
                ]
            )
            await self._say(chat_id, telegram_texts.forget_question(texts), keyboard)

        return job

    def stop(self, chat_id: int, update: Update) -> Job:
        language = self.locale_of(update)
        stop = self._incoming(update, payloads.STOP.wire)
        channel = self._channel

        async def job() -> None:
            conversation = await channel.engine_call(
                chat_id, language, lambda: channel.engine.find(channel.name, str(chat_id))
            )
            if conversation is None:
                texts = self._catalogs.get(language)
                bye = replies.small_talk(texts, Act.BYE, self._app.municipality)
                await self._say(chat_id, bye.text)
                return
            await channel.receive(chat_id, conversation, stop)
            await channel.flush(chat_id, conversation.id)

        return job

    # -- buttons ------------------------------------------------------------------------------

    async def _on_button(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        message = query.message
        pressed = parse_callback(query.data)
        spawn = self._channel.lanes.spawn
        if message is None or pressed is None or message.chat.type != "private":
            spawn(self._api.answer_button(query.id, None))
            return
        chat_id = message.chat.id
        if self._pressed.seen((chat_id, message.message_id)):
            # A second press on the same keyboard (a double tap, or the other button).
            texts = self._catalogs.get(self.locale_of(update))
            spawn(self._api.answer_button(query.id, telegram_texts.button_used(texts)))
            return
        # Answer at once (the button stops spinning) and take the keyboard away, so an
        # old question cannot be answered twice; the work itself waits its turn.
        spawn(self._answer_and_withdraw(query.id, chat_id, message.message_id))
        language = self.locale_of(update)
        channel = self._channel

        async def job() -> None:
            direct = Payload.parse(pressed.payload)
            if direct is not None and direct.kind is PayloadKind.FORGET:
                await self._forget(chat_id, language, confirmed=direct == payloads.FORGET_YES)
                return
            conversation, _ = await channel.open(chat_id, language)
            payload = pressed.payload
            if pressed.message_id is not None:
                message_id = pressed.message_id
                found = await channel.engine_call(
                    chat_id, language, lambda: channel.engine.message(conversation.id, message_id)
                )
                buttons = found.buttons if found is not None else ()
                if pressed.index >= len(buttons):
                    texts = self._catalogs.get(conversation.locale)
                    await channel.flush(chat_id, conversation.id)
                    await self._say(chat_id, replies.unknown_button(texts).text)
                    return
                payload = buttons[pressed.index].payload
            await channel.receive(chat_id, conversation, self._incoming(update, payload))
            await channel.flush(chat_id, conversation.id)

        channel.submit_update(chat_id, update.update_id, job)

    async def _answer_and_withdraw(self, query_id: str, chat_id: int, message_id: int) -> None:
        await self._api.answer_button(query_id, None)
        await self._api.remove_keyboard(chat_id, message_id)

    async def _conversations(self, chat_id: int, language: str) -> list[str]:
        """Every conversation the chat has had: the live one and expired ones."""
        channel = self._channel
        return await channel.engine_call(
            chat_id, language, lambda: channel.engine.chat_conversations(channel.name, str(chat_id))
        )

    async def _forget(self, chat_id: int, language: str, *, confirmed: bool) -> None:
        channel = self._channel
        texts = await channel.texts_for(chat_id, language)
        if not confirmed:
            await self._say(chat_id, telegram_texts.forget_kept(texts))
            return
        stored = await self._conversations(chat_id, language)
        for conversation_id in stored:
            await channel.flush(chat_id, conversation_id)
        for conversation_id in stored:
            await channel.engine_call(
                chat_id, language, functools.partial(self._app.forget_conversation, conversation_id)
            )
        await self._say(chat_id, telegram_texts.forget_done(texts))


# The commands, by name (Telegram's menu shows them in texts.COMMANDS's order).
COMMANDS: dict[str, Make] = {
    "start": Handlers.start,
    "help": Handlers.help,
    "taal": Handlers.language,
    "privacy": Handlers.privacy,
    "status": Handlers.status,
    "vergeet": Handlers.forget,
    "stop": Handlers.stop,
}

# Messages that are not commands, by what they hold (the first that matches).
MESSAGES: list[tuple[filters.BaseFilter, Make]] = [
    (filters.COMMAND, Handlers.help),  # a command we do not know
    (filters.TEXT & ~filters.COMMAND, Handlers.text),
    (filters.LOCATION | filters.VENUE, Handlers.location),
    (UNREADABLE, Handlers.unreadable),
]
