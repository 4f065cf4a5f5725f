"""Cleaning what residents send before it is stored: keep their words, drop the junk."""

from __future__ import annotations

import unicodedata

_KEEP = {"\n", "\t"}


def clean_text(raw: str) -> str:
    """Valid UTF-8, NFC, no control characters (PostgreSQL refuses NUL), trimmed."""
    text = raw.encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        ch for ch in text if ch in _KEEP or unicodedata.category(ch) not in {"Cc", "Cs", "Co"}
    )
    return text.strip()
