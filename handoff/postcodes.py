"""Reading Dutch postcodes out of what residents type ("3011ab", "3011 AB", "3011")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.exceptions import ValidationError
from stdnum.nl import postcode as nl_postcode

_POSTCODE = re.compile(r"(?<!\d)([1-9]\d{3})\s?([a-zA-Z]{2})?(?![a-zA-Z\d])")


@dataclass(frozen=True)
class Postcode:
    """A postcode as far as it was given: the 4 digits, and the letters when known."""

    digits: int
    letters: str | None = None

    def __str__(self) -> str:
        return f"{self.digits} {self.letters}" if self.letters else str(self.digits)


def find_postcode(text: str) -> Postcode | None:
    """The first plausible Dutch postcode in a text, or None.

    Letters are kept only when they form a valid postcode (python-stdnum knows the
    combinations that are never issued, such as SS); the digits alone still tell the area.
    """
    match = _POSTCODE.search(text)
    if match is None:
        return None
    digits, letters = match.group(1), match.group(2)
    if letters is None:
        return Postcode(int(digits))
    try:
        full = nl_postcode.validate(digits + letters)
    except ValidationError:
        return Postcode(int(digits))
    return Postcode(int(digits), full[-2:])
