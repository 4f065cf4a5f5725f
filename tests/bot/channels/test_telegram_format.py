"""Rendering for Telegram: escaped HTML that Telegram's parser takes, cards that read well,
buttons whose callback data always fits, and long texts split where a reader expects."""

from __future__ import annotations

import html
import re
from datetime import datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.channels.telegram import texts as telegram_texts
from bot.channels.telegram.format import (
    MAX_CALLBACK_DATA,
    Outgoing,
    card_html,
    escape,
    parse_callback,
    render,
    split_html,
    visible_len,
)
from bot.conversation.messages import Button, Card, Kind, LoggedMessage, Sender, TicketRef
from bot.platform.i18n import Catalogs
from tests.fake_telegram import html_problem

TEXTS = Catalogs(["nl", "en"]).get("nl")


def message(text: str = "", **parts) -> LoggedMessage:
    return LoggedMessage(
        id=7,
        conversation_id="c",
        sender=parts.pop("sender", Sender.BOT),
        text=text,
        created_at=datetime(2026, 11, 25),
        **parts,
    )


def visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^<>]*>", "", markup))


CARD = Card(
    id="p1",
    name="Klus & Co <Centrum>",
    service_types=("klussen",),
    summary="Kleine klussen in huis.",
    audience="Ouderen & mensen met een beperking",
    cost="€ 2,50 per uur",
    opening=("maandag 09:00-12:00", "dinsdag 13:00-16:00"),
    how_to_apply="Bel ons.",
    phone="0344 123456",
    email="klus@example.nl",
    website="https://example.nl/klus?a=1&b=2",
    address="Dorpsstraat 1, 4101 AB Lindenhaven",
    description="Vrijwilligers doen kleine klussen.\n\nZoals een lamp ophangen & meer.",
    cost_note="Met de Lindenpas betaalt u € 1,00.",
)


def test_a_card_is_bold_name_and_escaped_facts():
    (out,) = render(message("Dit kan u helpen:", cards=(CARD,)), TEXTS)
    assert html_problem(out.html) is None
    assert "<b>Klus &amp; Co &lt;Centrum&gt;</b>" in out.html
    assert "<i>Voor wie:</i> Ouderen &amp; mensen met een beperking" in out.html
    assert "<i>Open:</i> maandag 09:00-12:00; dinsdag 13:00-16:00" in out.html
    assert '<a href="https://example.nl/klus?a=1&amp;b=2">' in out.html
    assert out.keyboard is None


def test_a_card_is_compact_and_its_details_open_under_more_information():
    (out,) = render(message("Dit kan u helpen:", cards=(CARD,)), TEXTS)
    assert html_problem(out.html) is None
    card = out.html.split("\n\n", 1)[1]
    name, summary, key, details = card.split("\n", 3)
    assert name == "<b>Klus &amp; Co &lt;Centrum&gt;</b>"
    assert summary == "Kleine klussen in huis."
    assert key == "€ 2,50 per uur · 0344 123456"
    # The rest in one expandable quote, headed "Meer informatie", with no empty line in it.
    assert details.startswith("<blockquote expandable><b>Meer informatie</b>\n")
    assert details.endswith("</blockquote>")
    assert details.count("<blockquote") == 1
    assert "\n\n" not in details
    assert "Vrijwilligers doen kleine klussen.\nZoals een lamp ophangen &amp; meer." in details
    for fact in (
        "<i>Voor wie:</i> Ouderen &amp; mensen met een beperking",
        "<i>Kosten:</i> Met de Lindenpas betaalt u € 1,00.",
        "<i>Open:</i> maandag 09:00-12:00; dinsdag 13:00-16:00",
        "Bel ons.",
        "Dorpsstraat 1, 4101 AB Lindenhaven",
        "klus@example.nl",
        '<a href="https://example.nl/klus?a=1&amp;b=2">',
    ):
        assert fact in details, fact
    assert "0344 123456" not in details  # said once, on the short line


def test_the_details_heading_is_in_the_residents_language():
    (out,) = render(message("", cards=(CARD,)), Catalogs(["nl", "en"]).get("en"))
    assert "<blockquote expandable><b>More information</b>\n" in out.html
    assert "€ 2,50 per uur · 0344 123456" in out.html


def test_a_card_with_little_to_say_has_no_empty_lines_or_quote():
    empty = {"service_types": (), "summary": "", "audience": "", "opening": (), "how_to_apply": ""}
    bare = Card(id="p2", name="Taalcafé", cost="Gratis", **empty)
    (out,) = render(message("", cards=(bare,)), TEXTS)
    assert out.html == "<b>Taalcafé</b>\nGratis"
    phone_only = Card(id="p3", name="Buurthuis", cost="", phone="0344 1", **empty)
    (out,) = render(message("", cards=(phone_only,)), TEXTS)
    assert out.html == "<b>Buurthuis</b>\n0344 1"


def test_many_cards_are_split_between_cards_not_inside_their_quotes():
    cards = tuple(
        Card(**{**CARD.__dict__, "id": f"p{i}", "description": f"Kaart {i}. " + "tekst " * 150})
        for i in range(8)
    )
    out = render(message("Deze hulp past misschien bij u:", cards=cards), TEXTS)
    assert len(out) > 1
    seen = 0
    for part in out:
        assert html_problem(part.html) is None
        assert visible_len(part.html) <= 4096
        # Whole cards: each quote opens and closes in the same part, none is nested.
        assert part.html.count("<blockquote expandable>") == part.html.count("</blockquote>")
        assert not re.search(
            r"<blockquote[^>]*>(?:(?!</blockquote>).)*<blockquote", part.html, re.S
        )
        seen += part.html.count("<b>Meer informatie</b>")
    assert seen == len(cards)  # no card's details were cut in two
    assert all(p.html.startswith("<b>Klus") for p in out[1:])


def test_a_quote_longer_than_a_message_is_closed_and_opened_again():
    quote = "<blockquote expandable><b>Meer informatie</b>\n" + "regel tekst\n" * 400
    parts = split_html(quote.rstrip() + "</blockquote>", limit=1000)
    assert len(parts) > 1
    for part in parts:
        assert html_problem(part) is None
        assert part.startswith("<blockquote expandable>")
        assert part.endswith("</blockquote>")
        assert visible_len(part) <= 1000


def test_a_tag_that_closes_at_the_cut_is_not_opened_again_empty():
    text = "<blockquote expandable>aaaa aaaa\n</blockquote>\n\nbbbb"
    assert split_html(text, limit=10) == ["<blockquote expandable>aaaa aaaa</blockquote>", "bbbb"]


def test_a_website_that_is_not_a_web_address_is_not_a_link():
    card = Card(**{**CARD.__dict__, "website": 'javascript:alert("x")'})
    (out,) = render(message("", cards=(card,)), TEXTS)
    assert "<a " not in out.html
    assert html_problem(out.html) is None


def test_buttons_point_at_the_message_so_any_payload_fits():
    long_payload = "handoff:email=" + "a" * 150 + "@example.nl"
    out = render(
        message("Bedoelt u dit?", buttons=(Button("Ja", long_payload), Button("Nee", "x"))), TEXTS
    )
    rows = out[-1].keyboard.inline_keyboard
    data = [row[0].callback_data for row in rows]
    assert data == ["m7:0", "m7:1"]
    assert all(len(d.encode()) <= MAX_CALLBACK_DATA for d in data)
    pressed = parse_callback("m7:1")
    assert (pressed.message_id, pressed.index) == (7, 1)
    assert parse_callback("p:lang:en").payload == "lang:en"
    for bad in ("", "m", "mx:1", "m7", "p:", "other"):
        assert parse_callback(bad) is None


def test_staff_messages_say_who_writes_and_the_ticket_number_is_shown_once():
    (staff,) = render(message("Ik bel u morgen.", sender=Sender.STAFF), TEXTS)
    assert staff.html.startswith("<b>Een medewerker of vrijwilliger schrijft:</b>\n")
    (sent,) = render(message("Uw nummer is VW-ABC", ticket=TicketRef("VW-ABC", "new")), TEXTS)
    assert sent.html.count("VW-ABC") == 1
    (status,) = render(message("Bijgewerkt", ticket=TicketRef("VW-XYZ", "new")), TEXTS)
    assert "Uw nummer: <b>VW-XYZ</b>" in status.html


