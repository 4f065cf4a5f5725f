"""A fourth round of families (a gas smell, a stalker or an ex under a ban at the door, a
threat tied to leaving, a blow told as an idiom, an older person's money drained or neglect
by carers, grooming for pictures, an allergic reaction, a child who swallowed pills, chest
pain with sweating, a car running in a closed garage, sleeping rough before a cold night)
must be caught in wordings of their own; alarms, games, stories and violence long ago
must not call a crisis."""

import pytest

from nlu import CrisisKind
from nlu.crisis import assess

CRISES = [
    ("ik ruik ineens gas in de hal van de flat, wat moet ik doen", CrisisKind.DANGER),
    ("it smells of gas in our kitchen and the baby is asleep", CrisisKind.DANGER),
    (
        "mijn ex heeft een straatverbod maar hij staat nu aan de overkant bij mijn huis",
        CrisisKind.DANGER,
    ),
    ("the man with the restraining order is outside my door again", CrisisKind.DANGER),
    ("mijn stalker wacht beneden bij de ingang, ik durf niet naar buiten", CrisisKind.DANGER),
    ("als je bij me weggaat maak ik je af, zei hij vanochtend", CrisisKind.VIOLENCE),
    ("hij zegt: als ik aangifte doe maakt hij me af", CrisisKind.VIOLENCE),
    ("he said if I ever leave he will kill me and the kids", CrisisKind.VIOLENCE),
    ("mijn vriend gaf me gisteravond weer een klap omdat het eten koud was", CrisisKind.VIOLENCE),
    ("he slapped me again tonight and took my keys", CrisisKind.VIOLENCE),
    ("er hat mir gestern eine gescheuert und ich habe Angst", CrisisKind.VIOLENCE),
    ("il m'a serré la gorge et il dit qu'il me tuera si je parle", CrisisKind.VIOLENCE),
    (
        "my gran (about 90) is being shouted at by her grandson and has bruises on her arms",
        CrisisKind.ELDER,
    ),
    (
        "de buurvrouw, rond de 85, wordt door haar zoon geduwd en heeft blauwe plekken",
        CrisisKind.ELDER,
    ),
    ("my nan's cleaner has been stealing money from her purse for months", CrisisKind.ELDER),
    (
        "het verpleeghuis laat mijn moeder urenlang in een vieze luier zitten, "
        "ze heeft nu doorligplekken",
        CrisisKind.ELDER,
    ),
    ("the carers leave my father in soiled sheets and he gets bedsores", CrisisKind.ELDER),
    (
        "mijn opa van 90 stuurt al zijn spaargeld naar een vrouw die hij op internet kent",
        CrisisKind.ELDER,
    ),
    (
        "sinds mijn broer de financien van vader (88) regelt is zijn spaarrekening leeggehaald",
        CrisisKind.ELDER,
    ),
    ("mijn tante is 83 en haar auto is verkocht zonder dat ze het wist", CrisisKind.ELDER),
    ("a man on snapchat keeps asking my 11 year old for photos", CrisisKind.CHILD),
    ("iemand op instagram vraagt mijn dochter van 13 steeds om foto's", CrisisKind.CHILD),
    ("hij zegt dat hij anders mijn foto's naar iedereen stuurt, ik ben 15", CrisisKind.CHILD),
    ("waldiha ghaybin w bent sghira 4 snin bo7dha f dar", CrisisKind.CHILD),
    (
        "mijn dochter at een koekje met pinda en haar lippen worden dik, ze piept",
        CrisisKind.MEDICAL,
    ),
    ("got stung by a wasp and now his tongue and throat are swelling", CrisisKind.MEDICAL),
    ("onze peuter heeft vaatwastabletten in zijn mond gehad en doorgeslikt", CrisisKind.MEDICAL),
    ("my toddler swallowed some of grandma's pills", CrisisKind.MEDICAL),
    (
        "mijn man heeft pijn op de borst die uitstraalt naar zijn arm en hij zweet",
        CrisisKind.MEDICAL,
    ),
    ("de auto draait in de garage en de deur is dicht, ik wil niet meer", CrisisKind.SUICIDE),
    ("I have the rope prepared in the attic", CrisisKind.SUICIDE),
    ("ik slaap al drie nachten buiten in een tent en het vriest vannacht", CrisisKind.HOMELESS),
    ("we staan nu buiten met de kinderen, waar is de noodopvang", CrisisKind.HOMELESS),
    ("i'm outside with my two kids in the rain, nowhere to go", CrisisKind.HOMELESS),
    ("toen ik klein was sloeg hij mij, en nu slaat hij mijn zusje", CrisisKind.VIOLENCE),
    # The second part: kinds the classifier used to call alone.
    ("ik ben 14 en ik kras weer op mijn bovenbenen, niemand weet het", CrisisKind.SUICIDE),
    ("she texted me a note saying goodbye and now her phone is off", CrisisKind.SUICIDE),
    (
        "ik zit boven op de parkeergarage bij het station, zeg mama dat het me spijt",
        CrisisKind.SUICIDE,
    ),
    (
        "I'm just a burden to them, they'd be better off with the insurance money",
        CrisisKind.SUICIDE,
    ),
    ("mijn stiefvader komt 's nachts op mijn kamer en ik durf niks te zeggen", CrisisKind.CHILD),
    (
        "mijn zoon van 11 zegt dat hij het niet tegen ons mag vertellen van die man",
        CrisisKind.CHILD,
    ),
    ("ons pleegkind zegt dat haar moeder haar slaat als ze daar logeert", CrisisKind.CHILD),
    ("ik ben 10 en papa is sinds zondag niet thuis gekomen", CrisisKind.CHILD),
    ("een kleuter loopt al een uur alleen op straat bij de rotonde", CrisisKind.CHILD),
    ("help hij slaat weer en de kinderen zijn boven", CrisisKind.VIOLENCE),
    ("mijn zus wordt door haar vriend steeds in elkaar geslagen", CrisisKind.VIOLENCE),
    (
        "ik mag nergens heen zonder hem, hij leest al mijn appjes en volgt mijn locatie",
        CrisisKind.VIOLENCE,
    ),
    ("hij pakte het broodmes en zei dat ik wel weet wat er gebeurt als ik ga", CrisisKind.DANGER),
    ("er fietst al een tijd een man achter me aan en ik ben bang", CrisisKind.DANGER),
    (
        "mijn zwager heeft haar bankpas en oma heeft geen geld meer voor boodschappen",
        CrisisKind.ELDER,
    ),
    ("opa viel van de trap, zijn hoofd bloedt en hij is verward", CrisisKind.MEDICAL),
    ("druk op mijn borst en mijn linkerarm tintelt al een kwartier", CrisisKind.MEDICAL),
    ("we moeten vandaag uit het huis en weten niet waar we heen moeten", CrisisKind.HOMELESS),
]


