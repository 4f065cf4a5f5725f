"""Every text a resident (or a staff member) reads exists in Dutch, with the same
placeholders, and the catalogs hold exactly the texts the code uses."""

import re

import pytest
from babel.messages.pofile import read_po

from bot.i18n import LOCALE_DIR, Catalogs

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


DOMAINS = ["messages", "console"]


def _catalog(locale, domain="messages"):
    with (LOCALE_DIR / locale / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
        return read_po(fh, locale=locale)


def _template(domain="messages"):
    with (LOCALE_DIR / f"{domain}.pot").open("rb") as fh:
        return read_po(fh)


@pytest.mark.parametrize("domain", DOMAINS)
def test_dutch_translates_every_message_with_the_same_placeholders(domain):
    dutch = _catalog("nl", domain)
    for message in _template(domain):
        if not message.id:
            continue
        translated = dutch.get(message.id)
        assert translated is not None, f"missing in nl: {message.id!r}"
        assert not translated.fuzzy, f"fuzzy in nl: {message.id!r}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = (
            translated.string if isinstance(translated.string, tuple) else (translated.string,)
        )
        for source, target in zip(ids, strings, strict=True):
            assert target, f"empty in nl: {source!r}"
            assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(target)), source


def test_the_template_is_up_to_date_with_the_code():
    from babel.messages.extract import extract_from_dir

    found = extract_from_dir(
        str(LOCALE_DIR.parent),
        method_map=[("console/**", "ignore"), ("**.py", "python")],
        keywords={"gettext": None, "ngettext": (1, 2)},
    )
    fresh = {message for _, _, message, _, _ in found}
    assert fresh == {m.id for m in _template() if m.id}, "run `make messages`"


def test_the_console_template_is_up_to_date_with_the_code_and_pages():
    from babel.messages.extract import extract_from_dir

    found = extract_from_dir(
        str(LOCALE_DIR.parent / "console"),
        method_map=[("templates/**.html", "jinja2"), ("**.py", "python")],
        options_map={"templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}},
        keywords={"gettext": None, "ngettext": (1, 2)},
    )
    fresh = {message for _, _, message, _, _ in found}
    assert fresh == {m.id for m in _template("console") if m.id}, "run `make messages`"


def test_texts_format_money_and_days_per_locale():
    catalogs = Catalogs(["nl", "en"])
    assert catalogs.get("nl").money(2.5) == "€\xa02,50"
    assert catalogs.get("en").money(2.5) == "€2.50"
    assert catalogs.get("nl").weekday(0) == "maandag"
    assert catalogs.get("en").weekday(0) == "Monday"
    assert catalogs.get("nl").gettext("Free") == "Gratis"
    assert catalogs.get("en").gettext("Free") == "Free"
