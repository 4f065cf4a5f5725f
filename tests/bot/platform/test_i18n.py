"""Every text a resident (or a staff member) reads exists in Dutch, with the same
placeholders, and the catalogs hold exactly the texts the code uses."""

import re

import pytest
from babel.messages.pofile import read_po

from bot.platform.i18n import LOCALE_DIR, Catalogs

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
        translated = dutch.get(message.id, context=message.context)
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
        method_map=[
            *((f"{part}/**", "ignore") for part in ("console", "insights", "referrals", "staff")),
            ("**.py", "python"),
        ],
        keywords={"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)},
    )
    fresh = {(context, message) for _, _, message, _, context in found}
    assert fresh == {(m.context, m.id) for m in _template() if m.id}, "run `make messages`"


def test_the_console_template_is_up_to_date_with_the_code_and_pages():
    from babel.messages.extract import extract_from_dir

    found = extract_from_dir(
        str(LOCALE_DIR.parent / "console"),
        method_map=[("templates/**.html", "jinja2"), ("**.py", "python")],
        options_map={"templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}},
        keywords={"gettext": None, "ngettext": (1, 2)},
    )
    fresh = {message for _, _, message, _, _ in found}
    # The insights' labels, the teams' notifications and the sign-in are staff texts too.
    fresh |= {
        message
        for part in ("insights", "referrals", "staff")
        for _, _, message, _, _ in extract_from_dir(
            str(LOCALE_DIR.parent / part),
            method_map=[("**.py", "python")],
            keywords={"gettext": None, "ngettext": (1, 2)},
        )
    }
    assert fresh == {m.id for m in _template("console") if m.id}, "run `make messages`"


def test_texts_format_money_and_days_per_locale():
    catalogs = Catalogs(["nl", "en"])
    assert catalogs.get("nl").money(2.5) == "€\xa02,50"
    assert catalogs.get("en").money(2.5) == "€2.50"
    assert catalogs.get("nl").weekday(0) == "maandag"
    assert catalogs.get("en").weekday(0) == "Monday"
    assert catalogs.get("nl").gettext("Free") == "Gratis"
    assert catalogs.get("en").gettext("Free") == "Free"


EMERGENCY = ["ar", "de", "es", "fa", "fr", "pl", "ru", "so", "ti", "tr", "uk"]
NUMBER = re.compile(r"\b(?:112|113|0800-\d{4})\b|113\.nl|kindertelefoon\.nl")


def _crisis_messages():
    from babel.messages.extract import extract_from_file

    found = extract_from_file(
        "python",
        str(LOCALE_DIR.parent / "conversation" / "crisis_replies.py"),
        keywords={"gettext": None, "pgettext": ((1, "c"), 2)},
    )
    return {(context, message) for _, message, _, context in found}


def test_the_emergency_languages_are_the_ones_the_application_loads():
    from bot.platform.languages import EMERGENCY_LOCALES

    assert sorted(EMERGENCY_LOCALES) == EMERGENCY


@pytest.mark.parametrize("locale", EMERGENCY)
def test_each_emergency_language_translates_every_crisis_text(locale):
    """A crisis written in that language is never answered in English or Dutch only."""
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        head = fh.read(400).decode("utf-8")
    assert "native speaker MUST check" in head
    catalog = _catalog(locale)
    wanted = _crisis_messages()
    assert {(m.context, m.id) for m in catalog if m.id} == wanted
    for context, source in wanted:
        translated = catalog.get(source, context=context)
        assert translated.string, (locale, source)
        assert not translated.fuzzy, (locale, source)
        assert translated.string != source, (locale, source)
        assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(translated.string))
        assert set(NUMBER.findall(source)) <= set(NUMBER.findall(translated.string)), source
