"""A crisis written in a language the assistant does not serve in full is answered in
that language, with the numbers, never with Dutch only; an ordinary question in such a
language gets its first reply in that language too (issue 13)."""

from __future__ import annotations

import pytest

from bot.conversation.messages import Incoming, Kind
from bot.platform.languages import EMERGENCY_LOCALES
from nlu.crisis import lexicons

# One crisis per language, from the language's own lexicon (its development examples).
FIRST_CRISIS = {
    lexicon.language: next(
        e["text"] for e in lexicon.examples if e.get("kind") in ("violence", "suicide")
    )
    for lexicon in lexicons()
    if lexicon.language in EMERGENCY_LOCALES
}
QUESTIONS = {
    "ar": "مرحبا، أبحث عن مساعدة في دفع الإيجار هذا الشهر",
    "de": "Guten Tag, ich suche Hilfe bei meiner Miete diesen Monat",
    "es": "Hola, busco ayuda para pagar el alquiler este mes",
    "fa": "سلام، برای پرداخت اجاره این ماه کمک می‌خواهم",
    "fr": "Bonjour, je cherche de l'aide pour payer mon loyer ce mois-ci",
    "pl": "Dzień dobry, szukam pomocy w zapłacie czynszu w tym miesiącu",
    "ru": "Здравствуйте, я ищу помощь с оплатой аренды в этом месяце",
    "so": "Salaan, waxaan raadinayaa caawimaad lacagta kirada bishan",
    "ti": "ሰላም፣ ነዚ ወርሒ ክራይ ንምኽፋል ሓገዝ እደሊ ኣለኹ",
    "tr": "Merhaba, bu ay kiramı ödemek için yardım arıyorum",
    "uk": "Добрий день, я шукаю допомогу з оплатою оренди цього місяця",
}


def test_every_emergency_language_has_a_crisis_and_a_question():
    assert set(FIRST_CRISIS) == set(EMERGENCY_LOCALES) == set(QUESTIONS)


@pytest.mark.parametrize("language", sorted(EMERGENCY_LOCALES))
def test_a_crisis_is_answered_in_its_own_language(app, language):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    first, *rest = app.conversations.receive(conversation, Incoming(text=FIRST_CRISIS[language]))
    assert first.kind is Kind.CRISIS, (language, first.text)
    assert "112" in first.text
    texts = app.catalogs.get(language)
    dutch = app.catalogs.get("nl")
    # Worded from the language's own catalog: not the Dutch, not the English source.
    assert first.text != dutch.gettext("In danger now? Call 112.")
    question = rest[0] if rest else None
    if question is not None:
        assert question.text in {
            texts.gettext("Are you safe right now?"),
            texts.pgettext("child", "Are you safe right now?"),
            texts.gettext("Is the person you are worried about safe right now?"),
        }
        assert question.text != "Are you safe right now?" or language == "en"


@pytest.mark.parametrize("language", sorted(EMERGENCY_LOCALES))
def test_an_ordinary_question_gets_a_first_reply_in_its_language(app, language):
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    (reply,) = app.conversations.receive(conversation, Incoming(text=QUESTIONS[language]))
    texts = app.catalogs.get(language)
    expected = texts.gettext(
        "Hello. I am the digital assistant of %(municipality)s. I can only help in Dutch "
        "or English. Call the municipality on %(phone)s and ask for an interpreter "
        "(tolk). In danger? Call 112. Thinking about suicide? Call 0800-0113. "
        "Violence at home? Call Veilig Thuis on 0800-2000.",
        municipality="Lindenhaven",
        phone="14 0344",
    )
    assert reply.text == expected
    assert reply.kind is Kind.OUT_OF_SCOPE
    assert "tolk" in reply.text
    assert [b.payload for b in reply.buttons] == ["lang:nl", "lang:en"]
