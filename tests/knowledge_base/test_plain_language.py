"""The B1 check of provision texts: long sentences, long words, jargon with a plainer word,
the passive voice; and `vraagwijzer kb lint` over a whole catalogue."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge_base import check_text
from knowledge_base.io import DEMO_DIR
from knowledge_base.plain_language import Kind
from tests.command_line import Ran, on_a_database_of_its_own


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., Ran]:
    """`vraagwijzer kb ...` in this process, instead of conftest's child process."""
    return on_a_database_of_its_own(tmp_path)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in check_text(text)]


def test_a_plain_text_has_no_hints():
    assert check_text("U belt het wijkteam. Samen kijken we wat u nodig heeft.") == []
    assert check_text("") == []
    assert check_text(None) == []


def test_a_long_sentence_is_counted_in_words():
    sentence = " ".join(["woord"] * 16) + "."
    (finding,) = check_text(sentence)
    assert finding.kind is Kind.LONG_SENTENCE
    assert finding.words == 16
    assert check_text(" ".join(["woord"] * 15) + ".") == []
    # Each line is a sentence of its own, and so is each "." followed by a space.
    assert check_text("\n".join([" ".join(["woord"] * 10)] * 3)) == []


def test_long_words_except_known_names_and_compounds():
    assert kinds("U krijgt een ondersteuningsplan en een gedragsverandering.") == [
        ("long_word", "gedragsverandering")
    ]
    assert kinds("Vraag de gehandicaptenparkeerkaart aan bij de gemeente.") == []
    # Links and e-mail addresses are not words to judge.
    assert kinds("Mail naar informatiepunt.digitaleoverheid@lindenhaven.example") == []


@pytest.mark.parametrize(
    ("text", "word", "plain"),
    [
        ("Het wijkteam gaat indiceren.", "indiceren", "bepalen welke hulp u krijgt"),
        ("U bent geïndiceerd.", "geïndiceerd", "bepalen welke hulp u krijgt"),
        ("Dit is een maatwerkvoorziening.", "maatwerkvoorziening", "hulp die bij u past"),
        ("Dit gaat middels een formulier.", "middels", "met"),
    ],
)
def test_jargon_gets_a_plainer_alternative(text, word, plain):
    found = [f for f in check_text(text) if f.kind is Kind.JARGON]
    assert [(f.text, f.suggestion) for f in found] == [(word, plain)]


def test_allowed_words_are_not_jargon():
    assert check_text("U betaalt een eigen bijdrage.") == []
    assert check_text("Het keukentafelgesprek is bij u thuis.") == []


def test_the_passive_voice():
    assert kinds("U wordt door het wijkteam gebeld.") == [("passive", "wordt … gebeld")]
    assert kinds("De maaltijd wordt bij u thuis gebracht.") == [("passive", "wordt … gebracht")]
    assert kinds("De boodschappen worden opgehaald.") == [("passive", "worden … opgehaald")]
    # "worden" without a participle is not passive; a participle without it neither.
    assert kinds("Als uw kind 18 wordt, verandert er iets.") == []
    assert kinds("Wij hebben u gebeld.") == []


def test_kb_lint_lists_hints_and_exits_zero(run):
    assert run("kb", "import", str(DEMO_DIR)).returncode == 0
    result = run("kb", "lint", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows, "the demo catalogue has a few hints left"
    assert set(rows[0]) == {"id", "field", "kind", "text", "suggestion", "words", "message"}
    assert {r["kind"] for r in rows} <= {k.value for k in Kind}
    assert all(r["field"] in {"summary", "description", "audience", "how_to_apply",
                              "cost_note", "schedule_note"} for r in rows)  # fmt: skip
    text = run("kb", "lint")
    assert text.returncode == 0
    assert text.stdout.strip().splitlines()[-1].startswith(f"{len(rows)} hint(s) in ")
    # A file, without the database; the same hints.
    from_file = run("kb", "lint", "--json", str(DEMO_DIR))
    assert json.loads(from_file.stdout) == rows


def test_kb_lint_fails_only_on_a_catalogue_it_cannot_read(run, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("services:\n  - id: X\n", encoding="utf-8")
    result = run("kb", "lint", str(broken))
    assert result.returncode != 0
    assert "Error" in result.stderr
