"""Turning a template into a page: the staff member's language, the CSRF token, and the
headers that keep console pages out of caches, frames and other sites' scripts."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.application import Application
from bot.platform.i18n import Texts
from bot.staff.sessions import Staff

TEMPLATES = Path(__file__).parent / "templates"
LANGUAGE_COOKIE = "vw_console_lang"

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def application(request: Request) -> Application:
    app: Application = request.app.state.application
    return app


def console_texts(request: Request) -> Texts:
    app = application(request)
    wanted = request.cookies.get(LANGUAGE_COOKIE) or app.settings.default_locale
    if wanted not in app.console_catalogs.locales:
        wanted = app.settings.default_locale
    return app.console_catalogs.get(wanted)


def secure(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


def render(
    request: Request,
    template: str,
    *,
    staff: Staff | None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    texts = console_texts(request)
    page = _environment.get_template(template).render(
        request=request,
        staff=staff,
        csrf_token=staff.csrf_token if staff else context.pop("csrf_token", ""),
        gettext=texts.gettext,
        ngettext=texts.ngettext,
        locale=texts.locale,
        date=lambda value: _date(texts, value),
        municipality=application(request).municipality.name,
        **context,
    )
    return secure(HTMLResponse(page, status_code=status_code))  # type: ignore[return-value]


def _date(texts: Texts, value: date | datetime | None) -> str:
    if value is None:
        return ""
    return texts.short_date(value)
