"""Going on with a web conversation on another device: a code, or a link by e-mail over
real SMTP. The code works once, until it expires, and moves the conversation."""

from __future__ import annotations

import re
from email import message_from_bytes

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.conversation.resume import normalize
from bot.platform.models import Conversation, OutboxMessage
from bot.web.app import create_app
from tests.bot.referrals.test_outbox import mail_server as mail_server  # the fixtures, shared
from tests.bot.referrals.test_outbox import smtp_port as smtp_port
from tests.bot.web.test_chat_api import auth, send, start
from tests.conftest import make_app


def new_code(client, conversation, **body):
    return client.post(
        f"/api/v1/conversations/{conversation['id']}/resume-code",
        json=body or None,
        headers=auth(conversation),
    )


def resume(client, code):
    return client.post("/api/v1/resume", json={"code": code})


def log(client, conversation):
    return client.get(
        f"/api/v1/conversations/{conversation['id']}/messages", headers=auth(conversation)
    )


def test_a_code_moves_the_conversation_to_another_device_once(client, app):
    first = start(client)
    send(client, first, text="is er een klussendienst die een lamp kan ophangen")
    issued = new_code(client, first)
    assert issued.status_code == 201, issued.text
    code = issued.json()["code"]
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}", code)
    assert issued.json()["email"] is None
    assert issued.json()["sent"] is False

    moved = resume(client, code)
    assert moved.status_code == 200, moved.text
    second = moved.json()
    assert second["id"] == first["id"]
    assert second["token"] != first["token"]
    assert second["locale"] == "nl"
    texts = [m["text"] for m in log(client, second).json()["messages"]]
    assert "is er een klussendienst die een lamp kan ophangen" in texts

    # The old device lost the conversation; the code is spent.
    assert log(client, first).status_code == 401
    again = resume(client, code)
    assert again.status_code == 404
    assert again.json()["error"]["code"] == "invalid_resume_code"
    # Only the code's hash is stored.
    with app.sessions() as session:
        stored = session.get(Conversation, first["id"])
        assert stored.resume_code_hash is None
    assert send(client, second, text="dank je").status_code == 200


def test_a_typed_code_may_differ_in_case_spaces_and_look_alike_letters(client):
    conversation = start(client)
    code = new_code(client, conversation).json()["code"]
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert resume(client, typed).status_code == 200


@pytest.mark.parametrize("typed", ["", "ABCD", "ABCD-EFGH-JKMN-P", "ABCD-EFGH-JK!N", "é" * 12])
def test_what_cannot_be_a_code_is_refused_plainly(client, typed):
    response = resume(client, typed)
    assert response.status_code in (404, 422)
    assert "Traceback" not in response.text
    assert normalize(typed) is None


def test_a_code_expires_and_a_new_one_replaces_the_old(client, clock):
    conversation = start(client)
    old = new_code(client, conversation).json()["code"]
    new = new_code(client, conversation).json()["code"]
    assert resume(client, old).status_code == 404
    clock.advance(hours=24, seconds=1)
    assert resume(client, new).status_code == 404


def test_only_the_resident_gets_a_code(client):
    conversation = start(client)
    response = client.post(f"/api/v1/conversations/{conversation['id']}/resume-code")
    assert response.status_code == 401
    wrong = client.post(
        f"/api/v1/conversations/{conversation['id']}/resume-code",
        headers={"Authorization": "Bearer not-the-token"},
    )
    assert wrong.status_code == 401


def test_wrong_codes_from_one_address_are_limited(sqlite_url, tmp_path, analyzer, clock):
    app = make_app(
        sqlite_url, tmp_path, analyzer, clock, rate_resume_failures_per_address="3/15 minutes"
    )
    try:
        with TestClient(create_app(app), raise_server_exceptions=False) as client:
            conversation = start(client)
            code = new_code(client, conversation).json()["code"]
            for _ in range(3):
                assert resume(client, "AAAA-AAAA-AAAA").status_code == 404
            # Full: even the right code waits, so guessing gains nothing by going on.
            limited = resume(client, code)
            assert limited.status_code == 429
            assert int(limited.headers["Retry-After"]) > 0
            clock.advance(minutes=16)
            # The limiter keeps real time, not the application's clock: clear it instead.
            app.rate_limits.clear(app.rate_limits.resume_address, "testclient")
            assert resume(client, code).status_code == 200
    finally:
        app.close()


def test_a_link_needs_an_address_the_resident_gave(client):
    conversation = start(client)
    response = new_code(client, conversation, send_email=True)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "no_email_address"


def hand_off_by_email(client, address):
    conversation = start(client, locale="en")
    for text in (
        "I can't cope anymore, debts, my landlord wants me out and my son is ill",
        "yes please",
        "by email please",
        address,
        "4131",
        "Sam",
    ):
        assert send(client, conversation, text=text).status_code == 200
    sent = send(client, conversation, payload="handoff:send")
    assert "VW-" in sent.json()["messages"][0]["text"]
    return conversation


def test_a_link_by_email_goes_to_the_address_given_and_leaves_no_code_behind(
    sqlite_url,
    tmp_path,
    analyzer,
    clock,
    smtp_port,
    mail_server,
):
    app = make_app(
        sqlite_url,
        tmp_path,
        analyzer,
        clock,
        smtp_host="127.0.0.1",
        smtp_port=smtp_port,
        widget_page_url="https://www.lindenhaven.example/contact",
    )
    try:
        with TestClient(create_app(app), raise_server_exceptions=False) as client:
            conversation = hand_off_by_email(client, "sam@example.nl")
            offered = new_code(client, conversation).json()
            assert offered["email"] == "s***@example.nl"
            response = new_code(client, conversation, send_email=True)
            assert response.status_code == 201, response.text
            assert response.json()["sent"] is True
            code = response.json()["code"]
            assert app.outbox.deliver_due().sent >= 1

            mails = [
                message_from_bytes(content)
                for _, recipients, content in mail_server.messages
                if recipients == ["sam@example.nl"]
            ]
            assert len(mails) == 1
            body = mails[0].get_payload(decode=True).decode()
            link = f"https://www.lindenhaven.example/contact#vw-code={code.replace('-', '')}"
            assert link in body
            assert code in body
            with app.sessions() as session:
                payloads = session.scalars(select(OutboxMessage.payload)).all()
            assert not any(code in str(p) or "sam@example.nl" in str(p) for p in payloads)

            assert resume(client, link.rpartition("=")[2]).status_code == 200
    finally:
        app.close()


def test_codes_and_mailed_links_count_as_messages_of_the_conversation(
    sqlite_url, tmp_path, analyzer, clock
):
    app = make_app(sqlite_url, tmp_path, analyzer, clock, rate_messages_per_conversation="2/minute")
    try:
        with TestClient(create_app(app), raise_server_exceptions=False) as client:
            conversation = start(client)
            assert new_code(client, conversation).status_code == 201
            assert new_code(client, conversation).status_code == 201
            assert new_code(client, conversation).status_code == 429
    finally:
        app.close()
