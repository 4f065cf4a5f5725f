"""A team member's change to a referral and the resident's message about it in their chat
are one change: the outbox rule (``bot/application.py``) holds for claiming, moving the
status on and recording a contact, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bot.conversation import store
from bot.staff.accounts import Role, add_user
from bot.web.app import create_app
from handoff import Status
from tests.bot.console.test_console_inbox import chat_referral, post
from tests.bot.console_client import sign_in

TEAM = "wt-lindenhof"
# Each action with its form, the status it leaves a new referral in, and the history.
ACTIONS = {
    "claim": ({}, Status.ACCEPTED, ["claimed", "status"]),
    "status": ({"status": "in_progress"}, Status.IN_PROGRESS, ["status"]),
    "contact": ({"method": "phone"}, Status.CONTACTED, ["contact", "status"]),
}


@pytest.fixture
def team_console(app):
    """A team member signed in to the console of an application on either database."""
    add_user(
        app.sessions,
        username="lotte",
        display_name="Lotte",
        role=Role.TEAM_MEMBER,
        password="a-long-enough-password",
        teams=[TEAM],
    )
    with TestClient(create_app(app), raise_server_exceptions=False) as client:
        sign_in(client, "lotte", "a-long-enough-password")
        yield client


@pytest.fixture
def published(app, monkeypatch):
    """The live events published, as (conversation, message id)."""
    seen: list[tuple[str, int]] = []
    publish = app.events.publish

    def record(conversation_id: str, message_id: int) -> None:
        seen.append((conversation_id, message_id))
        publish(conversation_id, message_id)

    monkeypatch.setattr(app.events, "publish", record)
    return seen


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_no_message_to_the_resident_means_no_change(app, team_console, monkeypatch, action):
    """Should writing the resident's message fail, the referral stays as it was."""
    conversation, reference = chat_referral(app)
    before = app.conversations.log(conversation)
    add_reply = store.add_reply

    def crash_after_writing(*args: object, **kwargs: object) -> object:
        add_reply(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("the conversation cannot be written")

    monkeypatch.setattr(store, "add_reply", crash_after_writing)
    form, _status, _history = ACTIONS[action]
    assert post(team_console, reference, action, **form).status_code == 500
    ticket = app.tickets.get(reference)
    assert (ticket.status, ticket.claimed_by) == (Status.NEW, None)
    assert [e.action for e in app.tickets.history(reference, team_id=TEAM)] == ["created"]
    assert app.conversations.log(conversation) == before


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_the_change_and_the_residents_message_are_stored_together(
    app, team_console, published, action
):
    conversation, reference = chat_referral(app)
    before = len(app.conversations.log(conversation))
    form, status, history = ACTIONS[action]
    assert post(team_console, reference, action, **form).status_code == 303
    assert app.tickets.get(reference).status is status
    actions = [e.action for e in app.tickets.history(reference, team_id=TEAM)]
    assert actions == ["created", *history]
    log = app.conversations.log(conversation)
    assert len(log) == before + 1
    assert reference in log[-1].text
    # Live streams hear of it once it is committed, and only once.
    assert published.count((conversation, log[-1].id)) == 1
