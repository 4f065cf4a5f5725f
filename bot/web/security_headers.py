"""The security headers every answer carries, and who the client is behind a proxy.

One ASGI middleware puts the browser's protections on every response, so no route can
forget them: a Content-Security-Policy (scripts and styles from this server only, nothing
inline), who may frame our pages (``VRAAGWIJZER_FRAME_ANCESTORS``; the console never),
``nosniff``, a referrer policy, a permissions policy that switches off what we never use,
``Strict-Transport-Security`` when the request came over HTTPS, and ``no-store`` on
console pages and on API answers that hold personal data. A route that sets a header
itself (the console's and the demo page's own stricter policies) keeps it.

The chat widget is not framed: municipal pages load it with a script tag, and its calls
need CORS (``bot.web.widget``), not ``frame-ancestors``.

The API docs page (Swagger UI) loads Swagger's script and style from this server
(``bot.web.app``: no CDN) and starts it with FastAPI's inline script. That script is
allowed by its hash, computed from the page itself, so the policy stays without
``'unsafe-inline'`` for scripts.

Behind a reverse proxy the connection comes from the proxy: its ``X-Forwarded-For`` and
``X-Forwarded-Proto`` are believed only when it is one of ``VRAAGWIJZER_TRUSTED_PROXIES``
(uvicorn's middleware, run inside the app so any server gets the same rule). The scheme
then decides HSTS, and the address is what the rate limits count.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from bot.platform.settings import Settings

HSTS = "max-age=31536000"
# Features a chat and a console never use; only names browsers know (an unknown one is
# an error in the browser's console).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()"
)
DEFAULT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
# Swagger UI from this server, with FastAPI's inline start script (by hash); Swagger UI 5
# sets its styles through the DOM, which style-src 'self' allows (checked in Chromium).
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
# A 500 is answered by Starlette's last-resort handler, outside this middleware: its
# small JSON body carries these itself (bot/web/errors.py).
ERROR_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)
# Answers with a resident's messages or a ticket: never kept in a cache along the way.
PRIVATE_PREFIXES = ("/api/v1/conversations", "/api/v1/tickets")


def install(app: FastAPI, settings: Settings, *, docs_paths: Iterable[str] = ()) -> None:
    """Add the headers middleware and, outside it, the trusted proxy headers. Call last in
    ``create_app``: the middleware added last runs first. ``docs_paths`` are the pages
    that get ``DOCS_POLICY`` (the API docs)."""
    app.add_middleware(
        SecurityHeaders, frame_ancestors=settings.frame_ancestors, docs_paths=docs_paths
    )
    trusted = [p.strip() for p in settings.trusted_proxies.split(",") if p.strip()]
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=trusted)


def is_console(path: str) -> bool:
    return path == "/console" or path.startswith("/console/")


class SecurityHeaders:
    def __init__(
        self, app: ASGIApp, *, frame_ancestors: str, docs_paths: Iterable[str] = ()
    ) -> None:
        self.app = app
        self.frame_ancestors = frame_ancestors
        self.docs_paths = frozenset(docs_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] in self.docs_paths:
            await self._docs(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                self._add(scope, MutableHeaders(scope=message), DEFAULT_POLICY)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _add(self, scope: Scope, headers: MutableHeaders, policy: str) -> None:
        path: str = scope["path"]
        console = is_console(path)
        ancestors = "'none'" if console else self.frame_ancestors
        csp = headers.get("content-security-policy")
        if csp is None:
            headers["Content-Security-Policy"] = f"{policy}; frame-ancestors {ancestors}"
        elif "frame-ancestors" not in csp:
            headers["Content-Security-Policy"] = f"{csp}; frame-ancestors {ancestors}"
        if "x-frame-options" not in headers:
            # The old header knows no list of sites: with origins listed, CSP alone decides.
            legacy = {"'none'": "DENY", "'self'": "SAMEORIGIN"}.get(ancestors)
            if legacy:
                headers["X-Frame-Options"] = legacy
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault(
            "Referrer-Policy", "same-origin" if console else "strict-origin-when-cross-origin"
        )
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if scope.get("scheme") == "https":
            headers.setdefault("Strict-Transport-Security", HSTS)
        if (console and not path.startswith("/console/static/")) or path.startswith(
            PRIVATE_PREFIXES
        ):
            headers.setdefault("Cache-Control", "no-store")

    async def _docs(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The docs page is small: hold it, hash its inline scripts, then send it."""
        start: Message | None = None
        body = b""

        async def hold(message: Message) -> None:
            nonlocal start, body
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] == "http.response.body":
                body += message.get("body", b"")
                if not message.get("more_body", False) and start is not None:
                    hashes = " ".join(
                        "'sha256-" + base64.b64encode(hashlib.sha256(s).digest()).decode() + "'"
                        for s in _INLINE_SCRIPT.findall(body)
                    )
                    policy = DOCS_POLICY.format(hashes=hashes or "")
                    self._add(scope, MutableHeaders(scope=start), policy)
                    await send(start)
                    await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, hold)
