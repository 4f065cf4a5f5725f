"""Who may see a console page: signed in, the right role, and forms with their CSRF token.

Pages call ``require(request, roles...)``; the exceptions it raises become a redirect to
the sign-in page (with the way back), or a plain page saying what is not allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from bot.console.auth import Staff, csrf_ok
from bot.console.rendering import application, render, secure
from bot.staff import Role

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
