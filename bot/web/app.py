"""The ASGI app: the chat API, health checks, the staff console, and (later) channels."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from bot.application import Application
from bot.console.guard import refused_page
from bot.console.routes import install as install_console
from bot.platform.db import is_reachable
from bot.web import (
    chat_api,
    control_chars,
    errors,
    insights_api,
    observe,
    security_headers,
    tickets_api,
    widget,
)
from bot.web.control_chars import ControlCharacters
from bot.web.limits import BodySizeLimit
from bot.web.timing import ServerTiming

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024
DOCS_URL = "/api/docs"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
# Swagger UI's own build (swagger-ui-dist), as the fastapi-offline package ships it: the
# docs page loads nothing from another site.
SWAGGER_UI = Path(str(resources.files("fastapi_offline"))) / "static"
SWAGGER_ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}


def create_app(application: Application) -> FastAPI:
    app = FastAPI(
        title="VraagWijzer",
        version="1",
        summary="Chat assistant for residents' questions about daily life.",
        # Our own docs page (below): FastAPI's loads Swagger UI from a CDN.
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=OAUTH2_REDIRECT_URL,
    )
    app.state.application = application
    errors.install(app)
    # Inside the body's cap: it reads bodies that have passed it.
    app.add_middleware(ControlCharacters, console_page=refused_page)
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(ServerTiming)
    app.include_router(chat_api.router)
    app.include_router(tickets_api.router)
    app.include_router(insights_api.router)
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

    _install_docs(app)

    # Security headers on every answer, and (outside them) the client's address and
    # scheme from trusted proxies' headers, which HSTS and the rate limits go by.
    security_headers.install(app, application.settings, docs_paths=(DOCS_URL, OAUTH2_REDIRECT_URL))
    # Last, so its middleware is the outermost: the request id is set before anything
    # else runs, and the access log and latency cover everything inside.
    observe.install(app, application)
    return app


def _install_docs(app: FastAPI) -> None:
    """Swagger UI at ``/api/docs`` with its script and style served from here, and the
    OpenAPI document saying what every operation can answer."""

    @app.get(DOCS_URL, include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        root = str(request.scope.get("root_path", "")).rstrip("/")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{root}{DOCS_URL}/static/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_URL}/static/swagger-ui.css",
            swagger_favicon_url="data:,",
            oauth2_redirect_url=f"{root}{OAUTH2_REDIRECT_URL}",
            # Swagger UI would otherwise show a badge from swagger.io's online validator.
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get(OAUTH2_REDIRECT_URL, include_in_schema=False)
    async def oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    for name, media_type in SWAGGER_ASSETS.items():
        app.add_api_route(
            f"{DOCS_URL}/static/{name}",
            _asset(SWAGGER_UI / name, media_type),
            methods=["GET"],
            include_in_schema=False,
        )

    made = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            control_chars.document(made())
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _asset(path: Path, media_type: str) -> Callable[[], Awaitable[FileResponse]]:
    async def serve() -> FileResponse:
        return FileResponse(path, media_type=media_type)

    return serve
