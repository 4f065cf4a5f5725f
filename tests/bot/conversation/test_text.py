"""Cleaning what people send before it is stored: invisible characters go, emoji stay whole,
and what looks the same is written the same (NFKC)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.platform.text import clean_text, normalise

FAMILY = "👨\u200d👩\u200d👧"
RAINBOW_FLAG = "🏳\ufe0f\u200d🌈"
TECHNOLOGIST = "👩🏽\u200d💻"
ENGLAND = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("06\u200d1234\u200d5678", "0612345678"),  # zero-width joiner
        ("06\u200b1234\u200c5678", "0612345678"),  # zero-width space, non-joiner
        ("\ufeffhallo", "hallo"),  # byte order mark
        ("schuld\u00adhulp", "schuldhulp"),  # soft hyphen
        ("\u202egnitirw\u202c", "gnitirw"),  # right-to-left override, pop
        ("a\u2066b\u2069c\u200ed\u200f", "abcd"),  # isolates, direction marks
        ("fatima\u2060@gmail.com", "fatima@gmail.com"),  # word joiner
        ("x\U000e0031y", "xy"),  # a tag digit outside a flag
        ("０６１２３４５６７８", "0612345678"),  # full-width digits
        ("fatima＠gmail.com", "fatima@gmail.com"),
        ("ﬁets en m²", "fiets en m2"),  # a ligature, a superscript
        ("e\u200b\u0301", "é"),  # what the invisible character separated composes
        ("  hallo\u200b  ", "hallo"),
    ],
)
def test_invisible_characters_go_and_look_alikes_are_written_alike(sent, stored):
    assert clean_text(sent) == stored


@pytest.mark.parametrize(
    "emoji", [FAMILY, RAINBOW_FLAG, TECHNOLOGIST, "❤\ufe0f\u200d🔥", ENGLAND, "❤\ufe0f", "👍🏾"]
)
def test_emoji_keep_their_joiners_selectors_and_tags(emoji):
    assert clean_text(f"dank je {emoji}!") == f"dank je {emoji}!"


def test_a_joiner_next_to_anything_but_an_emoji_goes():
    assert clean_text("👨\u200d1234\u200d👩") == "👨1234👩"
    assert clean_text("a\u200d👩 👨\u200d") == "a👩 👨"


def test_line_breaks_and_tabs_stay_and_control_characters_go():
    assert clean_text("Beste,\n\tik\x00 heb\x07 een vraag") == "Beste,\n\tik heb een vraag"


def test_every_format_character_goes_outside_an_emoji():
    """The rule is the Unicode category: one that a newer Python adds is dropped too."""
    for code in range(0x110000):
        ch = chr(code)
        if unicodedata.category(ch) == "Cf":
            assert normalise(f"0{ch}6") == "06", f"U+{code:04X}"


@given(st.text())
@settings(max_examples=300)
def test_cleaning_twice_changes_nothing(text):
    once = clean_text(text)
    assert clean_text(once) == once
