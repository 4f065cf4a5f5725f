"""A referral sent on to another team and the new team's notification are one change:
the outbox rule (``bot/application.py``) holds for the console too."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.platform.models import OutboxMessage
from bot.staff.accounts import Role, add_user
from bot.web.app import create_app
from tests.bot.console.test_console_inbox import post, referral
from tests.bot.console_client import as_user, sign_in
from tests.bot.referrals.test_outbox import mail_server as mail_server  # fixtures, shared
from tests.bot.referrals.test_outbox import notifying_app as notifying_app
from tests.bot.referrals.test_outbox import smtp_port as smtp_port

REASON = "Woont in Oosterveld."


def test_no_notification_means_no_reroute(console, logins, staff_app, monkeypatch):
    """Should the announcement fail, the referral stays with the team that had it."""
    ticket = referral(staff_app)

    def unavailable(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the outbox cannot be written")

    monkeypatch.setattr(staff_app.notifier, "ticket_arrived", unavailable)
    team = as_user(console, logins, "team-lindenhof")
    assert post(team, ticket, "reroute", team="wt-oost", reason=REASON).status_code == 500
    assert staff_app.tickets.get(ticket).team_id == "wt-lindenhof"
    history = staff_app.tickets.history(ticket, team_id="wt-lindenhof")
    assert "rerouted" not in [e.action for e in history]


@pytest.fixture
def mailing_console(notifying_app):
    app = notifying_app()
    add_user(
        app.sessions,
        username="lotte",
        display_name="Lotte",
        role=Role.TEAM_MEMBER,
        password="a-long-enough-password",
        teams=["wt-lindenhof"],
    )
    with TestClient(create_app(app), raise_server_exceptions=False) as client:
        sign_in(client, "lotte", "a-long-enough-password")
        yield app, client


def test_the_new_team_is_told_in_the_change_that_moves_the_referral(mailing_console):
    app, team = mailing_console
    ticket = referral(app)
    assert post(team, ticket, "reroute", team="wt-oost", reason=REASON).status_code == 303
    moved = app.tickets.get(ticket)
    assert moved.team_id == "wt-oost"
    with app.sessions() as session:
        waiting = session.scalars(select(OutboxMessage)).all()
    keys = [m.dedupe_key for m in waiting if ":wt-oost:" in m.dedupe_key]
    assert keys == [f"email:{ticket}:wt-oost:{moved.updated_at.isoformat()}"]
