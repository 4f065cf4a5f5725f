"""The safety net through the engine: each kind of crisis gets its own reply with the
right numbers in the first reply, a child is spoken to as a child, "are you safe right
now?" decides what comes next, and a referral after a crisis is for the same working day
(issue 13)."""

from __future__ import annotations

import pytest

from bot.conversation.messages import Incoming, Kind
from bot.conversation.states import State
from nlu import CrisisKind

# (message, the kind the reply is about, numbers that must be in the first reply,
#  numbers that must not be, whether the writer is a child)
CASES = [
    (
        "eerlijk gezegd lig ik elke nacht wakker en hoop ik dat ik de ochtend niet haal",
        CrisisKind.SUICIDE,
        ["0800-0113", "112"],
        ["0800-0432"],
        False,
    ),
    (
        "volgens mij zijn mijn kinderen beter af als ik er niet meer ben, met al die schulden",
        CrisisKind.SUICIDE,
        ["0800-0113"],
        [],
        False,
    ),
    (
        "ik ben 15 en ik kras mezelf elke avond, vandaag wil ik dat het voorgoed ophoudt",
        CrisisKind.SUICIDE,
        ["0800-0113", "0800-0432"],
        [],
        True,
    ),
    (
        "hij slaat me alweer, ik zit in de badkamer opgesloten en hij bonkt op de deur",
        CrisisKind.VIOLENCE,
        ["112", "0800-2000"],
        [],
        False,
    ),
    (
        "ik ben 12 en mama slaat me met de stok als ik te laat thuis ben",
        CrisisKind.VIOLENCE,
        ["0800-0432", "112"],
        [],
        True,
    ),
    (
        "de buurman van mijn dochter zit aan haar als ze daar speelt, ze is pas 7",
        CrisisKind.CHILD,
        ["0800-2000"],
        [],
        False,
    ),
    (
        "mijn schoonzoon neemt elke maand het pensioen van mijn vader van 90 af en hij heeft "
        "blauwe plekken",
        CrisisKind.ELDER,
        ["0800-2000"],
        [],
        False,
    ),
    (
        "er loopt iemand met een mes door onze gang en hij schreeuwt dat hij me komt halen",
        CrisisKind.DANGER,
        ["112"],
        [],
        False,
    ),
    (
        "mijn partner zegt dat hij de kinderen meeneemt en iets aandoet als ik wegga, hij heeft "
        "een pistool",
        CrisisKind.DANGER,
        ["112", "0800-2000"],
        [],
        False,
    ),
    (
        "de deurwaarder heeft ons vandaag op straat gezet, ik heb twee kinderen en we weten "
        "niet waar we vannacht moeten slapen",
        CrisisKind.HOMELESS,
        ["0344 55 53 00", "112"],
        [],
        False,
    ),
    (
        "mijn opa zit opeens scheef op de bank, zijn mond hangt en hij praat heel raar",
        CrisisKind.MEDICAL,
        ["112"],
        [],
        False,
    ),
]

NOT_CRISES = [
    "ik ga echt dood van de stress met al die rekeningen",
    "hoe meld ik anoniem dat de kinderen van de buren verwaarloosd worden?",
    "sinds zijn beroerte van vorig jaar kan mijn man niet meer goed lopen, welke hulp is er?",
    "mijn baas vermoordt me als ik weer te laat ben haha",
    "ik ben 16 weken zwanger en zoek een verloskundige",
]


def say(app, conversation, text="", payload=None, button_of=None):
    return app.conversations.receive(
        conversation, Incoming(text=text, payload=payload, button_of=button_of)
    )


def new(app, locale="nl") -> str:
    return app.conversations.start(channel="web", locale=locale).conversation_id


def state(app, conversation):
    from bot.platform.models import Conversation

    with app.sessions() as session:
        row = session.get(Conversation, conversation)
        return row.state, dict(row.state_data)


