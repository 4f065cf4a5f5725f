"""The warm handoff as a conversation: consent, how to be contacted, where the resident
lives, an optional name, a check of it all, and then a ticket for the right team.

Every step reads free text ("ja hoor", "liever niet bellen, mail maar", "3011ab") as well
as buttons; "laat maar" stops without a ticket at any step; an answer can be changed at
the check. No consent, no ticket. The ticket is written in the same transaction as the
conversation's state and replies, so a crash never leaves one without the other, and a
retried step never makes a second ticket.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.conversation import handoff_replies, payloads, replies, store
from bot.conversation.handoff_fields import (
    EMAIL,
    SKIP,
    contact_method,
    entity,
    mail_typo,
    phone_number,
    professional_summary,
    when_text,
)
from bot.conversation.messages import Card, Reply, Sender
from bot.conversation.payloads import Payload, PayloadKind
from bot.conversation.states import State
from bot.conversation.turn import Turn
from bot.platform.municipality import Municipality
from handoff import (
    Consent,
    ContactMethod,
    Directory,
    NewTicket,
    Tickets,
    TicketView,
    TranscriptEntry,
    Urgency,
    find_references,
)
from nlu import Act, Route

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
MAX_UNCLEAR = 2
MAX_NAME_CHARS = 60
# The answers to "when can the team best reach you?" and "what would you like to change?".
_WHEN_BUTTONS = (
    payloads.HANDOFF_MORNING,
    payloads.HANDOFF_AFTERNOON,
    payloads.HANDOFF_EVENING,
    payloads.HANDOFF_ANY,
)
_CHANGE_BUTTONS = (
    payloads.HANDOFF_CHANGE_CONTACT,
    payloads.HANDOFF_CHANGE_POSTCODE,
    payloads.HANDOFF_CHANGE_NAME,
)


class HandoffFlow:
    def __init__(
        self,
        *,
        tickets: Tickets,
        directory: Directory,
        municipality: Municipality,
        sla_days: dict[str, int],
        on_ticket: Callable[[Session, TicketView], None] = lambda _session, _ticket: None,
    ) -> None:
        self._on_ticket = on_ticket
        self._tickets = tickets
        self._directory = directory
        self._municipality = municipality
        self._sla_days = sla_days

    # -- starting ---------------------------------------------------------------------

    def start(
        self,
        turn: Turn,
        cards: tuple[Card, ...],
        *,
        urgent: bool = False,
        intro: Reply | None = None,
    ) -> list[Reply]:
        """Offer the referral: ``intro`` (or the general words for an entangled need),
        then the consent question."""
        u = turn.understanding
        data = turn.conversation.state_data
        attempt = int(data.get("handoff_attempt", 0)) + 1
        relation = u.entity("relation") if u is not None else None
        handoff = {
            # A button ("think along", "melding") stands for the question just asked.
            "query": (turn.text or str(data.get("last_query") or ""))[:1000],
            "domains": list(u.domains) if u is not None else list(data.get("last_domains", [])),
            "relation": relation.value if relation else None,
            "urgent": urgent or bool(data.get("crisis")),
            "shown": list(data.get("shown", [])),
            "unclear": 0,
        }
        turn.set_state(State.HANDOFF_CONSENT, handoff=handoff, handoff_attempt=attempt)
        days = self._sla_days["urgent" if handoff["urgent"] else "normal"]
        return [
            intro if intro is not None else replies.handoff_intro(turn.texts, cards),
            handoff_replies.handoff_ask_consent(turn.texts, days),
        ]

    # -- the open question ------------------------------------------------------------

    def answer(self, turn: Turn) -> list[Reply] | None:
        """The reply to the step the resident is at; None when the message is not about
        the handoff at all (a crisis is handled before this is asked)."""
        state = State(turn.conversation.state)
        payload = Payload.parse(turn.payload)
        text = turn.text.strip()
        if payload == payloads.HANDOFF_STOP:
            return self._stop(turn)
        if turn.payload and (payload is None or payload.kind is not PayloadKind.HANDOFF):
            return None
        handler = {
            State.HANDOFF_CONSENT: self._consent,
            State.HANDOFF_CONTACT: self._contact,
            State.HANDOFF_PHONE: self._phone,
            State.HANDOFF_EMAIL: self._email,
            State.HANDOFF_POSTCODE: self._postcode,
            State.HANDOFF_NAME: self._name,
            State.HANDOFF_WHEN: self._when,
            State.HANDOFF_CONFIRM: self._confirm,
        }[state]
        return handler(turn, payload, text)

    # -- steps ------------------------------------------------------------------------

    def _consent(self, turn: Turn, button: Payload | None, text: str) -> list[Reply] | None:
        yes = button == payloads.HANDOFF_YES or (button is None and _affirms(turn))
        no = button == payloads.HANDOFF_NO or (button is None and _denies(turn))
        if yes:
            days = self._sla_days["urgent" if self._data(turn)["urgent"] else "normal"]
            self._update(
                turn,
                consent={
                    "text": handoff_replies.consent_text(turn.texts, days),
                    "at": turn.at.isoformat(),
                    "channel": turn.conversation.channel,
                    "locale": turn.texts.locale,
                    # Which message gave it, in the resident's own words or button.
                    "answer": (turn.pressed or text or turn.payload or "")[:200],
                    "message_id": turn.message_id,
                    "question_id": turn.conversation.state_data.get("asked_in"),
                },
            )
            return self._next(turn)
        if no:
            return self._stop(turn, declined=True)
        return self._unclear(turn, handoff_replies.handoff_ask_consent_again(turn.texts))

    def _contact(self, turn: Turn, button: Payload | None, text: str) -> list[Reply] | None:
        method = contact_method(button, text)
        u = turn.understanding
        phone = entity(u, "phone")
        email = entity(u, "email")
        if method is None and phone:
            method = ContactMethod.PHONE
        if method is None and email:
            method = ContactMethod.EMAIL
        if method is None:
            return self._unclear(turn, handoff_replies.handoff_ask_contact(turn.texts, again=True))
        changes: dict[str, Any] = {"method": method.value}
        if phone and method in (ContactMethod.PHONE, ContactMethod.VISIT):
            changes["phone"] = phone_number(phone)
        if email and method is ContactMethod.EMAIL:
            changes["email"] = email.lower()
        self._update(turn, **changes)
        return self._next(turn)

    def _phone(self, turn: Turn, button: Payload | None, text: str) -> list[Reply] | None:
        number = phone_number(entity(turn.understanding, "phone") or text)
        if number is None:
            return self._unclear(turn, handoff_replies.handoff_bad_phone(turn.texts))
        self._update(turn, phone=number)
        return self._next(turn)

    def _email(self, turn: Turn, button: Payload | None, text: str) -> list[Reply] | None:
        if button is not None and button.value.startswith(payloads.HANDOFF_EMAIL_PREFIX):
            self._update(turn, email=button.value.removeprefix(payloads.HANDOFF_EMAIL_PREFIX))
            return self._next(turn)
        address = (entity(turn.understanding, "email") or text).strip().lower().rstrip(".")
        if not EMAIL.match(address):
            return self._unclear(turn, handoff_replies.handoff_bad_email(turn.texts))
        suggestion = mail_typo(address)
        if suggestion is not None:
            self._update(turn, email=address)
            return [handoff_replies.handoff_email_typo(turn.texts, address, suggestion)]
        self._update(turn, email=address)
        return self._next(turn)

    def _when(self, turn: Turn, button: Payload | None, text: str) -> list[Reply] | None:
        """When the team can best call: a button, or the resident's own words."""
        if button is not None and button in _WHEN_BUTTONS:
            self._update(turn, when=button.value)
            return self._next(turn)
        u = turn.understanding
        if button is None and u is not None and u.act == Act.STOP:
            return self._stop(turn)
        words = " ".join(text.split())
        if not words or len(words) > 200 or (u is not None and u.domains and len(words) > 60):
            return self._unclear(turn, handoff_replies.handoff_ask_when(turn.texts, again=True))
        self._update(turn, when=words)
        return self._next(turn)

    def _postcode(self, turn: Turn, button: Payload | None, text: str) -> list[Reply] | None:
        if button == payloads.HANDOFF_UNKNOWN:
            return self._central(turn)
        lookup = self._directory.lookup(text)
        if lookup.district is not None:
            self._update(
                turn,
                district_id=lookup.district.id,
                postcode=str(lookup.postcode) if lookup.postcode else None,
            )
            turn.conversation.district_id = lookup.district.id
            return self._next(turn)
        if lookup.outside_municipality:
            turn.set_state(State.IDLE, handoff=None)
            central = self._directory.central_team()
            return [replies.outside_municipality(turn.texts, self._municipality, central)]
        if _denies(turn):
            return self._central(turn)
        return self._unclear(turn, handoff_replies.handoff_ask_postcode(turn.texts, again=True))

    def _central(self, turn: Turn) -> list[Reply]:
        central = self._directory.central_team()
        self._update(turn, district_id=None, central=True, team_id=central.id if central else None)
        return self._next(turn)

    def _name(self, turn: Turn, button: Payload | None, text: str) -> list[Reply] | None:
        u = turn.understanding
        if button is None and u is not None and u.act == Act.STOP:
            return self._stop(turn)
        if button == payloads.HANDOFF_SKIP or SKIP.match(text.lower()):
            self._update(turn, name="", asked_name=True)
            return self._next(turn)
        name = " ".join(text.split())
        if not name or len(name) > MAX_NAME_CHARS or any(ch.isdigit() for ch in name):
            return self._unclear(turn, handoff_replies.handoff_ask_name(turn.texts, again=True))
        self._update(turn, name=name, asked_name=True)
        return self._next(turn)

    def _confirm(self, turn: Turn, button: Payload | None, text: str) -> list[Reply] | None:
        if button is not None and button in _CHANGE_BUTTONS:
            field = button.value.removeprefix("change-")
            cleared = {
                "contact": {"method": None, "phone": None, "email": None, "when": None},
                "postcode": {"district_id": None, "postcode": None, "central": None},
                "name": {"name": None, "asked_name": None},
            }[field]
            self._update(turn, **cleared)
            return self._next(turn)
        if button == payloads.HANDOFF_CHANGE:
            turn.set_state(State.HANDOFF_CONFIRM)
            return [handoff_replies.handoff_what_to_change(turn.texts)]
        if button == payloads.HANDOFF_SEND or (button is None and _affirms(turn)):
            return self._send(turn)
        if button is None and _denies(turn):
            return [handoff_replies.handoff_what_to_change(turn.texts)]
        # A phone number, e-mail address or postcode typed here is a correction.
        u = turn.understanding
        if entity(u, "phone") or entity(u, "email") or entity(u, "postcode"):
            return self._correct(turn)
        return self._unclear(turn, self._summary(turn))

    def _correct(self, turn: Turn) -> list[Reply]:
        u = turn.understanding
        phone, email = entity(u, "phone"), entity(u, "email")
        number = phone_number(phone)
        if number:
            self._update(turn, phone=number)
        if email:
            self._update(turn, email=email.lower())
        if entity(u, "postcode"):
            lookup = self._directory.lookup(turn.text)
            if lookup.district is not None:
                self._update(turn, district_id=lookup.district.id, postcode=str(lookup.postcode))
        return self._next(turn)

    # -- moving on ----------------------------------------------------------------------

    def _next(self, turn: Turn) -> list[Reply]:
        """Ask for the first thing still missing, or show everything for a last check."""
        data = self._data(turn)
        data["unclear"] = 0
        texts = turn.texts
        method = data.get("method")
        if not data.get("district_id") and turn.conversation.district_id:
            data["district_id"] = turn.conversation.district_id
        step: tuple[State, Reply] | None = None
        if method is None:
            step = (State.HANDOFF_CONTACT, handoff_replies.handoff_ask_contact(texts))
        elif method in (ContactMethod.PHONE, ContactMethod.VISIT) and not data.get("phone"):
            step = (State.HANDOFF_PHONE, handoff_replies.handoff_ask_phone(texts))
        elif method == ContactMethod.EMAIL and not data.get("email"):
            step = (State.HANDOFF_EMAIL, handoff_replies.handoff_ask_email(texts))
        elif method in (ContactMethod.PHONE, ContactMethod.VISIT) and not data.get("when"):
            step = (State.HANDOFF_WHEN, handoff_replies.handoff_ask_when(texts))
        elif not data.get("district_id") and not data.get("central"):
            step = (State.HANDOFF_POSTCODE, handoff_replies.handoff_ask_postcode(texts))
        elif not data.get("asked_name"):
            step = (State.HANDOFF_NAME, handoff_replies.handoff_ask_name(texts))
        if step is not None:
            turn.set_state(step[0], handoff=data)
            return [step[1]]
        turn.set_state(State.HANDOFF_CONFIRM, handoff=data)
        return [self._summary(turn)]

    def _summary(self, turn: Turn) -> Reply:
        data = self._data(turn)
        team = self._team(data)
        return handoff_replies.handoff_summary(
            turn.texts,
            team=team.name if team else None,
            method=data["method"],
            phone=data.get("phone"),
            email=data.get("email"),
            when=data.get("when"),
            name=data.get("name") or None,
        )

    def _unclear(self, turn: Turn, reply: Reply) -> list[Reply] | None:
        """Ask once more; after that, the message is probably a new question."""
        data = self._data(turn)
        u = turn.understanding
        new_question = (
            u is not None and u.route is not Route.OTHER and bool(u.domains) and not turn.payload
        )
        if new_question and (int(data.get("unclear", 0)) >= 1 or len(turn.text.split()) > 6):
            turn.set_state(State.IDLE, handoff=None)
            return None
        # "laat maar": checked only now, because chat words like "maar" also end answers
        # that are perfectly clear ("bel me maar").
        if u is not None and u.act == Act.STOP and not turn.payload:
            return self._stop(turn)
        data["unclear"] = int(data.get("unclear", 0)) + 1
        if data["unclear"] > MAX_UNCLEAR:
            return self._stop(turn)
        turn.set_state(State(turn.conversation.state), handoff=data)
        return [reply]

    def _stop(self, turn: Turn, *, declined: bool = False) -> list[Reply]:
        team = self._directory.team_for_district(turn.conversation.district_id)
        turn.set_state(State.IDLE, handoff=None)
        return [
            handoff_replies.handoff_stopped(turn.texts, declined=declined),
            replies.team_contact(turn.texts, team),
        ]

    def _send(self, turn: Turn) -> list[Reply]:
        data = self._data(turn)
        team = self._team(data)
        consent = data.get("consent")
        if team is None or not consent:
            # Cannot happen through the steps above; never make a ticket without both.
            return self._stop(turn)
        # The engine answers inside its unit of work; the ticket belongs to it.
        session = turn.session
        conversation = turn.conversation
        request = NewTicket(
            team_id=team.id,
            conversation_id=conversation.id,
            channel=conversation.channel,
            locale=turn.texts.locale,
            summary=professional_summary(data),
            contact_method=ContactMethod(data["method"]),
            consent=Consent(
                text=consent["text"],
                at=datetime.fromisoformat(consent["at"]),
                channel=consent["channel"],
                locale=consent["locale"],
                share_transcript=True,
                answer=consent.get("answer"),
                message_id=consent.get("message_id"),
                question_id=consent.get("question_id"),
            ),
            urgency=Urgency.URGENT if data.get("urgent") else Urgency.NORMAL,
            domains=tuple(data.get("domains", [])),
            transcript=_transcript(turn),
            phone=data.get("phone"),
            email=data.get("email"),
            preferred_time=when_text(data.get("when")),
            name=data.get("name") or None,
            postcode=data.get("postcode"),
            district_id=data.get("district_id"),
            notify_resident=data["method"] == ContactMethod.CHAT,
        )
        attempt = conversation.state_data.get("handoff_attempt", 1)
        ticket = self._tickets.create(
            request, idempotency_key=f"{conversation.id}:{attempt}", session=session
        )
        # The team's e-mail and webhook go into the same transaction as the ticket.
        self._on_ticket(session, ticket)
        turn.set_state(State.IDLE, handoff=None, last_ticket=ticket.reference)
        return [
            handoff_replies.handoff_sent(
                turn.texts,
                reference=ticket.reference,
                team=ticket.team_name,
                due=_local_day(ticket).date(),
                method=data["method"],
            ),
            handoff_replies.client_support(turn.texts),
        ]

    # -- status -------------------------------------------------------------------------

    def status(self, turn: Turn) -> list[Reply] | None:
        """A resident asking about a reference: only the conversation that made it hears."""
        u = turn.understanding
        found = find_references(turn.text)
        if not found and not (u is not None and u.act == Act.ASK_STATUS):
            return None
        reference = found[0] if found else turn.conversation.state_data.get("last_ticket")
        if not reference:
            return None if not found else [replies.ticket_unknown(turn.texts)]
        status = self._tickets.status_for_conversation(reference, turn.conversation.id)
        if status is None:
            return [replies.ticket_unknown(turn.texts)]
        return [replies.ticket_status(turn.texts, status)]

    def last_status(self, turn: Turn) -> list[Reply] | None:
        """The status of the last referral this conversation made (a status command or
        button); None when it made none."""
        reference = turn.conversation.state_data.get("last_ticket")
        if not reference:
            return None
        status = self._tickets.status_for_conversation(reference, turn.conversation.id)
        if status is None:
            return [replies.ticket_unknown(turn.texts)]
        return [replies.ticket_status(turn.texts, status)]

    # -- helpers ------------------------------------------------------------------------

    def _data(self, turn: Turn) -> dict[str, Any]:
        return dict(turn.conversation.state_data.get("handoff") or {})

    def _update(self, turn: Turn, **changes: Any) -> None:
        data = self._data(turn)
        data.update(changes)
        turn.set_state(State(turn.conversation.state), handoff=data)

    def _team(self, data: dict[str, Any]) -> Any:
        if data.get("district_id"):
            return self._directory.team_for_district(data["district_id"])
        return self._directory.central_team()


def _affirms(turn: Turn) -> bool:
    u = turn.understanding
    return u is not None and u.act == Act.AFFIRM


def _denies(turn: Turn) -> bool:
    u = turn.understanding
    return u is not None and u.act == Act.DENY


def _transcript(turn: Turn) -> tuple[TranscriptEntry, ...]:
    """The conversation as the team receives it with the referral."""
    return tuple(
        TranscriptEntry(sender=m.sender.value, text=m.text, at=m.created_at)
        for m in store.log(turn.session, turn.conversation.id)
        if m.sender in (Sender.RESIDENT, Sender.BOT, Sender.STAFF) and m.text
    )


def _local_day(ticket: TicketView) -> datetime:
    return ticket.due_at.replace(tzinfo=ZoneInfo("UTC")).astimezone(LOCAL_TIME)
