"""Warm handoff to the district team: districts, teams and referral tickets.

Public API: what the conversation engine, the staff console and the REST API use.
Everything else in this package is internal.
"""

from handoff.directory import (
    Directory,
    DirectoryError,
    DistrictInfo,
    PostcodeLookup,
    TeamInfo,
)
from handoff.errors import (
    ConsentRequired,
    InvalidTicket,
    NotATeamMember,
    TicketError,
    TicketNotFound,
    TransitionError,
)
from handoff.lifecycle import WORKFLOW, Outcome, Status, Urgency, next_statuses
from handoff.models import Base
from handoff.postcodes import Postcode, find_postcode
from handoff.records import (
    Consent,
    ContactMethod,
    NewTicket,
    TicketActivity,
    TicketEventView,
    TicketNoteView,
    TicketStatus,
    TicketView,
    TranscriptEntry,
)
from handoff.references import find_references, new_reference, normalize_reference
from handoff.team_tokens import TeamTokenError, TeamTokens, TeamTokenView
from handoff.tickets import Tickets, has_open_ticket
from handoff.working_days import add_working_days, due_after, end_of_working_day

__all__ = [
    "WORKFLOW",
    "Base",
    "Consent",
    "ConsentRequired",
    "ContactMethod",
    "Directory",
    "DirectoryError",
    "DistrictInfo",
    "InvalidTicket",
    "NewTicket",
    "NotATeamMember",
    "Outcome",
    "Postcode",
    "PostcodeLookup",
    "Status",
    "TeamInfo",
    "TeamTokenError",
    "TeamTokenView",
    "TeamTokens",
    "TicketActivity",
    "TicketError",
    "TicketEventView",
    "TicketNotFound",
    "TicketNoteView",
    "TicketStatus",
    "TicketView",
    "Tickets",
    "TranscriptEntry",
    "TransitionError",
    "Urgency",
    "add_working_days",
    "due_after",
    "end_of_working_day",
    "find_postcode",
    "find_references",
    "has_open_ticket",
    "new_reference",
    "next_statuses",
    "normalize_reference",
]
