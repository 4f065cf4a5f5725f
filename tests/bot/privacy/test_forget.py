"""A resident deletes their conversation (the widget's button, through the chat API, and
Telegram's /vergeet, through ``Application.forget_conversation``), on SQLite and
PostgreSQL: everything tied to it is gone from the database, not hidden; a referral
already sent stays with the team with a note; the access log (an audit log) stays."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from bot.console import access_log
from bot.conversation.messages import Incoming
from bot.platform.models import Base as AppBase
from bot.web.app import create_app
from handoff import Base as HandoffBase
from tests.bot.privacy.test_retention import STORY, hand_off
from tests.conftest import make_app
from tests.personal_data import PHONE

SITE = "https://www.lindenhaven.example"
# Rows that outlive the conversation on purpose: the team's record of a referral, and
# the log of who opened the transcript.
KEPT = {"tickets", "transcript_views"}


def start(client) -> dict[str, str]:
    response = client.post("/api/v1/conversations")
    assert response.status_code == 201, response.text
    return response.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def delete(client, conversation_id: str, token: str | None):
    headers = bearer(token) if token is not None else {}
    return client.delete(f"/api/v1/conversations/{conversation_id}", headers=headers)


def rows_about(app, conversation_id: str) -> dict[str, int]:
    """Rows in every table, ours or the handoff package's, with a ``conversation_id``
    column (or the conversation itself) that name this conversation."""
    found: dict[str, int] = {}
    with app.sessions() as session:
        for metadata in (AppBase.metadata, HandoffBase.metadata):
            for table in metadata.sorted_tables:
                column = table.c.get("conversation_id")
                if table.name == "conversations":
                    column = table.c.id
                if column is None:
                    continue
                count = session.scalar(
                    select(func.count()).select_from(table).where(column == conversation_id)
                )
                if count:
                    found[table.name] = count
    return found


def lived_a_little(app, conversation_id: str, clock) -> None:
    """Messages, a volunteer's note and a look at the transcript."""
    app.conversations.receive(conversation_id, Incoming(text="ik voel me zo alleen"))
    app.takeovers.add_note(conversation_id, author="anna", text="Mevrouw woont alleen")
    access_log.record(
        app.sessions,
        kind=access_log.TRANSCRIPT,
        conversation_id=conversation_id,
        username="anna",
        role="volunteer",
        at=clock(),
    )


def test_forgetting_removes_everything_tied_to_the_conversation(app, clock):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    lived_a_little(app, conversation, clock)
    assert set(rows_about(app, conversation)) == {
        "conversations",
        "messages",
        "conversation_notes",
        "transcript_views",
    }
    assert app.forget_conversation(conversation)
    assert rows_about(app, conversation) == {"transcript_views": 1}
    assert not app.forget_conversation(conversation)


def test_a_sent_referral_stays_with_the_team_with_a_note(app, clock):
    conversation, reference = hand_off(app)
    lived_a_little(app, conversation, clock)
    assert app.forget_conversation(conversation)
    assert set(rows_about(app, conversation)) == KEPT
    ticket = app.tickets.get(reference)
    assert ticket.transcript  # the copy the resident agreed to share, until its retention
    (note,) = app.tickets.notes(reference, team_id=None)
    assert note.text.startswith("De inwoner heeft dit gesprek")


# -- the chat API: DELETE /api/v1/conversations/{id} --------------------------------------


def test_the_resident_deletes_the_conversation_with_its_token(client, app, clock):
    conversation = start(client)
    lived_a_little(app, conversation["id"], clock)
    response = delete(client, conversation["id"], conversation["token"])
    assert response.status_code == 204
    assert response.content == b""
    assert rows_about(app, conversation["id"]) == {"transcript_views": 1}
    # Gone: reading it, or deleting it a second time, finds nothing.
    log = client.get(
        f"/api/v1/conversations/{conversation['id']}/messages",
        headers=bearer(conversation["token"]),
    )
    assert log.status_code == 404
    again = delete(client, conversation["id"], conversation["token"])
    assert again.status_code == 404
    assert again.json()["error"]["code"] == "conversation_not_found"


