"""Whether the district team fits a question, and why: a referral only where it helps.

The classifier's "handoff" route says a message reads like a need for a person. That is a
good reason to think of the district team, not yet a reason to push it: "ben ontslagen,
waar vraag ik een uitkering aan?" reads like a story but asks for one provision. A referral
is offered when the need is entangled (several living domains at once, or the resident
says it is too much), when the resident asks for a person, or when a Wmo provision needs a
melding; each gets its own words. Everything else gets its answer, and at most a quiet
"would you like someone to think along?" button.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from knowledge_base import Access, SearchResult
from nlu import LifeEvent, Route, Understanding

# A living domain counts as touched from this classifier score on.
TOUCHED = 0.25
# This many domains touched at once, in a story that asks for nothing in particular, is
# an entangled need.
ENTANGLED_DOMAINS = 2
# The service type of the district teams themselves: a card of theirs is not a melding.
DISTRICT_TEAM = "wijkteam"


class Fit(StrEnum):
    # The answer, with no offer.
    ANSWER = "answer"
    # The answer, with a quiet "would you like someone to think along?" button.
    ANSWER_AND_OFFER = "answer_and_offer"
    # The resident asks for a person, the district team, a call.
    PERSON = "person"
    # Several things at once, or too much: the district team looks at the whole.
    ENTANGLED = "entangled"
    # The answer is a Wmo provision that needs a melding: the district team makes it.
    MELDING = "melding"


# Life events that are one moment told twice: a parent's diagnosis is how one becomes a carer.
_ONE_MOMENT = (frozenset({LifeEvent.DIAGNOSIS, LifeEvent.BECOMING_CARER}),)


def moments(events: Sequence[LifeEvent]) -> int:
    """How many separate moments in life the events are."""
    found = set(events)
    count = len(found)
    for pair in _ONE_MOMENT:
        if pair <= found:
            count -= len(pair) - 1
    return count


def touched_domains(u: Understanding) -> list[str]:
    return [d for d, s in u.scores.items() if s >= TOUCHED]


def referral_fit(u: Understanding, results: Sequence[SearchResult]) -> Fit:
    """What to do with a question, given what it says and what the catalogue found."""
    cues = u.cues
    if cues.asks_person:
        return Fit.PERSON
    if cues.strained and u.route is not Route.OTHER:
        return Fit.ENTANGLED
    if moments(cues.life_events) >= 2 and u.route is not Route.OTHER and not cues.asks_specific:
        # Two moments at once (a job lost and a relationship ended): the district team
        # looks at the whole; one bundle would answer only one of them.
        return Fit.ENTANGLED
    broad = len(touched_domains(u)) >= ENTANGLED_DOMAINS or not results
    if u.route is Route.HANDOFF and not cues.asks_specific and broad:
        return Fit.ENTANGLED
    if results and needs_melding(results[0]):
        return Fit.MELDING
    if u.route is Route.HANDOFF or cues.feelings:
        return Fit.ANSWER_AND_OFFER
    return Fit.ANSWER


def needs_melding(result: SearchResult) -> bool:
    provision = result.provision
    return provision.access is Access.REFERRAL and DISTRICT_TEAM not in provision.service_types
