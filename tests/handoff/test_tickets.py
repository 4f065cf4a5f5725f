"""Referral tickets on a migrated SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import itertools
import threading
from dataclasses import fields, replace
from datetime import datetime

import pytest
from sqlalchemy import func, select

from bot.platform.db import make_engine, make_sessionmaker
from handoff import (
    Consent,
    ConsentRequired,
    ContactMethod,
    Directory,
    DistrictInfo,
    InvalidTicket,
    NewTicket,
    NotATeamMember,
    Outcome,
    Status,
    TeamInfo,
    TicketNotFound,
    Tickets,
    TicketStatus,
    TranscriptEntry,
    TransitionError,
    Urgency,
)
from handoff.lifecycle import ALLOWED
from handoff.models import Ticket

NOORD, ZUID = "team-noord", "team-zuid"
ZRM = {"money": ["Financiën"], "housing": ["Huisvesting", "Financiën"], "care": ["ADL"]}
SLA = {"normal": 5, "urgent": 1}
# Who is in which team: staff accounts live in the application, which passes this in.
MEMBERS = {NOORD: {"anna", "bram"}, ZUID: {"zoe"}}
NOW = datetime(2026, 11, 25, 9, 0)  # a Wednesday; the clock fixture starts here


@pytest.fixture
def sessions(database_url):
    engine = make_engine(database_url)
    factory = make_sessionmaker(engine)
    Directory(factory).replace_all(
        [TeamInfo(NOORD, "Wijkteam Noord"), TeamInfo(ZUID, "Wijkteam Zuid")],
        [DistrictInfo("noord", "Noord", ((4100, 4149),), NOORD)],
    )
    yield factory
    engine.dispose()


@pytest.fixture
def tickets(sessions, clock):
    return Tickets(sessions, zrm=ZRM, sla=SLA, clock=clock)


def request(**changes) -> NewTicket:
    base = NewTicket(
        team_id=NOORD,
        conversation_id="conv-1",
        channel="web",
        locale="nl",
        summary="Schulden, deurwaarder komt volgende week",
        contact_method=ContactMethod.PHONE,
        phone="0612345678",
        name="Sanne",
        postcode="4101 AB",
        district_id="noord",
        domains=("money", "housing"),
        consent=Consent("Mag het wijkteam u bellen?", NOW, "web", "nl", share_transcript=True),
        transcript=(TranscriptEntry("resident", "ik heb schulden", NOW),),
    )
    return replace(base, **changes)


def create(tickets, key="key-1", **changes):
    return tickets.create(request(**changes), idempotency_key=key)


# -- creating --------------------------------------------------------------------------


def test_a_ticket_is_created_with_due_date_zrm_domains_and_history(tickets):
    ticket = create(tickets)
    assert ticket.status is Status.NEW
    assert ticket.team_name == "Wijkteam Noord"
    assert ticket.zrm == ("Financiën", "Huisvesting")
    assert ticket.due_at == datetime(2026, 12, 2, 9, 0)  # five working days
    assert ticket.transcript == (TranscriptEntry("resident", "ik heb schulden", NOW),)
    assert ticket.consent.text == "Mag het wijkteam u bellen?"
    urgent = create(tickets, key="key-2", urgency=Urgency.URGENT)
    assert urgent.due_at == datetime(2026, 11, 26, 9, 0)
    [event] = tickets.history(ticket.reference, team_id=NOORD)
    assert (event.action, event.by, event.from_value, event.to_value) == (
        "created",
        "resident",
        None,
        "new",
    )


def test_personal_data_stays_out_of_the_repr(tickets):
    ticket = create(tickets)
    assert "0612345678" not in repr(ticket)
    assert "Sanne" not in repr(ticket)


def test_a_retried_create_returns_the_same_ticket(tickets, sessions):
    first = create(tickets)
    again = create(tickets, summary="something else")
    assert again.reference == first.reference
    assert again.summary == first.summary
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 1
    assert len(tickets.history(first.reference, team_id=NOORD)) == 1


def test_a_key_from_another_conversation_does_not_hand_out_that_ticket(tickets):
    create(tickets)
    with pytest.raises(InvalidTicket, match="idempotency"):
        create(tickets, conversation_id="conv-2")


def test_no_consent_no_ticket(tickets, sessions):
    with pytest.raises(ConsentRequired, match="no consent"):
        create(tickets, consent=None)
    with pytest.raises(ConsentRequired):
        create(tickets, consent=Consent("  ", NOW, "web", "nl"))
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 0


def test_the_transcript_is_kept_only_when_the_resident_agreed_to_share_it(tickets):
    consent = Consent("Mag het wijkteam u bellen?", NOW, "web", "nl", share_transcript=False)
    ticket = create(tickets, consent=consent)
    assert ticket.transcript is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": None}, "phone number"),
        ({"contact_method": ContactMethod.EMAIL}, "e-mail address"),
        ({"summary": " "}, "summary"),
        ({"team_id": "nobody"}, "unknown team"),
        ({"urgency": "whenever"}, "unknown urgency"),
    ],
)
def test_incomplete_requests_are_refused(tickets, changes, message):
    with pytest.raises(InvalidTicket, match=message):
        create(tickets, **changes)


# -- the lifecycle ---------------------------------------------------------------------


def _ticket_in(tickets, status: Status, key: str) -> str:
    reference = create(tickets, key=key).reference
    if status is Status.CLOSED:
        tickets.transition(reference, status, by="anna", outcome=Outcome.HELPED)
    elif status is not Status.NEW:
        tickets.transition(reference, status, by="anna")
    return reference


def test_every_allowed_transition(tickets):
    pairs = [(a, b) for a, targets in ALLOWED.items() for b in targets]
    assert len(pairs) == 11
    for number, (current, target) in enumerate(pairs):
        reference = _ticket_in(tickets, current, key=f"allowed-{number}")
        outcome = Outcome.DECLINED if target is Status.CLOSED else None
        moved = tickets.transition(reference, target, by="bram", outcome=outcome, team_id=NOORD)
        assert (moved.status, moved.outcome) == (target, outcome), (current, target)
        last = tickets.history(reference, team_id=NOORD)[-1]
        if target is Status.CLOSED:
            assert (last.action, last.to_value) == ("outcome", "declined")
        elif current is Status.CLOSED:
            assert (last.action, last.from_value, last.to_value) == ("outcome", "helped", None)
        else:
            assert (last.action, last.from_value, last.to_value) == ("status", current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Status.ACCEPTED, Status.NEW),
        (Status.CONTACTED, Status.ACCEPTED),
        (Status.IN_PROGRESS, Status.CONTACTED),
        (Status.IN_PROGRESS, Status.IN_PROGRESS),
        (Status.CLOSED, Status.NEW),
        (Status.CLOSED, Status.CONTACTED),
        (Status.NEW, Status.NEW),
        (Status.NEW, Status.REJECTED),
    ],
)
def test_forbidden_transitions_are_refused(tickets, current, target):
    reference = _ticket_in(tickets, current, key="forbidden")
    before = tickets.history(reference, team_id=None)
    with pytest.raises(TransitionError):
        tickets.transition(reference, target, by="bram")
    assert tickets.get(reference).status is current
    assert tickets.history(reference, team_id=None) == before


def test_closing_needs_an_outcome_and_only_closing_takes_one(tickets):
    reference = create(tickets).reference
    with pytest.raises(TransitionError, match="needs an outcome"):
        tickets.transition(reference, Status.CLOSED, by="anna")
    with pytest.raises(TransitionError, match="only when closing"):
        tickets.transition(reference, Status.ACCEPTED, by="anna", outcome=Outcome.HELPED)
    with pytest.raises(TransitionError, match="unknown outcome"):
        tickets.transition(reference, Status.CLOSED, by="anna", outcome="fixed")
    closed = tickets.transition(reference, "closed", by="anna", outcome="no_longer_needed")
    assert closed.outcome is Outcome.NO_LONGER_NEEDED


def test_reroute_hands_the_ticket_to_the_right_team_as_new_and_due_afresh(tickets, clock):
    reference = create(tickets).reference
    tickets.claim(reference, by="anna", team_id=NOORD)
    clock.advance(days=2)
    moved = tickets.reroute(
        reference, ZUID, by="anna", reason="woont in Zuid", acting_team_id=NOORD
    )
    assert (moved.team_id, moved.status, moved.claimed_by) == (ZUID, Status.NEW, None)
    assert moved.due_at == datetime(2026, 12, 4, 9, 0)  # Friday + 5 working days
    with pytest.raises(TicketNotFound):
        tickets.get(reference, team_id=NOORD)
    steps = [(e.action, e.from_value, e.to_value) for e in tickets.history(reference, team_id=ZUID)]
    assert steps[-4:] == [
        ("status", "accepted", "rejected"),
        ("rerouted", NOORD, ZUID),
        ("status", "rejected", "new"),
        ("assigned", "anna", None),
    ]
    with pytest.raises(TransitionError, match="already with that team"):
        tickets.reroute(reference, ZUID, by="piet", reason="?")
    with pytest.raises(InvalidTicket, match="unknown team"):
        tickets.reroute(reference, "nobody", by="piet", reason="?")
    with pytest.raises(InvalidTicket, match="why"):
        tickets.reroute(reference, NOORD, by="piet", reason=" ")
    tickets.transition(reference, Status.CLOSED, by="piet", outcome=Outcome.HELPED)
    with pytest.raises(TransitionError):
        tickets.reroute(reference, NOORD, by="piet", reason="toch Noord")


def test_a_reroute_in_the_callers_transaction_commits_or_rolls_back_with_it(tickets, sessions):
    """What announces the move (the outbox) is written beside it: both or neither."""
    reference = create(tickets).reference

    class Crash(Exception):
        pass

    def move_then_crash() -> None:
        with sessions() as session, session.begin():
            moved = tickets.reroute(
                reference, ZUID, by="anna", reason="woont in Zuid", acting_team_id=NOORD,
                session=session,
            )  # fmt: skip
            assert moved.team_id == ZUID
            raise Crash

    with pytest.raises(Crash):
        move_then_crash()
    assert tickets.get(reference).team_id == NOORD
    assert [e.action for e in tickets.history(reference, team_id=NOORD)] == ["created"]

    with sessions() as session, session.begin():
        tickets.reroute(
            reference, ZUID, by="anna", reason="woont in Zuid", acting_team_id=NOORD,
            session=session,
        )  # fmt: skip
    assert tickets.get(reference).team_id == ZUID
    with pytest.raises(TransitionError) as same, sessions() as session, session.begin():
        tickets.reroute(reference, ZUID, by="zoe", reason="?", session=session)
    assert same.value.code == "ticket.same_team"


CHANGES_IN_A_SESSION = {
    "claim": lambda tickets, reference, session: tickets.claim(
        reference, by="anna", team_id=NOORD, session=session
    ),
    "transition": lambda tickets, reference, session: tickets.transition(
        reference, Status.IN_PROGRESS, by="anna", team_id=NOORD, session=session
    ),
    "record_contact": lambda tickets, reference, session: tickets.record_contact(
        reference, ContactMethod.PHONE, by="anna", team_id=NOORD, session=session
    ),
}


@pytest.mark.parametrize("change", sorted(CHANGES_IN_A_SESSION))
def test_a_change_in_the_callers_transaction_commits_or_rolls_back_with_it(
    tickets, sessions, change
):
    """What tells the resident of the change (their chat) is written beside it: both or
    neither. Inside, the caller reads the status the change made before it commits."""
    reference = create(tickets).reference
    apply = CHANGES_IN_A_SESSION[change]

    class Crash(Exception):
        pass

    def change_then_crash() -> None:
        with sessions() as session, session.begin():
            changed = apply(tickets, reference, session)
            assert changed.status is not Status.NEW
            status = tickets.status_for_conversation(reference, "conv-1", session=session)
            assert status is not None
            assert status.status is changed.status
            raise Crash

    with pytest.raises(Crash):
        change_then_crash()
    unchanged = tickets.get(reference)
    assert (unchanged.status, unchanged.claimed_by) == (Status.NEW, None)
    assert [e.action for e in tickets.history(reference, team_id=NOORD)] == ["created"]

    with sessions() as session, session.begin():
        changed = apply(tickets, reference, session)
    assert tickets.get(reference).status is changed.status is not Status.NEW
    assert len(tickets.history(reference, team_id=NOORD)) > 1


def test_a_refused_change_in_the_callers_transaction_raises_there(tickets, sessions):
    reference = create(tickets).reference
    tickets.transition(reference, Status.CLOSED, by="anna", outcome=Outcome.HELPED)
    with pytest.raises(TransitionError) as closed, sessions() as session, session.begin():
        tickets.claim(reference, by="anna", team_id=NOORD, session=session)
    assert closed.value.code == "ticket.closed"


def test_claim_accepts_a_new_ticket_and_a_colleague_cannot_claim_it_too(tickets):
    reference = create(tickets).reference
    claimed = tickets.claim(reference, by="anna", team_id=NOORD)
    assert (claimed.claimed_by, claimed.status) == ("anna", Status.ACCEPTED)
    assert tickets.claim(reference, by="anna", team_id=NOORD).claimed_by == "anna"
    with pytest.raises(TransitionError, match="anna has already claimed"):
        tickets.claim(reference, by="bram", team_id=NOORD)
    assert (
        tickets.assign(reference, "bram", by="anna", team_id=NOORD, members=MEMBERS.get).claimed_by
        == "bram"
    )
    assert (
        tickets.assign(reference, None, by="bram", team_id=NOORD, members=MEMBERS.get).claimed_by
        is None
    )
    actions = [e.action for e in tickets.history(reference, team_id=NOORD)]
    assert actions == ["created", "claimed", "status", "assigned", "assigned"]


def test_a_ticket_is_assigned_only_to_a_member_of_its_team(tickets):
    """Issue 17, finding 7: not to another team's member, an admin or any text."""
    reference = create(tickets).reference
    for stranger in ("zoe", "admin", "<b>iemand</b>"):
        with pytest.raises(NotATeamMember):
            tickets.assign(reference, stranger, by="anna", team_id=NOORD, members=MEMBERS.get)
    assert tickets.get(reference, team_id=NOORD).claimed_by is None
    # Rerouted, the ticket's new team is asked, not the team that had it.
    tickets.reroute(reference, ZUID, by="anna", reason="woont in Zuid")
    with pytest.raises(NotATeamMember):
        tickets.assign(reference, "bram", by="zoe", team_id=ZUID, members=MEMBERS.get)
    assert (
        tickets.assign(reference, "zoe", by="zoe", team_id=ZUID, members=MEMBERS.get).claimed_by
        == "zoe"
    )


