"""Ticket references a resident can read out on the phone: ``VW-7KDX-M2``.

A resident gets the reference in the chat and may later type it back, or read it to a
district team member over the phone. So the reference avoids characters that look or
sound alike (0/O, 1/I/L, 2/Z, 5/S, 8/B, Q) and vowels (no words, rude or otherwise),
and its last character is a check character, so a mistyped reference is refused instead
of pointing at someone else's ticket.

The check is ISO/IEC 7064's pure system over the 23 characters of the alphabet
(``check = -sum(2^(n-i) * c_i) mod 23``), which is what a Damm quasigroup of the form
``x * y = 2x + y (mod 23)`` computes. Because 23 is prime and the weights are powers of 2,
it catches every single wrong character and every swap of two neighbours (and of two
characters one apart), including swaps involving the check character itself.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789CDFGHJKMNPRTVWX"
PREFIX = "VW"
_MODULUS = len(ALPHABET)  # 23, a prime: see the module docstring
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
_RANDOM_LENGTH = 5  # plus the check character: 23^5, about 6.4 million references

_CHAR = f"[{ALPHABET}]"
_SEPARATOR = r"[\s\-–.]*"
_WHOLE = re.compile(rf"{PREFIX}{_SEPARATOR}({_CHAR}{{4}}){_SEPARATOR}({_CHAR}{{2}})", re.IGNORECASE)
# In running text only one separator between the parts, so that a reference is not
# glued together from unrelated words ("vw ... 4 ...").
_IN_TEXT = re.compile(
    rf"(?<![A-Za-z0-9]){PREFIX}[\s\-]?({_CHAR}{{4}})[\s\-]?({_CHAR}{{2}})(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def _check_character(payload: str) -> str:
    interim = 0
    for char in payload:
        interim = (2 * interim + _VALUE[char]) % _MODULUS
    # The character that brings the running value back to 0 when appended.
    return ALPHABET[(-2 * interim) % _MODULUS]


def _is_valid(body: str) -> bool:
    if len(body) != _RANDOM_LENGTH + 1 or any(char not in _VALUE for char in body):
        return False
    return _check_character(body[:-1]) == body[-1]


def _format(body: str) -> str:
    return f"{PREFIX}-{body[:4]}-{body[4:]}"


def new_reference() -> str:
    """A fresh random reference such as ``VW-7KDX-M2`` (the caller checks it is unused)."""
    payload = "".join(secrets.choice(ALPHABET) for _ in range(_RANDOM_LENGTH))
    return _format(payload + _check_character(payload))


def normalize_reference(text: str) -> str | None:
    """The canonical form of a reference as typed (``vw 7kdx m2``, ``VW7KDXM2``), or None.

    None also when the check character does not fit: a typo must not find another ticket.
    """
    match = _WHOLE.fullmatch(text.strip())
    if match is None:
        return None
    body = (match.group(1) + match.group(2)).upper()
    return _format(body) if _is_valid(body) else None


def find_references(text: str) -> list[str]:
    """The valid references in a message, canonical, in order and without repeats."""
    found: list[str] = []
    for match in _IN_TEXT.finditer(text):
        body = (match.group(1) + match.group(2)).upper()
        if _is_valid(body) and _format(body) not in found:
            found.append(_format(body))
    return found
