"""Consent comes only from the resident's answer to the assistant's own question: a
volunteer's take-over closes whatever the assistant had asked, and buttons from before
it are refused by the server (issue 17, finding 1)."""

from __future__ import annotations

import pytest

from bot.conversation.errors import ButtonExpired
from bot.conversation.messages import Incoming, Kind
from bot.conversation.states import State
from tests.bot.conversation.test_handoff_flow import STORY, say
from tests.bot.conversation.test_takeover import volunteers
from tests.personal_data import PHONE


def consent_question(app) -> tuple[str, int]:
    """A conversation whose assistant has just asked for consent; (id, question's id)."""
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    replies = say(app, conversation, STORY)
    asking = [r for r in replies if any(b.payload == "handoff:yes" for b in r.buttons)]
    assert asking, [r.text for r in replies]
    return conversation, asking[-1].id


def state(app, conversation: str) -> tuple[str, dict]:
    from bot.platform.models import Conversation

    with app.sessions() as session:
        row = session.get(Conversation, conversation)
        return row.state, dict(row.state_data)


def test_a_yes_meant_for_the_volunteer_is_not_consent(app):
    conversation, _ = consent_question(app)
    (anna,) = volunteers(app, "Anna")
    app.takeovers.take(conversation, staff_id=anna, name="Anna")
    notice = app.conversations.log(conversation)[-1]
    assert notice.kind is Kind.TAKEOVER
    assert "U hoeft mijn laatste vraag niet meer te beantwoorden" in notice.text
    assert state(app, conversation)[0] == State.IDLE.value

    answered = say(app, conversation, "Ja graag, ik woon in de Vogelbuurt")
    assert answered == []  # the volunteer answers, not the assistant
    current, data = state(app, conversation)
    assert current == State.IDLE.value
    assert "handoff" not in data
    # Handed back, the same words are not read as consent either: no question is open.
    app.takeovers.hand_back(conversation, staff_id=anna)
    after = say(app, conversation, "ja")
    assert not any("Hoe wilt u dat" in r.text for r in after)
    assert app.tickets.list("wt-lindenhof") == []


def test_buttons_from_before_the_take_over_are_refused(client, app):
    conversation, question = consent_question(app)
    (anna,) = volunteers(app, "Anna")
    started = client.post("/api/v1/conversations").json()  # a token for a second check
    assert started["id"] != conversation
    app.takeovers.take(conversation, staff_id=anna, name="Anna")
    before = len(app.conversations.log(conversation))
    with pytest.raises(ButtonExpired):
        app.conversations.receive(
            conversation, Incoming(payload="handoff:yes", button_of=question, client_id="k1")
        )
    assert len(app.conversations.log(conversation)) == before  # nothing stored
    # Still refused after the volunteer hands back: that question is closed for good.
    app.takeovers.hand_back(conversation, staff_id=anna)
    with pytest.raises(ButtonExpired):
        app.conversations.receive(conversation, Incoming(payload="handoff:yes", button_of=question))
    assert state(app, conversation)[0] == State.IDLE.value


def test_the_chat_api_answers_an_old_button_with_a_clear_409(client, app):
    started = client.post("/api/v1/conversations", json={"locale": "nl"}).json()
    auth = {"Authorization": f"Bearer {started['token']}"}
    url = f"/api/v1/conversations/{started['id']}/messages"
    replies = client.post(url, json={"text": STORY}, headers=auth).json()["messages"]
    question = next(m for m in replies if any(b["payload"] == "handoff:yes" for b in m["buttons"]))
    (anna,) = volunteers(app, "Anna")
    app.takeovers.take(started["id"], staff_id=anna, name="Anna")
    log = client.get(url, headers=auth).json()["messages"]
    assert log[-1]["kind"] == "takeover"
    answer = client.post(
        url, json={"payload": "handoff:yes", "button_of": question["id"]}, headers=auth
    )
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "button_expired"
    assert client.get(url, headers=auth).json()["messages"] == log


def test_a_referral_the_volunteer_offers_records_which_message_gave_consent(app):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    say(app, conversation, STORY)
    say(app, conversation, "nee")  # declines the assistant's offer
    (anna,) = volunteers(app, "Anna")
    app.takeovers.take(conversation, staff_id=anna, name="Anna")
    offer = app.conversations.offer_handoff(conversation, staff_id=anna)
    question = next(m for m in offer if any(b.payload == "handoff:yes" for b in m.buttons))
    yes = say(app, conversation, "ja hoor, graag")
    consent_message = app.conversations.log(conversation)[-len(yes) - 1]
    assert consent_message.text == "ja hoor, graag"
    say(app, conversation, payload="handoff:phone")
    say(app, conversation, PHONE)
    say(app, conversation, "maakt niet uit")
    say(app, conversation, "4121 AB")
    say(app, conversation, payload="handoff:skip")
    sent = say(app, conversation, payload="handoff:send")
    assert sent[0].ticket is not None, [r.text for r in sent]
    (ticket,) = app.tickets.list("wt-lindenhof")
    consent = ticket.consent
    assert consent.message_id == consent_message.id
    assert consent.question_id == question.id
    assert consent.answer == "ja hoor, graag"


def test_a_pressed_consent_button_is_recorded_with_its_label(app):
    conversation, question = consent_question(app)
    say_button = app.conversations.receive(
        conversation, Incoming(payload="handoff:yes", button_of=question)
    )
    assert say_button
    _, data = state(app, conversation)
    consent = data["handoff"]["consent"]
    assert consent["question_id"] == question
    (label,) = [
        b.label
        for m in app.conversations.log(conversation)
        if m.id == question
        for b in m.buttons
        if b.payload == "handoff:yes"
    ]
    assert consent["answer"] == label
