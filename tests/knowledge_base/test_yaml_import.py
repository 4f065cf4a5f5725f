"""Reading catalogue YAML: every problem is reported with where it is, nothing half-read."""

from __future__ import annotations

import textwrap

import pytest

from knowledge_base.io import CatalogueFileError, read_bundle, read_yaml

VALID = """
organizations:
  - id: welzijn
    name: Stichting Welzijn
services:
  - id: klusdienst
    name: Klusdienst
    organization: welzijn
    service_types: [klussendienst]
    access: open
    summary: Vrijwilligers helpen met kleine klussen.
    description: Een lamp ophangen of een kraan maken.
    audience: Iedereen in de gemeente.
    cost: {kind: fixed, amount: 2.50, unit: per klus}
    how_to_apply: Bel de klusdienst.
    location: {address: Lindenplein 4, postcode: 4101AB, city: Lindenhaven}
    schedule:
      - {day: monday, opens: "09:00", closes: "12:00"}
faqs:
  - id: faq-wmo
    question: Wat is de Wmo?
    answer: De wet die zorgt dat u thuis kunt blijven wonen.
"""


def write(tmp_path, text, name="catalogue.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_valid_file_reads_and_normalises(tmp_path):
    bundle = read_bundle(write(tmp_path, VALID))
    (service,) = bundle.services
    assert service.location is not None
    assert service.location.postcode == "4101 AB"
    assert service.resolved_domains() == ["daily_living", "housing"]
    assert bundle.faqs[0].id == "faq-wmo"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("service_types: [klussendienst]", "service_types: [toverdienst]"),
            "unknown service type toverdienst",
        ),
        (("postcode: 4101AB", "postcode: 1234"), "not a Dutch postcode"),
        (
            ('opens: "09:00", closes: "12:00"', 'opens: "14:00", closes: "12:00"'),
            "opens at 14:00 but closes at 12:00",
        ),
        (('opens: "09:00"', 'opens: "25:00"'), "not a time like"),
        (("    access: open", "    access: open\n    colour: red"), "colour: Extra inputs"),
        (
            ("cost: {kind: fixed, amount: 2.50, unit: per klus}", "cost: {kind: fixed}"),
            "a fixed cost needs an amount",
        ),
    ],
)
def test_problems_are_reported_with_file_and_line(tmp_path, change, expected):
    old, new = change
    assert old in VALID
    result = read_yaml(write(tmp_path, VALID.replace(old, new)))
    assert result.bundle is None or result.problems
    assert any(expected in p for p in result.problems), result.problems
    assert any(p.startswith("catalogue.yaml:6:") for p in result.problems), result.problems


def test_duplicate_ids_are_refused(tmp_path):
    doubled = VALID.replace(
        "    name: Stichting Welzijn\n",
        "    name: Stichting Welzijn\n  - id: welzijn\n    name: Dubbel\n",
    )
    result = read_yaml(write(tmp_path, doubled))
    assert result.bundle is None
    assert result.problems == [
        "catalogue.yaml:5: organization welzijn: duplicate id, first at catalogue.yaml:3"
    ]


def test_a_section_written_twice_is_refused_not_half_read(tmp_path):
    twice = VALID + "organizations:\n  - id: nog-een\n    name: Nog een organisatie\n"
    result = read_yaml(write(tmp_path, twice))
    assert result.bundle is None
    assert result.problems == [
        "catalogue.yaml:23: section 'organizations' appears twice; put all its entries under "
        "one heading"
    ]


def test_a_provision_of_an_unknown_organisation_is_refused_by_read_bundle(tmp_path):
    with pytest.raises(CatalogueFileError, match="unknown organization onbekend"):
        read_bundle(
            write(tmp_path, VALID.replace("organization: welzijn", "organization: onbekend"))
        )


def test_broken_yaml_and_wrong_encoding_are_clear(tmp_path):
    broken = read_yaml(write(tmp_path, "services: [unclosed", "broken.yaml"))
    assert broken.problems
    assert "not valid YAML" in broken.problems[0]
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("organizations:\n  - id: caf\xe9\n".encode("cp1252"))
    assert read_yaml(latin).problems == ["latin.yaml: not UTF-8 text"]
    with pytest.raises(CatalogueFileError):
        read_bundle(latin)


def test_a_section_twice_with_different_lengths_is_a_problem_not_a_crash(tmp_path):
    twice = VALID + (
        "faqs:\n  - id: faq-b\n    question: Wat is dat nou?\n    answer: Nog een antwoord.\n"
        "  - id: faq-c\n    question: En dit dan wel?\n    answer: Ook een antwoord.\n"
    )
    result = read_yaml(write(tmp_path, twice))
    assert result.bundle is None
    assert "section 'faqs' appears twice" in result.problems[0]
