"""Reading a message as a follow-up to the provisions just shown.

"en wat kost dat?", "waar zit dat?", "hoe meld ik haar aan?", "is er ook een in
Ekeldorp?": short questions about what the resident has just seen, answered from the fields
of that provision rather than searched for as a new question (where "kost" alone finds the
special assistance fund). "nee, ik bedoel ..." replaces the topic. Dutch and English, the
languages the assistant answers in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from knowledge_base import Provision
from nlu import normalize


class Aspect(StrEnum):
    """What a follow-up asks about the provision just shown."""

    COST = "cost"
    PLACE = "place"
    HOURS = "hours"
    APPLY = "apply"
    CONTACT = "contact"
    AUDIENCE = "audience"
    # "is er ook een in mijn wijk?", "in Ekeldorp?", a postcode: the same, nearer home.
    NEARBY = "nearby"


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


_ASPECTS: dict[Aspect, re.Pattern[str]] = {
    Aspect.COST: _words(
        r"kost\w*",
        r"betal\w*",
        r"prij[sz]\w*",
        r"gratis",
        r"duur",
        r"eigen bijdrage",
        r"hoeveel geld",
        r"tarie\w+",
        r"cost\w*",
        r"pay\w*",
        r"price\w*",
        r"free",
        r"how much",
        r"fee",
    ),
    Aspect.PLACE: _words(
        r"waar (?:zit|zitten|is|zijn|ligt|vind ik)",
        r"waar (?:moet|kan) ik (?:heen|naartoe)",
        r"adres\w*",
        r"locatie",
        r"hoe kom ik er",
        r"where",
        r"address",
        r"location",
    ),
    Aspect.HOURS: _words(
        r"wanneer",
        r"open(?:ingstijden)?",
        r"(?:welke|hoe laat|op welke) (?:dag\w*|tijd\w*|uur)",
        r"tijden",
        r"hoe laat",
        r"when",
        r"opening hours",
        r"what time",
    ),
    Aspect.APPLY: _words(
        r"aan ?(?:te )?melden",
        r"aanmeld\w*",
        r"meld\w* ik",
        r"aanvra\w*",
        r"vraag ik(?= .{0,30}\baan\b)",
        r"inschrijv\w*",
        r"schrijf ik",
        r"hoe (?:kom|krijg) ik",
        r"hoe gaat (?:dat|het)",
        r"hoe werkt (?:dat|het)",
        r"wat moet ik doen",
        r"apply",
        r"sign (?:me |her |him )?up",
        r"register",
        r"how do i (?:get|join|start)",
    ),
    Aspect.CONTACT: _words(
        r"telefoon\w*",
        r"nummer",
        r"bel(?:len)?",
        r"e-?mail\w*",
        r"mailen",
        r"contact\w*",
        r"website",
        r"phone",
        r"call",
        r"number",
    ),
    Aspect.AUDIENCE: _words(
        r"voor wie",
        r"mag (?:ik|hij|zij|ze) (?:daar|er|ook)",
        r"kom (?:ik|wij|we) (?:daar|er)(?:voor)? in aanmerking",
        r"who (?:is it|can go|is this) for",
        r"am i (?:allowed|eligible)",
    ),
    Aspect.NEARBY: _words(
        r"in (?:mijn|m'?n|onze) (?:wijk|buurt|dorp)",
        r"bij (?:mij|ons)(?: in de (?:buurt|wijk))?",
        r"dichterbij",
        r"dicht bij (?:mij|huis)",
        r"ook (?:een|iets) in",
        r"in my (?:area|district|neighbou?rhood)",
        r"near (?:me|us|my home)",
        r"closer",
    ),
}
# Words pointing back at what was just said: "dat", "daar", "zoiets", "haar" (aanmelden).
_BACK = _words(
    r"dat",
    r"dit",
    r"die",
    r"deze",
    r"daar\w*",
    r"zoiets",
    r"het",
    r"er",
    r"ze",
    r"hem",
    r"haar",
    r"that",
    r"this",
    r"it",
    r"there",
    r"them",
    r"him",
    r"her",
)
# "nee, dat bedoel ik niet": the last answer missed. What follows is the real question.
_CORRECTION = re.compile(
    r"^\s*(?:(?:nee|neen|nope|no)\b[\s,.!]*)?"
    r"(?:(?:dat|dit) (?:bedoel ik|is) niet(?: wat ik (?:bedoel|zoek))?"
    r"|(?:dat|dit) bedoelde ik niet|ik bedoel(?:de)? (?:niet|eigenlijk)?|niet wat ik zoek"
    r"|(?:that'?s|that is) not what i (?:mean|meant|am looking for)|i mean(?:t)?)\b[\s,.:!]*"
)
# Words that carry no topic of their own (the rest of a follow-up is checked against the
# catalogue: "hoe vraag ik bijzondere bijstand aan" is a new question, not a follow-up).
_FILLER = frozenset(
    """
    en of maar ook nog wel eens even nou ja nee ok oke oké hoe wat waar wie wanneer welke
    is zijn er een de het ik je u we wij jij zij ze hij mij me mijn m'n ons onze uw jullie
    kan kun kunt kunnen mag moet moeten wil wilt zou zouden gaat gaan doe doen heb heeft
    hebben doet precies eigenlijk zo zoiets per maand week keer dan daar dat dit die deze voor
    van bij in op aan naar om te met over lijkt lijken graag fijn leuk goed dank bedankt
    hallo zit ligt staat open wel and or but also the a an i you we it that this there
    is are do does can could should would how what where when which who for to of in on at
    my me our please thanks wijk buurt dorp woon woont area
    """.split()
)


@dataclass(frozen=True)
class FollowUp:
    aspects: tuple[Aspect, ...]
    # The words left once the follow-up's own words are taken out: a topic of its own
    # when the catalogue finds something for them.
    rest: str


@dataclass(frozen=True)
class Correction:
    # What the resident meant instead ("ik zoek iemand die klusjes doet"); empty when
    # they only said the answer missed.
    meant: str


MAX_FOLLOW_UP_WORDS = 16


def read_follow_up(text: str) -> FollowUp | None:
    """The aspects a short question asks about what was just shown; None when it asks
    about nothing of the kind, or is too long to be a follow-up."""
    plain = normalize(text)
    words = re.findall(r"[\w'-]+", plain)
    if not words or len(words) > MAX_FOLLOW_UP_WORDS:
        return None
    aspects = tuple(a for a, pattern in _ASPECTS.items() if pattern.search(plain))
    if not aspects:
        return None
    if not _BACK.search(plain) and len(words) > 10:
        return None
    rest = plain
    for pattern in (*_ASPECTS.values(), _BACK):
        rest = pattern.sub(" ", rest)
    kept = [
        w
        for w in re.findall(r"[\w'-]+", rest)
        if w not in _FILLER and len(w) > 2 and not any(c.isdigit() for c in w)
    ]
    return FollowUp(aspects, " ".join(kept))


def read_correction(text: str) -> Correction | None:
    """ "nee, dat bedoel ik niet (, ik zoek ...)": what the resident meant instead."""
    plain = normalize(text)
    match = _CORRECTION.match(plain)
    if match is None or (match.end() == 0):
        return None
    if not match.group(0).strip():
        return None
    meant = text[_original_offset(text, plain, match.end()) :].strip(" ,.:;!-")
    meant = re.sub(r"^(?:ik zoek|ik bedoel|i mean|i am looking for)\s+", "", meant, flags=re.I)
    return Correction(meant if re.search(r"\w{3,}", meant) else "")


def _original_offset(text: str, plain: str, offset: int) -> int:
    """Where ``offset`` in the normalised text falls in the original (they differ only
    where normalising shortened the text: stretched letters)."""
    if len(text) == len(plain):
        return offset
    # Count words: the normalised text keeps every word of the original.
    consumed = len(re.findall(r"\S+", plain[:offset]))
    spans = list(re.finditer(r"\S+", text))
    return spans[consumed].start() if consumed < len(spans) else len(text)


_ORDINALS = {
    0: _words(r"(?:de |het |die )?eerste", r"(?:the )?first"),
    1: _words(r"(?:de |het |die )?tweede", r"(?:the )?second"),
    2: _words(r"(?:de |het |die )?derde", r"(?:the )?third"),
    -1: _words(r"(?:de |het |die )?laatste", r"(?:the )?last (?:one|card)"),
}
# A word of a provision's name this close to a word of the follow-up names it.
NAME_MATCH = 85
# Words every provision name may share ("Wijkteam Centrum", "Buurthuis De Linde").
_NAME_FILLER = frozenset({"de", "het", "van", "en", "in", "voor", "met", "lindenhaven"})


def pointed_at(text: str, rest: str, shown: list[Provision]) -> Provision | None:
    """The provision a follow-up points at, among those just shown: "de tweede", "de
    laatste", or (part of) its name ("wat kost de rouwgroep?"); None when it does not say."""
    if not shown:
        return None
    plain = normalize(text)
    for index, pattern in _ORDINALS.items():
        if pattern.search(plain) and -len(shown) <= index < len(shown):
            return shown[index]
    said = [w for w in rest.split() if len(w) >= 4]
    best: tuple[float, Provision] | None = None
    for provision in shown:
        names = [
            w
            for w in re.findall(r"[\w'-]+", normalize(provision.name))
            if len(w) >= 4 and w not in _NAME_FILLER
        ]
        score = max((fuzz.ratio(a, b) for a in said for b in names), default=0.0)
        if score >= NAME_MATCH and (best is None or score > best[0]):
            best = (score, provision)
    return best[1] if best else None
