"""The embeddable web chat widget, served by the product itself.

One ``<script src="https://HOST/widget.js">`` tag on a municipality's page adds a chat
button and panel that talk to the chat API. This module serves what that needs:

- the script and its stylesheet (``static/``; no CDN, no build step), gzipped when the
  browser accepts it;
- ``GET /api/v1/widget/config``: the municipality's name, colour and welcome text and the
  widget's own UI strings in one language, from the ``widget`` Babel domain;
- CORS for the chat API and that endpoint, for the websites listed in
  ``VRAAGWIJZER_WIDGET_ORIGINS`` only (the widget runs on the municipality's own site);
- the demo page at ``/``: a municipal web page with the widget on it, under a strict
  Content-Security-Policy (no inline script or style), as a real site should serve it.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, Field
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.application import Application
from bot.platform.i18n import Catalogs, Texts
from bot.platform.languages import SUPPORTED_LOCALES, Locale, language_name

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
WIDGET_DOMAIN = "widget"

# The demo page runs nothing inline and loads everything from this server; a real
# municipal site adds this server to its own script-src, style-src and connect-src.
DEMO_PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}

# Paths a browser on a listed website may call: the chat API (conversations and their
# messages and stream, and resuming one with a code) and the widget's configuration. Not
# the tickets API, not the console.
CORS_PATHS = ("/api/v1/conversations", "/api/v1/resume", "/api/v1/widget/")
CORS_HEADERS = "Authorization, Content-Type, Last-Event-ID"


def widget_text(message: str) -> str:
    """Marks a UI string of the widget for ``make messages`` (the ``widget`` domain).

    The text is translated when the configuration is asked for, in the asked language.
    """
    return message


# The widget's UI strings, by the key widget.js uses. ``%(municipality)s`` is filled in by
# the widget itself, because a page may name the municipality in its own way.
STRINGS: dict[str, str] = {
    "launcher": widget_text("Chat with us"),
    "new_message": widget_text("new message"),
    "title": widget_text("Chat with %(municipality)s"),
    "subtitle": widget_text("You are chatting with a digital assistant."),
    "close": widget_text("Close"),
    "log": widget_text("Conversation"),
    "input": widget_text("Type your message"),
    "send": widget_text("Send"),
    "you": widget_text("You"),
    "assistant": widget_text("Assistant"),
    "staff": widget_text("Staff member"),
    "typing": widget_text("The assistant is typing…"),
    "waiting": widget_text("Not sent yet. It will be sent when the connection is back."),
    "retry": widget_text("Not sent, try again"),
    "offline": widget_text("No connection. We keep trying."),
    "too_long": widget_text("This message is too long. Please make it shorter."),
    "failed": widget_text("This message could not be sent."),
    "button_expired": widget_text(
        "This button no longer works: a volunteer is helping you now. Type your answer."
    ),
    "too_long_typed": widget_text(
        "Your message is too long. Make it shorter: at most %(max)s characters. "
        "Or send it in parts."
    ),
    "slow_down": widget_text(
        "You are sending many messages quickly. Please wait a moment. "
        "We will send this message soon."
    ),
    "busy": widget_text(
        "It is very busy right now. Please wait a moment. We will try again soon. "
        "In danger? Call 112."
    ),
    "ended": widget_text("This conversation has ended."),
    "restart": widget_text("Start a new conversation"),
    "delete": widget_text("Delete this conversation"),
    "delete_question": widget_text(
        "Delete this conversation? We delete your messages and our answers from our system. "
        "This cannot be undone. A referral you already sent stays with the district team."
    ),
    "delete_yes": widget_text("Yes, delete it"),
    "delete_no": widget_text("No, keep it"),
    "deleted": widget_text("This conversation has been deleted from our system."),
    "delete_failed": widget_text("The conversation could not be deleted. Please try again."),
    "reference": widget_text("Your reference number"),
    # A provision card's disclosure: what it opens is everything but name, summary,
    # cost and phone.
    "more": widget_text("More information"),
    "for_whom": widget_text("For whom"),
    "cost": widget_text("Cost"),
    "opening": widget_text("Opening hours"),
    "apply": widget_text("How to apply"),
    "phone": widget_text("Phone"),
    "email": widget_text("E-mail"),
    "website": widget_text("Website"),
    "address": widget_text("Address"),
    "new_window": widget_text("opens in a new window"),
    # Who is writing, once a person has taken over (%(name)s: their first name).
    "with_person": widget_text("You are chatting with %(name)s, %(role)s."),
    "staff_who": widget_text("%(name)s, %(role)s"),
    "role_volunteer": widget_text("volunteer"),
    "role_team_member": widget_text("district team"),
    "role_staff": widget_text("staff member"),
    # Keeping the conversation on this device (localStorage), only when asked.
    "remember": widget_text("Remember this conversation on this device"),
    "remembered": widget_text(
        "This device remembers this conversation, also after you close the page. Do others "
        "use this device? Then choose “Forget this conversation on this device”."
    ),
    "forget": widget_text("Forget this conversation on this device"),
    "forgotten": widget_text("This device no longer remembers this conversation."),
    # Going on with the conversation on another device (bot/conversation/resume.py).
    "other_device": widget_text("Go on on another device"),
    "have_code": widget_text("I have a code"),
    # {time}: day and time the code stops working.
    "code_intro": widget_text(
        "Type this code in the chat on your other device. It works once, until {time}."
    ),
    # {email}: the address the resident gave, partly hidden (s***@example.nl).
    "code_email": widget_text("Send a link to {email}"),
    "code_sent": widget_text("We sent a link to {email}. It works once."),
    "code_label": widget_text("Code from your other device"),
    "code_go": widget_text("Go on"),
    "code_wrong": widget_text(
        "This code does not work. Maybe it is used or too old. Ask for a new code on your "
        "other device."
    ),
    "code_wait": widget_text("Too many tries. Wait 15 minutes and try again."),
    "code_failed": widget_text("That did not work. Try again in a moment."),
}
WELCOME = widget_text(
    "Questions about care, money, housing or taking part? Ask them here, in your own words."
)


class WidgetConfig(BaseModel):
    municipality: str = Field(description="The name the widget shows.")
    locale: Locale
    languages: dict[str, str] = Field(description="Locale code to the language's own name.")
    color: str = Field(description="The main colour, #rrggbb.")
    max_chars: int = Field(description="The longest message the chat API accepts.")
    welcome: str = Field(description="The short text at the top of the chat panel.")
    strings: dict[str, str] = Field(description="The widget's UI strings in this locale.")


@dataclass(frozen=True)
class Asset:
    """A static file held in memory with its gzipped form and a validator."""

    body: bytes
    gzipped: bytes
    etag: str
    media_type: str

    @classmethod
    def load(cls, path: Path, media_type: str) -> Asset:
        body = path.read_bytes()
        return cls(
            body=body,
            gzipped=gzip.compress(body, compresslevel=9, mtime=0),
            etag='"' + hashlib.sha256(body).hexdigest()[:20] + '"',
            media_type=media_type,
        )

    def response(self, request: Request) -> Response:
        headers = {
            "ETag": self.etag,
            # Short: a new release reaches every page within minutes.
            "Cache-Control": "public, max-age=300",
            "X-Content-Type-Options": "nosniff",
            # Any website may load the widget's script and stylesheet.
            "Cross-Origin-Resource-Policy": "cross-origin",
            "Vary": "Accept-Encoding",
        }
        if self.etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(self.gzipped, media_type=self.media_type, headers=headers)
        return Response(self.body, media_type=self.media_type, headers=headers)


def widget_config(
    application: Application, catalogs: Catalogs, locale: str | None = None
) -> WidgetConfig:
    """The widget's configuration in a locale (the default locale when not supported)."""
    if locale not in SUPPORTED_LOCALES:
        locale = application.settings.default_locale
    texts = catalogs.get(locale)
    return WidgetConfig(
        municipality=application.municipality.name,
        locale=texts.locale,
        languages={code: language_name(code) for code in SUPPORTED_LOCALES},
        color=application.settings.widget_color,
        max_chars=application.settings.max_message_chars,
        welcome=texts.gettext(WELCOME),
        strings={key: _translated(texts, msgid) for key, msgid in STRINGS.items()},
    )


