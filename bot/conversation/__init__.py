"""The conversation: one resident message in, the assistant's replies out, on any channel.

Public API: what the application wires and what the web API, the channels, the staff
console and metrics use. Everything else in this package is internal; the modules
``payloads`` (the buttons' payloads) and ``replies`` (the assistant's words) are read as
modules by the channels that send or word the same things.

- ``ConversationEngine`` stores a message, decides the replies (``Decider``, with the warm
  handoff in ``HandoffFlow``) and stores them; it hands back plain values (``Started``,
  ``ConversationView``, ``LoggedMessage``, ``Undelivered``) and reports each answer to
  metrics as ``Answered``.
- ``Takeovers``: a volunteer holds a conversation and talks as a person.
- ``ResumeCodes``: going on with a web conversation on another device.
- ``Incoming`` in, ``Reply`` out; ``Kind`` says what a message is, ``Sender`` who wrote it.
- ``ConversationError`` and its subclasses, each with a stable ``code`` the edges map to
  answers; ``is_database_down`` and ``outage_notice`` for when the database is away.
"""

from bot.conversation.cards import card_for
from bot.conversation.decide import Decider
from bot.conversation.delivery import Undelivered
from bot.conversation.engine import ConversationEngine
from bot.conversation.errors import (
    ButtonExpired,
    ConversationError,
    ConversationExpired,
    ConversationNotFound,
    EmptyMessage,
    EmptyStaffText,
    HandoffNotOffered,
    HeldByOther,
    InvalidMessage,
    InvalidPayload,
    InvalidToken,
    MessageTooLong,
    NotHeld,
    NotHolder,
    StaffTextTooLong,
    TakeoverError,
    TakeoverExpired,
    TakeoverNotFound,
)
from bot.conversation.handoff_flow import HandoffFlow
from bot.conversation.messages import (
    Button,
    Card,
    Incoming,
    Kind,
    LoggedMessage,
    Reply,
    Sender,
    TicketRef,
)
from bot.conversation.outage import OutageNotice, is_database_down, outage_notice
from bot.conversation.payloads import Payload, PayloadKind
from bot.conversation.results import Answered, ConversationView, Started
from bot.conversation.resume import (
    InvalidResumeCode,
    IssuedCode,
    NoEmailAddress,
    ResumeCodes,
    Resumed,
    masked_address,
)
from bot.conversation.states import State, is_handoff_state
from bot.conversation.takeover import Holder, Note, Takeovers

__all__ = [
    "Answered",
    "Button",
    "ButtonExpired",
    "Card",
    "ConversationEngine",
    "ConversationError",
    "ConversationExpired",
    "ConversationNotFound",
    "ConversationView",
    "Decider",
    "EmptyMessage",
    "EmptyStaffText",
    "HandoffFlow",
    "HandoffNotOffered",
    "HeldByOther",
    "Holder",
    "Incoming",
    "InvalidMessage",
    "InvalidPayload",
    "InvalidResumeCode",
    "InvalidToken",
    "IssuedCode",
    "Kind",
    "LoggedMessage",
    "MessageTooLong",
    "NoEmailAddress",
    "NotHeld",
    "NotHolder",
    "Note",
    "OutageNotice",
    "Payload",
    "PayloadKind",
    "Reply",
    "ResumeCodes",
    "Resumed",
    "Sender",
    "StaffTextTooLong",
    "Started",
    "State",
    "TakeoverError",
    "TakeoverExpired",
    "TakeoverNotFound",
    "Takeovers",
    "TicketRef",
    "Undelivered",
    "card_for",
    "is_database_down",
    "is_handoff_state",
    "masked_address",
    "outage_notice",
]
