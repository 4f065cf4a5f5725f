"""The web chat API through HTTP, on SQLite and PostgreSQL: the happy path and bad input."""

from __future__ import annotations

import json

import pytest

from bot.platform.models import Message


def start(client, **body):
    response = client.post("/api/v1/conversations", json=body or None)
    assert response.status_code == 201, response.text
    return response.json()


def auth(conversation):
    return {"Authorization": f"Bearer {conversation['token']}"}


def send(client, conversation, **body):
    return client.post(
        f"/api/v1/conversations/{conversation['id']}/messages",
        json=body,
        headers=auth(conversation),
    )


def stored_resident_texts(app, conversation_id):
    with app.sessions() as session:
        return [
            m.text
            for m in session.query(Message).filter_by(
                conversation_id=conversation_id, sender="resident"
            )
        ]


def test_a_conversation_starts_with_a_welcome_in_dutch(client):
    conversation = start(client)
    assert conversation["locale"] == "nl"
    assert len(conversation["token"]) >= 40
    (welcome,) = conversation["messages"]
    assert "Lindenhaven" in welcome["text"]
    assert "112" in welcome["text"]
    assert welcome["buttons"] == [{"label": "English", "payload": "lang:en"}]
    assert welcome["sender"] == "bot"
    assert welcome["created_at"].endswith("Z") or welcome["created_at"].endswith("+00:00")


def test_english_can_be_chosen_at_the_start(client):
    conversation = start(client, locale="en")
    assert conversation["messages"][0]["text"].startswith("Hello!")


def test_a_question_gets_provision_cards_and_the_log_keeps_everything(client):
    conversation = start(client)
    response = send(client, conversation, text="is er een klussendienst die een lamp kan ophangen")
    assert response.status_code == 200, response.text
    (reply,) = response.json()["messages"]
    assert reply["cards"], reply
    card = reply["cards"][0]
    assert "klussendienst" in card["service_types"]
    assert {"id", "name", "service_types", "summary", "cost", "opening"} <= set(card)

    log = client.get(
        f"/api/v1/conversations/{conversation['id']}/messages", headers=auth(conversation)
    ).json()["messages"]
    assert [m["sender"] for m in log] == ["bot", "resident", "bot"]
    assert log[1]["text"] == "is er een klussendienst die een lamp kan ophangen"
    assert [m["id"] for m in log] == sorted(m["id"] for m in log)

    later = client.get(
        f"/api/v1/conversations/{conversation['id']}/messages?after={log[1]['id']}",
        headers=auth(conversation),
    ).json()["messages"]
    assert [m["id"] for m in later] == [log[2]["id"]]


def test_a_button_payload_switches_the_language(client):
    conversation = start(client)
    reply = send(client, conversation, payload="lang:en").json()["messages"][0]
    assert "English" in reply["text"]
    reply = send(client, conversation, text="hallo").json()["messages"][0]
    assert reply["text"] == "Hello! What can I help you with?"


def test_an_unknown_button_payload_gets_a_kind_reply(client):
    conversation = start(client)
    response = send(client, conversation, payload="does-not-exist:42")
    assert response.status_code == 200
    assert "knop" in response.json()["messages"][0]["text"]


