"""The chat API's request and response bodies (and so its OpenAPI document)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.conversation.messages import LoggedMessage


class NewConversation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    locale: Literal["nl", "en"] | None = None


class NewMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, description="What the resident typed.")
    payload: str | None = Field(default=None, description="The payload of a pressed button.")
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


class TicketOut(BaseModel):
    reference: str
    status: str


class MessageOut(BaseModel):
    id: int
    sender: Literal["resident", "bot", "staff"]
    text: str
    buttons: list[ButtonOut] = []
    cards: list[CardOut] = []
    ticket: TicketOut | None = None
    created_at: datetime

    @classmethod
    def of(cls, message: LoggedMessage) -> MessageOut:
        return cls(
            id=message.id,
            sender=message.sender.value,
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
                )
                for c in message.cards
            ],
            ticket=TicketOut(reference=message.ticket.reference, status=message.ticket.status)
            if message.ticket
            else None,
            created_at=message.created_at.replace(tzinfo=UTC),
        )


class ConversationCreated(BaseModel):
    id: str
    token: str
    locale: str
    messages: list[MessageOut]


class Messages(BaseModel):
    messages: list[MessageOut]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorDetail
