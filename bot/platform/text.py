"""Cleaning what people send before it is stored: keep their words, drop the junk.

Invisible characters go too. A format character (Unicode category Cf: zero-width spaces
and joiners, direction overrides and isolates, the byte order mark, the soft hyphen) shows
nothing, so "06\u200d1234\u200d5678" is a phone number to the volunteer who reads it and
was not one to the masking (``bot.platform.masking``). Kept are the two uses that show something:
a zero-width joiner between two emoji (it makes 👨\u200d👩\u200d👧 one family) and the tags
after a black flag that make it England's or Scotland's. Variation selectors (the "\ufe0f"
that makes ❤ red) are combining marks, not format characters, and stay.

NFKC then writes what looks the same the same way: full-width digits and the "＠" of an
Asian keyboard become ASCII, ligatures become letters, "²" becomes "2".
"""

from __future__ import annotations

import unicodedata

_KEEP = {"\n", "\t"}
_CONTROL = {"Cc", "Cs", "Co"}
_JOINER = "\u200d"
_BLACK_FLAG = "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)
# What may stand between an emoji and the joiner after it: a variation selector, a skin tone.
_EMOJI_MODIFIERS = {"\ufe0e", "\ufe0f", *map(chr, range(0x1F3FB, 0x1F400))}


def clean_text(raw: str) -> str:
    """Valid UTF-8, no control characters (PostgreSQL refuses NUL), visible, NFKC, trimmed."""
    text = raw.encode("utf-8", "replace").decode("utf-8")
    text = "".join(ch for ch in text if ch in _KEEP or unicodedata.category(ch) not in _CONTROL)
    return normalise(text).strip()


def normalise(text: str) -> str:
    """The text without format characters (but for the emoji's), in NFKC.

    Dropped first, so that what they separated composes ("e\u200b\u0301" becomes "é")."""
    if text.isascii():  # most of it: nothing to drop, and NFKC leaves ASCII alone
        return text
    kept: list[str] = []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) != "Cf" or _shows(ch, kept, text[i + 1 : i + 2]):
            kept.append(ch)
    return unicodedata.normalize("NFKC", "".join(kept))


def _shows(ch: str, before: list[str], after: str) -> bool:
    """Whether a format character is part of an emoji: a joiner between two, or a flag's tag."""
    if ord(ch) in _TAGS:
        return bool(before) and (before[-1] == _BLACK_FLAG or ord(before[-1]) in _TAGS)
    if ch != _JOINER or not after or not _is_emoji(after):
        return False
    # An emoji carries at most a skin tone and a variation selector: look no further back.
    previous = next((c for c in reversed(before[-3:]) if c not in _EMOJI_MODIFIERS), "")
    return bool(previous) and _is_emoji(previous)


def _is_emoji(ch: str) -> bool:
    # A symbol ("So"): every emoji that takes part in a joined sequence is one, and no
    # digit, letter or "@" is, so a joiner kept between two cannot hide personal data.
    return unicodedata.category(ch) == "So"
