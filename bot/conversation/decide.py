"""Deciding what the assistant says, from the conversation's state and the understanding.

Order matters: a crisis is answered first in every state; then a button press; then the
open question of the current state; then the route of a new question.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from rapidfuzz import fuzz, process

from bot.conversation import answer_replies, crisis_replies, life_events, payloads, replies
from bot.conversation.cards import card_for
from bot.conversation.followup import Aspect, pointed_at, read_correction, read_follow_up
from bot.conversation.handoff_flow import HandoffFlow
from bot.conversation.messages import Button, Card, Reply
from bot.conversation.payloads import Payload, PayloadKind
from bot.conversation.route_fit import Fit, moments, referral_fit, touched_domains
from bot.conversation.states import State, is_handoff_state
from bot.conversation.store import merged_state_data
from bot.platform.i18n import Catalogs, Texts
from bot.platform.models import Conversation
from bot.platform.municipality import Municipality
from handoff import Directory, DistrictInfo
from knowledge_base import Provision, SearchResult
from nlu import Act, Analyzer, CrisisKind, LifeEvent, Route, Understanding, request_clause

logger = logging.getLogger(__name__)

SPOKEN = ("nl", "en")
# The service type of emergency shelter (spec/service-types.yaml).
SHELTER = "maatschappelijke_opvang"
MAX_DISTRICT_ATTEMPTS = 2
# A message this short says too little about its language to switch the conversation.
MIN_WORDS_TO_SWITCH_LANGUAGE = 3
MAX_CARDS = 3
# Acts that are talk, not a question, whatever words they use.
SOCIAL_ACTS = frozenset(
    {
        Act.GREET,
        Act.THANK,
        Act.BYE,
        Act.AFFIRM,
        Act.DENY,
        Act.STOP,
        Act.BOT_QUESTION,
        Act.ASK_STATUS,
    }
)
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
# "ik woon in Ekeldorp" after an answer: a district named in a short message is the
# place for the last question; in a long one it is part of a new story.
MAX_DISTRICT_WORDS = 12


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


@dataclass
class Turn:
    """One resident message being answered; handlers change the conversation in place."""

    conversation: Conversation
    texts: Texts
    text: str
    payload: str | None
    understanding: Understanding | None
    catalogs: Catalogs
    at: datetime  # naive UTC, when the message is answered
    # The resident's message in the log, and the label of the button pressed (if any).
    message_id: int | None = None
    pressed: str | None = None

    def set_state(self, state: State, **data: object) -> None:
        self.conversation.state = state.value
        self.conversation.state_data = merged_state_data(self.conversation, **data)

    def set_locale(self, locale: str) -> None:
        self.conversation.locale = locale
        self.texts = self.catalogs.get(locale)


class Decider:
    def __init__(
        self,
        *,
        finder: ProvisionFinder,
        directory: Directory,
        municipality: Municipality,
        handoff: HandoffFlow,
        analyzer: Analyzer | None = None,
    ) -> None:
        self._analyzer = analyzer
        self._finder = finder
        self._directory = directory
        self._municipality = municipality
        self._handoff_flow = handoff

    def welcome(self, texts: Texts) -> list[Reply]:
        return [replies.welcome(texts, self._municipality.name)]

    def decide(self, turn: Turn) -> list[Reply]:
        u = turn.understanding
        if u is not None and u.route is Route.CRISIS:
            return self._crisis(turn)
        if turn.conversation.state == State.CRISIS_CHECK.value:
            answered = self._safety_answer(turn)
            if answered is not None:
                return answered
        payload = Payload.parse(turn.payload)
        if is_handoff_state(turn.conversation.state) and (
            turn.payload is None or (payload is not None and payload.kind is PayloadKind.HANDOFF)
        ):
            answered = self._handoff_flow.answer(turn)
            if answered is not None:
                return answered
        if turn.payload is not None:
            return self._button(turn)
        assert u is not None
        if u.language not in SPOKEN and (
            _words(turn.text) >= MIN_WORDS_TO_SWITCH_LANGUAGE or not _latin(turn.text)
        ):
            return [self._other_language(turn, u.language)]
        if (
            u.language in SPOKEN
            and u.language != turn.conversation.locale
            and _words(turn.text) >= MIN_WORDS_TO_SWITCH_LANGUAGE
        ):
            turn.set_locale(u.language)
        if turn.conversation.state == State.AWAITING_DISTRICT.value:
            answered = self._district_answer(turn)
            if answered is not None:
                return answered
        return self._new_question(turn)

    # -- routes -------------------------------------------------------------------------

    def _new_question(self, turn: Turn) -> list[Reply]:
        u = turn.understanding
        assert u is not None
        topic = dict(turn.conversation.state_data)
        turn.set_state(State.IDLE, purpose=None, query=None, attempts=None, handoff=None)
        status = self._handoff_flow.status(turn)
        if status is not None:
            return status
        district_named = self._note_district(turn)
        if u.cues.asks_person:
            return self._referral(turn, Fit.PERSON, ())
        if topic.get("shown"):
            answered = self._about_topic(turn, topic, district_named=district_named)
            if answered is not None:
                return answered
        if u.route is Route.OTHER and u.act == Act.UNCLEAR:
            # Not one known word: say so, and count it as a miss (twice: a person).
            return self._not_understood(turn)
        if u.route is Route.OTHER and u.act not in SOCIAL_ACTS and self._names_a_provision(turn):
            # "vervoer", "hoe vraag ik een gehandicaptenparkeerkaart aan?": read as small
            # talk or out of scope, but the catalogue has it by name.
            return self._question(turn, turn.text, ())
        if u.route is Route.OTHER:
            return [self._other(turn)]
        return self._question(turn, turn.text, u.domains)

    # -- a follow-up to what was just shown ----------------------------------------------

    def _about_topic(
        self, turn: Turn, topic: dict[str, Any], *, district_named: bool
    ) -> list[Reply] | None:
        """A follow-up ("wat kost dat?", "is er ook een in Ekeldorp?") or a correction
        ("nee, ik bedoel ...") of the last answer; None when it is a new question."""
        shown = [str(i) for i in topic.get("shown") or []]
        query = str(topic.get("last_query") or "")
        domains = [str(d) for d in topic.get("last_domains") or []]
        correction = read_correction(turn.text)
        if correction is not None:
            if not correction.meant:
                others = self._other_kinds(turn, query, domains, shown)
                turn.set_state(State.IDLE, shown=None, misses=None)
                return [answer_replies.what_then(turn.texts, others)]
            meant = self._understand_again(turn, correction.meant)
            return self._question(turn, correction.meant, meant.domains, exclude=shown)
        follow = read_follow_up(turn.text)
        if follow is None and not (district_named and _words(turn.text) <= MAX_DISTRICT_WORDS):
            return None
        rest = self._without_districts(follow.rest) if follow is not None else ""
        provisions = [p for p in (self._finder.provision(i) for i in shown) if p is not None]
        named = pointed_at(turn.text, rest, provisions)
        if rest and named is None and self._names_a_topic(rest, turn):
            return None
        aspects = follow.aspects if follow is not None else (Aspect.NEARBY,)
        if Aspect.NEARBY in aspects or district_named:
            if turn.conversation.district_id is None:
                if topic.get("district_asked"):
                    return None
                turn.set_state(
                    State.AWAITING_DISTRICT,
                    purpose="local",
                    attempts=0,
                    district_asked=True,
                    last_query=query,
                    last_domains=domains,
                )
                districts = self._directory.districts()
                return [answer_replies.ask_district_choice(turn.texts, districts)]
            return self._answer_again(turn, query, domains, shown=shown)
        provision = named or (provisions[0] if provisions else None)
        if provision is None:
            return None
        return [answer_replies.follow_up(turn.texts, card_for(provision, turn.texts), aspects)]

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

    def _other_kinds(
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

    def _names_a_provision(self, turn: Turn) -> bool:
        found = self._finder.search(turn.text, district_id=turn.conversation.district_id, limit=1)
        return bool(found) and found[0].named

    def _without_districts(self, words: str) -> str:
        names = {w for d in self._directory.districts() for w in d.name.lower().split()}
        return " ".join(w for w in words.split() if w not in names)

    def _names_a_topic(self, words: str, turn: Turn) -> bool:
        """Whether the words left in a follow-up name something of their own: "hoe vraag
        ik bijzondere bijstand aan" asks about that fund, not about what was shown."""
        return bool(self._finder.search(words, district_id=turn.conversation.district_id, limit=1))

    def _understand_again(self, turn: Turn, text: str) -> Understanding:
        """What the words after "nee, ik bedoel" are about (the domains of the whole
        message still carry the misunderstood ones)."""
        if self._analyzer is None:
            assert turn.understanding is not None
            return turn.understanding
        return self._analyzer.analyze(text, locale_hint=turn.conversation.locale)

    def _note_district(self, turn: Turn) -> bool:
        """Keep a postcode or district named anywhere in the conversation for it; True
        when this message named one."""
        u = turn.understanding
        if u is None:
            return False
        district: DistrictInfo | None = None
        postcode = u.entity("postcode")
        if postcode is not None:
            district = self._directory.lookup(postcode.value).district
        named = u.entity("district")
        if district is None and named is not None:
            district = self._district_by_name(named.value)
        if district is None:
            return False
        turn.conversation.district_id = district.id
        return True

    # -- a question ------------------------------------------------------------------------

    def _question(
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
                return self._show(turn, bundle, query, domains, Fit.ANSWER_AND_OFFER, event=event)
        if fit is Fit.ENTANGLED:
            return self._referral(turn, fit, results[:REFERRAL_CARDS])
        if not results:
            return self._not_understood(turn)
        return self._show(turn, [r.provision for r in results], query, domains, fit)

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
        asked = request_clause(query) if _words(query) > LONG_STORY_WORDS else None
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
        if _words(turn.text) < life_events.MIN_WORDS:
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

    def _show(
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

    def _referral(self, turn: Turn, fit: Fit, found: Sequence[SearchResult]) -> list[Reply]:
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
        return self._handoff_flow.start(turn, cards, intro=intro)

    def _not_understood(self, turn: Turn) -> list[Reply]:
        misses = int(turn.conversation.state_data.get("misses", 0)) + 1
        turn.set_state(State.IDLE, misses=misses)
        return [replies.not_understood(turn.texts, misses=misses, municipality=self._municipality)]

    def offer_handoff(self, turn: Turn) -> list[Reply]:
        """A person offers the referral (a volunteer who read along): consent first."""
        return self._handoff_flow.start(turn, ())

    def _crisis(self, turn: Turn) -> list[Reply]:
        """Emergency numbers first, in the language the message was written in; then,
        unless a volunteer holds the conversation (they ask), "are you safe right now?"."""
        u = turn.understanding
        assert u is not None
        if u.language in SPOKEN and u.language != turn.conversation.locale:
            turn.set_locale(u.language)
        texts = self._texts_for(turn, u.language)
        kinds = u.crises or ((u.crisis,) if u.crisis else ())
        reply = crisis_replies.crisis(texts, kinds, young=u.young, municipality=self._municipality)
        if CrisisKind.HOMELESS in kinds:
            reply = dataclasses.replace(reply, cards=self._shelters(turn))
        said = [reply]
        held = turn.conversation.held_by_id is not None
        ask = not held and (not kinds or kinds[0] is not CrisisKind.MEDICAL)
        turn.set_state(
            State.CRISIS_CHECK if ask else State.IDLE,
            purpose=None,
            query=None,
            attempts=None,
            handoff=None,
            crisis=True,
            young=u.young or None,
            crisis_locale=texts.locale,
        )
        if ask:
            first = kinds[0] if kinds else None
            said.append(crisis_replies.safety_check(texts, first, young=u.young))
        return said

    def _safety_answer(self, turn: Turn) -> list[Reply] | None:
        """The answer to "are you safe right now?"; None when the message is something
        else (it is then read as a new message)."""
        data = turn.conversation.state_data
        texts = self._texts_for(turn, str(data.get("crisis_locale") or turn.texts.locale))
        young = bool(data.get("young"))
        u = turn.understanding
        payload = Payload.parse(turn.payload)
        safe = payload == payloads.CRISIS_SAFE or (
            turn.payload is None and u is not None and u.act == Act.AFFIRM
        )
        unsafe = payload == payloads.CRISIS_UNSAFE or (
            turn.payload is None and u is not None and u.act == Act.DENY
        )
        if not (safe or unsafe):
            turn.set_state(State.IDLE)
            return None
        if unsafe:
            turn.set_state(State.IDLE)
            return [crisis_replies.unsafe(texts, young=young)]
        if texts.locale not in SPOKEN:
            # The referral's steps are in Dutch and English only: an interpreter helps.
            turn.set_state(State.IDLE)
            return [crisis_replies.other_language(texts, self._municipality)]
        if young:
            turn.set_state(State.IDLE)
            return [crisis_replies.safe_now(texts, young=True)]
        return self._handoff_flow.start(
            turn, (), urgent=True, intro=crisis_replies.safe_now(texts, young=young)
        )

    def _texts_for(self, turn: Turn, language: str) -> Texts:
        """The catalog of the language a message was written in, where there is one (the
        served languages and the emergency ones); else the conversation's own."""
        if language in turn.catalogs.all_locales:
            return turn.catalogs.get(language)
        return turn.texts

    def _other_language(self, turn: Turn, language: str) -> Reply:
        if language in turn.catalogs.all_locales:
            return crisis_replies.other_language(turn.catalogs.get(language), self._municipality)
        return replies.other_language(turn.catalogs, self._municipality)

    def _shelters(self, turn: Turn) -> tuple[Card, ...]:
        """Emergency shelter from the catalogue, for no roof tonight (at most two)."""
        found = self._finder.search(
            turn.text, domains=("housing",), district_id=turn.conversation.district_id, limit=6
        )
        return tuple(
            card_for(r.provision, turn.texts) for r in found if SHELTER in r.provision.service_types
        )[:2]

    def _other(self, turn: Turn) -> Reply:
        u = turn.understanding
        assert u is not None
        return replies.small_talk(turn.texts, u.act, self._municipality)

    # -- buttons ------------------------------------------------------------------------

    def _button(self, turn: Turn) -> list[Reply]:
        payload = Payload.parse(turn.payload)
        if payload is None:
            return [replies.unknown_button(turn.texts)]
        kind, value = payload.kind, payload.value
        if kind is PayloadKind.LANG and value in turn.catalogs.locales:
            turn.set_locale(value)
            return [replies.language_set(turn.texts)]
        if payload == payloads.ASK_DISTRICT:
            turn.set_state(
                State.AWAITING_DISTRICT, purpose="local", attempts=0, district_asked=True
            )
            return [answer_replies.ask_district_choice(turn.texts, self._directory.districts())]
        if kind is PayloadKind.DISTRICT:
            district = self._directory.district(value)
            if district is not None:
                return self._district_known(turn, district)
        if payload in (payloads.FEEDBACK_YES, payloads.FEEDBACK_NO):
            return [replies.feedback(turn.texts, helpful=payload == payloads.FEEDBACK_YES)]
        if payload == payloads.ASK_TEAM:
            return self._handoff_flow.start(turn, ())
        if kind is PayloadKind.SHOW:
            provision = self._finder.provision(value)
            if provision is not None:
                data = turn.conversation.state_data
                query = str(data.get("last_query") or provision.name)
                domains = [str(d) for d in data.get("last_domains") or []]
                return self._show(turn, [provision], query, domains, Fit.ANSWER)
        if payload == payloads.ASK_PERSON:
            return self._referral(turn, Fit.PERSON, ())
        if payload == payloads.ASK_MELDING:
            return self._referral(turn, Fit.MELDING, ())
        if kind is PayloadKind.RESTART:
            turn.set_state(State.IDLE, purpose=None, query=None, attempts=None, misses=None)
            return self.welcome(turn.texts)
        if kind is PayloadKind.STATUS:
            return self._handoff_flow.last_status(turn) or [
                replies.small_talk(turn.texts, Act.ASK_STATUS, self._municipality)
            ]
        if kind is PayloadKind.STOP:
            return self._stop(turn)
        if kind is PayloadKind.LOCATION:
            return self._location(turn)
        return [replies.unknown_button(turn.texts)]

    def _stop(self, turn: Turn) -> list[Reply]:
        """Stop whatever question is open (a referral is then not sent) and say goodbye."""
        said: list[Reply] = []
        if is_handoff_state(turn.conversation.state):
            said.append(replies.handoff_stopped(turn.texts, declined=False))
        turn.set_state(
            State.IDLE, purpose=None, query=None, attempts=None, misses=None, handoff=None
        )
        return [*said, replies.small_talk(turn.texts, Act.BYE, self._municipality)]

    def _location(self, turn: Turn) -> list[Reply]:
        """A location shared on a map. The municipality's districts are postcode ranges,
        with no map data to place a point in, so say so and ask for the postcode."""
        if is_handoff_state(turn.conversation.state):
            # The referral's own postcode question (or another step) stays open.
            return [replies.location_unusable(turn.texts)]
        turn.set_state(State.AWAITING_DISTRICT, purpose="local", attempts=0)
        return [replies.location_unusable(turn.texts)]

    # -- the open question: which district -----------------------------------------------

    def _district_answer(self, turn: Turn) -> list[Reply] | None:
        """Read the reply to "what is your postcode"; None when it is a new question."""
        lookup = self._directory.lookup(turn.text)
        if lookup.district is not None:
            return self._district_known(turn, lookup.district)
        if lookup.outside_municipality:
            turn.set_state(State.IDLE, purpose=None, attempts=None)
            central = self._directory.central_team()
            return [replies.outside_municipality(turn.texts, self._municipality, central)]
        district = self._district_by_name(turn.text)
        if district is not None:
            return self._district_known(turn, district)
        u = turn.understanding
        if u is not None and u.act in {Act.STOP, Act.DENY}:
            turn.set_state(State.IDLE, purpose=None, attempts=None)
            return [replies.fine_no_district(turn.texts)]
        if u is not None and u.route is not Route.OTHER and u.domains:
            return None
        attempts = int(turn.conversation.state_data.get("attempts", 0)) + 1
        if attempts >= MAX_DISTRICT_ATTEMPTS:
            turn.set_state(State.IDLE, purpose=None, attempts=None)
            return [replies.district_given_up(turn.texts, self._directory.central_team())]
        turn.set_state(State.AWAITING_DISTRICT, attempts=attempts)
        return [replies.ask_district_again(turn.texts, self._directory.districts())]

    def _answer_again(
        self, turn: Turn, query: str, domains: Sequence[str], *, shown: Sequence[str] = ()
    ) -> list[Reply]:
        """The last question again, now that the district is known: the same kinds of
        help as those shown, nearer home, or else a new search."""
        district_id = turn.conversation.district_id
        nearby = self._nearby(shown, district_id) if district_id else []
        if nearby:
            district = self._directory.district(district_id) if district_id else None
            near = district.name if district is not None else None
            return self._show(turn, nearby, query, domains, Fit.ANSWER, near=near)
        results = self._search(turn, query, domains)
        if not results:
            return self._not_understood(turn)
        return self._show(turn, [r.provision for r in results], query, domains, Fit.ANSWER)

    def _district_by_name(self, text: str) -> DistrictInfo | None:
        districts = {d.id: d.name for d in self._directory.districts()}
        if not districts or len(text) > 60:
            return None
        match = process.extractOne(text, districts, scorer=fuzz.WRatio, score_cutoff=85)
        return self._directory.district(match[2]) if match else None

    def _district_known(self, turn: Turn, district: DistrictInfo) -> list[Reply]:
        purpose = turn.conversation.state_data.get("purpose")
        query = turn.conversation.state_data.get("query") or turn.conversation.state_data.get(
            "last_query"
        )
        domains = turn.conversation.state_data.get("last_domains") or []
        turn.conversation.district_id = district.id
        turn.set_state(State.IDLE, purpose=None, attempts=None, query=None)
        noted = replies.district_noted(turn.texts, district.name)
        if purpose == "team":
            team = self._directory.team_for_district(district.id)
            return [noted, replies.team_contact(turn.texts, team)]
        if query:
            shown = [str(i) for i in turn.conversation.state_data.get("shown") or []]
            return [noted, *self._answer_again(turn, query, domains, shown=shown)]
        return [noted]


def _words(text: str) -> int:
    return len(text.split())


def _latin(text: str) -> bool:
    """Whether the letters are Latin ones: a Dutch or English resident never writes in
    Arabic, Cyrillic or Ge'ez script, so even one word in those is another language."""
    letters = [ch for ch in text if ch.isalpha()]
    return not letters or sum(ch.isascii() or "LATIN" in _name(ch) for ch in letters) * 2 > len(
        letters
    )


def _name(ch: str) -> str:
    return unicodedata.name(ch, "")
