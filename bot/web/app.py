"""The ASGI app: the chat API, health checks, the staff console, and (later) channels."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from bot.application import Application
from bot.console.routes import install as install_console
from bot.db import is_reachable
from bot.web import chat_api, errors, observe, security_headers, tickets_api, widget
from bot.web.limits import BodySizeLimit
from bot.web.timing import ServerTiming

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024


def create_app(application: Application) -> FastAPI:
    app = FastAPI(
        title="VraagWijzer",
        version="1",
        summary="Chat assistant for residents' questions about daily life.",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.application = application
    errors.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(ServerTiming)
    app.include_router(chat_api.router)
    app.include_router(tickets_api.router)
    install_console(app)
    # The chat widget, its CORS for municipal websites, and the demo page at "/".
    widget.install(app, application)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get(
        "/readyz",
        tags=["health"],
        response_model=None,
        responses={
            200: {"description": "Ready: the database answers."},
            503: {"description": "Not ready: the database does not answer."},
        },
    )
    async def readyz() -> dict[str, str] | JSONResponse:
        """Readiness: the database answers."""
        if await run_in_threadpool(is_reachable, application.db):
            return {"status": "ready"}
        return JSONResponse({"status": "database unreachable"}, status_code=503)

    # Security headers on every answer, and (outside them) the client's address and
    # scheme from trusted proxies' headers, which HSTS and the rate limits go by.
    security_headers.install(app, application.settings)
    # Last, so its middleware is the outermost: the request id is set before anything
    # else runs, and the access log and latency cover everything inside.
    observe.install(app, application)
    return app
