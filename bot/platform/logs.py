"""Logs without personal data: one configuration for the server, the CLI and uvicorn.

Residents type phone numbers, e-mail addresses, BSNs and addresses into the chat, and
any of it can end up in a log line: a message logged on purpose, an argument of a log
call, an exception whose text repeats the input (a database error with its parameters).
Every handler we install therefore masks each record before it is written, with the same
masking the volunteers' console uses (``bot.platform.masking``), plus secrets (bearer tokens,
Telegram bot tokens). Records carry the id of the request they belong to.

Two formats: readable lines for a developer's terminal (``text``), or one JSON object per
line for a log collector (``json``: time, level, logger, message, request_id and any
``extra`` fields).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any

from pythonjsonlogger.json import JsonFormatter

from bot.platform.masking import mask_personal_data

# The id of the HTTP request being served (set by bot.web.observe), read by the formatters.
request_id: ContextVar[str | None] = ContextVar("vraagwijzer_request_id", default=None)

HANDLER_NAME = "vraagwijzer"
LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
}

_SECRETS = (
    # Query strings: a client library logging the URLs it calls may carry anything there.
    (re.compile(r"(\bhttps?://[^\s?#\"']*)\?[^\s#\"']*"), r"\1?[query]"),
    # A Telegram bot token, as it appears in Bot API URLs (https://.../bot<token>/getMe).
    (re.compile(r"(?<!\d)\d{5,12}:[A-Za-z0-9_-]{30,}"), "[token]"),
    # Authorization headers and our own team tokens.
    (re.compile(r"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+", re.IGNORECASE), r"\1 [token]"),
    (re.compile(r"\bvwt_[A-Za-z0-9_-]{8,}"), "[token]"),
    # PostgreSQL's DETAIL line of a constraint error quotes the failing row ("Failing row
    # contains (..., Fatima, ...)"), names that no pattern can recognise; the error's first
    # line and its SQLSTATE say what went wrong.
    (re.compile(r"^DETAIL:.*$", re.MULTILINE), "DETAIL: [hidden]"),
    # key=value or "key": "value" pairs that name a secret.
    (
        re.compile(
            r"""(\b\w*(?:token|secret|password|passwd|authorization|cookie|vw_console)\w*"""
            r"""["']?\s*[:=]\s*["']?)[^\s"',;&]+""",
            re.IGNORECASE,
        ),
        r"\1[secret]",
    ),
)
# Fields of a record that never go to a log line: uvicorn's copy of the message in colour.
_DROPPED = ("color_message",)
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id"}
_MASKED = "_vraagwijzer_masked"


def clean(text: str) -> str:
    """Text as it may be logged: personal data and secrets masked."""
    text = mask_personal_data(text)
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class MaskPersonalData(logging.Filter):
    """Masks the message, its arguments, the exception and stack text and every extra
    field of a record, in place, before any formatter sees it.

    The formatted message replaces ``msg`` and ``args``; a traceback is formatted here
    and masked into ``exc_text`` (``exc_info`` is dropped, so no formatter formats the
    raw exception again). A record that passes several handlers is masked once.
    """

    _traceback = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _MASKED, False):
            return True
        if record.name == "uvicorn.access":
            _strip_access_record(record)
        try:
            message = record.getMessage()
        except Exception:  # a log call whose arguments do not fit its format
            message = f"{record.msg!r} {record.args!r}"
        record.msg = clean(message)
        record.args = None
        if record.exc_info:
            record.exc_text = clean(self._traceback.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = clean(record.exc_text)
        if record.stack_info:
            record.stack_info = clean(record.stack_info)
        for key in _DROPPED:
            record.__dict__.pop(key, None)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD and not key.startswith("_"):
                record.__dict__[key] = _clean_value(value)
        setattr(record, _MASKED, True)
        return True


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): _clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_clean_value(v) for v in value]
    return clean(str(value))


def _strip_access_record(record: logging.LogRecord) -> None:
    """uvicorn's access log (off by default, see ``serve``) names the client's address
    (personal data) and the path with its query string: keep neither."""
    if isinstance(record.args, tuple) and len(record.args) == 5:
        _client, method, path, version, status = record.args
        record.args = ("-", method, str(path).split("?", 1)[0], version, status)


class RequestContext(logging.Filter):
    """Adds the current request's id to every record made while serving it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id.get()
        return True


def _timestamp(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


class JsonLines(JsonFormatter):
    """One JSON object per record: time, level, logger, message, request_id, extras."""

    def __init__(self) -> None:
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s %(message)s",
            rename_fields={
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
                "exc_info": "exception",
            },
            json_ensure_ascii=False,
        )

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return _timestamp(record)

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        if log_data.get("request_id") is None:
            log_data.pop("request_id", None)
        return log_data


class TextLines(logging.Formatter):
    """``time LEVEL logger [request id]: message`` for a person at a terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return _timestamp(record)

    def formatMessage(self, record: logging.LogRecord) -> str:
        rid = getattr(record, "request_id", None)
        where = f"{record.name} [{rid}]" if rid else record.name
        return f"{record.asctime} {record.levelname} {where}: {record.message}"


def prepare(handler: logging.Handler, *, log_format: str, level: int) -> logging.Handler:
    """Give a handler our filters (masking, request id) and formatter."""
    handler.setLevel(level)
    handler.addFilter(MaskPersonalData())
    handler.addFilter(RequestContext())
    handler.setFormatter(JsonLines() if log_format == "json" else TextLines())
    return handler


def configure_logging(
    *, level: str = "info", log_format: str = "text", stream: IO[str] | None = None
) -> logging.Handler:
    """Send every record at ``level`` or above to stderr (or ``stream``), masked.

    Idempotent: our earlier handler is replaced, handlers others installed (a test
    harness's) are left alone. uvicorn's loggers lose any handlers of their own and
    propagate here, so its messages get the same format and masking (``serve`` also tells
    uvicorn not to configure logging at all).
    """
    numeric = LEVELS[level.lower()]
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
    handler = prepare(
        logging.StreamHandler(stream or sys.stderr), log_format=log_format, level=numeric
    )
    handler.set_name(HANDLER_NAME)
    root.addHandler(handler)
    # Lower the root's threshold only: a test harness may already want everything.
    root.setLevel(min(root.level, numeric))
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi"):
        logger = logging.getLogger(name)
        # uvicorn's own configuration gives way to ours; a logger it switched off (its
        # access log, ``access_log=False``) stays off.
        if logger.handlers:
            logger.handlers.clear()
            logger.propagate = True
    quiet_libraries()
    return handler


def quiet_libraries() -> None:
    """Libraries whose lower levels log data rather than events, kept above them even at
    ``debug``: SQLAlchemy logs every statement and result row (residents' messages) once
    its logger is enabled; python-telegram-bot every update and message it receives or
    sends, whole (a name in a referral's summary cannot be masked); httpx every request's
    URL (a Telegram Bot API URL holds the bot's token)."""
    for name, level in _LIBRARY_LEVELS.items():
        logging.getLogger(name).setLevel(level)


_LIBRARY_LEVELS = {
    "sqlalchemy": logging.WARNING,
    "telegram": logging.INFO,
    "httpx": logging.WARNING,
}
