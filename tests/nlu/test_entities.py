from nlu.entities import extract


def kinds(text, **kw):
    return {(e.kind, e.value) for e in extract(text, **kw)}


def test_postcode_phone_email_reference():
    found = kinds("bel me op 06 12345678 of mail jan@example.org, postcode 4101ab, VW-7KQ4-M2")
    assert ("postcode", "4101 AB") in found
    assert ("phone", "+31612345678") in found
    assert ("email", "jan@example.org") in found
    assert ("reference", "VW-7KQ4-M2") in found


def test_invalid_postcode_letters_are_not_a_postcode():
    assert not any(k == "postcode" for k, _ in kinds("4101 SS"))


def test_age_and_who_it_is_for():
    found = kinds("mijn moeder is 84 jaar en woont alleen")
    assert ("relation", "mother") in found
    assert ("age", "84") in found
    assert ("relation", "neighbour") in kinds("my neighbour needs help")


def test_district_names_are_found_despite_typos():
    found = kinds("ik woon in de vogelbuurd", districts=["Vogelbuurt", "Centrum"])
    assert ("district", "Vogelbuurt") in found


def test_amounts_are_not_ages():
    assert not any(k == "age" for k, _ in kinds("ik moet 300 euro betalen"))
