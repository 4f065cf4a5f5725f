"""Every ticket error has a stable code an edge can translate, never its English message."""

from __future__ import annotations

import pytest

import handoff
from handoff import (
    ConsentRequired,
    DirectoryError,
    InvalidTicket,
    NotATeamMember,
    TicketError,
    TicketNotFound,
    TransitionError,
)


def test_every_error_class_of_the_public_api_has_a_code_of_its_own():
    errors = [
        value
        for value in vars(handoff).values()
        if isinstance(value, type) and issubclass(value, Exception)
    ]
    codes = {error: vars(error).get("code") for error in errors}
    assert TicketError in codes
    assert DirectoryError in codes
    # TeamTokenError is the CLI's only (``vraagwijzer team token``).
    coded = {error: code for error, code in codes.items() if error.__name__ != "TeamTokenError"}
    assert all(isinstance(code, str) and "." in code for code in coded.values()), coded
    assert len(set(coded.values())) == len(coded)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (TicketError(), "ticket.error"),
        (TicketNotFound("ABC"), "ticket.not_found"),
        (ConsentRequired(), "ticket.consent_required"),
        (InvalidTicket("no summary"), "ticket.invalid"),
        (TransitionError("no"), "ticket.transition_not_allowed"),
        (NotATeamMember("bram"), "ticket.not_a_team_member"),
        (TransitionError("closed", code="closed"), "ticket.closed"),
        (TicketError("busy", code="busy"), "ticket.busy"),
    ],
)
def test_a_reason_named_at_the_raise_site_refines_the_class_code(error, code):
    assert error.code == code


def test_the_class_code_stays_when_an_instance_names_its_reason():
    TransitionError("closed", code="closed")
    assert TransitionError.code == "ticket.transition_not_allowed"
