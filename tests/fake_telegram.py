"""A fake Telegram Bot API server on loopback, for running the real python-telegram-bot
against it (``VRAAGWIJZER_TELEGRAM_BASE_URL`` points a bot at it).

It records every call, serves ``getUpdates`` (long polling, confirmed by ``offset`` as
Telegram does) from updates the test adds, checks what the bot sends as Telegram would
(HTML that parses, at most 4,096 characters, callback data of at most 64 bytes), and can
be told to fail: a 429 with ``retry_after``, a 5xx, or a response slower than the bot
waits.
"""

from __future__ import annotations

import asyncio
import html.parser
import itertools
import json
import re
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.servers import live_server

TOKEN = "123456:TEST-token"
BOT_ID = 123456
# Parameters the Bot API takes as JSON inside a form field.
JSON_FIELDS = {
    "reply_markup",
    "commands",
    "scope",
    "allowed_updates",
    "link_preview_options",
    "entities",
}
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "span",
    "tg-spoiler",
    "blockquote",
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    ok: bool = True
    at: float = field(default_factory=time.monotonic)


@dataclass
class Fault:
    status: int = 500
    retry_after: int | None = None
    delay: float = 0.0  # seconds before answering (longer than the bot waits: a timeout)


class FakeTelegram:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.base_url = ""  # set when serving: http://127.0.0.1:PORT/bot
        self.calls: list[Call] = []
        self.webhook: dict[str, Any] | None = None
        self._lock = threading.Lock()
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, Iterator[int]] = defaultdict(lambda: itertools.count(1))
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self.app = Starlette(
            routes=[Route("/bot{token}/{method}", self._handle, methods=["GET", "POST"])]
        )

    @contextmanager
    def serving(self) -> Iterator[FakeTelegram]:
        with live_server(self.app) as url:
            self.base_url = f"{url}/bot"
            yield self

    # -- what the test controls ------------------------------------------------------------

    def fail(self, method: str, *, times: int = 1, **fault: Any) -> None:
        """The next ``times`` calls of ``method`` fail like this."""
        with self._lock:
            for _ in range(times):
                self._faults[method].append(Fault(**fault))

    def add_update(self, body: dict[str, Any]) -> dict[str, Any]:
        """An update (a dict without update_id) for getUpdates; returns it with its id."""
        with self._lock:
            update = {"update_id": next(self._update_ids), **body}
            self._updates.append(update)
        return update

    def redeliver(self, update: dict[str, Any]) -> None:
        """The same update again (Telegram does this when it thinks it was not taken)."""
        with self._lock:
            self._updates.append(update)

    def make_update(self, body: dict[str, Any]) -> dict[str, Any]:
        """An update with a fresh id, not queued (to post to a webhook)."""
        with self._lock:
            return {"update_id": next(self._update_ids), **body}

    def message(
        self, chat_id: int, *, language: str = "nl", queue: bool = True, **content: Any
    ) -> dict[str, Any]:
        with self._lock:
            message_id = next(self._message_ids[chat_id])
        body = {
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "Inwoner"},
                "from": {
                    "id": chat_id,
                    "is_bot": False,
                    "first_name": "Inwoner",
                    "language_code": language,
                },
                **content,
            }
        }
        return self.add_update(body) if queue else self.make_update(body)

    def text(self, chat_id: int, text: str, **kw: Any) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.message(chat_id, **content, **kw)

    def press(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        language: str = "nl",
        queue: bool = True,
    ) -> dict[str, Any]:
        body = {
            "callback_query": {
                "id": f"cb{chat_id}-{message_id}-{time.monotonic_ns()}",
                "from": {
                    "id": chat_id,
                    "is_bot": False,
                    "first_name": "Inwoner",
                    "language_code": language,
                },
                "chat_instance": str(chat_id),
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private", "first_name": "Inwoner"},
                    "from": {"id": BOT_ID, "is_bot": True, "first_name": "VraagWijzer"},
                    "text": "...",
                },
            }
        }
        return self.add_update(body) if queue else self.make_update(body)

    # -- what the test reads ---------------------------------------------------------------

    def calls_of(self, method: str, *, ok: bool | None = True) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and (ok is None or c.ok == ok)]

    def sent(self, chat_id: int) -> list[dict[str, Any]]:
        """What the bot sent to a chat (accepted sendMessage calls), in order."""
        return [
            c.params
            for c in self.calls_of("sendMessage")
            if int(c.params.get("chat_id", 0)) == chat_id
        ]

    def sent_texts(self, chat_id: int) -> list[str]:
        return [p["text"] for p in self.sent(chat_id)]

    async def wait_until(
        self, condition: Callable[[], bool], *, timeout: float = 20.0, what: str = ""
    ) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or condition}")
            await asyncio.sleep(0.02)

    # -- the Bot API -------------------------------------------------------------------------

    async def _handle(self, request: Request) -> JSONResponse:
        if request.path_params["token"] != self.token:
            return JSONResponse(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status_code=401
            )
        method = request.path_params["method"]
        try:
            params = _params(await request.body())
        except ClientDisconnect:
            # The bot gave up waiting (a timeout); nothing was received.
            return JSONResponse({"ok": False}, status_code=499)
        with self._lock:
            fault = self._faults[method].popleft() if self._faults[method] else None
        if fault is not None:
            self._record(Call(method, params, ok=False))
            if fault.delay:
                await asyncio.sleep(fault.delay)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": fault.status,
                "description": "Too Many Requests" if fault.status == 429 else "Internal error",
            }
            if fault.retry_after is not None:
                body["parameters"] = {"retry_after": fault.retry_after}
            return JSONResponse(body, status_code=fault.status)
        if method == "getUpdates":
            return await self._get_updates(params)
        problem = _check(method, params)
        if problem is not None:
            self._record(Call(method, params, ok=False))
            return JSONResponse(
                {"ok": False, "error_code": 400, "description": f"Bad Request: {problem}"},
                status_code=400,
            )
        result = self._result(method, params)
        self._record(Call(method, params))
        return JSONResponse({"ok": True, "result": result})

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    async def _get_updates(self, params: dict[str, Any]) -> JSONResponse:
        if self.webhook is not None:
            return JSONResponse(
                {
                    "ok": False,
                    "error_code": 409,
                    "description": "Conflict: can't use getUpdates while webhook is active",
                },
                status_code=409,
            )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        # Long polling, but never long: tests stay quick and bounded.
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.5)
        while True:
            with self._lock:
                # An offset confirms (and forgets) every update before it.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = sorted(self._updates, key=lambda u: u["update_id"])[:limit]
                if offset == -1:
                    ready = ready[-1:]
            if ready or time.monotonic() >= deadline:
                break
            await asyncio.sleep(0.01)
        self._record(Call("getUpdates", params))
        return JSONResponse({"ok": True, "result": ready})

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "VraagWijzer",
                "username": "vraagwijzer_test_bot",
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            with self._lock:
                message_id = next(self._message_ids[chat_id])
            result = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "VraagWijzer"},
                "text": params.get("text", ""),
            }
            if params.get("reply_markup"):
                result["reply_markup"] = params["reply_markup"]
            params["message_id"] = message_id
            return result
        if method == "editMessageReplyMarkup":
            return {
                "message_id": int(params["message_id"]),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "text": "...",
            }
        if method == "setWebhook":
            self.webhook = {"url": params.get("url"), "secret_token": params.get("secret_token")}
        if method == "deleteWebhook":
            self.webhook = None
        return True