def _translated(texts: Texts, msgid: str) -> str:
    # The widget fills in {municipality}, {max}, {name}; gettext's %-placeholders stay
    # out of JavaScript.
    return _PLACEHOLDER.sub(r"{\1}", texts.gettext(msgid))


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def install(app: FastAPI, application: Application) -> None:
    """Add the widget's routes, its CORS and the demo page to the ASGI app."""
    catalogs = Catalogs(SUPPORTED_LOCALES, domain=WIDGET_DOMAIN)
    assets = {
        "/widget.js": Asset.load(STATIC / "widget.js", "text/javascript; charset=utf-8"),
        "/widget.css": Asset.load(STATIC / "widget.css", "text/css; charset=utf-8"),
        "/demo/site.css": Asset.load(STATIC / "demo-site.css", "text/css; charset=utf-8"),
    }
    templates = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def serve(asset: Asset) -> Callable[[Request], Response]:
        def route(request: Request) -> Response:
            return asset.response(request)

        return route

    for path, asset in assets.items():
        app.add_api_route(path, serve(asset), methods=["GET"], include_in_schema=False)

    @app.get("/api/v1/widget/config", tags=["widget"], response_model=WidgetConfig)
    def config(
        locale: Annotated[str | None, Query(description="nl or en")] = None,
    ) -> WidgetConfig:
        """What the chat widget shows: name, colour, welcome text and UI strings."""
        return widget_config(application, catalogs, locale)

    @app.get("/", include_in_schema=False)
    def demo_page() -> HTMLResponse:
        municipality = application.municipality
        page = templates.get_template("demo_page.html").render(
            municipality=municipality.name,
            contact=municipality.general_contact,
            locale=application.settings.default_locale,
        )
        return HTMLResponse(page, headers=DEMO_PAGE_HEADERS)

    app.add_middleware(WidgetCors, origins=application.settings.widget_origin_list)


