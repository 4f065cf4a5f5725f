"""Rendering for Telegram: escaped HTML that Telegram's parser takes, cards that read well,
buttons whose callback data always fits, and long texts split where a reader expects."""

from __future__ import annotations

import html
import re
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.telegram_format import (
    MAX_CALLBACK_DATA,
    Outgoing,
    escape,
    parse_callback,
    render,
    split_html,
    visible_len,
)
from bot.conversation.messages import Button, Card, Kind, LoggedMessage, Sender, TicketRef
from bot.i18n import Catalogs
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
)


def test_a_card_is_bold_name_and_escaped_facts():
    (out,) = render(message("Dit kan u helpen:", cards=(CARD,)), TEXTS)
    assert html_problem(out.html) is None
    assert "<b>Klus &amp; Co &lt;Centrum&gt;</b>" in out.html
    assert "<i>Voor wie:</i> Ouderen &amp; mensen met een beperking" in out.html
    assert "<i>Open:</i> maandag 09:00-12:00; dinsdag 13:00-16:00" in out.html
    assert '<a href="https://example.nl/klus?a=1&amp;b=2">' in out.html
    assert out.keyboard is None


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
            st.sampled_from(["", "b", "i", "a"]),
            st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300),
        ),
        max_size=40,
    ),
    st.integers(min_value=20, max_value=400),
)
def test_any_text_splits_into_valid_parts_that_keep_every_visible_character(pieces, limit):
    markup = ""
    for tag, raw in pieces:
        body = escape(raw)
        if tag == "a":
            markup += f'<a href="https://x.nl/?q=1&amp;r=2">{body}</a>'
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
