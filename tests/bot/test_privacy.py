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
