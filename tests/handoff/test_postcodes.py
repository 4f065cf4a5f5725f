import pytest

from handoff import Postcode, find_postcode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4101 AB", Postcode(4101, "AB")),
        ("mijn postcode is 4101ab", Postcode(4101, "AB")),
        ("3011 ab", Postcode(3011, "AB")),
        ("4101", Postcode(4101)),
        ("ik woon op 4150", Postcode(4150)),
        ("9999 ZZ", Postcode(9999, "ZZ")),
    ],
)
def test_postcodes_are_read_from_free_text(text, expected):
    assert find_postcode(text) == expected


@pytest.mark.parametrize("text", ["", "geen postcode", "0123 AB", "12345", "41011 AB", "123"])
def test_no_postcode_in_text_without_one(text):
    assert find_postcode(text) is None


def test_letter_combinations_never_issued_are_dropped_but_the_digits_count():
    # SS, SA and SD are not used in Dutch postcodes.
    assert find_postcode("4101 SS") == Postcode(4101)
