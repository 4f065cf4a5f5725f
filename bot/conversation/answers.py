"""Answers from the catalogue: a question searched, the provisions worth reading shown as
cards with a first sentence that fits, the same help nearer home once the district is
known, and the district team offered when a question needs a person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from bot.conversation import answer_replies, life_events, payloads, replies
from bot.conversation.cards import card_for
from bot.conversation.handoff_flow import HandoffFlow
from bot.conversation.messages import Button, Card, Reply
from bot.conversation.route_fit import Fit, moments, referral_fit, touched_domains
from bot.conversation.states import State
from bot.conversation.turn import Turn
from bot.platform.municipality import Municipality
from handoff import Directory
from knowledge_base import Provision, SearchResult
from nlu import LifeEvent, Understanding, request_clause

MAX_CARDS = 3
# Cards under a referral offer: what may help meanwhile, not the answer itself.
REFERRAL_CARDS = 2
# A card is shown only with at least this share of the best card's score: no fillers.
RELEVANT_SHARE = 0.6
# A message longer than this is a story: its request sentence is searched on its own too.
LONG_STORY_WORDS = 20
# How much the request sentence adds to a provision the whole story found too.
CLAUSE_WEIGHT = 0.5
# Provisions the whole message finds, among which its request sentence may reorder.
CANDIDATES = 8
_NEGATED = re.compile(r"\b(?:geen|no)\s+[^\W\d_]+(?:\s+ofzo)?", re.IGNORECASE)


class ProvisionFinder(Protocol):
    def search(
        self,
        query: str,
        *,
        domains: Sequence[str] = (),
        district_id: str | None = None,
        limit: int = 3,
    ) -> Sequence[SearchResult]: ...

    def provision(self, provision_id: str) -> Provision | None: ...

    def of_service_type(
        self, service_type: str, *, district_id: str | None = None
    ) -> Sequence[Provision]: ...


class Answers:
    def __init__(
        self,
        *,
        finder: ProvisionFinder,
        directory: Directory,
        municipality: Municipality,
        handoff: HandoffFlow,
    ) -> None:
        self._finder = finder
        self._directory = directory
        self._municipality = municipality
        self._handoff = handoff

    def _nearby(self, shown: Sequence[str], district_id: str) -> list[Provision]:
        """What was just shown, as it applies in the resident's district: a provision of
        another district gives way to one of the same kind in theirs (or for the whole
        municipality); one for the whole municipality or their district stays."""
        chosen: dict[str, Provision] = {}
        for provision in (self._finder.provision(i) for i in shown):
            if provision is None:
                continue
            if provision.whole_municipality or district_id in provision.district_ids:
                local = [
                    p
                    for p in self._finder.of_service_type(
                        provision.service_types[0], district_id=district_id
                    )
                    if district_id in p.district_ids
                ]
                found = local[:1] or [provision]
            else:
                found = list(
                    self._finder.of_service_type(
                        provision.service_types[0], district_id=district_id
                    )
                )[:1]
            for p in found:
                chosen.setdefault(p.id, p)
        return list(chosen.values())[:MAX_CARDS]

    def other_kinds(
        self, turn: Turn, query: str, domains: Sequence[str], shown: Sequence[str]
    ) -> list[Card]:
        """Other kinds of help the last question may have meant (at most three)."""
        kinds = {
            t for p in (self._finder.provision(i) for i in shown) if p for t in p.service_types
        }
        found = self._finder.search(
            query, domains=domains, district_id=turn.conversation.district_id, limit=6
        )
        return [
            card_for(r.provision, turn.texts)
            for r in found
            if r.provision.id not in shown and not kinds & set(r.provision.service_types)
        ][:MAX_CARDS]

    # -- a question ------------------------------------------------------------------------

    def question(
        self,
        turn: Turn,
        query: str,
        domains: Sequence[str],
        *,
        exclude: Sequence[str] = (),
    ) -> list[Reply]:
        """A question for the catalogue, or for the district team: whatever fits."""
        u = turn.understanding
        assert u is not None
        results = self._search(turn, query, domains, exclude=exclude)
        fit = referral_fit(u, results)
        event = self._life_event(turn, u)
        if (
            event is not None
            and not u.cues.strained
            and moments(u.cues.life_events) < 2
            and len(touched_domains(u)) <= 2
        ):
            # A moment in life, told as such: what to think of now, and an offer to talk.
            bundle = self._bundle(turn, event, results)
            if len(bundle) >= 2:
                return self.show(turn, bundle, query, domains, Fit.ANSWER_AND_OFFER, event=event)
        if fit is Fit.ENTANGLED:
            return self.referral(turn, fit, results[:REFERRAL_CARDS])
        if not results:
            return self.not_understood(turn)
        return self.show(turn, [r.provision for r in results], query, domains, fit)

    def _search(
        self, turn: Turn, query: str, domains: Sequence[str], *, exclude: Sequence[str] = ()
    ) -> list[SearchResult]:
        """At most three provisions, each close enough to the best one to be worth
        reading: never fillers to make up the number.

        What the resident says they do not have ("geen schulden ofzo") is no search word;
        in a long story, the sentence that asks for something counts twice."""
        query = _NEGATED.sub(" ", query)
        district_id = turn.conversation.district_id
        results = self._finder.search(
            query, domains=domains, district_id=district_id, limit=CANDIDATES + len(exclude)
        )
        results = [r for r in results if r.provision.id not in exclude]
        if not results:
            return []
        top = results[0].score
        scores = {r.provision.id: r.score / top for r in results}
        asked = request_clause(query) if words(query) > LONG_STORY_WORDS else None
        if asked:
            again = self._finder.search(asked, domains=domains, district_id=district_id)
            for r in again:
                if r.provision.id in scores:
                    scores[r.provision.id] += CLAUSE_WEIGHT * r.score / again[0].score
        results.sort(key=lambda r: (-scores[r.provision.id], r.provision.name))
        best = scores[results[0].provision.id]
        return [r for r in results[:MAX_CARDS] if scores[r.provision.id] >= RELEVANT_SHARE * best]

    def _life_event(self, turn: Turn, u: Understanding) -> LifeEvent | None:
        cues = u.cues
        if not cues.life_events or cues.asks_specific:
            return None
        if words(turn.text) < life_events.MIN_WORDS:
            return None
        return cues.life_events[0]

    def _bundle(
        self, turn: Turn, event: LifeEvent, results: Sequence[SearchResult]
    ) -> list[Provision]:
        """What to think of after a life event: the best match for the resident's own
        words first, then the event's kinds of help the catalogue has."""
        district_id = turn.conversation.district_id
        chosen: list[Provision] = [results[0].provision] if results else []
        rank = {
            r.provision.id: i
            for i, r in enumerate(self._finder.search(turn.text, district_id=district_id, limit=30))
        }
        for service_type in life_events.BUNDLES[event]:
            if len(chosen) >= life_events.MAX_BUNDLE:
                break
            if any(service_type in p.service_types for p in chosen):
                continue
            found = list(self._finder.of_service_type(service_type, district_id=district_id))
            # That kind of help first and foremost (not a family buddy for "maatje"), in
            # the resident's district, then what their words fit best.
            found.sort(
                key=lambda p: (
                    p.service_types[0] != service_type,
                    bool(district_id) and district_id not in p.district_ids,
                    rank.get(p.id, len(rank)),
                )
            )
            if found:
                chosen.append(found[0])
        return chosen

    def show(
        self,
        turn: Turn,
        provisions: Sequence[Provision],
        query: str,
        domains: Sequence[str],
        fit: Fit,
        *,
        event: LifeEvent | None = None,
        near: str | None = None,
    ) -> list[Reply]:
        """The answer: a first sentence that fits, compact cards, and what may follow."""
        u = turn.understanding
        feelings = u.cues.feelings if u is not None else ()
        asked = bool(turn.conversation.state_data.get("district_asked"))
        turn.set_state(
            State.IDLE,
            misses=None,
            shown=[p.id for p in provisions],
            last_query=query[:500],
            last_domains=list(domains),
        )
        cards = tuple(card_for(p, turn.texts) for p in provisions)
        text = answer_replies.opening(
            turn.texts, feelings=feelings, life_event=event, count=len(cards), near=near
        )
        buttons: list[Button] = []
        note = None
        if fit is Fit.MELDING:
            note = answer_replies.melding_note(turn.texts, cards[0])
            buttons.append(answer_replies.melding_button(turn.texts))
        elif fit is Fit.ANSWER_AND_OFFER or event is not None:
            buttons.append(answer_replies.think_along(turn.texts))
        local = next((p for p in provisions if not p.whole_municipality), None)
        if local is not None and turn.conversation.district_id is None:
            # Shown for one district while the resident's is not known: say so.
            names = [d.name for i in local.district_ids if (d := self._directory.district(i))]
            where = answer_replies.only_in(turn.texts, local.name, names)
            note = f"{note}\n\n{where}" if note else where
            if not asked:
                buttons.append(
                    Button(
                        turn.texts.gettext("Show help in my district"),
                        payloads.ASK_DISTRICT.wire,
                    )
                )
        return [answer_replies.answer(turn.texts, text, cards, tuple(buttons), note=note)]

    def referral(self, turn: Turn, fit: Fit, found: Sequence[SearchResult]) -> list[Reply]:
        """Offer the district team, in words for why; consent is asked next."""
        u = turn.understanding
        cards = tuple(card_for(r.provision, turn.texts) for r in found)
        online = (
            fit is Fit.PERSON
            and turn.conversation.held_by_id is None
            and self._municipality.volunteers_on_duty(turn.at)
        )
        intro = answer_replies.referral_intro(
            turn.texts,
            fit,
            cards,
            feelings=u.cues.feelings if u is not None else (),
            volunteer_online=online,
        )
        return self._handoff.start(turn, cards, intro=intro)

    def not_understood(self, turn: Turn) -> list[Reply]:
        misses = int(turn.conversation.state_data.get("misses", 0)) + 1
        turn.set_state(State.IDLE, misses=misses)
        return [replies.not_understood(turn.texts, misses=misses, municipality=self._municipality)]

    def answer_again(
        self, turn: Turn, query: str, domains: Sequence[str], *, shown: Sequence[str] = ()
    ) -> list[Reply]:
        """The last question again, now that the district is known: the same kinds of
        help as those shown, nearer home, or else a new search."""
        district_id = turn.conversation.district_id
        nearby = self._nearby(shown, district_id) if district_id else []
        if nearby:
            district = self._directory.district(district_id) if district_id else None
            near = district.name if district is not None else None
            return self.show(turn, nearby, query, domains, Fit.ANSWER, near=near)
        results = self._search(turn, query, domains)
        if not results:
            return self.not_understood(turn)
        return self.show(turn, [r.provision for r in results], query, domains, Fit.ANSWER)


def words(text: str) -> int:
    return len(text.split())
