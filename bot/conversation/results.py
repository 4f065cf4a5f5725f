"""What the conversation engine hands back: plain values, never database rows, so that
channels, the web API and metrics read a conversation without a session."""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.messages import LoggedMessage, Reply
from bot.conversation.states import State
from bot.platform.models import Conversation


@dataclass(frozen=True)
class Started:
    conversation_id: str
    token: str
    locale: str
    messages: list[LoggedMessage]


@dataclass(frozen=True)
class ConversationView:
    id: str
    channel: str
    locale: str
    state: State
    district_id: str | None

    @classmethod
    def of(cls, conversation: Conversation) -> ConversationView:
        return cls(
            id=conversation.id,
            channel=conversation.channel,
            locale=conversation.locale,
            state=State(conversation.state),
            district_id=conversation.district_id,
        )


@dataclass(frozen=True)
class Answered:
    """A resident message answered, as metrics see it: never what the resident wrote."""

    channel: str
    state: str  # the conversation's state when the message arrived
    route: str | None  # what the NLU understood; None for a button press
    crisis: str | None  # the kind of crisis, when the message was one
    button: bool
    replies: tuple[Reply, ...]
    seconds: float  # from receiving the message to its stored replies
