"""The chat API's request and response bodies (and so its OpenAPI document)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.conversation.messages import Kind, LoggedMessage
from bot.platform.languages import Locale
from handoff import ContactMethod, Outcome, Status, TicketEventView, TicketView, Urgency


class NewConversation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    locale: Locale | None = None


class NewMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, description="What the resident typed.")
    payload: str | None = Field(default=None, description="The payload of a pressed button.")
    button_of: int | None = Field(
        default=None,
        ge=1,
        le=2**53,
        description="With `payload`: the id of the message whose button was pressed. A "
        "button of a message from before a volunteer took over the conversation is refused "
        "(409 `button_expired`, nothing stored): that question is no longer open. Without "
        "it, the payload is taken as given.",
    )
    client_id: str | None = Field(
        default=None,
        max_length=64,
        description="The client's own id for this message; a retry with the same id is "
        "stored and answered once.",
    )


class ButtonOut(BaseModel):
    label: str
    payload: str


class CardOut(BaseModel):
    id: str
    name: str
    service_types: list[str]
    summary: str
    audience: str
    cost: str
    opening: list[str]
    how_to_apply: str
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    address: str | None = None
    description: str = Field(
        default="",
        description="The longer text about the provision, for a 'more information' view; "
        "`summary` is one line, `cost` one short line (`cost_note` holds the rest).",
    )
    cost_note: str | None = None


class TicketOut(BaseModel):
    reference: str
    status: str


StaffRole = Literal["volunteer", "team_member", "staff"]


@dataclass(frozen=True)
class StaffOut:
    """Who wrote a person's message, as the resident may read it."""

    name: str
    role: StaffRole


class MessageOut(BaseModel):
    id: int
    sender: Literal["resident", "bot", "staff"]
    kind: Kind | None = Field(
        default=None,
        description="What the message is: `answer`, `crisis`, `referral_offer`, `referral` "
        "(a step of the referral), `clarify`, `out_of_scope`, `smalltalk`, `staff` (a person "
        "writing), `status` (of a referral), `takeover` (a volunteer took over: buttons of "
        "earlier messages no longer work) or `handback`. None for a resident's message.",
    )
    text: str
    buttons: list[ButtonOut] = []
    cards: list[CardOut] = []
    ticket: TicketOut | None = None
    client_id: str | None = Field(
        default=None,
        description="A resident's message: the client_id it was sent with, so a client can "
        "match the copy it showed as pending.",
    )
    staff_name: str | None = Field(
        default=None,
        description="Who is writing, by first name only: on a person's message (`sender` "
        "`staff`), and on the latest `takeover` while that person still holds the "
        "conversation (so a client can say who the resident is talking to).",
    )
    staff_role: StaffRole | None = Field(
        default=None,
        description="With `staff_name`: `volunteer`, `team_member` (of the district team) "
        "or `staff` (another member of staff).",
    )
    created_at: datetime

    @classmethod
    def of(cls, message: LoggedMessage, staff: StaffOut | None = None) -> MessageOut:
        return cls(
            id=message.id,
            sender=message.sender.value,
            kind=message.kind,
            text=message.text,
            buttons=[ButtonOut(label=b.label, payload=b.payload) for b in message.buttons],
            cards=[
                CardOut(
                    id=c.id,
                    name=c.name,
                    service_types=list(c.service_types),
                    summary=c.summary,
                    audience=c.audience,
                    cost=c.cost,
                    opening=list(c.opening),
                    how_to_apply=c.how_to_apply,
                    phone=c.phone,
                    email=c.email,
                    website=c.website,
                    address=c.address,
                    description=c.description,
                    cost_note=c.cost_note,
                )
                for c in message.cards
            ],
            ticket=TicketOut(reference=message.ticket.reference, status=message.ticket.status)
            if message.ticket
            else None,
            client_id=message.client_id,
            staff_name=staff.name if staff else None,
            staff_role=staff.role if staff else None,
            created_at=message.created_at.replace(tzinfo=UTC),
        )


class ConversationCreated(BaseModel):
    id: str
    token: str
    locale: str
    messages: list[MessageOut]


class NewResumeCode(BaseModel):
    model_config = ConfigDict(extra="forbid")
    send_email: bool = Field(
        default=False,
        description="Also mail a link with the code to the e-mail address the resident gave "
        "in a referral from this conversation (409 `no_email_address` when there is none).",
    )


class ResumeCodeOut(BaseModel):
    code: str = Field(description="12 symbols in groups of four, like `K7QM-4TXP-9RW2`.")
    expires_at: datetime = Field(description="When the code stops working (UTC).")
    email: str | None = Field(
        description="The resident's e-mail address on file, masked (`j***@example.nl`), to "
        "offer sending a link; null when they gave none."
    )
    sent: bool = Field(description="Whether a link was mailed (`send_email`).")


class ResumeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(
        min_length=1,
        max_length=40,
        description="The code as typed: case, spaces and dashes do not matter.",
    )


class ResumedOut(BaseModel):
    id: str
    token: str = Field(description="A new token; the conversation's old token stops working.")
    locale: str


class Messages(BaseModel):
    messages: list[MessageOut]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorDetail


class ResidentNotice(BaseModel):
    """What a chat client shows the resident while the service cannot answer."""

    locale: Locale = Field(
        description="The conversation's language as the client sent it in Accept-Language, "
        "else the default."
    )
    text: str = Field(description="Sorry, something is not working; try again in a moment.")
    crisis: str = Field(
        description="Always: the crisis numbers (112, 113 on 0800-0113, Veilig Thuis) and "
        "the municipality's own number."
    )


class UnavailableDetail(ErrorDetail):
    resident: ResidentNotice


class UnavailableOut(BaseModel):
    """503: the database cannot be reached. Nothing of the request was stored; send it
    again (with the same ``client_id``) after ``Retry-After`` seconds."""

    error: UnavailableDetail


class RateLimitedDetail(ErrorDetail):
    retry_after: int = Field(description="Seconds to wait, as in the Retry-After header.")


class RateLimitedOut(BaseModel):
    """429: over a rate limit. Nothing of the request was stored."""

    error: RateLimitedDetail


# -- the tickets API for district teams' own systems (bot/web/tickets_api.py) ----------


class TeamTicketSummary(BaseModel):
    """A ticket in a team's list: what to sort and pick by, no personal data."""

    reference: str
    team_id: str
    district_id: str | None
    status: Status
    outcome: Outcome | None
    urgency: Urgency
    domains: list[str]
    zrm: list[str] = Field(description="Zelfredzaamheid-Matrix domains of the living domains.")
    claimed_by: str | None
    due_at: datetime = Field(description="The promised first contact.")
    overdue: bool = Field(description="Not yet contacted and past the due date.")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, ticket: TicketView) -> TeamTicketSummary:
        return cls(
            reference=ticket.reference,
            team_id=ticket.team_id,
            district_id=ticket.district_id,
            status=ticket.status,
            outcome=ticket.outcome,
            urgency=ticket.urgency,
            domains=list(ticket.domains),
            zrm=list(ticket.zrm),
            claimed_by=ticket.claimed_by,
            due_at=ticket.due_at.replace(tzinfo=UTC),
            overdue=ticket.overdue,
            created_at=ticket.created_at.replace(tzinfo=UTC),
            updated_at=ticket.updated_at.replace(tzinfo=UTC),
        )


class TeamTicketList(BaseModel):
    tickets: list[TeamTicketSummary]
    limit: int
    offset: int


class ContactOut(BaseModel):
    method: ContactMethod = Field(description="How the resident wants to be contacted.")
    name: str | None
    phone: str | None
    email: str | None
    preferred_time: str | None
    postcode: str | None


class ConsentOut(BaseModel):
    text: str = Field(description="What the resident agreed to, in the words they were shown.")
    at: datetime
    channel: str
    locale: str
    share_transcript: bool


class TranscriptEntryOut(BaseModel):
    sender: str
    text: str
    at: datetime


class TicketEventOut(BaseModel):
    at: datetime
    by: str
    action: str
    from_value: str | None
    to_value: str | None
    note: str | None

    @classmethod
    def of(cls, event: TicketEventView) -> TicketEventOut:
        return cls(
            at=event.at.replace(tzinfo=UTC),
            by=event.by,
            action=event.action,
            from_value=event.from_value,
            to_value=event.to_value,
            note=event.note,
        )


class TeamTicket(TeamTicketSummary):
    """The whole ticket for the team it belongs to."""

    team_name: str
    channel: str
    locale: str
    summary: str
    contact: ContactOut
    consent: ConsentOut
    transcript: list[TranscriptEntryOut] | None = Field(
        description="The conversation, only when the resident agreed to share it; null "
        "again once its retention period after closing has ended (the history then has a "
        "'transcript' entry: shared -> erased)."
    )
    history: list[TicketEventOut]

    @classmethod
    def full(cls, ticket: TicketView, history: Sequence[TicketEventView]) -> TeamTicket:
        return cls(
            **TeamTicketSummary.of(ticket).model_dump(),
            team_name=ticket.team_name,
            channel=ticket.channel,
            locale=ticket.locale,
            summary=ticket.summary,
            contact=ContactOut(
                method=ticket.contact_method,
                name=ticket.name,
                phone=ticket.phone,
                email=ticket.email,
                preferred_time=ticket.preferred_time,
                postcode=ticket.postcode,
            ),
            consent=ConsentOut(
                text=ticket.consent.text,
                at=ticket.consent.at.replace(tzinfo=UTC),
                channel=ticket.consent.channel,
                locale=ticket.consent.locale,
                share_transcript=ticket.consent.share_transcript,
            ),
            transcript=[
                TranscriptEntryOut(sender=e.sender, text=e.text, at=e.at.replace(tzinfo=UTC))
                for e in ticket.transcript
            ]
            if ticket.transcript is not None
            else None,
            history=[TicketEventOut.of(e) for e in history],
        )


class StatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    status: Status
    outcome: Outcome | None = Field(
        default=None, description="How the case ended; required when closing, else left out."
    )
    note: str | None = Field(default=None, max_length=2000, description="Why, for the history.")
    by: str = Field(
        min_length=1,
        max_length=80,
        description="The professional making the change, as the history should name them.",
    )
