"""Indirect signs (a farewell put together from small steps, the means at hand, the last line
of a long question) and what a neighbour sees must be caught; a loss told about someone else
and hyperbole with a joke must not be."""

import pytest

from nlu import CrisisKind, detect_crisis
from nlu.crisis import assess

CRISES = [
    ("de rekeningen zijn betaald en de hond gaat morgen naar mijn broer", CrisisKind.SUICIDE),
    ("my will is sorted and the cat went to my neighbour", CrisisKind.SUICIDE),
    ("na het weekend ben ik er toch niet meer", CrisisKind.SUICIDE),
    ("I won't be around much longer, so cancel the visit", CrisisKind.SUICIDE),
    ("kan ik mijn organen doneren, ik heb ze straks niet meer nodig", CrisisKind.SUICIDE),
    ("de paracetamol ligt naast me en ik twijfel", CrisisKind.SUICIDE),
    (
        "Ik heb een vraag over de parkeervergunning voor de bewonerszone. Mijn auto staat op "
        "naam van mijn ex, kan ik hem toch aanvragen? En welke bewijsstukken moeten erbij? "
        + "Verder maakt het niet veel uit, ik zal er niet meer zijn na de feestdagen.",
        CrisisKind.SUICIDE,
    ),
    ("mijn broer pleegde vorig jaar zelfmoord en nu wil ik ook dood", CrisisKind.SUICIDE),
    ("de kinderen boven zijn sinds vrijdag alleen, ik hoor ze huilen", CrisisKind.CHILD),
    ("mijn kleinzoon woont weer bij mij in en eist mijn AOW, ik ben 81", CrisisKind.ELDER),
    ("mijn vriend houdt me binnen en heeft mijn telefoon", CrisisKind.VIOLENCE),
    ("my boyfriend locks me in and hides my phone", CrisisKind.VIOLENCE),
    ("ik slaap vannacht in het bushokje bij de markt", CrisisKind.HOMELESS),
    ("vanochtend vrijgelaten en de kamer ging niet door, nergens te slapen", CrisisKind.HOMELESS),
    ("buurvrouw heeft suikerziekte en is opeens heel verward", CrisisKind.MEDICAL),
    ("Dzisiaj chcę to wszystko zakończyć", CrisisKind.SUICIDE),
    ("Mi novio me encierra en el piso", CrisisKind.VIOLENCE),
]

NOT_CRISES = [
    "mijn tante heeft zelfmoord gepleegd, is er een rouwgroep in de wijk",
    "my friend took his own life in spring, is there a support group for friends",
    "ik spring een gat in de lucht, de toeslag is eindelijk binnen",
    "ik spring uit het raam lol, weer die wachtmuziek",
    "I'm literally dead after that shift 💀 is the gym open late",
    "oude winterjassen weggegeven aan de kledingbank, waar kan ik schoenen kwijt",
    "na vanavond heb ik mijn oude pas niet meer nodig, hoe lever ik die in",
    "morgen ben ik er niet, kan de afspraak naar vrijdag",
    "mijn zoon komt volgende maand uit de gevangenis en heeft nergens een plek",
    "mijn zoon woont weer bij ons en betaalt kostgeld, telt dat voor de toeslag",
    "Ya no quiero seguir con el curso de holandés, ¿puedo darme de baja?",
]


@pytest.mark.parametrize(("text", "kind"), CRISES)
def test_indirect_crises_are_caught(text, kind):
    found = assess(text).kinds
    assert kind in found, found


@pytest.mark.parametrize("text", NOT_CRISES)
def test_indirect_look_alikes_are_not_crises(text):
    assert detect_crisis(text) is None