def test_a_crisis_reply_stands_out_and_its_question_does_not_shout():
    (crisis,) = render(message("Bel nu 112 & 0800-0113.", kind=Kind.CRISIS), TEXTS)
    assert crisis.html == "🆘 <b>Bel nu 112 &amp; 0800-0113.</b>"
    assert html_problem(crisis.html) is None
    asked = message("Bent u nu veilig?", kind=Kind.CRISIS, buttons=(Button("Ja", "crisis:safe"),))
    (question,) = render(asked, TEXTS)
    assert question.html == "Bent u nu veilig?"
    (plain,) = render(message("Gewoon antwoord", kind=Kind.ANSWER), TEXTS)
    assert "🆘" not in plain.html


def test_a_long_message_is_split_on_paragraphs_and_the_keyboard_goes_last():
    paragraphs = [f"Alinea {i}: " + "woord " * 300 for i in range(8)]
    out = render(message("\n\n".join(paragraphs), buttons=(Button("Ok", "ok"),)), TEXTS)
    assert len(out) > 1
    assert all(o.keyboard is None for o in out[:-1])
    assert out[-1].keyboard is not None
    for part in out:
        assert visible_len(part.html) <= 4096
        assert part.html.startswith("Alinea")  # each part starts at a paragraph


def test_a_split_never_falls_inside_a_tag_or_entity_and_reopens_open_tags():
    text = "<b>" + "&amp; x " * 3000 + "</b>"
    parts = split_html(text, limit=1000)
    assert len(parts) > 1
    for part in parts:
        assert html_problem(part) is None
        assert part.startswith("<b>")
        assert part.endswith("</b>")
        assert visible_len(part) <= 1000


def test_the_limit_counts_what_telegram_counts():
    emoji = "😀" * 3000  # two UTF-16 units each
    parts = split_html(escape(emoji))
    assert len(parts) == 2
    assert all(visible_len(p) <= 4096 for p in parts)
    assert "".join(parts) == emoji


def test_plain_text_fallback_has_no_markup():
    assert Outgoing("<b>a &amp; b</b>").plain == "a & b"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "b", "i", "a", "blockquote"]),
            st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300),
        ),
        max_size=40,
    ),
    st.integers(min_value=20, max_value=400),
)
# The input must be valid markup itself: the bold start of a quote is cut from the text
# before it is escaped, never inside an escaped "&lt;" (the generator once did that, and
# then blamed the splitter for the broken entity it was given).
@example(pieces=[("blockquote", "0" * 17 + "<;")], limit=20)
def test_any_text_splits_into_valid_parts_that_keep_every_visible_character(pieces, limit):
    markup = ""
    for tag, raw in pieces:
        body = escape(raw)
        if tag == "a":
            markup += f'<a href="https://x.nl/?q=1&amp;r=2">{body}</a>'
        elif tag == "blockquote":
            head, tail = escape(raw[:20]), escape(raw[20:])
            markup += f"<blockquote expandable><b>{head}</b>{tail}</blockquote>"
        elif tag:
            markup += f"<{tag}>{body}</{tag}>"
        else:
            markup += body
        markup += "\n"
    parts = split_html(markup, limit=limit)
    for part in parts:
        assert html_problem(part) is None, part
        assert visible_len(part) <= limit
    # Only whitespace at the cuts may go.
    squash = re.compile(r"\s+")
    assert squash.sub("", "".join(visible(p) for p in parts)) == squash.sub("", visible(markup))


text_field = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.builds(
            Card,
            id=st.just("p"),
            name=text_field.filter(str.strip),
            service_types=st.just(()),
            summary=text_field,
            cost=text_field,
            phone=st.none() | text_field,
            description=text_field,
            cost_note=st.none() | text_field,
            audience=text_field,
            opening=st.lists(text_field, max_size=3).map(tuple),
            how_to_apply=text_field,
            website=st.none() | st.just("https://x.nl/?a=1&b=2") | text_field,
        ),
        min_size=1,
        max_size=6,
    ),
    st.integers(min_value=40, max_value=600),
)
def test_any_cards_split_into_valid_parts_with_whole_quotes(cards, limit):
    labels = telegram_texts.card_labels(TEXTS)
    markup = "\n\n".join(card_html(card, labels) for card in cards)
    parts = split_html(markup, limit=limit)
    for part in parts:
        assert html_problem(part) is None, part
        assert visible_len(part) <= limit
        assert part.count("<blockquote expandable>") == part.count("</blockquote>"), part
    squash = re.compile(r"\s+")
    assert squash.sub("", "".join(visible(p) for p in parts)) == squash.sub("", visible(markup))
