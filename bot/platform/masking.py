"""Masking personal data in text that people without a need to know will read.

Volunteers read conversations but must not see how to reach a resident; the same masking
serves logs and exports. It finds phone numbers (checked with phonenumbers, Dutch
numbering by default), e-mail addresses, BSNs and IBANs (checked with python-stdnum, so an
ordinary nine-digit number is left alone; nine digits the resident calls a BSN are one,
typo or not) and postcodes with a house number, also as people space them out: "06 1234
5678", "piet @ example . org", "BSN 111-222-333", "NL 91 ABNA 0417 1643 00". Invisible
characters that would split them are dropped first (``bot.platform.text``).

A resident decides what is masked, so masking takes time in proportion to the text,
whatever it holds (issue 17; ``make bench-masking`` measures it). Every pattern starts
only where what it looks for can start and never gives back what it took (possessive
quantifiers): none reads a long word again from each of its letters. Phone numbers are
not searched for with phonenumbers' matcher (up to half a second for one message) but
found as runs of digit groups, in which windows of at most seventeen digits are checked,
a bounded number per character.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

import phonenumbers
from phonenumbers import CountryCodeSource
from stdnum import iban
from stdnum.nl import bsn

from bot.platform.text import normalise

# The name from its first character only (the look-behind): tried from each letter of a
# long word, it would read the rest of the word each time. Spaces around the "@" and
# around a dot between two spaces ("piet @ example . org"); not after a dot only, which
# ends a sentence ("mail piet@example.org. Daarna ...").
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]++[ \t]?+@[ \t]?+[\w-]++(?:(?:\.|[ \t]++\.[ \t]*+)[\w-]++)++"
)
_IBAN = re.compile(
    r"\b[A-Z]{2}[ -]?\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?\b", re.IGNORECASE
)
# An IBAN's letters as the numbers its check digits are computed over (A=10 ... Z=35).
_LETTER_VALUES = {ord(c): str(i) for i, c in enumerate(string.ascii_uppercase, start=10)}
# A BSN as people write it: 123456782, 1234.56.782, 123 456 782 or 123-456-782.
_BSN_FORMS = r"\d{4}(?P<a>[. -]?)\d{2}(?P=a)\d{3}|\d{3}(?P<b>[. -]?)\d{3}(?P=b)\d{3}"
_NINE_DIGITS = re.compile(rf"\b(?:{_BSN_FORMS})\b")
# Nine digits the resident calls a BSN are one, typo or not: the word says what it is.
_NAMED_BSN = re.compile(
    r"\b(?:bsn(?:[ -]?nummer)?|burgerservicenummer|sofi[ -]?nummer)\b"
    rf"[ \t]*+(?:(?:[:=]|is\b)[ \t]*+)?+(?P<number>{_BSN_FORMS})\b",
    re.IGNORECASE,
)
# A Dutch postcode is four digits and two capitals ("1234 AB", "1234AB"), with or without
# the house number after it; a street name with a house number ("Kerkstraat 12a").
_POSTCODE_HOUSE = re.compile(r"\b[1-9]\d{3} ?[A-Z]{2}\b(?:,? *\d{1,5}(?: ?[a-z])?\b)?")
_STREET_HOUSE = re.compile(
    r"\b[A-Z]?[a-z]+(?:straat|laan|weg|plein|gracht|kade|singel|hof|dreef|pad|dijk|steeg"
    r"|baan|markt|park|ring|wal|erf|veld|dam)\b \d{1,5}(?: ?[a-z])?\b",
    re.IGNORECASE,
)
# Every kind of personal data we mask has a digit or an "@" in it: text without either
# (most log lines) skips the slower matchers.
_MAY_BE_PERSONAL = re.compile(r"[\d@]")
# Digit groups as phone numbers are written ("+31 (0)6 12 34 56 78", "020-1234567",
# "06.12345678"): one to three separators between groups, "+" before one, "(" first.
_PHONE_RUN = re.compile(
    r"\(?+(?:\+[ .\-/]{0,3}+)?+\d++(?:(?:[ \t.\-/()\u2010-\u2015]{1,3}+\+?+|\+)\d++)*+"
)
_DIGIT_GROUP = re.compile(r"\+?\d+")
# Further on in a run a number starts with "+", or with "0" after one of these: not at
# the "03" of "12-03-2024 1200" (a date, then an amount).
_NUMBER_STARTS_AFTER = frozenset(" \t/(")
_DATE = re.compile(r"\(?\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
# A date with its century in a run of digit groups is no part of a number next to it.
_DATE_IN_RUN = re.compile(
    r"(?<!\d)(?:\d{1,2}(?P<a>[-/.])\d{1,2}(?P=a)(?:19|20)\d\d"
    r"|(?:19|20)\d\d(?P<b>[-/.])\d{1,2}(?P=b)\d{1,2})(?!\d)"
)
# "00" and the fifteen digits of E.164; a Dutch number with its "0" has ten or eleven.
_PHONE_DIGITS = range(7, 18)
_NATIONAL_DIGITS = range(7, 13)
# What looking for phone numbers may cost a text: windows looked at (a microsecond each),
# and of those, checked with phonenumbers.parse (tens of microseconds each): plenty for
# every number a person writes. A text with more candidates than that is masked without
# checking the rest, every number-shaped window of it: masking too much beats a slow page,
# or a number shown.
_WINDOWS = 256
_CHARS_PER_WINDOW = 2
_CHECKS = 32
_CHARS_PER_CHECK = 64

MASK = {
    "email": "[e-mail]",
    "phone": "[telefoon]",
    "iban": "[IBAN]",
    "bsn": "[BSN]",
    "address": "[adres]",
}


def mask_personal_data(text: str, *, region: str = "NL") -> str:
    text = normalise(text)
    if not _MAY_BE_PERSONAL.search(text):
        return text
    text = _EMAIL.sub(MASK["email"], text)
    text = _IBAN.sub(_mask_iban, text)
    text = _NAMED_BSN.sub(_mask_named_bsn, text)
    text = _NINE_DIGITS.sub(lambda m: MASK["bsn"] if bsn.is_valid(m.group(0)) else m.group(0), text)
    text = _mask_phones(text, region)
    text = _POSTCODE_HOUSE.sub(MASK["address"], text)
    return _STREET_HOUSE.sub(MASK["address"], text)


def _mask_iban(match: re.Match[str]) -> str:
    # The pattern runs on into a following group of four ("BE71 0961 2345 6769 voor"):
    # drop groups from the end until what is left is an IBAN, if any of it is.
    found = match.group(0)
    candidate = found
    while not _is_iban(candidate):
        candidate, space, _ = candidate.rpartition(" ")
        if not space:
            return found
    return MASK["iban"] + found[len(candidate) :]


def _is_iban(candidate: str) -> bool:
    compact = candidate.replace(" ", "").replace("-", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    # The check digits first, in C (stdnum reads them digit by digit): a run of letter
    # and digit groups seldom passes, and only what passes gets stdnum's full check.
    return int((compact[4:] + compact[:4]).translate(_LETTER_VALUES)) % 97 == 1 and (
        iban.is_valid(compact)
    )


def _mask_named_bsn(match: re.Match[str]) -> str:
    return match.group(0)[: match.start("number") - match.start()] + MASK["bsn"]


def _mask_phones(text: str, region: str) -> str:
    """Numbers that are valid phone numbers (a debt of 12000 euro or a date is not)."""
    budget = _Budget(len(text))
    pieces: list[str] = []
    done = 0
    for run in _PHONE_RUN.finditer(text):
        for start, end in _phones_in(run, region, budget):
            pieces += (text[done:start], MASK["phone"])
            done = end
    return "".join(pieces) + text[done:]


class _Budget:
    """What looking for phone numbers may still cost, for a text of ``length`` characters."""

    def __init__(self, length: int) -> None:
        self.windows = _WINDOWS + length // _CHARS_PER_WINDOW
        self.checks = _CHECKS + length // _CHARS_PER_CHECK
        # A number a resident repeats is checked once.
        self.seen: dict[str, bool] = {}


def _phones_in(run: re.Match[str], region: str, budget: _Budget) -> Iterator[tuple[int, int]]:
    """The phone numbers in one run of digit groups, left to right, each the longest.

    A number starts at the run's start or at a group that starts one, and ends at the end
    of a group within seventeen digits of its start: a bounded number of windows for each
    group, however long the run."""
    text = run.string
    groups = [
        (run.start() + m.start(), run.start() + m.end()) for m in _DIGIT_GROUP.finditer(run.group())
    ]
    digits = [text[a:b].lstrip("+") for a, b in groups]
    if sum(map(len, digits)) < _PHONE_DIGITS.start:
        return
    dates = (
        (run.start() + m.start(), run.start() + m.end()) for m in _DATE_IN_RUN.finditer(run.group())
    )
    in_date = list(_inside(dates, [a for a, _ in groups]))
    i = 0
    while i < len(groups):
        start = None if in_date[i] else _number_start(run, groups, digits, i)
        if start is None:
            i += 1
            continue
        plus = text[start : groups[i][1]].lstrip("(").startswith("+")
        lead = "".join(digits[i : i + 2])[:2]
        national = not plus and lead.startswith("0") and lead != "00"
        lengths = _NATIONAL_DIGITS if national else _PHONE_DIGITS
        found = None
        count = 0
        for j in range(i, len(groups)):
            count += len(digits[j])
            if count >= lengths.stop or in_date[j]:
                break
            if count in lengths and _is_phone(text[start : groups[j][1]], region, budget):
                found = j
        if found is None:
            i += 1
            continue
        yield start, groups[found][1]
        i = found + 1


def _number_start(
    run: re.Match[str], groups: list[tuple[int, int]], digits: list[str], i: int
) -> int | None:
    """Where a number that begins with group ``i`` of the run starts, if one can."""
    if i == 0:
        return run.start()  # with its "(" and "+"
    text = run.string
    position = groups[i][0]
    if text[position] != "+" and not (
        digits[i].startswith("0") and text[position - 1] in _NUMBER_STARTS_AFTER
    ):
        return None
    return position - 1 if text[position - 1] == "(" else position


def _inside(spans: Iterator[tuple[int, int]], positions: list[int]) -> Iterator[bool]:
    """For each position, in order, whether one of the spans (in order) holds it."""
    span = next(spans, None)
    for position in positions:
        while span is not None and span[1] <= position:
            span = next(spans, None)
        yield span is not None and span[0] <= position


def _is_phone(candidate: str, region: str, budget: _Budget) -> bool:
    if _DATE.fullmatch(candidate):
        return False
    budget.windows -= 1
    if budget.windows < 0:
        return True
    known = budget.seen.get(candidate)
    if known is not None:
        return known
    if budget.checks <= 0:
        return True
    budget.checks -= 1
    budget.seen[candidate] = valid = _valid_phone(candidate, region)
    return valid


def _valid_phone(candidate: str, region: str) -> bool:
    try:
        number = phonenumbers.parse(candidate, region, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        return False
    if not phonenumbers.is_valid_number(number):
        return False
    # Written with "+", "00" or the trunk "0"; or with the country code but no "+"
    # ("31612345678"). Not the nine digits of a Dutch number without its "0": an invoice
    # or client number often looks like one.
    return candidate.lstrip("(").startswith(("+", "0")) or (
        number.country_code_source == CountryCodeSource.FROM_NUMBER_WITHOUT_PLUS_SIGN
    )
