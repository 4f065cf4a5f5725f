"""Masking personal data for readers without a need to know: what goes, and what stays."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import phonenumbers
import pytest

from bot.platform.masking import mask_personal_data

ROOT = Path(__file__).resolve().parents[3]
# For masking ten times each adversarial input below: linear masking needs under a second
# (with Python's start-up), the quadratic patterns it replaced needed minutes.
LIMIT_SECONDS = 20


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


# -- issue 17: the forms that slipped past, and masking in time linear in the text -----------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("bel 06 1234 5678", "bel [telefoon]"),
        ("bel 06-12345678", "bel [telefoon]"),
        ("bel +31 6 1234 5678", "bel [telefoon]"),
        ("bel 0031 6 12345678", "bel [telefoon]"),
        ("bel (020) 123 45 67", "bel [telefoon]"),
        # Two numbers one after the other were one run of digits to phonenumbers' matcher.
        ("06 12345678 of 020 1234567", "[telefoon] of [telefoon]"),
        ("06 12345678 020 1234567", "[telefoon] [telefoon]"),
        ("piet @ example.org", "[e-mail]"),
        ("piet@ example . org", "[e-mail]"),
        ("mail piet@example.org. Daarna bel ik", "mail [e-mail]. Daarna bel ik"),
        ("BSN 111-222-333", "BSN [BSN]"),
        ("123-456-782 is mijn nummer", "[BSN] is mijn nummer"),
        ("NL 91 ABNA 0417 1643 00", "[IBAN]"),
        ("NL91-ABNA-0417-1643-00", "[IBAN]"),
        ("nl91 abna 0417 1643 00.", "[IBAN]."),
        # A word of four after the IBAN is no part of it.
        ("BE71 0961 2345 6769 voor de huur", "[IBAN] voor de huur"),
    ],
)
def test_spaced_and_hyphenated_forms_are_masked(text, masked):
    assert mask_personal_data(text) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("bsn: 123456789", "bsn: [BSN]"),
        ("mijn BSN is 123 456 789", "mijn BSN is [BSN]"),
        ("burgerservicenummer 123-456-789", "burgerservicenummer [BSN]"),
    ],
)
def test_nine_digits_the_resident_calls_a_bsn_are_masked_even_when_no_bsn(text, masked):
    # The elfproef tells a BSN from an ordinary number; after the word "BSN" a typo in it
    # is still the resident's BSN, nearly.
    assert mask_personal_data(text) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("bel 06\u200d1234\u200d5678", "bel [telefoon]"),
        ("bel 06\u200b12345678", "bel [telefoon]"),
        ("bsn 111\u2060222\u2060333", "bsn [BSN]"),
        ("mail fatima\u00ad@gmail.com", "mail [e-mail]"),
        ("mail \u202efatima@gmail.com\u202c", "mail [e-mail]"),
        ("bel ０６１２３４５６７８", "bel [telefoon]"),
        ("mail fatima＠gmail.com", "mail [e-mail]"),
        # Emoji joined into one keep their joiners.
        ("👨\u200d👩\u200d👧 bel 0612345678", "👨\u200d👩\u200d👧 bel [telefoon]"),
    ],
)
def test_invisible_and_full_width_characters_hide_nothing(text, masked):
    assert mask_personal_data(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "ik betaal € 1.250,00 per maand",
        "de afspraak is op 12-03-2024 om 14:30",
        "mijn referentie is VW-ABC12D",
        "123-456-789 is geen bsn",
        # Nine digits, no BSN, and a valid Dutch number but for the "0" it is written with.
        "factuur 201234560",
        "ik heb 1200 1500 en 300 betaald",
        "een tijd van 9:00-17:00",
        "@gemeente op twitter",
    ],
)
def test_amounts_dates_and_references_stay(text):
    assert mask_personal_data(text) == text


def test_a_postcode_is_masked_with_or_without_a_house_number():
    assert mask_personal_data("postcode 4121 AB") == "postcode [adres]"
    assert mask_personal_data("postcode 4121 AB 7") == "postcode [adres]"


# What a resident could send to make masking slow (10,000 characters, the longest message).
ADVERSARIAL = {
    "one long number": "1" * 10_000,
    "one long word and an @": "a" * 9_999 + "@",
    "digits and spaces": "12 34 " * 1_666,
    "many @": "a@" * 5_000,
    "zeros and ones": "0 1 " * 2_500,
    "numbers that almost are": " ".join(f"0{i % 10}{i * 7 % 100:02d}" for i in range(2_000)),
    "spaced e-mail parts": "a @ b . " * 1_250,
    "IBAN-like groups": "NL91 " * 2_000,
    "a number start in every group": "(0" * 5_000,
    "dates and numbers": "12-03-2024 0" * 833,
}


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_phone_numbers_are_checked_a_bounded_number_of_times(text, monkeypatch):
    """Phone numbers are looked for in a run of the text (phonenumbers' matcher took half a
    second on a long number), each candidate short and checked once: the work grows with
    the text, not faster. Counted, not timed (timing is for ``make bench-masking``)."""
    checked: list[str] = []
    parse = phonenumbers.parse

    def counted(number, *args, **kwargs):
        checked.append(number)
        return parse(number, *args, **kwargs)

    def no_matcher(*args, **kwargs):
        raise AssertionError("phonenumbers' matcher is slow on long runs of digits")

    monkeypatch.setattr(phonenumbers, "parse", counted)
    monkeypatch.setattr(phonenumbers, "PhoneNumberMatcher", no_matcher)
    mask_personal_data(text)
    # A few dozen checks, and one more for every 64 characters: plenty for the numbers a
    # person writes.
    assert len(checked) <= 32 + len(text) // 64
    assert all(sum(c.isdigit() for c in number) <= 17 for number in checked)


@pytest.mark.slow
def test_masking_adversarial_text_ten_times_as_long_still_ends():
    """Not a speed test (``make bench-masking`` measures): a guard against quadratic
    patterns. A hundred thousand characters of each input take linear masking well under a
    second and took the quadratic patterns minutes; the limit lies far between."""
    code = (
        "from bot.platform.masking import mask_personal_data\n"
        "from tests.bot.privacy.test_privacy import ADVERSARIAL\n"
        "for text in ADVERSARIAL.values():\n"
        "    mask_personal_data(text * 10)\n"
    )
    try:
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=LIMIT_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"masking 100,000 characters took more than {LIMIT_SECONDS} s")
