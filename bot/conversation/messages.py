"""One internal message type in, one reply type out: every channel adapts to these."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Sender(StrEnum):
    RESIDENT = "resident"
    BOT = "bot"
    STAFF = "staff"


class Kind(StrEnum):
    """What a message is, so that channels can show it for what it is (a crisis reply
    stands out; a take-over notice retires the buttons above it)."""

    ANSWER = "answer"
    CRISIS = "crisis"
    REFERRAL_OFFER = "referral_offer"
    # A step of the referral after the offer (contact, postcode, the last check, sent).
    REFERRAL = "referral"
    CLARIFY = "clarify"
    OUT_OF_SCOPE = "out_of_scope"
    SMALLTALK = "smalltalk"
    # A person (a volunteer, a team member) writing as themselves.
    STAFF = "staff"
    # The referral's status, asked for or posted when it changed.
    STATUS = "status"
    # A volunteer took over: buttons of earlier messages no longer work.
    TAKEOVER = "takeover"
    # The volunteer handed the conversation back to the assistant.
    HANDBACK = "handback"


@dataclass(frozen=True)
class Incoming:
    """What a resident sent: free text, or the payload of a button they pressed."""

    text: str = ""
    payload: str | None = None
    # The channel's own id for this message, so a retry is stored and answered once.
    client_id: str | None = None
    # For a button press: the message whose button it was. Buttons of messages before a
    # volunteer's take-over are refused (ButtonExpired). Without it, a payload is taken
    # as a command of the channel's own (Telegram's /start, /stop).
    button_of: int | None = None


@dataclass(frozen=True)
class Button:
    label: str
    payload: str


@dataclass(frozen=True)
class Card:
    """A provision as the resident sees it: short, plain, with how to reach it.

    Compact first: channels show the name, ``summary`` (one line on what it is) and
    ``cost`` with ``phone`` on one line; the other fields open under "Meer informatie",
    so that a reply of three cards still fits on a phone screen.
    """

    id: str
    name: str
    service_types: tuple[str, ...]
    summary: str
    audience: str
    cost: str
    opening: tuple[str, ...]
    how_to_apply: str
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    address: str | None = None
    # Shown under "Meer informatie": what the provision is, in full, and what the cost
    # line leaves out (a reduced rate with the Lindenpas, say).
    description: str = ""
    cost_note: str | None = None


@dataclass(frozen=True)
class TicketRef:
    reference: str
    status: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()
    cards: tuple[Card, ...] = ()
    ticket: TicketRef | None = None
    # The assistant could not help with what the resident wrote (for the volunteers'
    # overview: twice in a row asks for a person to look).
    fell_short: bool = False
    kind: Kind | None = None
    # Said after a resident answered a district team's chat message: the team it was
    # passed on to. The assistant stays quiet until the team writes again.
    passed_on_to: str | None = None

    def parts(self) -> dict[str, Any]:
        """The structured parts as stored with the message."""
        data: dict[str, Any] = {"fell_short": True} if self.fell_short else {}
        if self.passed_on_to is not None:
            data["passed_on"] = True
            data["team"] = self.passed_on_to
        if self.kind is not None:
            data["kind"] = self.kind.value
        if self.buttons:
            data["buttons"] = [asdict(b) for b in self.buttons]
        if self.cards:
            data["cards"] = [asdict(c) for c in self.cards]
        if self.ticket:
            data["ticket"] = asdict(self.ticket)
        return data


@dataclass(frozen=True)
class LoggedMessage:
    """A stored line of the conversation, as channels and the API read it back."""

    id: int
    conversation_id: str
    sender: Sender
    text: str
    created_at: datetime
    buttons: tuple[Button, ...] = ()
    cards: tuple[Card, ...] = ()
    ticket: TicketRef | None = None
    payload: str | None = None
    understanding: dict[str, Any] | None = field(default=None, compare=False)
    # A resident's message: the client's own id, so a client can match what it showed as
    # pending to what was stored.
    client_id: str | None = None
    kind: Kind | None = None

    @classmethod
    def from_parts(
        cls,
        *,
        id: int,
        conversation_id: str,
        sender: str,
        text: str,
        created_at: datetime,
        parts: dict[str, Any],
        payload: str | None = None,
        understanding: dict[str, Any] | None = None,
        client_id: str | None = None,
    ) -> LoggedMessage:
        return cls(
            id=id,
            conversation_id=conversation_id,
            sender=Sender(sender),
            text=text,
            created_at=created_at,
            buttons=tuple(Button(**b) for b in parts.get("buttons", ())),
            cards=tuple(
                Card(
                    **{
                        **c,
                        "service_types": tuple(c["service_types"]),
                        "opening": tuple(c["opening"]),
                    }
                )
                for c in parts.get("cards", ())
            ),
            ticket=TicketRef(**parts["ticket"]) if parts.get("ticket") else None,
            payload=payload,
            understanding=understanding,
            client_id=client_id,
            kind=_kind(sender, parts),
        )


def _kind(sender: str, parts: dict[str, Any]) -> Kind | None:
    if sender == Sender.STAFF.value:
        return Kind.STAFF
    stored = parts.get("kind")
    return Kind(stored) if isinstance(stored, str) and stored in _KINDS else None


_KINDS = frozenset(k.value for k in Kind)
