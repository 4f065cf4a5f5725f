"""The values that cross the ticket API: what a caller hands in, and the frozen views it
gets back. Views never carry ORM objects, so nothing outside ``handoff`` can change a
ticket behind the service's back or trigger a lazy load after the session is gone.

Fields with personal data are left out of ``repr`` so that a view written to a log by
mistake does not leak a resident's name or phone number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from handoff.lifecycle import Outcome, Status, Urgency


class ContactMethod(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    VISIT = "visit"


@dataclass(frozen=True)
class Consent:
    """What the resident agreed to, in the words they were shown."""

    text: str
    at: datetime  # naive UTC
    channel: str
    locale: str
    share_transcript: bool = False
    # Which message gave it: the resident's answer as sent (typed words, or the label of
    # the button pressed) and its id in the conversation's log, and the id of the
    # question it answered. None on records made before these were kept.
    answer: str | None = None
    message_id: int | None = None
    question_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "at": self.at.isoformat(),
            "channel": self.channel,
            "locale": self.locale,
            "share_transcript": self.share_transcript,
        }
        if self.message_id is not None:
            data.update(
                answer=self.answer, message_id=self.message_id, question_id=self.question_id
            )
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Consent:
        return cls(
            text=data["text"],
            at=datetime.fromisoformat(data["at"]),
            channel=data["channel"],
            locale=data["locale"],
            share_transcript=bool(data.get("share_transcript", False)),
            answer=data.get("answer"),
            message_id=data.get("message_id"),
            question_id=data.get("question_id"),
        )


@dataclass(frozen=True)
class TranscriptEntry:
    sender: str  # "resident", "bot" or "staff", as the conversation log has it
    text: str = field(repr=False)
    at: datetime  # naive UTC

    def to_json(self) -> dict[str, Any]:
        return {"sender": self.sender, "text": self.text, "at": self.at.isoformat()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TranscriptEntry:
        return cls(data["sender"], data["text"], datetime.fromisoformat(data["at"]))


@dataclass(frozen=True, kw_only=True)
class NewTicket:
    """A referral as the conversation engine hands it over."""

    team_id: str
    conversation_id: str
    channel: str
    locale: str
    summary: str = field(repr=False)
    contact_method: ContactMethod
    consent: Consent | None = field(repr=False)
    urgency: Urgency = Urgency.NORMAL
    domains: tuple[str, ...] = ()
    # Kept only when the consent includes sharing the conversation.
    transcript: tuple[TranscriptEntry, ...] = field(default=(), repr=False)
    phone: str | None = field(default=None, repr=False)
    email: str | None = field(default=None, repr=False)
    preferred_time: str | None = field(default=None, repr=False)
    name: str | None = field(default=None, repr=False)
    postcode: str | None = field(default=None, repr=False)
    district_id: str | None = None
    notify_resident: bool = False


@dataclass(frozen=True, kw_only=True)
class TicketView:
    """A ticket as a team member sees it in the inbox."""

    reference: str
    team_id: str
    team_name: str
    district_id: str | None
    conversation_id: str
    channel: str
    locale: str
    status: Status
    outcome: Outcome | None
    urgency: Urgency
    domains: tuple[str, ...]
    zrm: tuple[str, ...]
    summary: str = field(repr=False)
    transcript: tuple[TranscriptEntry, ...] | None = field(repr=False)
    contact_method: ContactMethod
    phone: str | None = field(repr=False)
    email: str | None = field(repr=False)
    preferred_time: str | None = field(repr=False)
    name: str | None = field(repr=False)
    postcode: str | None = field(repr=False)
    consent: Consent = field(repr=False)
    due_at: datetime
    created_at: datetime
    updated_at: datetime
    claimed_by: str | None
    notify_resident: bool
    overdue: bool


@dataclass(frozen=True)
class TicketActivity:
    """A ticket's steps for the municipality's figures: no personal data, no text."""

    team_id: str
    district_id: str | None
    created_at: datetime
    due_at: datetime
    # (moment, action, from, to) of each step, oldest first (see TicketEvent).
    steps: tuple[tuple[datetime, str, str | None, str | None], ...]


@dataclass(frozen=True)
class TicketStatus:
    """What the resident may hear about their own ticket: no personal data."""

    reference: str
    status: Status
    outcome: Outcome | None
    team_name: str
    due_at: datetime


@dataclass(frozen=True)
class TicketEventView:
    at: datetime
    by: str
    action: str
    from_value: str | None
    to_value: str | None
    note: str | None = field(repr=False)


@dataclass(frozen=True)
class TicketNoteView:
    at: datetime
    by: str
    text: str = field(repr=False)
