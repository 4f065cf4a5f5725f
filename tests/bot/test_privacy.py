"""Masking personal data for readers without a need to know: what goes, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask_personal_data


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("bel me op 06-12345678", "bel me op [telefoon]"),
        ("mijn nummer is +31 6 1234 5678", "mijn nummer is [telefoon]"),
        ("vast: 020-1234567", "vast: [telefoon]"),
        ("mail jan.jansen@gmail.com maar", "mail [e-mail] maar"),
        ("bsn 111222333", "bsn [BSN]"),
        ("iban NL91ABNA0417164300", "iban [IBAN]"),
        ("ik woon op 1234 AB 12", "ik woon op [adres]"),
        ("Kerkstraat 12a in het dorp", "[adres] in het dorp"),
        ("aan de Zuidersteeg 3", "aan de [adres]"),
    ],
)
def test_contact_details_are_masked(text, masked):
    assert mask_personal_data(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "ik betaal 1200 en 300 huur",
        "kosten 1500 in totaal",
        "mijn schuld is 12000 euro",
        "sinds 12-03-2024 woon ik hier",
        "mijn referentie is VW-7KC4-M2",
        "ik ben 78 jaar en heb 3 kinderen",
        "123456789 is geen geldig bsn",
    ],
)
def test_what_volunteers_need_stays(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # The same details as residents type them, and as logs and exports carry them.
        ("0612345678", "[telefoon]"),
        ("+31612345678", "[telefoon]"),
        ("bsn 111 222 333 en 1112.22.333", "bsn [BSN] en [BSN]"),
        ("NL91 ABNA 0417 1643 00", "[IBAN]"),
        ("postcode 4121 AB 7 of 4121AB, 7a", "postcode [adres] of [adres]"),
        ("Fatima@Gmail.COM", "[e-mail]"),
        ('{"text": "bel 06-12345678"}', '{"text": "bel [telefoon]"}'),
    ],
)
def test_every_written_form_is_masked(text, masked):
    assert mask_personal_data(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "POST /api/v1/conversations/{conversation_id}/messages 200 12.3 ms",
        "outbox: 3 sent, 0 failed",
        "no digits at all",
        "111 222 334 is geen bsn",
    ],
)
def test_ordinary_log_lines_stay(text):
    assert mask_personal_data(text) == text