def test_notes_are_kept_in_order(tickets):
    reference = create(tickets).reference
    tickets.add_note(reference, "Gebeld, geen gehoor", by="anna", team_id=NOORD)
    tickets.add_note(reference, "Morgen opnieuw", by="bram", team_id=NOORD)
    notes = tickets.notes(reference, team_id=NOORD)
    assert [(n.by, n.text) for n in notes] == [
        ("anna", "Gebeld, geen gehoor"),
        ("bram", "Morgen opnieuw"),
    ]
    with pytest.raises(InvalidTicket):
        tickets.add_note(reference, "  ", by="anna", team_id=NOORD)


# -- who sees what ---------------------------------------------------------------------


def test_another_team_sees_nothing(tickets):
    reference = create(tickets).reference
    tickets.add_note(reference, "intern", by="anna", team_id=NOORD)
    for attempt in [
        lambda: tickets.get(reference, team_id=ZUID),
        lambda: tickets.history(reference, team_id=ZUID),
        lambda: tickets.notes(reference, team_id=ZUID),
        lambda: tickets.transition(reference, Status.ACCEPTED, by="zoe", team_id=ZUID),
        lambda: tickets.claim(reference, by="zoe", team_id=ZUID),
        lambda: tickets.assign(reference, "zoe", by="zoe", team_id=ZUID, members=MEMBERS.get),
        lambda: tickets.add_note(reference, "hoi", by="zoe", team_id=ZUID),
        lambda: tickets.reroute(reference, ZUID, by="zoe", reason="mine", acting_team_id=ZUID),
    ]:
        with pytest.raises(TicketNotFound) as raised:
            attempt()
        # Exactly what a reference that does not exist gives.
        assert type(raised.value) is TicketNotFound
    assert tickets.list(ZUID) == []
    assert tickets.get(reference, team_id=NOORD).status is Status.NEW
    assert len(tickets.history(reference, team_id=NOORD)) == 1
    assert len(tickets.notes(reference, team_id=NOORD)) == 1


