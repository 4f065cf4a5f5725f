"""Details worth keeping from a message: postcode, phone, e-mail, reference, district,
age and who the question is for."""

from __future__ import annotations

import re
from collections.abc import Sequence

import phonenumbers
from rapidfuzz import fuzz, process, utils
from stdnum.exceptions import ValidationError
from stdnum.nl import postcode as nl_postcode

from nlu.types import Entity

_POSTCODE = re.compile(r"(?<![\w-])([1-9]\d{3}) ?([a-zA-Z]{2})(?![\w])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
_REFERENCE = re.compile(r"\b[Vv][Ww][- ]?([A-Za-z0-9]{4})[- ]?([A-Za-z0-9]{2})\b")
_AGE = re.compile(
    r"\b(?:(\d{1,3}) ?(?:jaar|jr|years?|yrs?)(?: oud| old)?"
    r"|(?:van|is|ben|aged?|age) (\d{1,3})\b"
    r"(?! ?(?:euro|eur|€|uur|dagen|weken|maanden|keer|procent|%)))",
    re.IGNORECASE,
)
RELATIONS = {
    "moeder": "mother",
    "mama": "mother",
    "ma": "mother",
    "mother": "mother",
    "mom": "mother",
    "mum": "mother",
    "vader": "father",
    "papa": "father",
    "pa": "father",
    "father": "father",
    "dad": "father",
    "oma": "grandmother",
    "grandma": "grandmother",
    "opa": "grandfather",
    "grandpa": "grandfather",
    "zoon": "son",
    "son": "son",
    "dochter": "daughter",
    "daughter": "daughter",
    "kind": "child",
    "kinderen": "children",
    "child": "child",
    "kids": "children",
    "buurman": "neighbour",
    "buurvrouw": "neighbour",
    "buren": "neighbours",
    "neighbour": "neighbour",
    "neighbor": "neighbour",
    "man": "partner",
    "vrouw": "partner",
    "partner": "partner",
    "vriend": "friend",
    "vriendin": "friend",
    "husband": "partner",
    "wife": "partner",
    "broer": "brother",
    "zus": "sister",
    "brother": "brother",
    "sister": "sister",
    "schoonmoeder": "mother-in-law",
    "schoonvader": "father-in-law",
    "tante": "aunt",
    "oom": "uncle",
    "cliënt": "client",
    "client": "client",
}
_RELATION = re.compile(
    r"\b(?:mijn|mn|m'n|onze|ons|my|our)\s+("
    + "|".join(sorted(RELATIONS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")


def extract(text: str, *, districts: Sequence[str] = ()) -> tuple[Entity, ...]:
    text = text[:5000]
    found: list[Entity] = []
    for m in _POSTCODE.finditer(text):
        try:
            value = nl_postcode.validate(m.group(1) + m.group(2))
        except ValidationError:
            continue
        found.append(Entity("postcode", str(value), m.start(), m.end()))
    for m in _EMAIL.finditer(text):
        found.append(Entity("email", m.group(0), m.start(), m.end()))
    for m in _REFERENCE.finditer(text):
        found.append(
            Entity("reference", f"VW-{m.group(1)}-{m.group(2)}".upper(), m.start(), m.end())
        )
    if _DIGIT.search(text):
        for match in phonenumbers.PhoneNumberMatcher(
            text, "NL", leniency=phonenumbers.Leniency.VALID
        ):
            found.append(
                Entity(
                    "phone",
                    phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164),
                    match.start,
                    match.end,
                )
            )
    for m in _AGE.finditer(text):
        age = int(m.group(1) or m.group(2))
        if 0 < age < 120:
            found.append(Entity("age", str(age), m.start(), m.end()))
    for m in _RELATION.finditer(text):
        found.append(Entity("relation", RELATIONS[m.group(1).lower()], m.start(), m.end()))
    if districts:
        found.extend(_districts(text, districts))
    return tuple(sorted(found, key=lambda e: (e.start, e.kind)))


def _districts(text: str, districts: Sequence[str]) -> list[Entity]:
    found = []
    words = list(re.finditer(r"[^\W\d_]{4,}", text))
    for m in words:
        match = process.extractOne(
            m.group(0),
            districts,
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=85,
        )
        if match:
            found.append(Entity("district", str(match[0]), m.start(), m.end()))
    return found
