"""Every failure becomes a small JSON answer with a code; nothing leaks a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from bot.conversation.errors import (
    ButtonExpired,
    ConversationExpired,
    ConversationNotFound,
    InvalidMessage,
    InvalidToken,
)
from bot.conversation.outage import is_database_down, outage_notice
from bot.conversation.resume import InvalidResumeCode, NoEmailAddress
from bot.platform.logs import request_id
from bot.platform.ratelimit import RateLimited
from bot.web.insights_api import InsightsUnauthorized
from bot.web.security_headers import ERROR_HEADERS

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
    @app.exception_handler(ConversationNotFound)
    async def _not_found(_: Request, __: ConversationNotFound) -> JSONResponse:
        return error(404, "conversation_not_found", "There is no conversation with this id.")

    @app.exception_handler(ConversationExpired)
    async def _expired(_: Request, __: ConversationExpired) -> JSONResponse:
        return error(410, "conversation_expired", "This conversation has expired; start a new one.")

    @app.exception_handler(InvalidToken)
    async def _token(_: Request, __: InvalidToken) -> JSONResponse:
        return error(
            401,
            "invalid_token",
            "Send the conversation's token as 'Authorization: Bearer <token>'.",
            {"WWW-Authenticate": "Bearer"},
        )

    @app.exception_handler(InsightsUnauthorized)
    async def _insights_token(_: Request, __: InsightsUnauthorized) -> JSONResponse:
        return error(
            401,
            "invalid_token",
            "Send the insights token as 'Authorization: Bearer <token>'.",
            {"WWW-Authenticate": "Bearer"},
        )

    @app.exception_handler(InvalidResumeCode)
    async def _resume_code(_: Request, __: InvalidResumeCode) -> JSONResponse:
        return error(404, "invalid_resume_code", "This code is wrong, used or expired.")

    @app.exception_handler(NoEmailAddress)
    async def _no_email(_: Request, __: NoEmailAddress) -> JSONResponse:
        return error(
            409,
            "no_email_address",
            "The resident gave no e-mail address in this conversation; no code was made.",
        )

    @app.exception_handler(ButtonExpired)
    async def _button_expired(_: Request, exc: ButtonExpired) -> JSONResponse:
        return error(
            409,
            "button_expired",
            "This button belongs to a question from before a volunteer took over the "
            "conversation; nothing was stored. Type the answer instead.",
        )

    @app.exception_handler(InvalidMessage)
    async def _message(_: Request, exc: InvalidMessage) -> JSONResponse:
        return error(422, exc.code, str(exc))

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
