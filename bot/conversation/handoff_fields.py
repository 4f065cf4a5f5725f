"""The details of a referral: read from what a resident types at each step of the warm
handoff (how to be contacted, a phone number, an e-mail address and its likely typo, "sla
over"), and written out for the district team, in Dutch like the rest of its inbox."""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
from rapidfuzz import fuzz, process

from bot.conversation.payloads import Payload
from handoff import ContactMethod
from nlu import Understanding

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
# Mail domains residents use most; a near miss ("gmial.com") is offered as a correction.
COMMON_MAIL_DOMAINS = (
    "gmail.com",
    "hotmail.com",
    "hotmail.nl",
    "outlook.com",
    "live.nl",
    "live.com",
    "icloud.com",
    "yahoo.com",
    "ziggo.nl",
    "kpnmail.nl",
    "xs4all.nl",
    "planet.nl",
    "home.nl",
    "upcmail.nl",
)
_METHOD_WORDS = {
    ContactMethod.EMAIL: re.compile(r"\b(e-?mail\w*|mail\w*)\b"),
    ContactMethod.VISIT: re.compile(
        r"\b(huisbezoek|langs\w*|thuis|keukentafel\w*|bezoek|visit|come by|at home)\b"
    ),
    ContactMethod.CHAT: re.compile(r"\b(chat\w*|hier|app\w*|berichtje|message|text me)\b"),
    ContactMethod.PHONE: re.compile(r"\b(bel\w*|telefo\w*|phone|call\w*|tel)\b"),
}
_NEGATED = re.compile(r"\b(niet|geen|liever niet|not|no|don'?t)\s+(\w+)")
SKIP = re.compile(r"^\s*(sla over|overslaan|skip|nee|no|liever niet|geen naam|-)\s*[.!]?\s*$")


# -- what the resident typed --------------------------------------------------------------


def entity(u: Understanding | None, kind: str) -> str | None:
    """The value of the first entity of this kind the NLU found, if any."""
    found = u.entity(kind) if u is not None else None
    return found.value if found else None


def contact_method(button: Payload | None, text: str) -> ContactMethod | None:
    """How the resident wants to be contacted: a button, or words that are not negated
    ("liever niet bellen, mail maar" is e-mail)."""
    if button is not None and button.value in {m.value for m in ContactMethod}:
        return ContactMethod(button.value)
    lowered = text.lower()
    negated = {m.group(2) for m in _NEGATED.finditer(lowered)}
    candidates = [
        method
        for method, pattern in _METHOD_WORDS.items()
        if any(match.group(0) not in negated for match in pattern.finditer(lowered))
    ]
    return candidates[0] if len(candidates) >= 1 else None


def phone_number(text: str | None) -> str | None:
    """A valid phone number, written the way the team dials it; None when it is not one."""
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, "NL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if number.country_code == 31:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def mail_typo(address: str) -> str | None:
    """The address with a common mail domain it nearly has ("gmial.com"), if any."""
    local, _, domain = address.partition("@")
    if domain in COMMON_MAIL_DOMAINS:
        return None
    match = process.extractOne(domain, COMMON_MAIL_DOMAINS, scorer=fuzz.ratio, score_cutoff=80)
    return f"{local}@{match[0]}" if match else None


# -- what the team reads ------------------------------------------------------------------

_RELATION_NL = {
    "mother": "moeder van de inwoner",
    "father": "vader van de inwoner",
    "grandmother": "oma van de inwoner",
    "grandfather": "opa van de inwoner",
    "neighbour": "buurman/buurvrouw van de inwoner",
    "child": "kind van de inwoner",
    "partner": "partner van de inwoner",
}


# For the professional, in Dutch like the rest of the summary.
_WHEN_NL = {
    "morning": "ochtend",
    "afternoon": "middag",
    "evening": "avond",
    "any": "maakt niet uit",
}


def when_text(when: str | None) -> str | None:
    return _WHEN_NL.get(when, when) if when else None


def professional_summary(data: dict[str, Any]) -> str:
    """The referral as the team reads it first: for whom, the question in the
    resident's own words, the living domains, what was shown, a crisis."""
    lines = [
        f"Voor wie: {_RELATION_NL.get(data.get('relation') or '', 'de inwoner zelf')}",
        f"Vraag in eigen woorden: {data.get('query', '')}",
    ]
    if data.get("domains"):
        lines.append(f"Leefgebieden: {', '.join(data['domains'])}")
    shown = data.get("shown") or []
    if shown:
        lines.append(f"Al getoond door de assistent: {', '.join(shown)}")
    if data.get("urgent"):
        lines.append("Let op: in dit gesprek klonk een crisis door.")
    return "\n".join(lines)
