"""Every language's crisis lexicon holds to its own examples: each crisis is caught (and a
child writing is recognised), each near miss is not (issue 13)."""

from __future__ import annotations

import pytest

from nlu.crisis import LEXICON_DIR, assess, lexicons, load_lexicon
from nlu.types import CrisisKind

LANGUAGES = ["ar", "de", "en", "es", "fa", "fr", "nl", "pl", "ru", "so", "ti", "tr", "uk"]
EXAMPLES = [(lexicon.language, example) for lexicon in lexicons() for example in lexicon.examples]


def test_every_language_has_a_lexicon_with_every_kind():
    found = {lexicon.language: lexicon for lexicon in lexicons()}
    assert sorted(found) == LANGUAGES
    for language, lexicon in found.items():
        assert set(lexicon.kinds) == set(CrisisKind), language
        assert lexicon.young is not None, language


def test_each_file_says_a_native_speaker_must_check_it():
    for path in sorted(LEXICON_DIR.glob("*.yml")):
        assert "native speaker" in path.read_text(encoding="utf-8"), path.name
        assert load_lexicon(path).examples, path.name


@pytest.mark.parametrize(
    ("language", "example"), EXAMPLES, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(EXAMPLES)]
)
def test_the_lexicons_own_examples(language, example):
    found = assess(example["text"])
    if example.get("kind") is None:
        assert found.kinds == (), (language, example["text"])
        return
    assert found.kinds, (language, example["text"])
    if example.get("young"):
        assert found.young, (language, example["text"])


def test_a_lexicon_pattern_keeps_its_upper_case_escapes(tmp_path):
    """Patterns are folded as messages are (lower case, no accents), but an escape is not
    text: lowered, ``\\S`` (not a space) became ``\\s`` (a space) and the pattern matched
    the opposite of what it said."""
    path = tmp_path / "xx.yml"
    path.write_text(
        "language: xx\nkinds:\n  danger:\n    - '\\bÉÉN\\S*\\s\\Wgevaar\\D\\B'\n",
        encoding="utf-8",
    )
    danger = load_lexicon(path).kinds[CrisisKind.DANGER]
    assert danger.search("eenmalig !gevaarxy")  # folded as the message is: één -> een
    assert not danger.search("een  !gevaarxy")
    assert not danger.search("eenmalig agevaarxy")
    assert not danger.search("eenmalig !gevaar1y")
    assert not danger.search("eenmalig !gevaarx")
