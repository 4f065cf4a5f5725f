"""What can go wrong with a conversation request; the edges turn these into answers.

Every error has a stable ``code`` on its class (``conversation.not_found``,
``takeover.held_by_other``), so an edge can map it (the web API to a status and its
answer, the console to a sentence) without reading messages; ``reason`` is the code's
last word. An error with several reasons has a subclass for each, with a code of its own.
The message is English and meant for logs.
"""

from __future__ import annotations

from typing import Any, ClassVar


class ConversationError(Exception):
    code: ClassVar[str] = "conversation.error"

    @property
    def reason(self) -> str:
        """The code's last word (``held_by_other``): what the console's texts are under."""
        return self.code.rpartition(".")[2]


class ConversationNotFound(ConversationError):
    code: ClassVar[str] = "conversation.not_found"


class ConversationExpired(ConversationError):
    code: ClassVar[str] = "conversation.expired"


class InvalidToken(ConversationError):
    code: ClassVar[str] = "conversation.invalid_token"


class InvalidMessage(ConversationError):
    """A resident's message the engine does not take; the subclass says why. Their codes
    are the words the chat API has always answered with (``empty_message``), which
    clients and the Telegram channel read as they are."""

    code: ClassVar[str] = "conversation.invalid_message"


class EmptyMessage(InvalidMessage):
    code: ClassVar[str] = "empty_message"


class MessageTooLong(InvalidMessage):
    code: ClassVar[str] = "message_too_long"


class InvalidPayload(InvalidMessage):
    code: ClassVar[str] = "invalid_payload"


class ButtonExpired(ConversationError):
    """A button of a message from before a volunteer took over: that question is no
    longer open, so the press is refused and nothing is stored."""

    code: ClassVar[str] = "conversation.button_expired"


class TakeoverError(ConversationError):
    """Why a volunteer's action did not happen; the subclass says why.

    ``TakeoverError("expired")`` (or its code, ``"takeover.expired"``) makes the subclass
    for that reason: the console turns other errors into these by their reason. An
    unknown reason gives this class itself.
    """

    code: ClassVar[str] = "takeover.refused"
    _by_reason: ClassVar[dict[str, type[TakeoverError]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        TakeoverError._by_reason[cls.code.rpartition(".")[2]] = cls

    def __new__(cls, reason: str | None = None) -> TakeoverError:
        if cls is TakeoverError and reason is not None:
            cls = TakeoverError._by_reason.get(reason.rpartition(".")[2], TakeoverError)
        return super().__new__(cls)

    def __init__(self, reason: str | None = None) -> None:
        super().__init__(self.code)


class TakeoverNotFound(TakeoverError):
    code: ClassVar[str] = "takeover.not_found"


class TakeoverExpired(TakeoverError):
    """The conversation has expired: nothing more can be said to the resident in it."""

    code: ClassVar[str] = "takeover.expired"


class HeldByOther(TakeoverError):
    code: ClassVar[str] = "takeover.held_by_other"


class NotHeld(TakeoverError):
    code: ClassVar[str] = "takeover.not_held"


class NotHolder(TakeoverError):
    code: ClassVar[str] = "takeover.not_holder"


class EmptyStaffText(TakeoverError):
    code: ClassVar[str] = "takeover.empty"


class StaffTextTooLong(TakeoverError):
    code: ClassVar[str] = "takeover.too_long"


class HandoffNotOffered(TakeoverError):
    """A volunteer offers a referral in a conversation whose referral is already under
    way (that would start it over and drop what the resident gave). One held by another
    person is ``HeldByOther``."""

    code: ClassVar[str] = "takeover.handoff_in_progress"
