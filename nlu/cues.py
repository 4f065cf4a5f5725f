"""What a message's wording says about the help that fits, beside its topic.

The classifier says which living domains a message touches and whether it reads like a
question for the catalogue or for a person. How it is asked matters as much: "is daar een
regeling voor?" wants the provision even in a long story; "ik weet niet waar ik moet
beginnen" wants a person even in a short one; a resident who writes of a death, of
exhaustion or of worry should hear that first. These cues are read from the words (Dutch
and English, the languages the assistant answers in), so they work the same with either
NLU backend, and the conversation decides with them.
"""

from __future__ import annotations

import re

from nlu.model import normalize
from nlu.types import Cues, Feeling, LifeEvent


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


_PERSON = _any(
    r"(?:met|spreken|praten|bellen) (?:met )?(?:een )?(?:echte? )?(?:mens|persoon|medewerker)",
    r"echte? mens",
    r"(?:iemand|een medewerker) (?:van (?:het |de )?(?:wijkteam|gemeente) )?(?:mij|me) "
    r"(?:bel|belt|bellen|terugbel\w*|terug ?bel\w*)",
    r"(?:terug ?gebeld|teruggebeld|terugbellen)",
    r"(?:iemand|mensen) van (?:het )?wijkteam (?:spreken|praten|zien)",
    r"met (?:iemand van )?(?:het )?wijkteam (?:praten|spreken)",
    r"(?:praten|spreken) met (?:iemand|het wijkteam)",
    r"keukentafelgesprek aanvragen",
    r"geen (?:computer|robot|bot)",
    r"(?:talk|speak|chat) (?:to|with) (?:a )?(?:real )?(?:person|human|someone|somebody)",
    r"(?:real|actual) (?:person|human)",
    r"(?:someone|somebody) (?:to )?call me",
    r"call me back",
    r"(?:talk|speak) to (?:the )?district team",
)
_STRAIN = _any(
    r"(?:kom|komen) er (?:zelf |echt |gewoon |alleen )*niet (?:meer )?uit",
    r"trek(?:t|ken)? het (?:echt |gewoon )*niet (?:meer)?",
    r"(?:kan|kunnen) het (?:echt |gewoon )*niet (?:meer )?aan",
    r"(?:kan|kunnen) (?:dit|het) (?:echt |gewoon )*niet meer alleen",
    r"houd? het niet (?:meer )?vol",
    r"hou het niet (?:meer )?vol",
    r"niet (?:meer )?volhoud\w*",
    r"weet (?:het )?(?:echt )?niet (?:meer )?waar ik (?:moet )?beginnen",
    r"weet (?:echt )?niet meer (?:wat|hoe)",
    r"weet het (?:echt )?niet meer",
    r"groeit (?:me|mij|ons) boven het hoofd",
    r"loopt (?:me )?uit de hand",
    r"ik ben op",
    r"overbelast\w*",
    r"alles (?:komt )?tegelijk",
    r"(?:maak|maken) (?:me|mij|ons) (?:grote |ernstige |veel )?zorgen",
    r"er moet iets veranderen",
    r"can'?t cope",
    r"can'?t (?:manage|handle|do) (?:it|this) (?:anymore|alone)",
    r"at my wits'? end",
    r"(?:don'?t|do not) know where to start",
    r"everything at once",
    r"overwhelmed",
)
_SPECIFIC = _any(
    r"is (?:daar|er) (?:ook )?(?:een|iets|zo'?n)",
    r"zijn er (?:ook )?",
    r"bestaat (?:daar|er)",
    r"(?:kan|mag) ik [\w ]{0,40}(?:krijgen|lenen|aanvragen|laten|vinden)",
    r"waar (?:kan|kunnen|moet|moeten|vraag|vind|meld|haal) (?:ik|je|we|wij)",
    r"hoe (?:vraag|meld|kom|krijg|maak|regel|lossen|werkt)",
    r"(?:regeling|subsidie|vergoeding|toeslag|uitkering|aanvragen)\b.*\?",
    r"ik (?:wil|zou) (?:alleen |graag )?(?:leren|weten)",
    r"ik zoek (?:een|iemand|iets|hulp bij)",
    r"wie kan (?:dat|dit|ons|mij|me) (?:voor (?:me|mij|ons) )?(?:doen|adviseren|maken|repareren)",
    r"is there (?:a|an|any)",
    r"are there",
    r"where (?:can|do|should) (?:i|we)",
    r"how (?:do|can) (?:i|we) (?:apply|get|find|sign up|register)",
    r"i(?:'m| am) looking for",
)
_FEELINGS: dict[Feeling, re.Pattern[str]] = {
    Feeling.LOSS: _any(
        r"overleden",
        r"(?:is|was) (?:gestorven|dood)",
        r"overlijden",
        r"verloren",
        r"rouw\w*",
        r"weduwe\w*",
        r"passed away",
        r"died",
        r"grief",
        r"bereave\w*",
        r"widow\w*",
    ),
    Feeling.EXHAUSTION: _any(
        r"ik ben op",
        r"uitgeput",
        r"overbelast\w*",
        r"(?:zo |heel |erg )?moe\b",
        r"kapot",
        r"trek(?:t|ken)? het niet",
        r"houd? het niet (?:meer )?vol",
        r"niet (?:meer )?volhoud\w*",
        r"exhausted",
        r"worn out",
        r"burn-?out",
    ),
    Feeling.WORRY: _any(
        r"zorgen",
        r"bezorgd",
        r"ongerust",
        r"bang",
        r"spannend",
        r"weet (?:het )?(?:echt )?niet (?:meer )?(?:waar|wat|hoe)",
        r"worried",
        r"worry",
        r"anxious",
        r"scared",
    ),
    Feeling.LONELINESS: _any(
        r"eenzaam\w*",
        r"met niemand",
        r"niemand (?:om|meer|die)",
        r"woon (?:nu )?alleen",
        r"lonely",
        r"no one to talk",
        r"on my own",
    ),
}
_PARTNER = r"(?:vrouw|man|partner|echtgeno(?:ot|te)|wife|husband)"
_LIFE_EVENTS: dict[LifeEvent, re.Pattern[str]] = {
    LifeEvent.PARTNER_DIED: _any(
        rf"(?:mijn|m'?n) {_PARTNER} (?:is |was )?(?:\w+ ){{0,3}}(?:overleden|gestorven|dood)",
        rf"overlijden van (?:mijn|m'?n) {_PARTNER}",
        rf"(?:mijn|m'?n) {_PARTNER} verloren",
        r"weduwe\w*",
        r"(?:my )?(?:wife|husband|partner) (?:has )?(?:died|passed away)",
        r"widow\w*",
    ),
    LifeEvent.DIAGNOSIS: _any(
        r"diagnose",
        r"gediagnosticeerd",
        r"(?:heb|heeft|kreeg|kregen) (?:de )?(?:kanker|dementie|alzheimer|parkinson|ms|als|"
        r"een hersenbloeding|een herseninfarct|een beroerte|suikerziekte|diabetes)",
        r"ongeneeslijk\w*",
        r"(?:wordt|gaat|worden) (?:steeds |ook )?(?:slechter|vergeetachtiger|zieker)",
        r"achteruit(?:gaan|gaat|gang)",
        r"diagnos\w+",
        r"(?:got|have|has) (?:cancer|dementia|parkinson'?s)",
    ),
    LifeEvent.JOB_LOSS: _any(
        r"ontslagen",
        r"(?:mijn|m'?n) (?:baan|werk) (?:kwijt|verloren)",
        r"werkloos",
        r"zonder werk",
        r"(?:lost|lose) (?:my|our) job",
        r"laid off",
        r"unemployed",
        r"(?:was |got )?fired",
    ),
    LifeEvent.DIVORCE: _any(
        r"(?:gaan|gingen|zijn) (?:uit elkaar|scheiden)",
        r"uit elkaar",
        r"scheiding",
        r"(?:ga|gaan) scheiden",
        r"gescheiden",
        r"(?:relatie|verkering|huwelijk) is (?:uit|over|voorbij|kapot)",
        r"het is uit (?:met|tussen)",
        r"divorc\w*",
        r"(?:relationship|marriage) (?:is over|ended|broke down)",
        r"(?:we are|we're) separating",
        r"break-?up",
    ),
    LifeEvent.BABY: _any(
        r"zwanger\w*",
        r"baby",
        r"bevallen",
        r"(?:een )?kindje (?:krijgen|gekregen|op komst)",
        r"pregnan\w*",
        r"expecting (?:a )?(?:baby|child)",
        r"newborn",
    ),
    LifeEvent.MOVING: _any(
        r"verhuizen",
        r"verhuisd",
        r"verhuizing",
        r"net (?:komen )?wonen",
        r"nieuw in (?:de )?(?:stad|gemeente|wijk|lindenhaven)",
        r"moving (?:house|home|to)",
        r"moved (?:here|to)",
        r"new in (?:town|the area)",
    ),
    LifeEvent.RETIREMENT: _any(
        r"met pensioen",
        r"gepensioneerd",
        r"pensionering",
        r"(?:krijg|ontvang) (?:straks |binnenkort )?(?:de |mijn )?aow",
        r"retir\w+",
    ),
    LifeEvent.BECOMING_CARER: _any(
        r"mantelzorg(?:er|en)?",
        r"(?:ik|wij|we) zorg(?:en)? (?:nu |al \w+ (?:jaar|maanden) )?(?:voor|om) "
        r"(?:mijn|m'?n|onze|ons)",
        r"zorg (?:nu )?(?:voor|om) (?:mijn|m'?n) (?:moeder|vader|man|vrouw|partner|zoon|dochter)",
        r"zorg(?:en)? (?:ik|wij|we) (?:nu |al |sinds kort )?(?:voor|om) (?:mijn|m'?n|onze|ons)",
        r"(?:i|we) (?:now )?(?:care|look after) (?:for )?(?:my|our)",
        r"(?:unpaid )?carer",
        r"caregiver",
    ),
}


def read_cues(text: str) -> Cues:
    """The cues in one message (accents and case folded, as the classifier reads it)."""
    plain = normalize(text[:4000])
    return Cues(
        asks_person=_PERSON.search(plain) is not None,
        strained=_STRAIN.search(plain) is not None,
        asks_specific=_SPECIFIC.search(plain) is not None,
        feelings=tuple(f for f, p in _FEELINGS.items() if p.search(plain)),
        life_events=tuple(e for e, p in _LIFE_EVENTS.items() if p.search(plain)),
    )


# A story's sentences and its clauses after "maar", "alleen", "dus".
_CLAUSES = re.compile(r"[.!?;\n]+|,\s*(?=(?:maar|alleen|dus|but|so)\b)")


def request_clause(text: str) -> str | None:
    """In a long story, the sentence that asks for something ("ik wil alleen leren hoe ik
    beter kan budgetteren"): searched on its own, the story around it does not drown it."""
    clauses = [c.strip() for c in _CLAUSES.split(text[:4000]) if c and c.strip()]
    asking = [c for c in clauses if _SPECIFIC.search(normalize(c))]
    return asking[-1] if asking else None
