"""Every failure becomes a small JSON answer with a code; nothing leaks a stack trace.

A domain error (a conversation's, a referral ticket's) carries a stable ``code``;
``PROBLEMS`` is the web's one table from that code to the HTTP status and the answer's
own ``error.code`` and message, which API clients match on and so never change. An
error whose own code is not in the table is answered by its classes' codes, most
precise first (a ``TransitionError`` with the code ``ticket.closed`` as
``ticket.transition_not_allowed``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from bot.conversation import (
    ConversationError,
    is_database_down,
    outage_notice,
)
from bot.platform.errors import error_codes
from bot.platform.logs import request_id
from bot.platform.ratelimit import RateLimited
from bot.web.insights_api import InsightsUnauthorized
from bot.web.security_headers import ERROR_HEADERS
from handoff import TicketError

logger = logging.getLogger(__name__)


def error(
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    **extra: object,
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message, **extra}}, status_code=status, headers=headers
    )


@dataclass(frozen=True)
class Problem:
    """How the API answers one code: ``type`` is the answer's ``error.code`` (None: the
    last word of the error's own code, e.g. ``empty_message``), ``title`` its message
    (None: the error's own message); ``bearer`` adds the 401's ``WWW-Authenticate``."""

    status: int
    type: str | None
    title: str | None
    bearer: bool = False


BEARER = "Send the conversation's token as 'Authorization: Bearer <token>'."
PROBLEMS: dict[str, Problem] = {
    "conversation.not_found": Problem(
        404, "conversation_not_found", "There is no conversation with this id."
    ),
    "conversation.expired": Problem(
        410, "conversation_expired", "This conversation has expired; start a new one."
    ),
    "conversation.invalid_token": Problem(401, "invalid_token", BEARER, bearer=True),
    "conversation.invalid_resume_code": Problem(
        404, "invalid_resume_code", "This code is wrong, used or expired."
    ),
    "conversation.no_email_address": Problem(
        409,
        "no_email_address",
        "The resident gave no e-mail address in this conversation; no code was made.",
    ),
    "conversation.button_expired": Problem(
        409,
        "button_expired",
        "This button belongs to a question from before a volunteer took over the "
        "conversation; nothing was stored. Type the answer instead.",
    ),
    # Which part of the message is wrong: the error's own code says it.
    "conversation.invalid_message": Problem(422, None, None),
    "ticket.not_found": Problem(
        404, "ticket_not_found", "Your team has no ticket with this reference."
    ),
    "ticket.transition_not_allowed": Problem(409, "transition_not_allowed", None),
    "ticket.invalid": Problem(422, "invalid_request", None),
    # Any other ticket error (mostly: other writers kept changing the ticket, so
    # nothing was written).
    "ticket.error": Problem(409, "conflict", None),
}


def problem(exc: BaseException) -> Problem | None:
    """How the API answers ``exc``; None for an error the table does not know (a bug)."""
    return next((PROBLEMS[code] for code in error_codes(exc) if code in PROBLEMS), None)


def domain_error(exc: BaseException) -> JSONResponse | None:
    """The API's answer to a domain error; None when the table does not know it."""
    found = problem(exc)
    if found is None:
        return None
    own = getattr(exc, "code", None)
    return error(
        found.status,
        found.type or (own.rpartition(".")[2] if isinstance(own, str) else "invalid_request"),
        found.title if found.title is not None else str(exc),
        {"WWW-Authenticate": "Bearer"} if found.bearer else None,
    )


# The chat API's paths: their 503 speaks to the resident too.
CHAT_PATHS = "/api/v1/conversations"
RETRY_AFTER_SECONDS = 5


def _resident_notice(request: Request) -> dict[str, str]:
    """What the widget shows the resident while the database is down: sorry, try again in
    a moment, and the crisis numbers, in the language the client asked for. Built without
    the database (the catalogs and the municipality are in memory)."""
    application = request.app.state.application
    locale = _accepted_locale(
        request.headers.get("accept-language", ""),
        application.catalogs.locales,
        application.settings.default_locale,
    )
    notice = outage_notice(application.catalogs.get(locale), application.municipality)
    return {"locale": notice.locale, "text": notice.text, "crisis": notice.crisis}


def _accepted_locale(header: str, locales: tuple[str, ...], default: str) -> str:
    """The first of ``locales`` the Accept-Language header asks for (by q-value), else
    ``default``. The widget sends its conversation's language this way."""
    wanted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        language = tag.split("-")[0].lower()
        if language in locales and quality > 0:
            wanted.append((-quality, position, language))
    return min(wanted)[2] if wanted else default


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route takes on this path."""
    allowed: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        match, _ = route.matches(dict(request.scope))
        if match is not Match.NONE:
            allowed |= route.methods or set()
    return sorted(allowed)


def install(app: FastAPI) -> None:
    @app.exception_handler(ConversationError)
    async def _conversation(request: Request, exc: ConversationError) -> JSONResponse:
        return domain_error(exc) or _internal(request, exc)

    @app.exception_handler(TicketError)
    async def _ticket(request: Request, exc: TicketError) -> JSONResponse:
        return domain_error(exc) or _internal(request, exc)

    @app.exception_handler(InsightsUnauthorized)
    async def _insights_token(_: Request, __: InsightsUnauthorized) -> JSONResponse:
        return error(
            401,
            "invalid_token",
            "Send the insights token as 'Authorization: Bearer <token>'.",
            {"WWW-Authenticate": "Bearer"},
        )

    @app.exception_handler(RateLimited)
    async def _limited(_: Request, exc: RateLimited) -> JSONResponse:
        return error(
            429,
            "rate_limited",
            f"Too many requests; try again in {exc.retry_after} seconds.",
            {"Retry-After": str(exc.retry_after)},
            retry_after=exc.retry_after,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = exc.errors()
        content_type = request.headers.get("content-type", "")
        if request.method in {"POST", "PUT", "PATCH"} and "json" not in content_type.lower():
            # FastAPI reads a body as JSON only when it says so; tell the client, do not
            # make it guess from a message about dictionaries.
            return error(
                415,
                "unsupported_media_type",
                "Send the body as JSON with the header 'Content-Type: application/json'.",
            )
        if any(p.get("type") == "json_invalid" for p in problems):
            return error(400, "malformed_json", "The request body is not valid JSON.")
        first = problems[0] if problems else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return error(422, "invalid_request", f"{where or 'body'}: {first.get('msg', 'invalid')}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # 400 here means the body could not be read at all (e.g. not UTF-8).
        codes = {
            400: "malformed_json",
            404: "not_found",
            405: "method_not_allowed",
            413: "too_large",
        }
        # The exception's own headers go along; a 405 must say what is allowed (RFC 9110),
        # and a path with a route per method (GET and POST .../messages) allows them all.
        headers = dict(exc.headers) if exc.headers else {}
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(_allowed_methods(request)) or headers.get("Allow", "")
        return error(
            exc.status_code,
            codes.get(exc.status_code, "http_error"),
            str(exc.detail),
            headers or None,
        )

    def _internal(request: Request, exc: Exception) -> JSONResponse:
        logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        # Served outside our middleware (Starlette's last resort): the request id and the
        # security headers are added here, so a report of the failure can be matched with
        # the log and the answer is as locked down as any other.
        rid = request_id.get()
        return error(
            500,
            "internal_error",
            "Something went wrong on our side.",
            {**ERROR_HEADERS, **({"X-Request-ID": rid} if rid else {})},
        )

    async def _database(request: Request, exc: Exception) -> JSONResponse:
        if not is_database_down(exc):
            # A missing table or bad SQL is a bug: retrying will not help, so residents
            # are not told to wait for it.
            return _internal(request, exc)
        logger.error(
            "database unavailable on %s %s", request.method, request.url.path, exc_info=exc
        )
        # The chat API's answer also speaks to the resident (see ``UnavailableOut``).
        chat = request.url.path.startswith(CHAT_PATHS)
        return error(
            503,
            "unavailable",
            "The service is temporarily unavailable. Try again soon.",
            {"Retry-After": str(RETRY_AFTER_SECONDS)},
            **({"resident": _resident_notice(request)} if chat else {}),
        )

    # Server stopped or connection lost, a SQLite file locked, no pooled connection free.
    for unavailable in (OperationalError, InterfaceError, PoolTimeout):
        app.add_exception_handler(unavailable, _database)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return _internal(request, exc)
