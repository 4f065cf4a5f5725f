"""Text with control characters is refused at the door, whatever carries it.

PostgreSQL's text cannot hold a NUL: one in a button's payload, a message's ``client_id``
or a console user name reached the database and became a 500 (SQLite stored it). Other
control characters are never part of what a person types either, and make trouble
further on (in a ticket, an e-mail, a CSV export). Rather than a validator on every
field, one ASGI middleware checks every string a request brings before any route sees
it: the path (and so its parameters), the query string, the headers, and a JSON or form
body as the route will read it (a JSON ``"\\u0000"`` is a NUL only once parsed; names
count as much as values).

Refused are the C0 controls, DEL, the C1 controls (U+0080 to U+009F) and lone
surrogates (a JSON ``"\\ud800"``; the command line's bytes that are not UTF-8). Free
text in a body may hold tab, line feed and carriage return (a pasted letter, the
console's text areas); paths, query strings, names and the single-line fields
(``SINGLE_LINE``) may not. The API answers 422 with the code ``control_characters`` in
its usual error shape, like other input it cannot take; the console a page of its own
with the same status as its forms' problems (422, bot/console/guard.py). The command
line refuses its arguments by the same rule (``bot.cli.common``).

One field is cleaned rather than refused: what a resident typed in the chat (``text``).
The engine drops its control characters before storing it (bot/platform/text.py), so
that a letter pasted from a word processor (which may bring a vertical tab) or an emoji
cut in half by the browser is answered, not met with an error the resident cannot act on.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CODE = "control_characters"
# C0 but tab, line feed and carriage return; DEL; C1; surrogates (in a str only unpaired).
_IN_FREE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_IN_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# Body fields that are one line by nature, wherever they occur: a button's payload, a
# client's message id, a console user name.
SINGLE_LINE = frozenset({"client_id", "payload", "username"})
# Body fields the application cleans itself (see above): a resident's chat message.
CLEANED = frozenset({"text"})
# Telegram sends a refused update again and again, holding up the chats behind it: its
# updates are left to the channel (the same as bot.channels.telegram.WEBHOOK_PATH).
TELEGRAM_WEBHOOK = "/telegram/webhook"
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def control_character(text: str, *, one_line: bool = True) -> str | None:
    """The first character of ``text`` we refuse, if any. ``one_line=False`` lets tab,
    line feed and carriage return through."""
    found = (_IN_ONE_LINE if one_line else _IN_FREE_TEXT).search(text)
    return found.group() if found else None


def describe(char: str) -> str:
    kind = "an unpaired surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"{kind} (U+{ord(char):04X})"


@dataclass(frozen=True)
class Problem:
    where: str
    char: str

    @property
    def message(self) -> str:
        return f"{self.where}: contains {describe(self.char)}; send it without control characters."


class ControlCharacters:
    """Refuse a request when any string it carries holds a character we refuse.

    Install inside ``BodySizeLimit``: the body read here has passed its cap. A path under
    ``/console`` gets ``console_page``; everything else the API's JSON error.
    """

    def __init__(self, app: ASGIApp, *, console_page: Callable[[Request], Response]) -> None:
        self.app = app
        self.console_page = console_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = _outside_the_body(scope)
        if (
            problem is None
            and scope["method"] in _BODY_METHODS
            and scope["path"] != TELEGRAM_WEBHOOK
            and (kind := _body_kind(scope)) is not None
        ):
            messages = await _read_body(receive)
            receive = _replay(messages, receive)
            if messages[-1]["type"] == "http.request":  # not a client that went away
                body = b"".join(m.get("body", b"") for m in messages)
                problem = _in_json(body) if kind == "json" else await _in_form(scope, messages)
        if problem is None:
            await self.app(scope, receive, send)
            return
        await self._refuse(scope, problem)(scope, receive, send)

    def _refuse(self, scope: Scope, problem: Problem) -> Response:
        path: str = scope["path"]
        if path == "/console" or path.startswith("/console/"):
            return self.console_page(Request(scope))
        return JSONResponse({"error": {"code": CODE, "message": problem.message}}, status_code=422)


def _outside_the_body(scope: Scope) -> Problem | None:
    found = control_character(scope["path"])
    if found:
        return Problem("path", found)
    query: bytes = scope.get("query_string", b"")
    # Read as Starlette reads it (QueryParams), so what is checked is what a route gets.
    for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
        found = control_character(name)
        if found:
            return Problem("query: a parameter's name", found)
        found = control_character(value)
        if found:
            return Problem(f"query.{name}", found)
    for raw_name, raw_value in scope.get("headers", ()):
        name = raw_name.decode("latin-1")
        found = control_character(name) or control_character(
            _header_text(raw_value), one_line=False
        )
        if found:
            return Problem(f"header.{name}", found)
    return None


def _header_text(value: bytes) -> str:
    """A header value as the text it stands for: UTF-8 when it is that (a C1 control's
    byte is part of many a UTF-8 character), else byte for byte as Starlette reads it."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _body_kind(scope: Scope) -> str | None:
    content_type = ""
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            content_type = value.decode("latin-1")
    media = content_type.partition(";")[0].strip().lower()
    # As FastAPI reads a body: JSON without a content type too.
    if not media or media == "application/json" or media.endswith("+json"):
        return "json"
    if media in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return "form"
    return None


