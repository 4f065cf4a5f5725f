"""The warm handoff, end to end through the conversation engine: what the team receives,
what the resident may ask later, and that retries and restarts never make two tickets."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.application import build_application
from bot.conversation.messages import Incoming
from handoff import Status, Urgency
from tests.conftest import make_settings
from tests.personal_data import PHONE

STORY = "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"


def say(app, conversation_id: str, text: str = "", payload: str | None = None, client_id=None):
    return app.conversations.receive(
        conversation_id, Incoming(text=text, payload=payload, client_id=client_id)
    )


def hand_off(app, *, first: str = STORY) -> tuple[str, str]:
    """A resident goes through the whole handoff; returns (conversation id, reference)."""
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    say(app, conversation, first)
    say(app, conversation, "ja")
    say(app, conversation, payload="handoff:phone")
    say(app, conversation, PHONE)
    say(app, conversation, "na drie uur")
    say(app, conversation, "4121 AB")
    say(app, conversation, "Fatima")
    sent = say(app, conversation, payload="handoff:send")
    assert sent[0].ticket is not None, [r.text for r in sent]
    return conversation, sent[0].ticket.reference


def test_the_team_gets_what_it_needs_and_the_consent_as_shown(app):
    conversation, reference = hand_off(app)
    (ticket,) = app.tickets.list("wt-lindenhof")
    assert ticket.reference == reference
    assert ticket.status is Status.NEW
    assert ticket.conversation_id == conversation
    assert (ticket.phone, ticket.name, ticket.postcode) == (PHONE, "Fatima", "4121 AB")
    assert ticket.preferred_time == "na drie uur"
    assert ticket.contact_method == "phone"
    assert "money" in ticket.domains
    assert "Vraag in eigen woorden: " + STORY in ticket.summary
    assert ticket.consent.text.startswith("Ik stuur uw vraag en dit gesprek naar het wijkteam")
    assert (ticket.consent.channel, ticket.consent.locale) == ("web", "nl")
    assert ticket.transcript is not None
    assert ticket.transcript[0].text.startswith("Hallo")
    assert any(entry.text == STORY for entry in ticket.transcript)
    # Wednesday 25 November + 3 working days: Monday 30 November.
    assert ticket.due_at.date() == datetime(2026, 11, 30).date()
    assert ticket.urgency is Urgency.NORMAL


def test_the_resident_can_ask_the_status_but_nobody_else_can(app):
    conversation, reference = hand_off(app)
    mine = say(app, conversation, f"wat is de status van {reference.lower()}")
    assert "is aangekomen bij Wijkteam Lindenhof" in mine[0].text
    assert mine[0].ticket is not None
    app.tickets.transition(reference, Status.CONTACTED, by="femke", team_id="wt-lindenhof")
    assert (
        "Wijkteam Lindenhof heeft contact met u gehad"
        in say(app, conversation, "en nu?  " + reference)[0].text
    )
    stranger = app.conversations.start(channel="web", locale="nl").conversation_id
    theirs = say(app, stranger, f"wat is de status van {reference}")
    assert "kan dat nummer niet vinden" in theirs[0].text
    assert "Lindenhof" not in " ".join(r.text for r in theirs)


def test_a_retried_send_makes_one_ticket(app):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    for step in (STORY, "ja"):
        say(app, conversation, step)
    say(app, conversation, payload="handoff:chat")
    say(app, conversation, "4121 AB")
    say(app, conversation, payload="handoff:skip")
    first = say(app, conversation, "ja", client_id="send-1")
    again = say(app, conversation, "ja", client_id="send-1")
    assert [r.id for r in first] == [r.id for r in again]
    assert len(app.tickets.list("wt-lindenhof")) == 1
    assert "hier in de chat" in first[0].text


def test_a_restart_between_steps_continues_where_the_resident_was(app, tmp_path, analyzer, clock):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    say(app, conversation, STORY)
    say(app, conversation, "ja")
    say(app, conversation, payload="handoff:phone")
    restarted = build_application(
        make_settings(app.settings.resolved_database_url, tmp_path), analyzer=analyzer, clock=clock
    )
    try:
        assert "bereiken" in say(restarted, conversation, "06 12345678")[0].text
        assert "postcode" in say(restarted, conversation, payload="handoff:any")[0].text
        say(restarted, conversation, "4121 AB")
        say(restarted, conversation, payload="handoff:skip")
        sent = say(restarted, conversation, payload="handoff:send")
        assert sent[0].ticket is not None
    finally:
        restarted.close()


def test_a_crisis_makes_the_referral_urgent(app):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    assert "112" in say(app, conversation, "mijn man slaat me en ik ben bang")[0].text
    say(app, conversation, "ik kom er niet meer uit, schulden en hij is zo boos thuis")
    say(app, conversation, "ja")
    say(app, conversation, payload="handoff:phone")
    say(app, conversation, "0612345678")
    say(app, conversation, payload="handoff:morning")
    say(app, conversation, "4121 AB")
    say(app, conversation, payload="handoff:skip")
    say(app, conversation, payload="handoff:send")
    (ticket,) = app.tickets.list("wt-lindenhof")
    assert ticket.urgency is Urgency.URGENT
    # Wednesday 25 November, 10:00 in Amsterdam: the same working day, until 17:00.
    assert ticket.due_at == datetime(2026, 11, 25, 16, 0)
    assert "vandaag" in ticket.consent.text


def test_phone_numbers_foreign_and_wrong(app):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    for step in (STORY, "ja"):
        say(app, conversation, step)
    say(app, conversation, payload="handoff:phone")
    assert "kan ik niet gebruiken" in say(app, conversation, "+1 555 0100")[0].text
    assert "bereiken" in say(app, conversation, "+32 470 12 34 56")[0].text
    say(app, conversation, payload="handoff:evening")
    say(app, conversation, "4121 AB")
    summary = say(app, conversation, payload="handoff:skip")
    assert "+32 470 12 34 56" in summary[0].text


def test_a_new_question_during_the_handoff_is_answered_as_one(app):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    say(app, conversation, STORY)
    replies = say(app, conversation, "waar is een buurthuis in de buurt waar ik koffie kan drinken")
    assert any("buurthuis" in c.service_types for r in replies for c in r.cards)


@pytest.mark.parametrize("postcode", ["1234", "9999 ZZ", "3011ab"])
def test_a_postcode_elsewhere_gets_a_clear_answer_and_no_ticket(app, postcode):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    say(app, conversation, STORY)
    say(app, conversation, "ja")
    say(app, conversation, payload="handoff:chat")
    answer = say(app, conversation, postcode)
    assert "niet bij Lindenhaven" in answer[0].text
    assert app.tickets.list("wt-centraal") == []


def test_a_postcode_that_is_no_postcode_is_asked_again_then_the_central_team_helps(app):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    say(app, conversation, STORY)
    say(app, conversation, "ja")
    say(app, conversation, payload="handoff:chat")
    assert "Ik herken geen postcode" in say(app, conversation, "ergens bij de kerk")[0].text
    say(app, conversation, payload="handoff:unknown")
    summary = say(app, conversation, payload="handoff:skip")
    assert "Centraal Team Toegang" in summary[0].text
