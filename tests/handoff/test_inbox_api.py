"""What the team inbox asks of the handoff package (issue 15): the next steps in the
order a team works, a contact recorded with how it happened, search and "mine", and
refusals that name their reason in a stable code."""

from __future__ import annotations

import pytest

from handoff import (
    WORKFLOW,
    ContactMethod,
    Status,
    TransitionError,
    next_statuses,
)
from tests.handoff.test_tickets import NOORD, create
from tests.handoff.test_tickets import sessions as sessions  # fixtures, shared
from tests.handoff.test_tickets import tickets as tickets


def test_next_steps_come_in_workflow_order():
    assert WORKFLOW == (
        Status.NEW, Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.CLOSED
    )  # fmt: skip
    assert next_statuses(Status.NEW) == (
        Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.CLOSED
    )  # fmt: skip
    assert next_statuses("contacted") == (Status.IN_PROGRESS, Status.CLOSED)
    assert next_statuses(Status.CLOSED) == (Status.IN_PROGRESS,)
    assert next_statuses(Status.REJECTED) == ()


def test_a_recorded_contact_moves_a_waiting_ticket_to_contacted(tickets):
    reference = create(tickets).reference
    view = tickets.record_contact(reference, ContactMethod.PHONE, by="anna", team_id=NOORD)
    assert view.status is Status.CONTACTED
    assert not view.overdue
    events = [(e.action, e.to_value) for e in tickets.history(reference, team_id=NOORD)]
    assert events[-2:] == [("contact", "phone"), ("status", "contacted")]


def test_a_contact_later_on_is_recorded_without_changing_the_status(tickets):
    reference = create(tickets).reference
    tickets.transition(reference, Status.IN_PROGRESS, by="anna", team_id=NOORD)
    view = tickets.record_contact(
        reference, "chat", by="anna", note="Antwoord in de chat", team_id=NOORD
    )
    assert view.status is Status.IN_PROGRESS
    last = tickets.history(reference, team_id=NOORD)[-1]
    assert (last.action, last.to_value, last.note) == ("contact", "chat", "Antwoord in de chat")


def test_a_closed_ticket_takes_no_contact_and_says_why_in_a_code(tickets):
    reference = create(tickets).reference
    with pytest.raises(TransitionError) as refused:
        tickets.transition(reference, Status.CLOSED, by="anna", team_id=NOORD)
    assert refused.value.code == "ticket.outcome_needed"
    tickets.transition(reference, Status.CLOSED, by="anna", outcome="helped", team_id=NOORD)
    with pytest.raises(TransitionError) as closed:
        tickets.record_contact(reference, ContactMethod.PHONE, by="anna", team_id=NOORD)
    assert closed.value.code == "ticket.closed"
    with pytest.raises(TransitionError) as backwards:
        tickets.transition(reference, Status.NEW, by="anna", team_id=NOORD)
    assert backwards.value.code == "ticket.step_not_allowed"


def test_the_inbox_searches_reference_name_and_postcode_and_keeps_mine(tickets):
    sanne = create(tickets, key="k1").reference
    piet = create(tickets, key="k2", **{"name": "Piet de Vries", "postcode": "4120 XZ"}).reference
    nameless = create(tickets, key="k3", name=None, postcode=None).reference

    def found(**kw):
        return {t.reference for t in tickets.list(NOORD, **kw)}

    assert found() == {sanne, piet, nameless}
    assert found(search="sanne") == {sanne}
    assert found(search="DE VRIES") == {piet}
    assert found(search="4120xz") == {piet}
    assert found(search="4101 ab") == {sanne}
    assert found(search=piet.lower().replace("-", "")) == {piet}
    assert found(search=piet[3:7]) == {piet}
    assert found(search="%") == set()
    assert found(search="  ") == {sanne, piet, nameless}
    tickets.claim(piet, by="bram", team_id=NOORD)
    assert found(claimed_by="bram") == {piet}
    assert found(claimed_by="anna") == set()
