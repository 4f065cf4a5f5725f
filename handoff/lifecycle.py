"""The life of a referral ticket: its states, how a case ends, and which steps are allowed.

The table follows how a district team works: a ticket is accepted (someone will pick it
up), the resident is contacted, the team works on it, and it is closed with an outcome.
A team may skip steps that happened in one go (calling a resident straight away goes
from ``new`` to ``contacted``) but never step back, because the history would then tell
a story that did not happen.

The one way back is reopening: ``closed -> in_progress``. A resident who rings again a
week after "no longer needed" should get the same reference, team and history rather
than a second ticket nobody connects to the first.

``rejected`` (wrong team) is a step, not a place to stay: ``Tickets.reroute`` records it
and hands the ticket to the right team as ``new`` in the same unit of work, so a resident
is never left with a ticket nobody owns.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from handoff.errors import TransitionError


class Status(StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"
    CONTACTED = "contacted"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    REJECTED = "rejected"  # only ever in the history: see the module docstring


class Outcome(StrEnum):
    HELPED = "helped"
    REFERRED_ELSEWHERE = "referred_elsewhere"
    COULD_NOT_CONTACT = "could_not_contact"
    NOT_ELIGIBLE = "not_eligible"
    DECLINED = "declined"
    NO_LONGER_NEEDED = "no_longer_needed"


class Urgency(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"


ALLOWED: Mapping[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.CLOSED}),
    Status.ACCEPTED: frozenset({Status.CONTACTED, Status.IN_PROGRESS, Status.CLOSED}),
    Status.CONTACTED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.IN_PROGRESS: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
    Status.REJECTED: frozenset(),
}

# The order a team works in: how choices are listed.
WORKFLOW: tuple[Status, ...] = (
    Status.NEW,
    Status.ACCEPTED,
    Status.CONTACTED,
    Status.IN_PROGRESS,
    Status.CLOSED,
)


def next_statuses(current: Status | str) -> tuple[Status, ...]:
    """The steps allowed from ``current``, in workflow order."""
    allowed = ALLOWED[Status(current)]
    return tuple(status for status in WORKFLOW if status in allowed)


# Until the resident has been contacted the ticket runs against its due date.
AWAITING_CONTACT = frozenset({Status.NEW, Status.ACCEPTED})
# A ticket can go to another team until it is closed.
REROUTABLE = frozenset({Status.NEW, Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS})


def check_transition(current: Status, target: Status, outcome: Outcome | None) -> None:
    """Raise ``TransitionError`` unless ``current -> target`` (with this outcome) is allowed."""
    if target is Status.REJECTED:
        raise TransitionError(
            "a ticket for the wrong team is rerouted to the right team (reroute), "
            "not left rejected",
            code="reroute_instead",
        )
    if target not in ALLOWED[current]:
        raise TransitionError(
            f"a ticket cannot go from {current} to {target}", code="step_not_allowed"
        )
    if target is Status.CLOSED and outcome is None:
        choices = ", ".join(Outcome)
        raise TransitionError(
            f"closing a ticket needs an outcome: one of {choices}", code="outcome_needed"
        )
    if target is not Status.CLOSED and outcome is not None:
        raise TransitionError(
            "an outcome is given only when closing a ticket", code="outcome_only_when_closing"
        )
