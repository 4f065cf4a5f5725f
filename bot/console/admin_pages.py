"""Admins manage the people and the district teams behind the console.

A new account, or a reset password, gets a generated password that is shown once, to be
passed on in person; nothing is e-mailed. Switching an account off or changing its role
signs it out at once. Admins cannot switch off or demote themselves, so the municipality
never locks itself out of its own console.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from bot.console import access_log
from bot.console.errors import error_text
from bot.console.guard import posted, require
from bot.console.rendering import application, console_texts, render, secure
from bot.platform.municipality import LOCAL_TIME
from bot.staff.accounts import (
    Role,
    StaffError,
    account,
    accounts,
    add_user,
    new_password,
    set_password,
    update_user,
)
from bot.staff.sessions import Staff
from handoff import DirectoryError, TeamInfo

router = APIRouter(prefix="/console/admin", include_in_schema=False)

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
TEAM_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")


def _role_names(request: Request) -> dict[str, str]:
    texts = console_texts(request)
    return {
        Role.VOLUNTEER.value: texts.gettext("Volunteer"),
        Role.TEAM_MEMBER.value: texts.gettext("District team member"),
        Role.EDITOR.value: texts.gettext("Content editor"),
        Role.ANALYST.value: texts.gettext("Policy (insights)"),
        Role.ADMIN.value: texts.gettext("Admin"),
    }


def _local(value: datetime | None) -> datetime | None:
    """A stored time (UTC) as the clock on the wall in the municipality shows it."""
    return value.replace(tzinfo=UTC).astimezone(LOCAL_TIME) if value else None


def _page(request: Request, staff: Staff, template: str, **context: Any) -> Response:
    app = application(request)
    return render(
        request,
        template,
        staff=staff,
        roles=_role_names(request),
        teams=[(t.id, t.name) for t in app.directory.teams()],
        local=_local,
        now=app.clock(),
        **context,
    )


PERIODS = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=31)}


@router.get("/access-log")
def access_log_page(request: Request) -> Response:
    """Who opened which transcript or ticket: filters by person, conversation (or ticket
    reference) and period; reloads of one page within minutes are one line."""
    staff = require(request, Role.ADMIN)
    app = application(request)
    params = request.query_params
    period = params.get("period", "month")
    period = period if period in (*PERIODS, "all") else "month"
    query = access_log.Query(
        username=params.get("person", "")[:120],
        conversation=(params.get("conversation", "") or "")[:64].strip(),
        since=app.clock() - PERIODS[period] if period in PERIODS else None,
    )
    return _page(
        request,
        staff,
        "access_log.html",
        entries=access_log.openings(app.sessions, query),
        people=access_log.people(app.sessions),
        query=query,
        period=period,
        group_minutes=int(access_log.GROUP_WITHIN.total_seconds() // 60),
    )


@router.get("/users")
def users_page(request: Request) -> Response:
    staff = require(request, Role.ADMIN)
    app = application(request)
    return _page(
        request,
        staff,
        "admin_users.html",
        accounts=accounts(app.sessions),
        # Accounts someone keeps trying wrong passwords on (bot/staff/sessions.py).
        under_attack=app.staff_sessions.under_attack(),
    )


@router.get("/users/new")
def new_user_page(request: Request) -> Response:
    staff = require(request, Role.ADMIN)
    return _page(request, staff, "admin_user.html", user=None, values={}, problem=None)


@router.get("/users/{username}")
def user_page(request: Request, username: str) -> Response:
    staff = require(request, Role.ADMIN)
    user = account(application(request).sessions, username)
    if user is None:
        return _page(request, staff, "admin_user_missing.html")
    return _page(request, staff, "admin_user.html", user=user, values={}, problem=None)


@router.post("/users/new")
async def create_user(request: Request) -> Response:
    staff, form = await posted(request, Role.ADMIN)
    return await run_in_threadpool(_create_user, request, staff, form)


def _create_user(request: Request, staff: Staff, form: FormData) -> Response:
    texts = console_texts(request)
    values = _values(form)
    username = values["username"]
    problem = None
    if not USERNAME.match(username):
        problem = texts.gettext(
            "A username has 2 to 60 characters: small letters, digits, dots, dashes."
        )
    role = _role(values["role"])
    if problem is None and role is None:
        problem = texts.gettext("Choose a role.")
    password = new_password()
    if problem is None and role is not None:
        try:
            add_user(
                application(request).sessions,
                username=username,
                display_name=values["display_name"] or username,
                role=role,
                password=password,
                teams=_teams(request, form),
            )
        except StaffError as exc:
            problem = _staff_problem(request, exc)
    if problem is not None:
        return _page(request, staff, "admin_user.html", user=None, values=values, problem=problem)
    return _page(request, staff, "admin_password.html", username=username, password=password)


@router.post("/users/{username}")
async def save_user(request: Request, username: str) -> Response:
    staff, form = await posted(request, Role.ADMIN)
    return await run_in_threadpool(_save_user, request, staff, username, form)


def _save_user(request: Request, staff: Staff, username: str, form: FormData) -> Response:
    app = application(request)
    texts = console_texts(request)
    user = account(app.sessions, username)
    if user is None:
        return _page(request, staff, "admin_user_missing.html")
    if form.get("action") == "reset-password":
        password = new_password()
        set_password(app.sessions, username, password)
        return _page(request, staff, "admin_password.html", username=username, password=password)
    values = _values(form)
    role = _role(values["role"]) or user.role
    active = form.get("active") == "on"
    problem = None
    if username == staff.username and (role is not Role.ADMIN or not active):
        problem = texts.gettext("You cannot switch off your own account or take away your role.")
    else:
        try:
            update_user(
                app.sessions,
                username,
                display_name=values["display_name"],
                role=role,
                teams=_teams(request, form),
                active=active,
            )
        except StaffError as exc:
            problem = _staff_problem(request, exc)
    if problem is not None:
        return _page(request, staff, "admin_user.html", user=user, values=values, problem=problem)
    return secure(RedirectResponse("/console/admin/users?saved=1", status_code=303))


@router.get("/teams")
def teams_page(request: Request) -> Response:
    staff = require(request, Role.ADMIN)
    return _page(
        request,
        staff,
        "admin_teams.html",
        team_list=application(request).directory.teams(),
        problem=None,
    )


@router.post("/teams")
async def save_team(request: Request) -> Response:
    staff, form = await posted(request, Role.ADMIN)
    return await run_in_threadpool(_save_team, request, staff, form)


def _save_team(request: Request, staff: Staff, form: FormData) -> Response:
    app = application(request)
    texts = console_texts(request)
    values = {k: str(form.get(k) or "").strip() for k in ("id", "name", "email", "phone")}
    existing = app.directory.team(values["id"])
    problem = None
    if not TEAM_ID.match(values["id"]):
        problem = texts.gettext("A team id has small letters, digits and dashes.")
    elif values["email"] and "@" not in values["email"]:
        problem = texts.gettext("That is not an e-mail address.")
    else:
        try:
            app.directory.save_team(
                TeamInfo(
                    id=values["id"],
                    name=values["name"],
                    email=values["email"] or None,
                    phone=values["phone"] or None,
                    central=existing.central if existing else False,
                )
            )
        except DirectoryError:
            problem = texts.gettext("A team needs a name.")
    if problem is not None:
        return _page(
            request,
            staff,
            "admin_teams.html",
            team_list=app.directory.teams(),
            problem=problem,
            status_code=400,
        )
    return secure(RedirectResponse("/console/admin/teams?saved=1", status_code=303))


def _values(form: FormData) -> dict[str, str]:
    return {
        key: str(form.get(key) or "").strip()[:200] for key in ("username", "display_name", "role")
    }


def _role(value: str) -> Role | None:
    return Role(value) if value in {r.value for r in Role} else None


def _teams(request: Request, form: FormData) -> list[str]:
    known = {t.id for t in application(request).directory.teams()}
    return [t for t in form.getlist("teams") if isinstance(t, str) and t in known]


def _staff_problem(request: Request, exc: StaffError) -> str:
    return error_text(exc, console_texts(request))
