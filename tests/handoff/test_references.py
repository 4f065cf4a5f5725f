import re

import pytest

from handoff import find_references, new_reference, normalize_reference
from handoff.references import ALPHABET

SAMPLE = [new_reference() for _ in range(40)]


def _body(reference: str) -> str:
    return reference[3:7] + reference[8:]


def _reference(body: str) -> str:
    return f"VW-{body[:4]}-{body[4:]}"


def test_references_have_the_documented_form_and_no_look_alikes():
    pattern = re.compile(rf"VW-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}}")
    assert all(pattern.fullmatch(reference) for reference in SAMPLE)
    assert not set("0O1IL" + "AEIOUY") & set(ALPHABET)
    assert len(set(SAMPLE)) == len(SAMPLE)


def test_every_reference_made_is_valid():
    assert all(normalize_reference(reference) == reference for reference in SAMPLE)


def test_every_single_wrong_character_is_caught():
    for reference in SAMPLE:
        body = _body(reference)
        for position, char in enumerate(body):
            for other in ALPHABET.replace(char, ""):
                typo = body[:position] + other + body[position + 1 :]
                assert normalize_reference(_reference(typo)) is None, (reference, typo)


def test_every_swap_of_neighbours_is_caught():
    for reference in SAMPLE:
        body = _body(reference)
        for position in range(len(body) - 1):
            swapped = body[:position] + body[position + 1] + body[position] + body[position + 2 :]
            if swapped != body:
                assert normalize_reference(_reference(swapped)) is None, (reference, swapped)


@pytest.mark.parametrize(
    "typed",
    ["{lower_spaces}", "{compact}", "{lower_dashes}", "  {canonical}  ", "Vw–{compact_body}"],
)
def test_references_are_recognised_as_residents_type_them(typed):
    canonical = SAMPLE[0]
    body = _body(canonical)
    text = typed.format(
        canonical=canonical,
        lower_spaces=f"vw {body[:4]} {body[4:]}".lower(),
        compact=f"VW{body}",
        lower_dashes=canonical.lower(),
        compact_body=body.lower(),
    )
    assert normalize_reference(text) == canonical


@pytest.mark.parametrize(
    "text",
    ["", "VW", "VW-2345", "XX-2345-67", "VW-2345-678", "VW-0O1I-L2", "hallo VW-2345-67"],
)
def test_anything_else_is_not_a_reference(text):
    assert normalize_reference(text) is None


def test_references_are_found_in_free_text_once_each_in_order():
    first, second = SAMPLE[1], SAMPLE[2]
    text = f"wat is de status van {first.lower()}? en {second.replace('-', ' ')}, {first}"
    assert find_references(text) == [first, second]


def test_invalid_or_glued_references_in_text_are_ignored():
    body = _body(SAMPLE[3])
    wrong = body[:-1] + ALPHABET[(ALPHABET.index(body[-1]) + 1) % len(ALPHABET)]
    assert find_references(f"nummer VW-{wrong[:4]}-{wrong[4:]} klopt niet") == []
    assert find_references(f"xVW{body}") == []
    assert find_references(f"VW{body}9") == []