def _params(body: bytes) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True):
        params[name] = json.loads(value) if name in JSON_FIELDS else value
    return params


def _check(method: str, params: dict[str, Any]) -> str | None:
    """What Telegram would refuse."""
    if method == "sendMessage":
        text = params.get("text", "")
        if not text.strip():
            return "message text is empty"
        visible = html.unescape(re.sub(r"<[^<>]*>", "", text)) if params.get("parse_mode") else text
        if len(visible.encode("utf-16-le")) // 2 > 4096:
            return "message is too long"
        if params.get("parse_mode") == "HTML":
            problem = html_problem(text)
            if problem:
                return f"can't parse entities: {problem}"
    markup = params.get("reply_markup")
    if isinstance(markup, dict):
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                    return "BUTTON_DATA_INVALID"
    return None


_BAD_AMPERSAND = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


def html_problem(text: str) -> str | None:
    """Why Telegram's HTML parser would refuse ``text``, or None."""
    if _BAD_AMPERSAND.search(text):
        return "unescaped &"

    class Checker(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.stack: list[str] = []
            self.problem: str | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in ALLOWED_TAGS:
                self.problem = self.problem or f"unsupported start tag {tag!r}"
            self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if not self.stack or self.stack[-1] != tag:
                self.problem = self.problem or f"unexpected end tag {tag!r}"
                return
            self.stack.pop()

    checker = Checker()
    checker.feed(text)
    checker.close()
    if checker.problem:
        return checker.problem
    if checker.stack:
        return f"unclosed tags {checker.stack}"
    if "<" in re.sub(r"<[^<>]*>", "", text):
        return "unescaped <"
    return None
