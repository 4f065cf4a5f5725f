"""Deciding what the assistant says, from the conversation's state and the understanding.

Order matters: a crisis is answered first in every state; then a button press; then the
open question of the current state; then the route of a new question.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from rapidfuzz import fuzz, process

from bot.conversation import replies
from bot.conversation.cards import card_for
from bot.conversation.handoff_flow import HandoffFlow, is_handoff_state
from bot.conversation.messages import Button, Reply
from bot.conversation.states import State
from bot.conversation.store import merged_state_data
from bot.i18n import Catalogs, Texts
from bot.models import Conversation
from bot.municipality import Municipality
from handoff import Directory, DistrictInfo
from knowledge_base import SearchResult
from nlu import Route, Understanding

logger = logging.getLogger(__name__)

SPOKEN = ("nl", "en")
MAX_DISTRICT_ATTEMPTS = 2
# A message this short says too little about its language to switch the conversation.
MIN_WORDS_TO_SWITCH_LANGUAGE = 3


class ProvisionFinder(Protocol):
    def search(
        self,
        query: str,
        *,
        domains: Sequence[str] = (),
        district_id: str | None = None,
        limit: int = 3,
    ) -> Sequence[SearchResult]: ...


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
    ) -> None:
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
        if is_handoff_state(turn.conversation.state) and (
            turn.payload is None or turn.payload.startswith("handoff:")
        ):
            answered = self._handoff_flow.answer(turn)
            if answered is not None:
                return answered
        if turn.payload is not None:
            return self._button(turn)
        assert u is not None
        if u.language not in SPOKEN and _words(turn.text) >= MIN_WORDS_TO_SWITCH_LANGUAGE:
            return [replies.other_language(turn.catalogs, self._municipality)]
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
        turn.set_state(State.IDLE, purpose=None, query=None, attempts=None, handoff=None)
        status = self._handoff_flow.status(turn)
        if status is not None:
            return status
        if u.route is Route.HANDOFF:
            return self._handoff(turn)
        if u.route is Route.OTHER:
            return [self._other(turn)]
        return self._answer(turn, turn.text, u.domains)

    def _answer(self, turn: Turn, query: str, domains: Sequence[str]) -> list[Reply]:
        results = self._finder.search(
            query, domains=domains, district_id=turn.conversation.district_id, limit=3
        )
        if not results:
            misses = int(turn.conversation.state_data.get("misses", 0)) + 1
            turn.set_state(State.IDLE, misses=misses)
            return [replies.not_understood(turn.texts, second_time=misses >= 2)]
        turn.set_state(
            State.IDLE,
            misses=None,
            shown=[r.provision.id for r in results],
            last_query=query[:500],
            last_domains=list(domains),
        )
        cards = tuple(card_for(r.provision, turn.texts) for r in results)
        buttons: tuple[Button, ...] = ()
        local = any(not r.provision.whole_municipality for r in results)
        if local and turn.conversation.district_id is None:
            buttons = (Button(turn.texts.gettext("Show help in my district"), "ask:district"),)
        return [replies.provisions(turn.texts, cards, buttons)]

    def _handoff(self, turn: Turn) -> list[Reply]:
        u = turn.understanding
        assert u is not None
        found = self._finder.search(
            turn.text, domains=u.domains, district_id=turn.conversation.district_id, limit=2
        )
        cards = tuple(card_for(r.provision, turn.texts) for r in found)
        return self._handoff_flow.start(turn, cards)

    def offer_handoff(self, turn: Turn) -> list[Reply]:
        """A person offers the referral (a volunteer who read along): consent first."""
        return self._handoff_flow.start(turn, ())

    def _crisis(self, turn: Turn) -> list[Reply]:
        u = turn.understanding
        assert u is not None
        if u.language in SPOKEN and u.language != turn.conversation.locale:
            turn.set_locale(u.language)
        turn.set_state(State.IDLE, purpose=None, query=None, attempts=None, crisis=True)
        team = self._directory.team_for_district(turn.conversation.district_id)
        return [replies.crisis(turn.texts, u.crisis), replies.team_contact(turn.texts, team)]

    def _other(self, turn: Turn) -> Reply:
        u = turn.understanding
        assert u is not None
        return replies.small_talk(turn.texts, u.act, self._municipality)

    # -- buttons ------------------------------------------------------------------------

    def _button(self, turn: Turn) -> list[Reply]:
        kind, _, value = (turn.payload or "").partition(":")
        if kind == "lang" and value in turn.catalogs.locales:
            turn.set_locale(value)
            return [replies.language_set(turn.texts)]
        if kind == "ask" and value == "district":
            turn.set_state(State.AWAITING_DISTRICT, purpose="local", attempts=0)
            return [replies.ask_district(turn.texts)]
        if kind == "district":
            district = self._directory.district(value)
            if district is not None:
                return self._district_known(turn, district)
        if kind == "feedback" and value in ("yes", "no"):
            return [replies.feedback(turn.texts, helpful=value == "yes")]
        if kind == "ask" and value == "team":
            return self._handoff_flow.start(turn, ())
        if kind == "restart":
            turn.set_state(State.IDLE, purpose=None, query=None, attempts=None, misses=None)
            return self.welcome(turn.texts)
        if kind == "status":
            return self._handoff_flow.last_status(turn) or [
                replies.small_talk(turn.texts, "ask_status", self._municipality)
            ]
        if kind == "stop":
            return self._stop(turn)
        if kind == "location":
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
        return [*said, replies.small_talk(turn.texts, "bye", self._municipality)]

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
        if u is not None and u.act in {"stop", "deny"}:
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
            return [noted, *self._answer(turn, query, domains)]
        return [noted]


def _words(text: str) -> int:
    return len(text.split())
