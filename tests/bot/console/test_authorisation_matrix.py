"""Who may do what: every route of the app, for every kind of caller, in one table.

The table lists every route the server has (read from the app itself, the Telegram
webhook included), so a new route without a row fails ``test_every_route_is_in_the_table``:
nobody can add a page or an endpoint and forget to decide who may use it. Public routes
are in the table too, as public, on purpose.

Each row is tried by every caller: someone not signed in, each staff role (a volunteer, a
member of the ticket's team and one of another team, an editor, an admin), a team's API
token (the ticket's team and another), and a resident's conversation token. Forms are sent
with the caller's own valid CSRF token, so what is tested is the role, not the form token.
Requests go through a real server on loopback, as if behind the municipality's proxy.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi.routing import iter_route_contexts
from starlette.routing import Mount

from bot.application import Application, build_application
from bot.insights.tokens import InsightTokens
from bot.server import build_asgi
from handoff import TeamTokens
from tests.bot.console_client import csrf_token, sign_in
from tests.bot.web.test_tickets_api import new_ticket
from tests.conftest import FakeClock, make_settings
from tests.servers import live_server

# -- callers and outcomes ----------------------------------------------------------------------

ANONYMOUS = "anonymous"
VOLUNTEER = "volunteer"
TEAM = "team member"  # of the ticket's team
OTHER_TEAM = "other team's member"
EDITOR = "editor"
ANALYST = "analyst"
ADMIN = "admin"
TEAM_TOKEN = "team API token"  # of the ticket's team
OTHER_TEAM_TOKEN = "other team's API token"
RESIDENT = "resident token"  # of the conversation in the URL
INSIGHTS_TOKEN = "insights token"  # the municipality's dashboards
CALLERS = (
    ANONYMOUS,
    VOLUNTEER,
    TEAM,
    OTHER_TEAM,
    EDITOR,
    ANALYST,
    ADMIN,
    TEAM_TOKEN,
    OTHER_TEAM_TOKEN,
    RESIDENT,
    INSIGHTS_TOKEN,
)
STAFF = {
    VOLUNTEER: "anna",
    TEAM: "team-lindenhof",
    OTHER_TEAM: "team-oost",
    EDITOR: "eline",
    ANALYST: "pieter",
}
STAFF[ADMIN] = "admin"
TICKET_TEAM, OTHER_TEAM_ID = "wt-lindenhof", "wt-oost"
NOT_STAFF = (ANONYMOUS, TEAM_TOKEN, OTHER_TEAM_TOKEN, RESIDENT, INSIGHTS_TOKEN)

OK = "allowed"
SIGN_IN = "sign-in page"
UNAUTHORIZED = "401"
FORBIDDEN = "403"
NOT_FOUND = "404"


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(CALLERS, outcome)


PUBLIC = everyone(OK)


def console(*allowed: str, **special: str) -> dict[str, str]:
    """A console route: the allowed staff (admins always) get it, other staff 403, callers
    who are not signed in the sign-in page (an API token is no console session)."""
    table = {caller: SIGN_IN for caller in NOT_STAFF}
    for caller in STAFF:
        table[caller] = OK if caller in (*allowed, ADMIN) else FORBIDDEN
    for caller, outcome in special.items():
        table[caller.replace("_", " ")] = outcome
    return table


def resident_api() -> dict[str, str]:
    table = everyone(UNAUTHORIZED)
    table[RESIDENT] = OK
    return table


def team_api(*, other_team: str) -> dict[str, str]:
    table = everyone(UNAUTHORIZED)
    table[TEAM_TOKEN] = OK
    table[OTHER_TEAM_TOKEN] = other_team
    return table


ALL_STAFF = tuple(STAFF)
CATALOGUE = console(EDITOR)
INBOX = console(TEAM, OTHER_TEAM)  # each team its own inbox
A_TICKET = {**console(TEAM, OTHER_TEAM), OTHER_TEAM: NOT_FOUND}  # not theirs: "no such"
LIVE = console(VOLUNTEER)
INSIGHTS = console(ANALYST)


def insights_api() -> dict[str, str]:
    table = everyone(UNAUTHORIZED)
    table[INSIGHTS_TOKEN] = OK
    return table


ADMIN_ONLY = console()

# (method, path) -> caller -> outcome. "MOUNT" is a mounted app (static files).
MATRIX: dict[tuple[str, str], dict[str, str]] = {
    # The municipality's page, the widget, health, the API's own documents: public.
    ("GET", "/"): PUBLIC,
    ("GET", "/widget.js"): PUBLIC,
    ("GET", "/widget.css"): PUBLIC,
    ("GET", "/demo/site.css"): PUBLIC,
    ("GET", "/api/v1/widget/config"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("GET", "/openapi.json"): PUBLIC,
    ("GET", "/api/docs"): PUBLIC,
    ("GET", "/api/docs/static/swagger-ui-bundle.js"): PUBLIC,
    ("GET", "/api/docs/static/swagger-ui.css"): PUBLIC,
    ("GET", "/docs/oauth2-redirect"): PUBLIC,
    # Anyone may start a conversation (limited per address); the rest needs its token.
    ("POST", "/api/v1/conversations"): PUBLIC,
    ("GET", "/api/v1/conversations/{conversation_id}/messages"): resident_api(),
    ("POST", "/api/v1/conversations/{conversation_id}/messages"): resident_api(),
    ("GET", "/api/v1/conversations/{conversation_id}/stream"): resident_api(),
    ("DELETE", "/api/v1/conversations/{conversation_id}"): resident_api(),
    ("POST", "/api/v1/conversations/{conversation_id}/resume-code"): resident_api(),
    ("GET", "/api/v1/insights"): insights_api(),
    ("GET", "/console/insights"): INSIGHTS,
    ("GET", "/console/insights.csv"): INSIGHTS,
    ("GET", "/console/insights/report"): INSIGHTS,
    # The code is the key: without the right one, nobody finds a conversation.
    ("POST", "/api/v1/resume"): everyone(NOT_FOUND),
    # District teams' case systems: their own team's tickets only.
    ("GET", "/api/v1/tickets"): team_api(other_team=OK),
    ("GET", "/api/v1/tickets/{reference}"): team_api(other_team=NOT_FOUND),
    ("POST", "/api/v1/tickets/{reference}/status"): team_api(other_team=NOT_FOUND),
    # Routes with a secret of their own, which no caller here has: the sign-in form's
    # cookie (tests/bot/console/test_console_signin.py), Telegram's webhook secret
    # (test_telegram_server.py), and /metrics (its token, or this machine's loopback
    # without a proxy: test_observability.py).
    ("POST", "/console/signin"): everyone(FORBIDDEN),
    ("POST", "/telegram/webhook"): everyone(FORBIDDEN),
    ("GET", "/metrics"): everyone(FORBIDDEN),
    # The console: signing in, the language, its static files are open.
    ("GET", "/console/signin"): PUBLIC,
    ("GET", "/console/language/{code}"): PUBLIC,
    ("MOUNT", "/console/static"): PUBLIC,
    ("GET", "/console"): console(*ALL_STAFF),
    ("POST", "/console/signout"): console(*ALL_STAFF),
    # Content editors.
    ("GET", "/console/catalogue"): CATALOGUE,
    ("GET", "/console/catalogue/new"): CATALOGUE,
    ("POST", "/console/catalogue/new"): CATALOGUE,
    ("GET", "/console/catalogue/{provision_id}"): CATALOGUE,
    ("POST", "/console/catalogue/{provision_id}"): CATALOGUE,
    ("POST", "/console/catalogue/{provision_id}/retire"): CATALOGUE,
    ("POST", "/console/catalogue/{provision_id}/restore"): CATALOGUE,
    ("POST", "/console/catalogue/{provision_id}/checked"): CATALOGUE,
    ("GET", "/console/catalogue/{provision_id}/history"): CATALOGUE,
    ("POST", "/console/catalogue/new/preview"): CATALOGUE,
    # District teams' inbox.
    ("GET", "/console/tickets"): INBOX,
    ("GET", "/console/tickets.csv"): INBOX,
    ("GET", "/console/tickets/{reference}"): A_TICKET,
    ("POST", "/console/tickets/{reference}/{action}"): A_TICKET,
    # Volunteers: the live overview and the conversations in it.
    ("GET", "/console/live"): LIVE,
    ("GET", "/console/live/rows"): LIVE,
    ("GET", "/console/live/events"): LIVE,
    ("GET", "/console/conversations/{conversation_id}"): LIVE,
    ("GET", "/console/conversations/{conversation_id}/events"): LIVE,
    ("GET", "/console/conversations/{conversation_id}/lines"): LIVE,
    ("POST", "/console/conversations/{conversation_id}/{action}"): LIVE,
    # Admins.
    ("GET", "/console/access-log"): ADMIN_ONLY,
    ("GET", "/console/admin/access-log"): ADMIN_ONLY,
    ("GET", "/console/admin/users"): ADMIN_ONLY,
    ("GET", "/console/admin/users/new"): ADMIN_ONLY,
    ("POST", "/console/admin/users/new"): ADMIN_ONLY,
    ("GET", "/console/admin/users/{username}"): ADMIN_ONLY,
    ("POST", "/console/admin/users/{username}"): ADMIN_ONLY,
    ("GET", "/console/admin/teams"): ADMIN_ONLY,
    ("POST", "/console/admin/teams"): ADMIN_ONLY,
}

# What an allowed caller sends to a form or an API (the guard is what is tested, but a
# sensible body keeps the answer from being about the body).
_names = itertools.count()
FORMS: dict[tuple[str, str], Callable[[], dict[str, str]]] = {
    ("POST", "/console/catalogue/new"): lambda: {"name": "Matrix", "id": f"matrix-{next(_names)}"},
    ("POST", "/console/catalogue/{provision_id}"): lambda: {"name": "Wijkteam Centrum"},
    ("POST", "/console/catalogue/new/preview"): lambda: {"name": "Matrix", "summary": "Hulp"},
    ("POST", "/console/tickets/{reference}/{action}"): lambda: {"text": "Gebeld, geen gehoor."},
    ("POST", "/console/conversations/{conversation_id}/{action}"): lambda: {"text": "Notitie"},
    ("POST", "/console/admin/users/new"): lambda: {
        "username": f"matrix-{next(_names)}",
        "display_name": "Matrix",
        "role": "volunteer",
    },
    ("POST", "/console/admin/users/{username}"): lambda: {
        "display_name": "Bram",
        "role": "volunteer",
        "active": "on",
    },
    ("POST", "/console/admin/teams"): lambda: {"id": "wt-matrix", "name": "Matrix"},
}
BODIES: dict[tuple[str, str], dict[str, object]] = {
    ("POST", "/api/v1/conversations/{conversation_id}/messages"): {"text": "hallo"},
    ("POST", "/api/v1/resume"): {"code": "AAAA-AAAA-AAAA"},
    ("POST", "/api/v1/tickets/{reference}/status"): {"status": "accepted", "by": "Matrix"},
    ("POST", "/telegram/webhook"): {"update_id": 1},
}
# As if every request came through the municipality's reverse proxy (on loopback).
THROUGH_PROXY = {"X-Forwarded-For": "192.0.2.50"}


# -- the server and the callers -------------------------------------------------------------


@dataclass
class World:
    app: Application
    base: str
    staff: dict[str, httpx.Client] = field(default_factory=dict)
    anonymous: httpx.Client | None = None
    team_tokens: dict[str, str] = field(default_factory=dict)
    insights_token: str = ""
    passwords: dict[str, str] = field(default_factory=dict)


def _client(base: str) -> httpx.Client:
    return httpx.Client(base_url=base, timeout=15, follow_redirects=False, headers=THROUGH_PROXY)


@pytest.fixture(scope="module")
def world(seeded_database, tmp_path_factory, analyzer) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("matrix")
    copy = folder / "matrix.db"
    shutil.copyfile(seeded_database.path, copy)
    settings = make_settings(
        f"sqlite:///{copy}",
        folder,
        # The webhook route exists only in webhook mode: switch it on to see it.
        telegram_token="123:matrix",
        telegram_webhook_url="https://chat.lindenhaven.example/telegram/webhook",
        telegram_webhook_secret="matrix-secret",
        # Rate limits are not what this tests.
        rate_messages_per_conversation="off",
        rate_messages_per_address="off",
        rate_conversations_per_address="off",
        rate_resume_failures_per_address="off",
    )
    app = build_application(settings, analyzer=analyzer, clock=FakeClock())
    asgi = build_asgi(settings, application=app)
    with live_server(asgi) as base:
        world = World(app=app, base=base, anonymous=_client(base))
        world.passwords = {name: x.password for name, x in seeded_database.logins.items()}
        for caller, username in STAFF.items():
            client = _client(base)
            signed = sign_in(client, username, world.passwords[username])
            assert signed.status_code == 303, (caller, signed.status_code)
            world.staff[caller] = client
        tokens = TeamTokens(app.sessions, app.clock)
        world.team_tokens = {
            TEAM_TOKEN: tokens.issue(TICKET_TEAM, label="Zaaksysteem"),
            OTHER_TEAM_TOKEN: tokens.issue(OTHER_TEAM_ID, label="Ander zaaksysteem"),
        }
        world.insights_token = InsightTokens(app.sessions, app.clock).issue(label="Dashboard")
        yield world
        for client in (world.anonymous, *world.staff.values()):
            client.close()
    app.close()


def routes_of(asgi) -> set[tuple[str, str]]:
    found = set()
    for route in iter_route_contexts(asgi.routes):
        original = route.original_route
        if isinstance(original, Mount):
            found.add(("MOUNT", original.path))
            continue
        for method in route.methods or ():
            if method != "HEAD":
                found.add((method, route.path))
    return found


def test_every_route_is_in_the_table(world):
    asgi = build_asgi(world.app.settings, application=world.app)
    served = routes_of(asgi)
    missing = sorted(served - set(MATRIX))
    gone = sorted(set(MATRIX) - served)
    assert not missing, f"routes without a row in MATRIX (decide who may use them): {missing}"
    assert not gone, f"rows for routes that no longer exist: {gone}"
    for key, row in MATRIX.items():
        assert set(row) == set(CALLERS), f"{key}: every caller needs an expected outcome"


# -- one route, every caller ------------------------------------------------------------------


# The console's refusal for a role; a 403 without it would be something else (a form
# token that did not match), which would make a role check look right by accident.
ROLE_REFUSAL = ("niet beschikbaar voor uw rol", "not available for your role")


def outcome_of(response: httpx.Response, *, role_refusal: bool = False) -> str:
    location = response.headers.get("location", "")
    if (
        role_refusal
        and response.status_code == 403
        and not any(words in response.text for words in ROLE_REFUSAL)
    ):
        return "403, but not for the role (the form token?)"
    if response.status_code == 303 and location.startswith("/console/signin?next="):
        return SIGN_IN
    if response.status_code in (401, 403, 404):
        return str(response.status_code)
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    return OK  # 2xx, 3xx elsewhere, or a form's own 400/409/422: past the guard


def concrete_path(world: World, path: str) -> tuple[str, str | None]:
    """The path with real values, and the resident token of its conversation (if any).
    Each request gets a conversation and a ticket of its own: nothing one caller does
    (delete, move on) changes what the next one meets."""
    resident_token = None
    # The language switch keeps Dutch: the role refusals below are read in Dutch or English.
    values = {"provision_id": "wijkteam-centrum", "username": "bram", "code": "nl"}
    if "{conversation_id}" in path:
        started = world.app.conversations.start(channel="web", locale="nl")
        values["conversation_id"] = started.conversation_id
        resident_token = started.token
    if "{reference}" in path:
        values["reference"] = new_ticket(world.app, TICKET_TEAM)
    if "{action}" in path:
        values["action"] = "note"  # a ticket's internal note; a conversation's note
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path), resident_token


def request_as(world: World, caller: str, method: str, path: str) -> httpx.Response:
    key = (method, path)
    if method == "MOUNT":
        method, url, token = "GET", path + "/console.css", None
    else:
        url, token = concrete_path(world, path)
    headers: dict[str, str] = {}
    if caller in world.team_tokens:
        headers["Authorization"] = f"Bearer {world.team_tokens[caller]}"
    elif caller == INSIGHTS_TOKEN:
        headers["Authorization"] = f"Bearer {world.insights_token}"
    elif caller == RESIDENT:
        # A conversation's token: the one in the URL, or any resident's elsewhere.
        token = token or world.app.conversations.start(channel="web").token
        headers["Authorization"] = f"Bearer {token}"
    client = world.anonymous
    if caller in STAFF:
        client = world.staff[caller]
        if key == ("POST", "/console/signout"):
            client = _client(world.base)  # a session of its own: the others stay signed in
            sign_in(client, STAFF[caller], world.passwords[STAFF[caller]])
    assert client is not None
    kwargs: dict[str, object] = {"headers": headers}
    if key in BODIES:
        kwargs["json"] = BODIES[key]
    elif method == "POST" and path.startswith("/console"):
        form = FORMS.get(key, dict)()
        if caller in STAFF:
            form["csrf_token"] = csrf_token(client.get("/console").text)
        kwargs["data"] = form
    # Streamed: an event stream that is allowed never ends; its status is enough.
    with client.stream(method, url, **kwargs) as response:
        if not response.headers.get("content-type", "").startswith("text/event-stream"):
            response.read()
    if client is not world.anonymous and client not in world.staff.values():
        client.close()
    return response


@pytest.mark.parametrize(("method", "path"), sorted(MATRIX))
def test_each_caller_gets_what_the_table_says(world, method, path):
    expected = MATRIX[(method, path)]
    console_role_check = path.startswith("/console") and path != "/console/signin"
    got = {
        caller: outcome_of(
            request_as(world, caller, method, path),
            role_refusal=console_role_check and caller in STAFF,
        )
        for caller in CALLERS
    }
    wrong = {c: f"expected {expected[c]}, got {got[c]}" for c in CALLERS if got[c] != expected[c]}
    assert not wrong, f"{method} {path}: {wrong}"
