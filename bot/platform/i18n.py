"""Resident- and staff-facing text through Babel message catalogs, and locale-aware
formatting.

Catalogs are read from the ``.po`` files at start-up (compiled in memory), so there is no
build step that a fresh checkout could miss. Source strings (msgids) are English; the
Dutch catalog must translate every one of them, which a test checks.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parents[1] / "locale"
DOMAIN = "messages"
# Staff-facing text (the console) is a catalog of its own: residents' texts stay small
# and translators see which audience a string is for.
CONSOLE_DOMAIN = "console"


class Texts:
    """Everything needed to speak to one resident in one locale."""

    def __init__(self, locale: str, translations: NullTranslations) -> None:
        self.locale = locale
        self._babel_locale = Locale.parse(locale)
        self._translations = translations

    def gettext(self, message: str, **values: object) -> str:
        text = self._translations.gettext(message)
        return text % values if values else text

    def pgettext(self, context: str, message: str, **values: object) -> str:
        """A message in a context: the same English words said differently in Dutch (to
        a child, "je" instead of "u")."""
        text = str(self._translations.pgettext(context, message))
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        text = self._translations.ngettext(singular, plural, n)
        return text % {"n": n, **values}

    def money(self, amount: Decimal | float) -> str:
        return format_currency(amount, "EUR", locale=self._babel_locale)

    def day(self, value: date) -> str:
        return format_date(value, format="full", locale=self._babel_locale)

    def short_date(self, value: date | datetime) -> str:
        return format_date(value, format="d MMMM yyyy", locale=self._babel_locale)

    def clock(self, value: time) -> str:
        return format_time(value, format="HH:mm", locale=self._babel_locale)

    def weekday(self, index: int) -> str:
        """Monday is 0, as in ``datetime.weekday()``."""
        return str(self._babel_locale.days["format"]["wide"][index])


class Catalogs:
    """The loaded catalogs for every supported locale."""

    def __init__(
        self,
        locales: Iterable[str],
        directory: Path = LOCALE_DIR,
        domain: str = DOMAIN,
        *,
        emergency: Iterable[str] = (),
    ) -> None:
        self._texts = {loc: Texts(loc, _load(directory, loc, domain)) for loc in locales}
        self._served = tuple(self._texts)
        # Languages with only the texts for a first reply and a crisis (no full service).
        for loc in emergency:
            self._texts.setdefault(loc, Texts(loc, _load(directory, loc, domain)))

    @property
    def locales(self) -> tuple[str, ...]:
        """The languages a conversation can be held in."""
        return self._served

    @property
    def all_locales(self) -> tuple[str, ...]:
        """Those and the languages of the emergency texts."""
        return tuple(self._texts)

    def get(self, locale: str) -> Texts:
        return self._texts.get(locale) or self._texts[self._served[0]]


def _load(directory: Path, locale: str, domain: str) -> NullTranslations:
    po_path = directory / locale / "LC_MESSAGES" / f"{domain}.po"
    if not po_path.exists():
        return NullTranslations()
    compiled = _compiled(str(po_path), locale, po_path.stat().st_mtime_ns)
    return Translations(io.BytesIO(compiled), domain=domain)


@functools.lru_cache(maxsize=256)
def _compiled(po_path: str, locale: str, _mtime_ns: int) -> bytes:
    """The catalog compiled once per process (and again when the file changes): parsing
    every .po file took most of the time of building an application."""
    with open(po_path, "rb") as fh:
        catalog = read_po(fh, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()
