"""Whatever a resident types, understanding it never crashes, hangs or invents a topic."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlu import Route
from nlu.embedded import EmbeddedAnalyzer

DOMAINS = {
    "housing", "money", "work", "daily_living", "health", "mental",
    "social", "family", "caregiving", "mobility", "safety", "legal",
}  # fmt: skip

NOTHING_TO_UNDERSTAND = [
    "",
    "   \n\t  ",
    "😀😀😀🙏",
    "\x00\x01\x02\x1b[31m",
    "<script>alert('x')</script>",
    "'; DROP TABLE messages; --",
    "?!?!?!",
    "ЖЖЖ ддд ййй",
    "\u202e\u200b\u200d",
]


def check(understanding, text: str) -> None:
    assert understanding.route in set(Route)
    assert set(understanding.domains) <= DOMAINS
    assert len(understanding.domains) <= 3
    if understanding.route is Route.OTHER:
        assert understanding.domains == ()
    assert len(understanding.language) == 2
    for entity in understanding.entities:
        assert 0 <= entity.start <= entity.end <= len(text)


@pytest.mark.parametrize("text", NOTHING_TO_UNDERSTAND)
def test_nothing_to_understand_is_route_other_without_domains(analyzer: EmbeddedAnalyzer, text):
    understanding = analyzer.analyze(text)
    check(understanding, text)
    assert understanding.route is Route.OTHER
    assert understanding.domains == ()


def test_a_hundred_kilobytes_is_understood_from_its_start(analyzer: EmbeddedAnalyzer) -> None:
    text = "ik heb schulden en de deurwaarder komt morgen. " + "bla " * 25_000
    understanding = analyzer.analyze(text)
    check(understanding, text)
    assert "money" in understanding.domains


def test_a_crisis_in_mixed_scripts_and_html_is_still_a_crisis(analyzer: EmbeddedAnalyzer) -> None:
    understanding = analyzer.analyze("<p>Ik wil niet meer leven</p> 😢 إلى اللقاء")
    assert understanding.route is Route.CRISIS


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_is_handled(analyzer: EmbeddedAnalyzer, text: str) -> None:
    check(analyzer.analyze(text), text)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["schulden", "huur", "eenzaam", "<b>", "😀", "\x00", "DROP", "ik", "wil", "hulp", "١٢٣"]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_word_salad_is_handled(analyzer: EmbeddedAnalyzer, text: str) -> None:
    check(analyzer.analyze(text), text)