def test_references_are_found_however_they_are_typed_and_typos_find_nothing(tickets):
    reference = create(tickets).reference
    assert tickets.get(reference.lower().replace("-", " ")).reference == reference
    with pytest.raises(TicketNotFound):
        tickets.get("VW-2345-67")


def test_the_resident_sees_the_status_only_from_their_own_conversation(tickets):
    reference = create(tickets).reference
    status = tickets.status_for_conversation(reference.lower(), "conv-1")
    assert status == TicketStatus(
        reference, Status.NEW, None, "Wijkteam Noord", datetime(2026, 12, 2, 9, 0)
    )
    assert {f.name for f in fields(TicketStatus)} == {
        "reference",
        "status",
        "outcome",
        "team_name",
        "due_at",
    }
    assert tickets.status_for_conversation(reference, "conv-2") is None
    assert tickets.status_for_conversation("VW-2345-67", "conv-1") is None
    assert tickets.status_for_conversation("hallo", "conv-1") is None


# -- the inbox -------------------------------------------------------------------------


def test_the_inbox_filters_by_status_urgency_and_overdue_on_a_fake_clock(tickets, clock):
    normal = create(tickets, key="a").reference
    urgent = create(tickets, key="b", urgency=Urgency.URGENT).reference
    contacted = create(tickets, key="c", urgency=Urgency.URGENT).reference
    tickets.transition(contacted, Status.CONTACTED, by="anna")
    create(tickets, key="d", team_id=ZUID)

    assert [t.reference for t in tickets.list(NOORD)] == [urgent, contacted, normal]
    assert tickets.list(NOORD, overdue=True) == []
    clock.advance(days=1, seconds=1)  # Thursday 09:00:01: urgent ones are due
    late = tickets.list(NOORD, overdue=True)
    # A contacted resident is no longer waiting: the due date was for first contact.
    assert [(t.reference, t.overdue) for t in late] == [(urgent, True)]
    assert [t.reference for t in tickets.list(NOORD, overdue=False)] == [contacted, normal]
    assert [t.reference for t in tickets.list(NOORD, urgency="normal")] == [normal]
    assert [t.reference for t in tickets.list(NOORD, statuses=["contacted"])] == [contacted]
    assert [t.reference for t in tickets.list(NOORD, limit=1, offset=1)] == [contacted]
    with pytest.raises(InvalidTicket):
        tickets.list(NOORD, limit=0)
    with pytest.raises(InvalidTicket):
        tickets.list(NOORD, statuses=["lost"])


