"""Handoff cues work however the resident types the apostrophe."""

import pytest

from nlu import Route


@pytest.mark.parametrize(
    "text",
    [
        "I can't cope with it anymore, the bills and my mum",
        "i cant cope anymore with the bills and the landlord",
        "I can’t handle this anymore, the rent and my job",
        "ik kom er echt niet meer uit met de post en de huur",
    ],
)
def test_cannot_cope_is_a_handoff(analyzer, text):
    assert analyzer.analyze(text).route is Route.HANDOFF