NOT_CRISES = [
    "we hebben vorig jaar een gaslek gehad, wie controleert de cv-ketel",
    "in de film die we zagen wordt een meisje ontvoerd, draait die nog in het filmhuis",
    "in roblox heb ik iedereen afgeknald haha, is de bieb open",
    "de rookmelder piept, geen brand, kan de verhuurder de batterij vervangen",
    "the smoke alarm keeps going off when I make toast, who replaces it",
    "als kind werd ik door mijn vader geslagen, dat is veertig jaar geleden, ik zoek een therapeut",
    "when I was little my dad hit us, he died years ago, I'd like counselling",
    "mijn oma is 88 en wil haar pensioen op een andere rekening, hoe doet ze dat",
    "my grandad is 85 and wants to give money to his grandchildren, any tax rules",
    "mijn dochter van 12 wil foto's maken op het schoolreisje, mag ze haar telefoon mee",
    "mijn zoon heeft een pinda-allergie, mag hij op kamp met de scouting",
    "the fire drill at school is tomorrow, do parents need to be there",
    "mijn mentor gaat me vermoorden als ik weer te laat ben lol",
    "ik sta buiten te wachten met mijn dochter op de bus, rijdt lijn 5 nog",
    "waar kan ik een gasmelder kopen",
    "mijn vader ligt in het verpleeghuis en krijgt goede zorg, "
    "mag ik een klacht indienen over het parkeren",
    "we kijken een serie waarin een kind verdwijnt, leuk",
    "mijn ex heeft een contactverbod gekregen van de rechter vorig jaar, "
    "moet ik dat melden bij de gemeente",
]


@pytest.mark.parametrize(("text", "kind"), CRISES)
def test_a_fourth_round_family_is_caught(text, kind):
    assert kind in assess(text).kinds, text


@pytest.mark.parametrize("text", NOT_CRISES)
def test_alarms_games_stories_and_long_ago_are_not_a_crisis(text):
    assert assess(text).kinds == (), text
