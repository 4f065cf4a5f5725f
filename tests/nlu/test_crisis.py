"""The crisis layer must catch danger however it is typed, and leave hyperbole alone."""

import pytest

from nlu import CrisisKind, detect_crisis
from nlu.crisis import assess

CRISES = [
    ("ik wil niet meer leven", CrisisKind.SUICIDE),
    ("ik wil er niet meer zijn, iedereen is beter af zonder mij", CrisisKind.SUICIDE),
    ("ik denk erover om er een eind aan te maken", CrisisKind.SUICIDE),
    ("ik heb pillen gespaard en ga ze vanavond innemen", CrisisKind.SUICIDE),
    ("ik wil dood", CrisisKind.SUICIDE),
    ("ik wil doooood", CrisisKind.SUICIDE),
    ("ik sta op het dak en wil springen", CrisisKind.SUICIDE),
    ("mijn zoon zegt dat hij zichzelf iets aan gaat doen", CrisisKind.SUICIDE),
    ("zelfmoort", CrisisKind.SUICIDE),
    ("I want to kill myself", CrisisKind.SUICIDE),
    ("thinking about ending it all", CrisisKind.SUICIDE),
    ("i dont want to live anymore", CrisisKind.SUICIDE),
    ("mijn man slaat me en hij komt zo terug", CrisisKind.VIOLENCE),
    ("de buurman staat met een mes voor de deur", CrisisKind.DANGER),
    ("mijn ex dreigt me te vermoorden", CrisisKind.VIOLENCE),
    ("hij heeft me bij mijn keel gepakt", CrisisKind.VIOLENCE),
    ("my boyfriend hits me and says he is going to kill me", CrisisKind.VIOLENCE),
    ("mijn vriend zegt dat hij me gaat vermoorden als ik wegga", CrisisKind.VIOLENCE),
    ("mijn vader ademt niet meer", CrisisKind.MEDICAL),
    ("mijn moeder is gevallen en reageert niet", CrisisKind.MEDICAL),
    ("mn vriend is bewusteloos", CrisisKind.MEDICAL),
    ("my neighbour collapsed and is not breathing", CrisisKind.MEDICAL),
    ("ik hoor de buren hun kind slaan, het kind gilt", CrisisKind.CHILD),
    ("mijn dochter van 15 is al twee dagen weg", CrisisKind.CHILD),
    ("mijn moeder met dementie is weg en het vriest", CrisisKind.CHILD),
    ("mijn vader heeft denk ik een beroerte, zijn mond hangt scheef", CrisisKind.MEDICAL),
    ("I think my husband is having a stroke", CrisisKind.MEDICAL),
    ("hij heeft net een hartaanval gehad, de ambulance is er nog niet", CrisisKind.MEDICAL),
    ("het touw ligt al klaar", CrisisKind.SUICIDE),
    ("ik sta nu bij het spoor", CrisisKind.SUICIDE),
    ("nobody would care if i died", CrisisKind.SUICIDE),
    ("mijn moeder reageert niet meer als ik haar roep", CrisisKind.MEDICAL),
    ("er loopt een peuter alleen langs de snelweg", CrisisKind.CHILD),
    ("mijn opa met dementie is sinds vanmorgen zoek", CrisisKind.CHILD),
]

NOT_CRISES = [
    "ik ga dood van de stress van die belastingaangifte haha",
    "haha ik ga dood van het lachen",
    "die deurwaarder maakt me gek",
    "ik wil een lamp ophangen, is er een klussendienst",
    "mijn moeder valt soms, kan ze een alarm krijgen",
    "ik heb schulden en weet niet hoe ik verder moet met mijn administratie",
    "waar kan ik leren koken",
    "this is killing me lol, so many forms",
    "hoe vraag ik bijzondere bijstand aan",
    "I look after my dad since his stroke. Is there any support for carers?",
    "Ik help mijn buurman sinds zijn beroerte, waar kan ik terecht als mantelzorger",
    "na haar hartaanval vorig jaar kan ze niet meer fietsen, is er vervoer",
    "Mijn moeder heeft beginnende dementie en raakt de weg kwijt in haar eigen straat",
    "mijn vader heeft dementie maar wil niet weg uit zijn huis",
    "de verhuurder reageert niet op mijn mails over de schimmel",
    "my dad had a stroke and i'm now looking after him, is there support",
    "mijn man heeft een beroerte gehad en zit nu thuis, wie helpt met de zorg",
    "de IND reageert nergens op",
    "mijn zoontje slaat andere kinderen op school, waar vind ik opvoedhulp",
    "my boss is gonna kill me lol, i forgot the form",
    "",
]


@pytest.mark.parametrize(("text", "kind"), CRISES)
def test_crises_are_caught(text, kind):
    """The kind is among those found; a more urgent one may answer first (a threat to
    kill from an ex is danger, then violence at home)."""
    found = assess(text).kinds
    assert kind in found, found
    assert detect_crisis(text) == found[0]


@pytest.mark.parametrize("text", NOT_CRISES)
def test_look_alikes_are_not_crises(text):
    assert detect_crisis(text) is None