async def _read_body(receive: Receive) -> list[Message]:
    messages = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """The body's messages once more, then the connection's own (a disconnect)."""
    waiting = deque(messages)

    async def replay() -> Message:
        return waiting.popleft() if waiting else await receive()

    return replay


def _in_json(body: bytes) -> Problem | None:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None  # the route answers what it cannot read
    # Iterative, and each item knows its place by a link to its parent's: a deep body
    # costs neither the stack nor a copy of the path per item.
    Place = tuple[str, Any] | None
    stack: list[tuple[Any, Place, bool]] = [(data, None, False)]
    while stack:
        value, place, one_line = stack.pop()
        if isinstance(value, str):
            found = control_character(value, one_line=one_line)
            if found:
                return Problem(_where(place) or "body", found)
        elif isinstance(value, dict):
            for key, item in value.items():
                found = control_character(key)
                if found:
                    return Problem(f"{_where(place) or 'body'}: a name", found)
                if key not in CLEANED:
                    stack.append((item, (key, place), one_line or key in SINGLE_LINE))
        elif isinstance(value, list):
            stack.extend((item, (str(i), place), one_line) for i, item in enumerate(value))
    return None


def _where(place: tuple[str, Any] | None) -> str:
    parts = []
    while place is not None:
        part, place = place
        parts.append(part)
    return ".".join(reversed(parts))


async def _in_form(scope: Scope, messages: list[Message]) -> Problem | None:
    async def nothing_more() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    request = Request(scope, _replay(messages, nothing_more))
    try:
        form = await request.form()
    except Exception:
        return None  # the route answers what it cannot read
    try:
        for name, value in form.multi_items():
            found = control_character(name)
            if found:
                return Problem("form: a field's name", found)
            # Uploaded files are data, not text: only the fields' values are checked.
            if isinstance(value, str):
                found = control_character(value, one_line=name in SINGLE_LINE)
                if found:
                    return Problem(name, found)
        return None
    finally:
        await form.close()


# The same rules as JSON Schema patterns (ECMA-262), so that clients and fuzzers know
# them. Lone surrogates are left out: they are not text to begin with.
FREE_TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"
ONE_LINE_PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"


def document(schema: dict[str, Any]) -> None:
    """Say in the OpenAPI document what is refused: every text a request can carry (path,
    query and header parameters, the body's strings) gets the pattern it must match, and
    every operation may answer 422 in the API's error shape. (FastAPI's own 422 shape,
    ``HTTPValidationError``, is never sent: bot/web/errors.py reshapes it.)"""
    components: dict[str, Any] = schema.get("components", {}).get("schemas", {})
    if "ErrorOut" not in components:
        return
    refused = {
        "description": "The request is not valid; `error.code` and `error.message` say why. "
        f"Text, parameters or headers with control characters: `{CODE}`.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }
    constrained: set[str] = set()
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            operation["responses"]["422"] = refused
            for parameter in operation.get("parameters", ()):
                # As checked above: headers may hold a tab, other parameters are one line.
                one_line = parameter.get("in") != "header"
                _constrain(parameter.get("schema", {}), one_line, components, constrained)
            for content in operation.get("requestBody", {}).get("content", {}).values():
                _constrain(content.get("schema", {}), False, components, constrained)
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)


def _constrain(
    node: dict[str, Any], one_line: bool, components: dict[str, Any], constrained: set[str]
) -> None:
    """Give every free string in this schema (following references) its pattern."""
    stack = [(node, one_line)]
    while stack:
        node, one_line = stack.pop()
        reference = node.get("$ref", "")
        if reference.startswith("#/components/schemas/"):
            name = reference.rsplit("/", 1)[1]
            if name not in constrained and name in components:
                constrained.add(name)  # each once (the API shares none with its answers)
                stack.append((components[name], one_line))
            continue
        for key in ("anyOf", "oneOf", "allOf"):
            stack.extend((part, one_line) for part in node.get(key, ()))
        if "items" in node:
            stack.append((node["items"], one_line))
        for name, field in node.get("properties", {}).items():
            if name not in CLEANED:
                stack.append((field, one_line or name in SINGLE_LINE))
        if node.get("type") == "string" and not {"enum", "const", "format", "pattern"} & set(node):
            node["pattern"] = ONE_LINE_PATTERN if one_line else FREE_TEXT_PATTERN
