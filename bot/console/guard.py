"""Who may see a console page: signed in, the right role, and forms with their CSRF token.

Pages call ``require(request, roles...)``; the exceptions it raises become a redirect to
the sign-in page (with the way back), or a plain page saying what is not allowed.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from bot.console import access_log
from bot.console.rendering import application, console_texts, render, secure
from bot.staff.accounts import Role
from bot.staff.sessions import Staff, csrf_ok

SESSION_COOKIE = "vw_console"


class SignInRequired(Exception):
    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


class NotAllowed(Exception):
    """Signed in, but this page is not for this role (or this team)."""


class FormExpired(Exception):
    """A form without the session's CSRF token: stale, doubled from another tab, or forged."""


def current_staff(request: Request) -> Staff | None:
    return application(request).staff_sessions.staff(request.cookies.get(SESSION_COOKIE))


def require(request: Request, *roles: Role) -> Staff:
    staff = current_staff(request)
    if staff is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(target)
    if roles and not staff.may(*roles):
        raise NotAllowed
    # A page with a resident's personal data on it is written to the access log.
    access_log.note_opening(request, staff.username, staff.role.value, staff.teams)
    return staff


def check_form(staff: Staff, form: Mapping[str, object]) -> None:
    token = form.get("csrf_token")
    if not csrf_ok(staff, token if isinstance(token, str) else None):
        raise FormExpired


async def posted(request: Request, *roles: Role) -> tuple[Staff, FormData]:
    """A form sent by someone signed in with one of these roles, with its CSRF token
    checked: what every console form handler starts with."""
    form = await request.form()
    staff = await run_in_threadpool(require, request, *roles)
    check_form(staff, form)
    return staff, form


def safe_next(target: str | None) -> str:
    """Only a path inside the console: never another site after signing in."""
    if target and target.startswith("/console") and not target.startswith("//"):
        return target
    return "/console"


_REFUSED_PAGE = """<!doctype html>
<html lang="{locale}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} · VraagWijzer</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/console/static/console.css">
</head>
<body>
  <header class="top"><a class="brand" href="/console">VraagWijzer</a></header>
  <main>
    <h1>{title}</h1>
    <p>{explanation}</p>
    <p><a href="/console">{back}</a></p>
  </main>
</body>
</html>
"""


def refused_page(request: Request) -> Response:
    """The console's answer to a form, link or cookie with control characters in it.
    bot/web/control_chars.py refuses it before any page runs, so nobody is looked up
    for the templates' header: a page of its own, in the console's look."""
    texts = console_texts(request)
    page = _REFUSED_PAGE.format(
        locale=html.escape(texts.locale),
        title=html.escape(texts.gettext("What you sent contains invisible characters")),
        explanation=html.escape(
            texts.gettext(
                "Nothing was saved. Type the text again instead of pasting it, and try again."
            )
        ),
        back=html.escape(texts.gettext("Back to the start page")),
    )
    # 422, as a form's own problems are answered (the catalogue's, say).
    return secure(HTMLResponse(page, status_code=422))


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, exc: SignInRequired) -> Response:
        return secure(
            RedirectResponse(f"/console/signin?next={quote(exc.next_url)}", status_code=303)
        )

    @app.exception_handler(NotAllowed)
    async def _not_allowed(request: Request, exc: NotAllowed) -> Response:
        return render(request, "not_allowed.html", staff=current_staff(request), status_code=403)

    @app.exception_handler(FormExpired)
    async def _expired(request: Request, exc: FormExpired) -> Response:
        return render(request, "form_expired.html", staff=current_staff(request), status_code=403)