def test_a_retry_with_the_same_client_id_is_stored_and_answered_once(client, app):
    conversation = start(client)
    first = send(client, conversation, text="ik voel me zo alleen", client_id="c-1").json()
    again = send(client, conversation, text="ik voel me zo alleen", client_id="c-1").json()
    assert first == again
    assert stored_resident_texts(app, conversation["id"]) == ["ik voel me zo alleen"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"text": ""}, "empty_message"),
        ({"text": "   \n\t  "}, "empty_message"),
        ({"text": "\x00\x01\x02"}, "empty_message"),
        ({}, "empty_message"),
        ({"text": "x" * 10_001}, "message_too_long"),
        ({"payload": "p" * 500}, "invalid_payload"),
        ({"text": 42}, "invalid_request"),
        ({"text": "hoi", "extra": 1}, "invalid_request"),
    ],
)
def test_bad_messages_get_a_clear_422_and_nothing_is_stored(client, app, body, code):
    conversation = start(client)
    response = send(client, conversation, **body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == code
    assert stored_resident_texts(app, conversation["id"]) == []


def test_a_long_story_up_to_the_limit_is_accepted(client, app):
    conversation = start(client)
    story = ("Ik heb schulden en mijn huur is te laat. " * 300)[:10_000]
    response = send(client, conversation, text=story)
    assert response.status_code == 200
    assert stored_resident_texts(app, conversation["id"]) == [story.strip()]


def test_odd_but_valid_text_gets_a_friendly_reply_and_is_kept(client, app):
    conversation = start(client)
    odd = "\u200b💥 <script>alert(1)</script> ' OR 1=1; -- \ud800"
    # Sent as ASCII JSON, so the lone surrogate arrives as an escape, as browsers send it.
    response = client.post(
        f"/api/v1/conversations/{conversation['id']}/messages",
        content=json.dumps({"text": odd}).encode("ascii"),
        headers={**auth(conversation), "Content-Type": "application/json"},
    )
    assert response.status_code == 200
    assert response.json()["messages"][0]["text"]
    (stored,) = stored_resident_texts(app, conversation["id"])
    assert "<script>alert(1)</script>" in stored


def test_malformed_json_and_wrong_encoding_are_400(client):
    conversation = start(client)
    url = f"/api/v1/conversations/{conversation['id']}/messages"
    headers = {**auth(conversation), "Content-Type": "application/json"}
    response = client.post(url, content=b'{"text": "hoi"', headers=headers)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"
    response = client.post(url, content=b'{"text": "caf\xe9"}', headers=headers)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"


def test_a_body_sent_as_a_form_is_told_to_say_json(client):
    conversation = start(client)
    response = client.post(
        f"/api/v1/conversations/{conversation['id']}/messages",
        content=b'{"text": "hoi"}',
        headers={**auth(conversation), "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"
    assert "application/json" in response.json()["error"]["message"]


def test_a_huge_body_is_refused_before_it_is_read(client):
    conversation = start(client)
    response = client.post(
        f"/api/v1/conversations/{conversation['id']}/messages",
        content=json.dumps({"text": "x" * 400_000}),
        headers={**auth(conversation), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_wrong_missing_or_foreign_tokens_are_401(client):
    mine, other = start(client), start(client)
    url = f"/api/v1/conversations/{mine['id']}/messages"
    assert client.get(url).status_code == 401
    assert client.get(url, headers={"Authorization": "Bearer nonsense"}).status_code == 401
    assert client.get(url, headers=auth(other)).status_code == 401
    assert client.post(url, json={"text": "hoi"}, headers=auth(other)).status_code == 401
    assert client.get(url, headers={"Authorization": "Basic abc"}).status_code == 401


def test_unknown_and_expired_conversations(client, clock):
    conversation = start(client)
    unknown = client.get("/api/v1/conversations/deadbeef/messages", headers=auth(conversation))
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "conversation_not_found"
    clock.advance(days=31)
    expired = send(client, conversation, text="hallo")
    assert expired.status_code == 410
    assert expired.json()["error"]["code"] == "conversation_expired"


def test_health_and_openapi(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert "/api/v1/conversations" in paths
    assert "/api/v1/conversations/{conversation_id}/messages" in paths
    assert "/api/v1/conversations/{conversation_id}/stream" in paths


def test_unknown_routes_are_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_api_says_which_person_is_writing_by_first_name_and_role(staff_app):
    """Issue 15: the widget says "U chat met Anna, vrijwilliger" while Anna holds the
    conversation, and her messages carry her name; after the hand-back nobody is named."""
    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from bot.platform.models import StaffUser
    from bot.web.app import create_app

    with TestClient(create_app(staff_app)) as client:
        conversation = start(client)
        send(client, conversation, text="ik voel me zo alleen")
        with staff_app.sessions() as session:
            anna = session.scalar(select(StaffUser.id).where(StaffUser.username == "anna"))
        staff_app.takeovers.take(conversation["id"], staff_id=anna, name="Anna de Vries")
        staff_app.takeovers.reply(conversation["id"], staff_id=anna, text="Hoi, ik ben Anna.")

        def log():
            response = client.get(
                f"/api/v1/conversations/{conversation['id']}/messages", headers=auth(conversation)
            )
            return response.json()["messages"]

        messages = log()
        takeover = next(m for m in messages if m["kind"] == "takeover")
        staff = next(m for m in messages if m["sender"] == "staff")
        assert (takeover["staff_name"], takeover["staff_role"]) == ("Anna", "volunteer")
        assert (staff["staff_name"], staff["staff_role"]) == ("Anna", "volunteer")
        assert all(m["staff_name"] is None for m in messages if m["sender"] == "resident")

        staff_app.takeovers.hand_back(conversation["id"], staff_id=anna)
        messages = log()
        assert next(m for m in messages if m["kind"] == "takeover")["staff_name"] is None
        # What she wrote still says who wrote it.
        assert next(m for m in messages if m["sender"] == "staff")["staff_name"] == "Anna"
