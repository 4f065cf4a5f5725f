"""Cues in the wording: a person asked for, too much at once, one thing asked for, feelings,
life events. Written examples, not the shared evaluation sets."""

from __future__ import annotations

import pytest

from nlu import Feeling, LifeEvent, Route, read_cues, request_clause


@pytest.mark.parametrize(
    "text",
    [
        "Kan ik met een echt mens praten?",
        "ik wil graag dat iemand van de gemeente mij terugbelt",
        "Ik wil met iemand van het wijkteam praten",
        "geen computer alsjeblieft, ik wil een medewerker spreken",
        "Can I talk to a real person please",
        "could someone call me back",
    ],
)
def test_asking_for_a_person(text: str) -> None:
    assert read_cues(text).asks_person


@pytest.mark.parametrize(
    "text",
    [
        "ik kom er echt niet meer uit met al die rekeningen",
        "mijn vrouw trekt het niet meer",
        "We kunnen het gewoon niet meer aan thuis",
        "ik weet echt niet waar ik moet beginnen",
        "De huisarts zegt dat ik overbelast ben",
        "I can't cope with all of this anymore",
    ],
)
def test_too_much_at_once(text: str) -> None:
    assert read_cues(text).strained


@pytest.mark.parametrize(
    "text",
    [
        "is daar een regeling voor of moeten we het zelf betalen",
        "waar vraag ik een uitkering aan",
        "Bestaat er een busje voor ouderen?",
        "Waar kunnen wij terecht met vragen over opvoeden?",
        "Kan ik daar bijzondere bijstand voor krijgen?",
        "is there a walking group for older people",
    ],
)
def test_asking_for_one_thing(text: str) -> None:
    assert read_cues(text).asks_specific


@pytest.mark.parametrize(
    "text",
    [
        "ik heb schulden",
        "Mijn man is ziek en de kinderen gaan niet naar school",
        "hallo",
    ],
)
def test_no_cues_in_plain_statements(text: str) -> None:
    cues = read_cues(text)
    assert not cues.asks_person
    assert not cues.strained
    assert not cues.asks_specific


@pytest.mark.parametrize(
    ("text", "feeling"),
    [
        ("mijn broer is vorig jaar overleden", Feeling.LOSS),
        ("ik ben zo moe, ik ben helemaal uitgeput", Feeling.EXHAUSTION),
        ("ik maak me zorgen over mijn moeder", Feeling.WORRY),
        ("ik voel me eenzaam sinds de verhuizing", Feeling.LONELINESS),
        ("my dad passed away in May", Feeling.LOSS),
    ],
)
def test_feelings(text: str, feeling: Feeling) -> None:
    assert feeling in read_cues(text).feelings


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("mijn man is vorige maand overleden", LifeEvent.PARTNER_DIED),
        ("sinds het overlijden van mijn vrouw woon ik alleen", LifeEvent.PARTNER_DIED),
        ("bij mijn vader is vorige week de diagnose kanker gesteld", LifeEvent.DIAGNOSIS),
        ("ik ben ontslagen", LifeEvent.JOB_LOSS),
        ("wij gaan uit elkaar", LifeEvent.DIVORCE),
        ("mijn relatie is uit en ik weet niet waar ik heen moet", LifeEvent.DIVORCE),
        ("my marriage is over", LifeEvent.DIVORCE),
        ("mijn dochter is zwanger", LifeEvent.BABY),
        ("we gaan verhuizen naar Lindenhaven", LifeEvent.MOVING),
        ("volgend jaar ga ik met pensioen", LifeEvent.RETIREMENT),
        ("sinds kort zorg ik voor mijn moeder", LifeEvent.BECOMING_CARER),
        ("I lost my job last week", LifeEvent.JOB_LOSS),
    ],
)
def test_life_events(text: str, event: LifeEvent) -> None:
    assert event in read_cues(text).life_events


def test_both_backends_carry_the_cues(analyzer) -> None:
    understood = analyzer.analyze("Ik wil graag met een echt mens praten over mijn schulden")
    assert understood.cues.asks_person
    assert understood.to_json()["cues"]["asks_person"] is True


def test_a_past_fall_before_a_question_for_an_alarm_is_not_a_crisis(analyzer) -> None:
    """Told as last week's event, with a question for a provision after it, the story
    explains the question: no emergency reply (the words alone read like a medical one)."""
    text = (
        "Mijn opa (86) is vorige week gevallen en lag een uur op de grond voordat de buurvrouw "
        "hem vond. Hij woont alleen. Bestaat er een alarmknop die hij om zijn pols kan dragen?"
    )
    assert analyzer.analyze(text).route is not Route.CRISIS
    # Happening now, it is one.
    assert analyzer.analyze(
        "mijn opa is gevallen en ligt op de grond, hij reageert niet"
    ).route is (Route.CRISIS)


def test_the_sentence_that_asks_in_a_long_story() -> None:
    story = (
        "Ik ben 52 en woon sinds kort alleen. Mijn kinderen wonen ver weg. "
        "Is er een plek in de buurt waar ik samen met anderen kan eten?"
    )
    assert request_clause(story) == "Is er een plek in de buurt waar ik samen met anderen kan eten"
    assert request_clause("Mijn man is ziek en ik ben moe.") is None