@pytest.mark.parametrize(("text", "kind", "numbers", "absent", "young"), CASES)
def test_each_kind_of_crisis_gets_its_numbers_in_the_first_reply(
    app, text, kind, numbers, absent, young
):
    conversation = new(app)
    first, *rest = say(app, conversation, text)
    assert first.kind is Kind.CRISIS, first.text
    for number in numbers:
        assert number in first.text, (number, first.text)
    for number in absent:
        assert number not in first.text, (number, first.text)
    (message,) = [m for m in app.conversations.log(conversation) if m.text == text]
    assert message.understanding["crisis"] == kind.value
    assert message.understanding["young"] is young
    if young:
        assert " je " in f" {first.text} " or "Je " in first.text
        assert " u " not in f" {first.text} "
    if kind is CrisisKind.MEDICAL:
        assert rest == []  # the action is calling 112, not answering us
    else:
        (question,) = rest
        assert question.kind is Kind.CRISIS
        assert [b.payload for b in question.buttons] == ["crisis:safe", "crisis:unsafe"]
        assert state(app, conversation)[0] == State.CRISIS_CHECK.value


@pytest.mark.parametrize("text", NOT_CRISES)
def test_hyperbole_past_events_and_questions_about_a_topic_are_not_a_crisis(app, text):
    replies = say(app, new(app), text)
    assert all(r.kind is not Kind.CRISIS for r in replies), [r.text for r in replies]


def test_no_roof_tonight_shows_the_shelter_and_the_same_day_number(app):
    first, _ = say(app, new(app), CASES[9][0])
    assert first.cards, "the emergency shelter is shown"
    assert all("maatschappelijke_opvang" in c.service_types for c in first.cards)


def test_safe_now_leads_to_an_urgent_referral_for_today(app):
    conversation = new(app)
    _, question = say(app, conversation, CASES[3][0])
    said = say(app, conversation, payload="crisis:safe", button_of=question.id)
    assert said[0].kind is Kind.CRISIS
    assert said[-1].kind is Kind.REFERRAL_OFFER
    assert "vandaag nog" in said[-1].text
    assert state(app, conversation)[0] == State.HANDOFF_CONSENT.value
    assert state(app, conversation)[1]["handoff"]["urgent"] is True


def test_a_typed_no_repeats_112_and_a_new_question_is_answered_as_usual(app):
    conversation = new(app)
    say(app, conversation, CASES[7][0])
    (unsafe,) = say(app, conversation, "nee")
    assert "112" in unsafe.text
    assert unsafe.kind is Kind.CRISIS
    assert state(app, conversation)[0] == State.IDLE.value
    other = new(app)
    say(app, other, CASES[0][0])
    answered = say(app, other, "waar vind ik een maatje om mee te wandelen")
    assert state(app, other)[0] != State.CRISIS_CHECK.value
    assert answered


def test_a_child_who_is_safe_is_told_what_helps_a_child_not_a_referral_form(app):
    conversation = new(app)
    say(app, conversation, CASES[4][0])
    (reply,) = say(app, conversation, "ja")
    assert "0800-0432" in reply.text
    assert "je" in reply.text.split()
    assert state(app, conversation)[0] == State.IDLE.value


def test_a_reporter_is_asked_about_the_person_they_worry_about(app):
    _, question = say(app, new(app), CASES[6][0])
    assert "persoon" in question.text


def test_while_a_volunteer_holds_the_conversation_only_the_numbers_go_out(app):
    from tests.bot.conversation.test_takeover import volunteers

    conversation = new(app)
    (anna,) = volunteers(app, "Anna")
    app.takeovers.take(conversation, staff_id=anna, name="Anna")
    replies = say(app, conversation, CASES[0][0])
    assert [r.kind for r in replies] == [Kind.CRISIS]
    assert "0800-0113" in replies[0].text
    assert state(app, conversation)[0] == State.IDLE.value


def test_the_chat_api_marks_crisis_replies(client):
    started = client.post("/api/v1/conversations", json={"locale": "nl"}).json()
    answer = client.post(
        f"/api/v1/conversations/{started['id']}/messages",
        json={"text": CASES[3][0]},
        headers={"Authorization": f"Bearer {started['token']}"},
    ).json()["messages"]
    assert [m["kind"] for m in answer] == ["crisis", "crisis"]
    assert started["messages"][0]["kind"] == "smalltalk"
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert "crisis" in schema["Kind"]["enum"]
