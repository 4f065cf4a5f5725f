"""The languages the assistant speaks, in one place.

Adding a language starts here: the locales served in full, the languages that get a first
reply and crisis replies, and each language's own name (on the language buttons of the
widget and Telegram). Catalogs live in ``bot/locale/<code>/LC_MESSAGES``.
"""

from __future__ import annotations

from typing import Literal, get_args

# The API's type for a locale served in full; SUPPORTED_LOCALES is read from it, so the
# OpenAPI document and the settings cannot disagree.
Locale = Literal["nl", "en"]
SUPPORTED_LOCALES: tuple[str, ...] = get_args(Locale)

# Languages residents in the Netherlands often write, which the assistant does not serve
# in full: a first reply and crisis replies in each (bot/conversation/crisis_replies.py).
EMERGENCY_LOCALES = ("ar", "de", "es", "fa", "fr", "pl", "ru", "so", "ti", "tr", "uk")

# Each language by its own name, as a speaker looks for it on a button.
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "de": "Deutsch",
    "es": "Español",
    "fa": "فارسی",
    "fr": "Français",
    "pl": "Polski",
    "ru": "Русский",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "tr": "Türkçe",
    "uk": "Українська",
}


def language_name(code: str) -> str:
    """The language's own name, or the code itself for one not listed."""
    return LANGUAGE_NAMES.get(code, code)