@pytest.mark.parametrize("token", [None, "wrong", ""])
def test_without_the_right_token_nothing_is_deleted(client, app, token):
    conversation = start(client)
    other = start(client)
    for attempt in (token, other["token"]):
        response = delete(client, conversation["id"], attempt)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_token"
        assert response.headers["www-authenticate"] == "Bearer"
    assert rows_about(app, conversation["id"])["conversations"] == 1


def test_an_unknown_conversation_is_404(client):
    conversation = start(client)
    response = delete(client, "deadbeef" * 4, conversation["token"])
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "conversation_not_found"


def test_an_expired_conversation_can_still_be_deleted(client, app, clock):
    conversation = start(client)
    clock.advance(days=31)
    assert delete(client, conversation["id"], conversation["token"]).status_code == 204
    assert rows_about(app, conversation["id"]) == {}


def test_deleting_through_the_api_keeps_a_referral_with_a_note(client, app):
    conversation = start(client)
    steps = [
        {"text": STORY},
        {"text": "ja"},
        {"payload": "handoff:phone"},
        {"text": PHONE},
        {"text": "na drie uur"},
        {"text": "4121 AB"},
        {"text": "Fatima"},
        {"payload": "handoff:send"},
    ]
    for body in steps:
        answer = client.post(
            f"/api/v1/conversations/{conversation['id']}/messages",
            json=body,
            headers=bearer(conversation["token"]),
        )
        assert answer.status_code == 200, answer.text
    reference = answer.json()["messages"][0]["ticket"]["reference"]
    assert delete(client, conversation["id"], conversation["token"]).status_code == 204
    assert set(rows_about(app, conversation["id"])) == {"tickets"}
    (note,) = app.tickets.notes(reference, team_id=None)
    assert note.by == "VraagWijzer"
    assert app.tickets.get(reference).phone == PHONE


def test_the_openapi_document_describes_delete_and_its_errors(client):
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/v1/conversations/{conversation_id}"]["delete"]
    assert set(operation["responses"]) >= {"204", "401", "404", "503"}
    assert operation["responses"]["401"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }
    assert "content" not in operation["responses"]["204"]
    assert "referral" in operation["description"]


@pytest.fixture
def widget_client(sqlite_url, tmp_path, analyzer, clock) -> Iterator[TestClient]:
    application = make_app(sqlite_url, tmp_path, analyzer, clock, widget_origins=SITE)
    with TestClient(create_app(application), raise_server_exceptions=False) as client:
        yield client
    application.close()


def test_a_listed_website_may_delete_from_the_browser(widget_client):
    preflight = widget_client.options(
        "/api/v1/conversations/abc",
        headers={
            "Origin": SITE,
            "Access-Control-Request-Method": "DELETE",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status_code == 204
    assert "DELETE" in preflight.headers["access-control-allow-methods"]
    conversation = start(widget_client)
    response = widget_client.delete(
        f"/api/v1/conversations/{conversation['id']}",
        headers={"Origin": SITE, **bearer(conversation["token"])},
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == SITE


def test_the_widget_offers_delete_in_both_languages(widget_client):
    dutch = widget_client.get("/api/v1/widget/config?locale=nl").json()["strings"]
    english = widget_client.get("/api/v1/widget/config?locale=en").json()["strings"]
    assert english["delete"] == "Delete this conversation"
    assert dutch["delete"] == "Verwijder dit gesprek"
    assert dutch["deleted"] != english["deleted"]


def test_the_referral_the_resident_deleted_the_chat_of_is_marked(
    database_url, tmp_path, analyzer, clock
):
    english_team = make_app(database_url, tmp_path, analyzer, clock, default_locale="en")
    try:
        conversation, reference = hand_off(english_team)
        assert english_team.forget_conversation(conversation)
        (note,) = english_team.tickets.notes(reference, team_id=None)
        assert note.text.startswith("The resident deleted this conversation")
        assert note.by == "VraagWijzer"
    finally:
        english_team.close()