class WidgetCors:
    """CORS for the chat API and the widget's config, for the listed websites only.

    No cookies are involved (a conversation's token travels in the Authorization header),
    so credentials are never allowed. Error answers carry the headers too: the widget must
    be able to read a 401 or 410 to start a new conversation.
    """

    def __init__(self, app: ASGIApp, origins: tuple[str, ...]) -> None:
        self.app = app
        self.origins = frozenset(o.lower() for o in origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(CORS_PATHS):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        allowed = origin is not None and origin.lower() in self.origins
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(send, origin if allowed else None)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                response_headers.add_vary_header("Origin")
                if allowed and origin is not None:
                    response_headers["Access-Control-Allow-Origin"] = origin
                    # A 429's wait: the widget reads it to try again at the right time.
                    response_headers["Access-Control-Expose-Headers"] = "Retry-After"
            await send(message)

        await self.app(scope, receive, send_with_cors)

    @staticmethod
    async def _preflight(send: Send, origin: str | None) -> None:
        headers = [(b"vary", b"Origin")]
        if origin is not None:
            headers += [
                (b"access-control-allow-origin", origin.encode("latin-1")),
                (b"access-control-allow-methods", b"GET, POST, DELETE"),
                (b"access-control-allow-headers", CORS_HEADERS.encode("latin-1")),
                (b"access-control-max-age", b"600"),
            ]
        await send(
            {
                "type": "http.response.start",
                "status": 204 if origin is not None else 403,
                "headers": headers,
            }
        )
        await send({"type": "http.response.body", "body": b""})
