"""Masking personal data in text that people without a need to know will read.

Volunteers read conversations but must not see how to reach a resident; the same masking
serves logs and exports. It finds phone numbers (phonenumbers, Dutch numbering by
default), e-mail addresses, BSNs and IBANs (checked with python-stdnum, so an ordinary
nine-digit number is left alone) and postcodes with a house number.
"""

from __future__ import annotations

import re

import phonenumbers
from stdnum import iban
from stdnum.nl import bsn

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", re.IGNORECASE)
# A BSN as people write it: 123456782, 1234.56.782 or 123 456 782.
_NINE_DIGITS = re.compile(r"\b\d{4}([. ]?)\d{2}\1\d{3}\b|\b\d{3}([. ]?)\d{3}\2\d{3}\b")
# A Dutch postcode is four digits and two capitals ("1234 AB", "1234AB"), with or without
# the house number after it; a street name with a house number ("Kerkstraat 12a").
_POSTCODE_HOUSE = re.compile(r"\b[1-9]\d{3} ?[A-Z]{2}\b(?:,? *\d{1,5}(?: ?[a-z])?\b)?")
_STREET_HOUSE = re.compile(
    r"\b[A-Z]?[a-z]+(?:straat|laan|weg|plein|gracht|kade|singel|hof|dreef|pad|dijk|steeg"
    r"|baan|markt|park|ring|wal|erf|veld|dam)\b \d{1,5}(?: ?[a-z])?\b",
    re.IGNORECASE,
)
# Every kind of personal data we mask has a digit or an "@" in it: text without either
# (most log lines) skips the slower matchers; a phone number has at least seven digits.
_MAY_BE_PERSONAL = re.compile(r"[\d@]")
_SEVEN_DIGITS = re.compile(r"\d(?:[\s().\-/]{0,3}\d){6}")
_DATE = re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b")

MASK = {
    "email": "[e-mail]",
    "phone": "[telefoon]",
    "iban": "[IBAN]",
    "bsn": "[BSN]",
    "address": "[adres]",
}


def mask_personal_data(text: str, *, region: str = "NL") -> str:
    if not _MAY_BE_PERSONAL.search(text):
        return text
    text = _EMAIL.sub(MASK["email"], text)
    text = _IBAN.sub(lambda m: MASK["iban"] if iban.is_valid(m.group(0)) else m.group(0), text)
    text = _NINE_DIGITS.sub(lambda m: MASK["bsn"] if bsn.is_valid(m.group(0)) else m.group(0), text)
    text = _mask_phones(text, region)
    text = _POSTCODE_HOUSE.sub(MASK["address"], text)
    return _STREET_HOUSE.sub(MASK["address"], text)


def _mask_phones(text: str, region: str) -> str:
    """Numbers that are valid phone numbers (a debt of 12000 euro or a date is not)."""
    if not _SEVEN_DIGITS.search(text):
        return text
    spans = [
        (match.start, match.end)
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.VALID
        )
        if not _DATE.fullmatch(match.raw_string.strip())
    ]
    for start, end in reversed(spans):
        text = text[:start] + MASK["phone"] + text[end:]
    return text
