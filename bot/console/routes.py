"""Signing in and out, the language switch, the console's home page, and wiring all
console pages into the ASGI app."""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from bot.console import (
    admin_pages,
    catalogue_pages,
    inbox_pages,
    insights_pages,
    live_pages,
    ticket_actions,
    ticket_pages,
)
from bot.console.guard import (
    SESSION_COOKIE,
    current_staff,
    install_handlers,
    posted,
    require,
    safe_next,
)
from bot.console.rendering import LANGUAGE_COOKIE, application, render, secure
from bot.platform.ratelimit import RateLimited, client_address
from bot.staff.accounts import Role
from bot.staff.sessions import SignInResult, address_tag

STATIC = Path(__file__).parent / "static"
# A sign-in form carries a random value that must match this cookie (no session yet to
# hold a CSRF token): another site cannot sign a browser in to an account of its choice.
SIGNIN_COOKIE = "vw_signin"

router = APIRouter(prefix="/console", include_in_schema=False)


def _cookie_secure(request: Request) -> bool:
    return application(request).settings.public_url.startswith("https://")


@router.get("")
def home(request: Request) -> Response:
    staff = require(request)
    sections = []
    if staff.may(Role.VOLUNTEER):
        sections.append("live")
    if staff.may(Role.TEAM_MEMBER):
        sections.append("tickets")
    if staff.may(Role.EDITOR):
        sections.append("catalogue")
    if staff.may(Role.ANALYST):
        sections.append("insights")
    return render(request, "home.html", staff=staff, sections=sections)


@router.get("/signin")
def signin_page(request: Request, next: str | None = None) -> Response:
    if current_staff(request) is not None:
        return secure(RedirectResponse(safe_next(next), status_code=303))
    return _signin_form(request, next=next)


def _signin_form(
    request: Request,
    *,
    next: str | None,
    error: str | None = None,
    username: str = "",
    status_code: int = 200,
    retry_after: int | None = None,
) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "signin.html",
        staff=None,
        csrf_token=token,
        next=safe_next(next),
        error=error,
        username=username,
        retry_minutes=max(1, -(-retry_after // 60)) if retry_after else 0,
        status_code=status_code,
    )
    if retry_after:
        response.headers["Retry-After"] = str(retry_after)
    response.set_cookie(
        SIGNIN_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_cookie_secure(request),
        path="/console/signin",
        max_age=3600,
    )
    return response


@router.post("/signin")
async def signin(request: Request) -> Response:
    form = await request.form()
    username = str(form.get("username", ""))[:120]
    password = str(form.get("password", ""))[:1000]
    target = str(form.get("next", "")) or None
    expected = request.cookies.get(SIGNIN_COOKIE, "")
    submitted = str(form.get("csrf_token", ""))
    if not expected or not hmac.compare_digest(expected, submitted):
        return _signin_form(
            request, next=target, error="expired", username=username, status_code=403
        )
    app = application(request)
    # Wrong passwords are limited per client address, and per account name from that
    # address (bot/platform/ratelimit.py); an account tried from many addresses holds off the
    # ones it does not know (bot/staff/sessions.py), never the ones its owner uses.
    address = client_address(request.scope)
    origin = address_tag(app.settings.secret_key.get_secret_value(), address)

    def attempt() -> SignInResult:
        with app.rate_limits.signin_turn(address):
            app.rate_limits.check_signin(address, username)
            result = app.staff_sessions.sign_in(username, password, origin)
            if result.token is None:
                app.rate_limits.signin_failed(address, username)
            else:
                app.rate_limits.signin_succeeded(address, username)
            return result

    try:
        # Refused at once when over a limit, without waiting for a thread or a turn, and
        # without a password check: these limits count only what this address did, the
        # same for every name typed, so the quick answer tells nothing about an account,
        # and a flood from one address does not get the server's CPU and threads.
        app.rate_limits.check_signin(address, username)
        result = await run_in_threadpool(attempt)
    except RateLimited as exc:
        return _signin_form(
            request,
            next=target,
            error="limited",
            username=username,
            status_code=429,
            retry_after=exc.retry_after,
        )
    if result.token is None:
        return _signin_form(request, next=target, error="wrong", username=username, status_code=401)
    response = RedirectResponse(safe_next(target), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        result.token,
        httponly=True,
        samesite="lax",
        secure=_cookie_secure(request),
        path="/console",
    )
    response.delete_cookie(SIGNIN_COOKIE, path="/console/signin")
    return secure(response)


@router.post("/signout")
async def signout(request: Request) -> Response:
    await posted(request)  # signed in, with the CSRF token: a link elsewhere cannot sign out
    app = application(request)
    await run_in_threadpool(app.staff_sessions.sign_out, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/console/signin", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/console")
    return secure(response)


@router.get("/language/{code}")
def language(request: Request, code: str, next: str | None = None) -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    if code in application(request).console_catalogs.locales:
        response.set_cookie(
            LANGUAGE_COOKIE, code, samesite="lax", path="/console", max_age=365 * 86400
        )
    return secure(response)


def install(app: FastAPI) -> None:
    install_handlers(app)
    app.include_router(router)
    app.include_router(catalogue_pages.router)
    app.include_router(inbox_pages.router)
    app.include_router(ticket_pages.router)
    app.include_router(ticket_actions.router)
    app.include_router(live_pages.router)
    app.include_router(admin_pages.router)
    app.include_router(insights_pages.router)
    app.mount("/console/static", StaticFiles(directory=STATIC), name="console-static")
