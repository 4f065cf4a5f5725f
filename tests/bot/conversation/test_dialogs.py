"""Whole conversations as data: what the resident says, what the assistant must answer.

Each step is (what the resident sends, a check on the replies). Run in both locales.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pytest

from bot.conversation.messages import Incoming, Kind, LoggedMessage

Check = Callable[[Sequence[LoggedMessage]], bool]


@dataclass(frozen=True)
class Says:
    """A reply whose text contains every fragment; with cards when asked."""

    fragments: tuple[str, ...]
    cards_of: str | None = None

    def __call__(self, replies: Sequence[LoggedMessage]) -> bool:
        text = " ".join(r.text for r in replies)
        ok = all(f.lower() in text.lower() for f in self.fragments)
        if self.cards_of:
            ok = ok and any(self.cards_of in c.service_types for r in replies for c in r.cards)
        return ok


def says(*fragments: str, cards_of: str | None = None) -> Says:
    return Says(tuple(fragments), cards_of)


def first_says(*fragments: str) -> Check:
    return lambda replies: all(f.lower() in replies[0].text.lower() for f in fragments)


def assert_dialog(app, locale: str, steps: list[tuple[str, Check]]) -> None:
    started = app.conversations.start(channel="test", locale=locale)
    for said, check in steps:
        incoming = Incoming(payload=said[1:]) if said.startswith("@") else Incoming(text=said)
        replies = app.conversations.receive(started.conversation_id, incoming)
        assert replies, f"no reply to {said!r}"
        assert check(replies), f"after {said!r} got: {[r.text for r in replies]}"


DIALOGS = {
    "nl": {
        "greeting": [("hallo", says("Waarmee kan ik u helpen"))],
        "plain question": [
            ("ik zoek iemand die klusjes in huis kan doen", says(cards_of="klussendienst")),
        ],
        "crisis first": [("ik wil niet meer leven", first_says("113", "0800-0113"))],
        "warm handoff by phone to the district's team": [
            (
                "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit",
                says("wijkteam", "Vindt u dat goed"),
            ),
            ("ja hoor", says("Hoe wilt u")),
            ("bel me maar", says("telefoonnummer")),
            ("0612", says("kan ik niet gebruiken")),
            ("06 12345678", says("Wanneer kan het team u het best bereiken")),
            ("@handoff:morning", says("postcode")),
            ("4121ab", says("Hoe mag het team u noemen")),
            (
                "Fatima",
                says("Klopt dit", "Wijkteam Lindenhof", "06 12345678", "'s ochtends", "Fatima"),
            ),
            ("ja", says("Verstuurd", "VW-", "Wijkteam Lindenhof", "cliëntondersteuner")),
        ],
        "handoff by e-mail with a typo, the central team and a change": [
            (
                "ik trek het niet meer met mijn moeder en haar zorg, ik kom er niet uit",
                says("wijkteam"),
            ),
            ("@handoff:yes", says("Hoe wilt u")),
            ("liever niet bellen, mail maar", says("e-mailadres")),
            ("fatima@gmial.com", says("Bedoelt u fatima@gmail.com")),
            ("@handoff:email=fatima@gmail.com", says("postcode")),
            ("@handoff:unknown", says("Hoe mag het team u noemen")),
            ("@handoff:skip", says("Centraal Team Toegang", "fatima@gmail.com")),
            ("@handoff:change", says("Wat wilt u aanpassen")),
            ("@handoff:change-postcode", says("postcode")),
            ("4131", says("Wijkteam Vogelbuurt")),
            ("@handoff:send", says("Verstuurd", "VW-")),
        ],
        "no consent, no ticket": [
            (
                "alles loopt uit de hand, schulden en ruzie thuis, ik kom er niet uit",
                says("Vindt u dat goed"),
            ),
            ("nee", says("stuur niets door", "Centraal Team Toegang")),
        ],
        "a postcode outside the municipality": [
            (
                "ik trek het niet meer met mijn moeder en haar zorg, ik kom er niet uit",
                says("Vindt u dat goed"),
            ),
            ("ja", says("Hoe wilt u")),
            ("@handoff:chat", says("postcode")),
            ("3011 AB", says("niet bij Lindenhaven", "Centraal Team Toegang")),
        ],
        "local help after choosing a district": [
            ("waar is een buurthuis", says(cards_of="buurthuis")),
            ("@ask:district", says("postcode")),
            ("Vogelbuurt", says("Vogelbuurt", cards_of="buurthuis")),
        ],
        "out of scope": [("hoe vraag ik een nieuw paspoort aan", says("14 0344"))],
        "another language": [
            (
                "Merhaba, size Türkçe yazabilir miyim? Yardıma ihtiyacım var.",
                # In Turkish: only Dutch and English here, the municipality with a tolk.
                says("Hollandaca", "14 0344", "tolk", "112"),
            ),
        ],
    },
    "en": {
        "greeting": [("hello", says("What can I help you with"))],
        "plain question": [
            ("I would like to meet people, I feel lonely", says(cards_of="maatje")),
        ],
        "crisis first": [("he is hitting me and says he will kill me", first_says("112"))],
        "warm handoff by e-mail": [
            (
                "I can't cope anymore, debts, my landlord wants me out and my son is ill",
                says("district team", "Is that all right"),
            ),
            ("yes please", says("How would you like")),
            ("by email please", says("e-mail address")),
            ("not an address", says("does not look like an e-mail address")),
            ("sam@example.nl", says("postcode")),
            ("4131", says("What may the team call you")),
            ("Sam", says("Please check", "Wijkteam Vogelbuurt", "sam@example.nl", "Sam")),
            ("@handoff:send", says("Sent", "VW-", "client supporter")),
        ],
        "out of scope": [("how do I renew my passport", says("14 0344"))],
    },
}


@pytest.mark.parametrize(
    ("locale", "name"), [(loc, name) for loc, dialogs in DIALOGS.items() for name in dialogs]
)
def test_dialog(app, locale, name):
    assert_dialog(app, locale, DIALOGS[locale][name])


def test_a_crisis_interrupts_an_open_question(app):
    assert_dialog(
        app,
        "nl",
        [
            (
                "alles loopt uit de hand, schulden en ruzie thuis, ik kom er niet uit",
                says("Vindt u dat goed"),
            ),
            ("mijn vader is gevallen en reageert niet meer", first_says("112")),
        ],
    )


def test_laat_maar_stops_the_handoff_at_any_step_without_a_ticket(app):
    assert_dialog(
        app,
        "nl",
        [
            ("ik kom er niet meer uit, schulden en mijn gezondheid", says("Vindt u dat goed")),
            ("ja", says("Hoe wilt u")),
            ("@handoff:phone", says("telefoonnummer")),
            ("laat maar", says("ik ben gestopt", "niets verstuurd")),
        ],
    )
    assert app.tickets.list("wt-centraal") == []


def test_words_nobody_knows_are_not_understood_and_twice_asks_for_a_person(app):
    """Gibberish is not small talk: the assistant says it did not understand, and the
    second time offers the district team (a clarify, counted for the volunteers)."""
    conversation = app.conversations.start(channel="test", locale="nl").conversation_id
    (first,) = app.conversations.receive(conversation, Incoming(text="kjhsdf lkjqwe pppp"))
    (second,) = app.conversations.receive(conversation, Incoming(text="blub blub flap"))
    assert first.kind is Kind.CLARIFY
    assert second.kind is Kind.CLARIFY
    assert first.text != second.text
    assert [b.payload for b in second.buttons] == ["ask:person"]
    # A third time is not the second line again: the municipality's number too.
    (third,) = app.conversations.receive(conversation, Incoming(text="grmbl flap flop"))
    assert third.kind is Kind.CLARIFY
    assert third.text not in (first.text, second.text)
    assert "14 0344" in third.text
    # The button offers a person: in volunteer hours, one who reads along.
    offer = app.conversations.receive(
        conversation, Incoming(payload="ask:person", button_of=third.id)
    )
    assert offer[-1].kind is Kind.REFERRAL_OFFER
    assert "mens" in offer[0].text
