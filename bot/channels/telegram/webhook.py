"""Telegram's webhook: a route in the web app (same process, same event loop) that hands
each update to the channel.

Telegram keeps an update until the webhook answers 200, and delivers it again otherwise.
So the answer waits until the update's message is stored (200) or the database is found
down (503, and every update after it is answered 503 at once until the database is back,
its chat told so once): a restart meanwhile loses nothing.
"""

from __future__ import annotations

import hmac
import json

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from telegram import Update

from bot.channels.telegram.channel import TelegramChannel

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
# The longest a webhook answer waits for its update's message to be stored; then Telegram
# is asked to deliver it again (the repeat waits for the same work, answered once).
WEBHOOK_ANSWER_WITHIN = 50.0


def install_webhook(app: FastAPI, channel: TelegramChannel) -> None:
    """Telegram's webhook route in the web app."""

    async def telegram_webhook(request: Request) -> Response:
        return await accept_webhook(channel, request)

    app.add_api_route(WEBHOOK_PATH, telegram_webhook, methods=["POST"], include_in_schema=False)


async def accept_webhook(channel: TelegramChannel, request: Request) -> Response:
    """Telegram's POST: check the secret, hand the update to the handlers, and answer
    when its message is stored (200) or cannot be (503: Telegram keeps the update and
    delivers it again). While the database is known to be down, every update is
    answered 503 at once and its chat told so, once."""
    given = request.headers.get(SECRET_HEADER, "")
    secret = channel.webhook_secret
    if not secret or not hmac.compare_digest(given.encode("utf-8"), secret.encode("utf-8")):
        return JSONResponse({"ok": False, "error": "forbidden"}, status_code=403)
    if not channel.ready:
        # Telegram tries again later; nothing is lost.
        return JSONResponse({"ok": False, "error": "starting"}, status_code=503)
    try:
        data = json.loads(await request.body())
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            raise ValueError("not an update")
        update = Update.de_json(data, channel.bot)
    except Exception:
        # Whatever a malformed body makes the parser raise: a client's mistake, not ours.
        return JSONResponse({"ok": False, "error": "bad update"}, status_code=400)
    if channel.database_down:
        chat = update.effective_chat
        if chat is not None and chat.type == "private":
            channel.tell_outage_soon(chat.id, channel.handlers.locale_of(update))
        return JSONResponse({"ok": False, "error": "database unavailable"}, status_code=503)
    stored = await channel.intake.answered(
        update.update_id,
        lambda: channel.process_update(update),
        within=WEBHOOK_ANSWER_WITHIN,
    )
    if stored:
        return JSONResponse({"ok": True})
    return JSONResponse({"ok": False, "error": "try again"}, status_code=503)
