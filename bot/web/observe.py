"""Request ids, the access log, HTTP metrics, and ``GET /metrics``.

Every request gets an id: a sane ``X-Request-ID`` from a proxy in front is kept (so its
log and ours can be matched), otherwise one is made. It is echoed in the response and
carried by every log record made while serving the request.

The access log is ours, not uvicorn's: it names the route template
(``/api/v1/conversations/{conversation_id}/messages``), never the path with its ids nor
the query string, and not the client's address (personal data), so nothing a resident
typed or a token can end up in it. The same template labels the latency histogram, which
keeps its number of series small.

``/metrics`` tells how much the service is used: with ``VRAAGWIJZER_METRICS_TOKEN`` set
it wants ``Authorization: Bearer <token>``; without, it answers only requests from this
machine's loopback that did not come through a proxy.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import re
import time
import uuid

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.application import Application
from bot.metrics import CONTENT_TYPE, Metrics
from bot.platform.logs import request_id
from bot.web.errors import error

logger = logging.getLogger("bot.access")

HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Polled by machines every few seconds: in the access log only at debug level.
_QUIET = frozenset({"/healthz", "/readyz", "/metrics"})
_FORWARDED = (b"forwarded", b"x-forwarded-for", b"x-real-ip")


class RequestObserver:
    """Outermost of our middleware: the id is set before anything else logs."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _incoming_id(scope) or uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500
        stream = False

        async def observed(message: Message) -> None:
            nonlocal status, stream
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", ()))
                stream = any(
                    k.lower() == b"content-type" and v.startswith(b"text/event-stream")
                    for k, v in headers
                )
                if stream:
                    self.metrics.open_streams.inc()
                headers.append((HEADER.lower().encode(), rid.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, observed)
        except BaseException:
            # Left set: the error handler outside this middleware logs with the id.
            self._done(scope, status, started, stream)
            raise
        self._done(scope, status, started, stream)
        request_id.reset(token)

    def _done(self, scope: Scope, status: int, started: float, stream: bool) -> None:
        seconds = time.perf_counter() - started
        method = scope["method"]
        route = route_template(scope)
        if stream:
            self.metrics.open_streams.dec()
        else:
            self.metrics.request_done(method, route, status, seconds)
        level = logging.DEBUG if route in _QUIET and status < 400 else logging.INFO
        logger.log(
            level,
            "%s %s %s %.1f ms%s",
            method,
            route,
            status,
            seconds * 1000,
            " (stream)" if stream else "",
            extra={
                "method": method,
                "route": route,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
            },
        )


def route_template(scope: Scope) -> str:
    """The matched route's template; "unmatched" for a path no route knows."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


def _incoming_id(scope: Scope) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == b"x-request-id":
            text = value.decode("latin-1")
            return text if _VALID_ID.fullmatch(text) else None
    return None


def install(app: FastAPI, application: Application) -> None:
    app.add_middleware(RequestObserver, metrics=application.metrics)
    token = application.settings.metrics_token

    @app.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        """Prometheus metrics of this process (all processes of ``serve --workers``)."""
        if token is not None:
            given = request.headers.get("authorization", "")
            expected = f"Bearer {token.get_secret_value()}"
            if not hmac.compare_digest(given.encode(), expected.encode()):
                return error(
                    401,
                    "invalid_token",
                    "Send the metrics token as 'Authorization: Bearer <token>'.",
                    {"WWW-Authenticate": "Bearer"},
                )
        elif not _local(request):
            return error(403, "forbidden", "Metrics are only served to this machine.")
        body = await run_in_threadpool(application.metrics.exposition)
        return Response(body, media_type=CONTENT_TYPE, headers={"Cache-Control": "no-store"})


def _local(request: Request) -> bool:
    """From this machine and not through a proxy (which would hide the real client)."""
    if any(key in _FORWARDED for key, _ in request.scope.get("headers", ())):
        return False
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
