"""Deciding what the assistant says, from the conversation's state and the understanding.

Order matters: a crisis is answered first in every state; then a button press; then the
open question of the current state; then the route of a new question. What the catalogue
answers is worked out in ``answers.py``, the warm handoff's steps in ``handoff_flow.py``.
"""

from __future__ import annotations

import dataclasses
import logging
import unicodedata
from typing import Any

from rapidfuzz import fuzz, process

from bot.conversation import (
    answer_replies,
    crisis_replies,
    handoff_replies,
    payloads,
    replies,
)
from bot.conversation.answers import Answers, ProvisionFinder, words
from bot.conversation.cards import card_for
from bot.conversation.followup import Aspect, pointed_at, read_correction, read_follow_up
from bot.conversation.handoff_flow import HandoffFlow
from bot.conversation.messages import Card, Reply
from bot.conversation.payloads import Payload, PayloadKind
from bot.conversation.route_fit import Fit
from bot.conversation.states import State, is_handoff_state
from bot.conversation.turn import Turn
from bot.platform.i18n import Texts
from bot.platform.languages import SUPPORTED_LOCALES
from bot.platform.municipality import Municipality
from handoff import Directory, DistrictInfo
from nlu import Act, Analyzer, CrisisKind, Route, Understanding

logger = logging.getLogger(__name__)

SPOKEN = SUPPORTED_LOCALES
# The service type of emergency shelter (spec/service-types.yaml).
SHELTER = "maatschappelijke_opvang"
MAX_DISTRICT_ATTEMPTS = 2
# A message this short says too little about its language to switch the conversation.
MIN_WORDS_TO_SWITCH_LANGUAGE = 3
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
# "ik woon in Ekeldorp" after an answer: a district named in a short message is the
# place for the last question; in a long one it is part of a new story.
MAX_DISTRICT_WORDS = 12


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
        self._answers = Answers(
            finder=finder, directory=directory, municipality=municipality, handoff=handoff
        )

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
            words(turn.text) >= MIN_WORDS_TO_SWITCH_LANGUAGE or not _latin(turn.text)
        ):
            return [self._other_language(turn, u.language)]
        if (
            u.language in SPOKEN
            and u.language != turn.conversation.locale
            and words(turn.text) >= MIN_WORDS_TO_SWITCH_LANGUAGE
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
            return self._answers.referral(turn, Fit.PERSON, ())
        if topic.get("shown"):
            answered = self._about_topic(turn, topic, district_named=district_named)
            if answered is not None:
                return answered
        if u.route is Route.OTHER and u.act == Act.UNCLEAR:
            # Not one known word: say so, and count it as a miss (twice: a person).
            return self._answers.not_understood(turn)
        if u.route is Route.OTHER and u.act not in SOCIAL_ACTS and self._names_a_provision(turn):
            # "vervoer", "hoe vraag ik een gehandicaptenparkeerkaart aan?": read as small
            # talk or out of scope, but the catalogue has it by name.
            return self._answers.question(turn, turn.text, ())
        if u.route is Route.OTHER:
            return [self._other(turn)]
        return self._answers.question(turn, turn.text, u.domains)

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
                others = self._answers.other_kinds(turn, query, domains, shown)
                turn.set_state(State.IDLE, shown=None, misses=None)
                return [answer_replies.what_then(turn.texts, others)]
            meant = self._understand_again(turn, correction.meant)
            return self._answers.question(turn, correction.meant, meant.domains, exclude=shown)
        follow = read_follow_up(turn.text)
        if follow is None and not (district_named and words(turn.text) <= MAX_DISTRICT_WORDS):
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
            return self._answers.answer_again(turn, query, domains, shown=shown)
        provision = named or (provisions[0] if provisions else None)
        if provision is None:
            return None
        return [answer_replies.follow_up(turn.texts, card_for(provision, turn.texts), aspects)]

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
                return self._answers.show(turn, [provision], query, domains, Fit.ANSWER)
        if payload == payloads.ASK_PERSON:
            return self._answers.referral(turn, Fit.PERSON, ())
        if payload == payloads.ASK_MELDING:
            return self._answers.referral(turn, Fit.MELDING, ())
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
            said.append(handoff_replies.handoff_stopped(turn.texts, declined=False))
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
            return [noted, *self._answers.answer_again(turn, query, domains, shown=shown)]
        return [noted]


def _latin(text: str) -> bool:
    """Whether the letters are Latin ones: a Dutch or English resident never writes in
    Arabic, Cyrillic or Ge'ez script, so even one word in those is another language."""
    letters = [ch for ch in text if ch.isalpha()]
    return not letters or sum(ch.isascii() or "LATIN" in _name(ch) for ch in letters) * 2 > len(
        letters
    )


def _name(ch: str) -> str:
    return unicodedata.name(ch, "")
