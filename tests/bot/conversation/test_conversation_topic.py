"""The topic of a conversation across turns: kept in the database, the district kept once
named, and a person offered in the words that fit (issue 14)."""

from __future__ import annotations

from datetime import datetime

from bot.conversation.messages import Incoming, Kind
from bot.platform.models import Conversation
from tests.conftest import make_app


def say(app, conversation_id: str, text: str):
    return app.conversations.receive(conversation_id, Incoming(text=text))


def test_a_follow_up_after_a_restart_is_answered_from_the_topic(
    sqlite_url, tmp_path, analyzer, clock
):
    first = make_app(sqlite_url, tmp_path, analyzer, clock)
    started = first.conversations.start(channel="test", locale="nl")
    answer = say(first, started.conversation_id, "is er een klusdienst voor ouderen")
    shown = answer[-1].cards[0].name
    first.close()

    again = make_app(sqlite_url, tmp_path, analyzer, clock)
    try:
        (reply,) = say(again, started.conversation_id, "en wat kost dat?")
    finally:
        again.close()
    assert reply.kind is Kind.ANSWER
    assert shown.lower() in reply.text.lower()
    assert not reply.cards


def test_a_district_named_in_passing_is_kept_and_other_districts_are_left_out(app):
    started = app.conversations.start(channel="test", locale="nl")
    say(app, started.conversation_id, "hallo, ik woon in de Vogelbuurt")
    assert app.conversations.open_unchecked(started.conversation_id).district_id == "vogelbuurt"
    replies = say(app, started.conversation_id, "ik zoek een buurthuis om koffie te drinken")
    cards = [c for r in replies for c in r.cards]
    assert cards
    for card in cards:
        provision = app.catalogue.provision(card.id)
        assert provision.whole_municipality or "vogelbuurt" in provision.district_ids


def test_a_person_asked_for_in_volunteer_hours_hears_a_volunteer_will_write(app, clock):
    clock.now = datetime(2026, 11, 25, 9, 0)  # a Wednesday, 10:00 in Lindenhaven
    started = app.conversations.start(channel="test", locale="nl")
    replies = say(app, started.conversation_id, "Ik wil graag met een echt mens praten")
    text = " ".join(r.text for r in replies)
    assert "vrijwilliger" in text
    assert replies[-1].kind is Kind.REFERRAL_OFFER  # the call-back stays on offer


def test_a_person_asked_for_at_night_is_offered_the_call_back_only(app, clock):
    clock.now = datetime(2026, 11, 28, 22, 0)  # a Saturday night
    started = app.conversations.start(channel="test", locale="nl")
    replies = say(app, started.conversation_id, "Ik wil graag met een echt mens praten")
    text = " ".join(r.text for r in replies)
    assert "vrijwilliger" not in text
    assert "met een mens praten" in text
    assert replies[-1].kind is Kind.REFERRAL_OFFER


def test_the_quiet_offer_under_an_answer_starts_the_referral_for_that_question(app):
    started = app.conversations.start(channel="test", locale="nl")
    question = "mijn zus is vorige maand overleden en ik kan er met niemand over praten"
    answer = say(app, started.conversation_id, question)
    assert answer[-1].kind is Kind.ANSWER
    assert "ask:team" in [b.payload for b in answer[-1].buttons]
    offer = app.conversations.receive(
        started.conversation_id, Incoming(payload="ask:team", button_of=answer[-1].id)
    )
    assert offer[-1].kind is Kind.REFERRAL_OFFER
    handoff = app.conversations.open_unchecked(started.conversation_id)
    assert handoff.state.value == "handoff_consent"
    assert _state_data(app, started.conversation_id)["handoff"]["query"] == question


def _state_data(app, conversation_id: str) -> dict:
    with app.sessions() as session:
        return dict(session.get(Conversation, conversation_id).state_data)
