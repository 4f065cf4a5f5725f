"""Every failure becomes a small JSON answer with a code; nothing leaks a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.conversation.errors import (
    ConversationExpired,
    ConversationNotFound,
    InvalidMessage,
    InvalidToken,
)

logger = logging.getLogger(__name__)


def error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


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

    @app.exception_handler(InvalidMessage)
    async def _message(_: Request, exc: InvalidMessage) -> JSONResponse:
        return error(422, exc.code, str(exc))

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
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        # 400 here means the body could not be read at all (e.g. not UTF-8).
        codes = {
            400: "malformed_json",
            404: "not_found",
            405: "method_not_allowed",
            413: "too_large",
        }
        return error(exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))

    @app.exception_handler(OperationalError)
    async def _database(request: Request, exc: OperationalError) -> JSONResponse:
        logger.error(
            "database unavailable on %s %s", request.method, request.url.path, exc_info=exc
        )
        return error(
            503,
            "unavailable",
            "The service is temporarily unavailable. Try again soon.",
            {"Retry-After": "5"},
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error(500, "internal_error", "Something went wrong on our side.")
