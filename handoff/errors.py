"""What can go wrong with a referral ticket, as exceptions the edges translate: the chat
into words for the resident, the REST API into status codes, the console into a message.

Every error has a stable ``code`` in the ``ticket.`` namespace. The class gives the
general one (``ticket.not_found``, ``ticket.transition_not_allowed``); a raise site may
name the reason more precisely (``TransitionError(..., code="outcome_needed")`` has the
code ``ticket.outcome_needed``). An edge looks the precise code up first and falls back
to the codes of the classes (``type(exc).__mro__``), so a new reason never goes
untranslated. The message is for logs only.
"""

from __future__ import annotations

NAMESPACE = "ticket"


class TicketError(Exception):
    """Base of every ticket error; alone, a change that could not be stored (the ticket
    kept changing, or the database was busy): trying again may work."""

    code = "ticket.error"

    def __init__(self, message: str = "", *, code: str = "") -> None:
        super().__init__(message)
        if code:
            self.code = f"{NAMESPACE}.{code}"


class TicketNotFound(TicketError):
    """No such ticket, or not one the caller's team may see (the two look the same)."""

    code = "ticket.not_found"


class ConsentRequired(TicketError):
    """No consent, no ticket: the resident did not agree to share their details."""

    code = "ticket.consent_required"


class InvalidTicket(TicketError, ValueError):
    """The request is incomplete or contradicts itself (say, phone contact but no number)."""

    code = "ticket.invalid"


class TransitionError(TicketError):
    """The change is not allowed from the ticket's current state."""

    code = "ticket.transition_not_allowed"


class NotATeamMember(TicketError):
    """A ticket can only be given to an active member of the team that has it."""

    code = "ticket.not_a_team_member"
