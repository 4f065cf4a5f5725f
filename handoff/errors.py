"""What can go wrong with a referral ticket, as exceptions the edges translate: the chat
into words for the resident, the REST API into status codes, the console into a message."""

from __future__ import annotations


class TicketError(Exception):
    """Base of every ticket error. ``code`` names the reason in a stable word, so an edge
    can say it in its own language (the console in Dutch); the message is for logs and
    the REST API."""

    def __init__(self, message: str = "", *, code: str = "") -> None:
        super().__init__(message)
        self.code = code


class TicketNotFound(TicketError):
    """No such ticket, or not one the caller's team may see (the two look the same)."""


class ConsentRequired(TicketError):
    """No consent, no ticket: the resident did not agree to share their details."""


class InvalidTicket(TicketError, ValueError):
    """The request is incomplete or contradicts itself (say, phone contact but no number)."""


class TransitionError(TicketError):
    """The change is not allowed from the ticket's current state."""


class NotATeamMember(TicketError):
    """A ticket can only be given to an active member of the team that has it."""
