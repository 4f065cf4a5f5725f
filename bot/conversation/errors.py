"""What can go wrong with a conversation request; the edges turn these into answers."""


class ConversationError(Exception):
    code = "conversation_error"


class ConversationNotFound(ConversationError):
    code = "conversation_not_found"


class ConversationExpired(ConversationError):
    code = "conversation_expired"


class InvalidToken(ConversationError):
    code = "invalid_token"


class InvalidMessage(ConversationError):
    code = "invalid_message"

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code


class HandoffNotOffered(ConversationError):
    """A volunteer's offer of a referral that cannot go ahead; ``code`` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class ButtonExpired(ConversationError):
    """A button of a message from before a volunteer took over: that question is no
    longer open, so the press is refused and nothing is stored."""

    code = "button_expired"