# -- two team members at once ----------------------------------------------------------


def _in_parallel(*work):
    barrier = threading.Barrier(len(work))
    errors: list[BaseException] = []

    def run(job):
        barrier.wait()
        try:
            job()
        except BaseException as error:  # the main thread asserts on them
            errors.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_concurrent_assignments_lose_no_update(tickets):
    reference = create(tickets).reference

    def assign_many(who):
        for _ in range(8):
            tickets.assign(reference, who, by=who, team_id=NOORD, members=MEMBERS.get)
            tickets.assign(reference, None, by=who, team_id=NOORD, members=MEMBERS.get)

    assert _in_parallel(lambda: assign_many("anna"), lambda: assign_many("bram")) == []
    events = [e for e in tickets.history(reference, team_id=NOORD) if e.action == "assigned"]
    # Each change started from what the previous one left: an unbroken chain.
    for before, after in itertools.pairwise(events):
        assert after.from_value == before.to_value
    assert events[-1].to_value == tickets.get(reference).claimed_by


def test_two_retries_of_one_create_at_once_make_one_ticket(tickets, sessions):
    made = []
    errors = _in_parallel(
        lambda: made.append(create(tickets)), lambda: made.append(create(tickets))
    )
    assert errors == []
    assert made[0].reference == made[1].reference
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 1


def test_concurrent_transitions_are_each_checked_against_the_other(tickets):
    reference = create(tickets).reference
    errors = _in_parallel(
        lambda: tickets.transition(reference, Status.ACCEPTED, by="anna"),
        lambda: tickets.transition(reference, Status.CONTACTED, by="bram"),
    )
    steps = [
        (e.from_value, e.to_value)
        for e in tickets.history(reference, team_id=NOORD)
        if e.action == "status"
    ]
    if errors:  # contacted came first, so accepted would have been a step back
        assert [type(e) for e in errors] == [TransitionError]
        assert steps == [("new", "contacted")]
    else:
        assert steps == [("new", "accepted"), ("accepted", "contacted")]
    assert tickets.get(reference).status is Status.CONTACTED


def test_a_write_based_on_an_outdated_read_is_refused(tickets, sessions):
    from sqlalchemy.orm.exc import StaleDataError

    reference = create(tickets).reference
    with sessions() as session:
        stale = session.scalar(select(Ticket).where(Ticket.reference == reference))
        tickets.transition(reference, Status.ACCEPTED, by="anna")
        stale.status = "contacted"
        with pytest.raises(StaleDataError):
            session.commit()
