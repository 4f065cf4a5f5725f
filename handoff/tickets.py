"""Referral tickets: the one place that creates and changes them.

The conversation engine creates a ticket when a resident agrees to a warm referral; the
team inbox (console and REST API) reads and moves it along; the resident asks for its
status by reference. Every change goes through ``Tickets`` so the rules live in one
place: consent before anything is stored, the allowed steps (``handoff.lifecycle``), a
history entry for each change, and a team only ever seeing its own tickets.

Concurrency: a change locks the ticket before reading it (``SELECT ... FOR UPDATE`` on
PostgreSQL; SQLite, which has no row locks, takes its database write lock first), so a
second team member's change waits and is then checked against the first one's. A version
column backs this up: a write based on an outdated read fails and is tried again on fresh
data. No update and no history entry is lost.
"""

from __future__ import annotations

import builtins
import logging
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    ColumnExpressionArgument,
    Select,
    and_,
    exists,
    func,
    not_,
    null,
    or_,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from handoff.errors import (
    ConsentRequired,
    InvalidTicket,
    NotATeamMember,
    TicketError,
    TicketNotFound,
    TransitionError,
)
from handoff.lifecycle import (
    AWAITING_CONTACT,
    REROUTABLE,
    Outcome,
    Status,
    Urgency,
    check_transition,
)
from handoff.models import Team, Ticket, TicketEvent, TicketNote
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
from handoff.references import new_reference, normalize_reference
from handoff.working_days import due_after

logger = logging.getLogger(__name__)

T = TypeVar("T")
Clock = Callable[[], datetime]

RESIDENT = "resident"  # who the history names for what the resident did through the chat
MAX_PAGE = 500
# Tries before giving up; more than one only when writers collide (see the docstring).
_ATTEMPTS = 5


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Tickets:
    """Create, read and move referral tickets.

    ``zrm`` maps each living domain to its Zelfredzaamheid-Matrix domains, ``sla`` the
    urgency to the working days a team has to make first contact.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        zrm: Mapping[str, Sequence[str]],
        sla: Mapping[Urgency, int] | Mapping[str, int],
        clock: Clock = _utcnow,
    ) -> None:
        self._sessions = sessions
        self._zrm = {domain: tuple(values) for domain, values in zrm.items()}
        self._sla = _sla_policy(sla)
        self._clock = clock

    # -- creating -------------------------------------------------------------------

    def create(
        self, request: NewTicket, *, idempotency_key: str, session: Session | None = None
    ) -> TicketView:
        """Store a referral once; the same key again returns the ticket made the first time.

        With ``session`` the ticket is written in the caller's transaction (a savepoint),
        so that it commits together with the conversation that asked for it: a crash in
        between leaves neither, and a retry makes it once.
        """
        consent = _check_request(request, idempotency_key)
        urgency = _parse(Urgency, request.urgency, InvalidTicket)
        for _ in range(_ATTEMPTS):
            try:
                if session is not None:
                    with session.begin_nested():
                        view = self._create_in(session, request, consent, urgency, idempotency_key)
                else:
                    with self._sessions() as own, own.begin():
                        view = self._create_in(own, request, consent, urgency, idempotency_key)
            except IntegrityError:
                # The same key stored by a concurrent retry (found on the next pass), or
                # a reference drawn twice (a fresh one is drawn on the next pass).
                continue
            logger.info("ticket %s for team %s", view.reference, view.team_id)
            return view
        raise TicketError("could not store the ticket; try again", code="busy")

    def _create_in(
        self,
        session: Session,
        request: NewTicket,
        consent: Consent,
        urgency: Urgency,
        idempotency_key: str,
    ) -> TicketView:
        existing = session.scalar(select(Ticket).where(Ticket.idempotency_key == idempotency_key))
        if existing is not None:
            # A key is only a retry from the same conversation; anything else must not be
            # handed another resident's ticket.
            if existing.conversation_id != request.conversation_id:
                raise InvalidTicket("idempotency key already used elsewhere")
            return self._view(session, existing, self._clock())
        if session.get(Team, request.team_id) is None:
            raise InvalidTicket(f"unknown team {request.team_id}")
        ticket = self._new_row(request, consent, urgency, idempotency_key)
        session.add(ticket)
        session.flush()
        _record(session, ticket, ticket.created_at, RESIDENT, "created", None, "new")
        session.flush()
        return self._view(session, ticket, ticket.created_at)

    def _new_row(
        self, request: NewTicket, consent: Consent, urgency: Urgency, idempotency_key: str
    ) -> Ticket:
        now = self._clock()
        transcript = (
            [entry.to_json() for entry in request.transcript] if consent.share_transcript else None
        )
        return Ticket(
            reference=new_reference(),
            team_id=request.team_id,
            district_id=request.district_id,
            conversation_id=request.conversation_id,
            channel=request.channel,
            locale=request.locale,
            status=Status.NEW.value,
            outcome=None,
            urgency=urgency.value,
            domains=list(request.domains),
            zrm=self._zrm_domains(request.domains),
            summary=request.summary,
            transcript=transcript,
            contact_method=ContactMethod(request.contact_method).value,
            phone=request.phone,
            email=request.email,
            preferred_time=request.preferred_time,
            name=request.name,
            postcode=request.postcode,
            consent=consent.to_json(),
            due_at=due_after(now, self._sla[urgency]),
            created_at=now,
            updated_at=now,
            claimed_by=None,
            notify_resident=request.notify_resident,
            idempotency_key=idempotency_key,
        )

    def _zrm_domains(self, domains: Iterable[str]) -> list[str]:
        found: list[str] = []
        for domain in domains:
            found.extend(z for z in self._zrm.get(domain, ()) if z not in found)
        return found

    # -- changing -------------------------------------------------------------------

    def transition(
        self,
        reference: str,
        status: Status | str,
        *,
        by: str,
        outcome: Outcome | str | None = None,
        note: str | None = None,
        team_id: str | None = None,
        session: Session | None = None,
    ) -> TicketView:
        """Move a ticket to ``status``; ``team_id`` is the team acting (None: the system).

        With ``session`` the change is written in the caller's transaction, so that it
        commits together with the resident's message that announces it, or not at all.
        """
        target = _parse(Status, status, TransitionError)
        result = _parse(Outcome, outcome, TransitionError) if outcome is not None else None
        _check_actor(by)

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            current = Status(ticket.status)
            check_transition(current, target, result)
            ticket.status = target.value
            _record(session, ticket, now, by, "status", current, target, note)
            # Closing sets the outcome, reopening clears it; both belong in the history.
            if ticket.outcome != result:
                _record(session, ticket, now, by, "outcome", ticket.outcome, result)
                ticket.outcome = result.value if result is not None else None

        return self._change(reference, team_id, change, session=session)

    def reroute(
        self,
        reference: str,
        team_id: str,
        *,
        by: str,
        reason: str,
        acting_team_id: str | None = None,
        session: Session | None = None,
    ) -> TicketView:
        """Hand a ticket that reached the wrong team to ``team_id``, as new, due afresh.

        ``acting_team_id`` is the team that rejects it (it must own the ticket). With
        ``session`` the change is written in the caller's transaction, so that it commits
        together with what announces it to the new team, or not at all; on an error the
        caller rolls that transaction back.
        """
        _check_actor(by)
        if not reason.strip():
            raise InvalidTicket("say why the ticket goes to another team", code="reason_needed")

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            current = Status(ticket.status)
            if current not in REROUTABLE:
                raise TransitionError(
                    f"a {current} ticket cannot go to another team", code="not_reroutable"
                )
            if ticket.team_id == team_id:
                raise TransitionError("the ticket is already with that team", code="same_team")
            if session.get(Team, team_id) is None:
                raise InvalidTicket(f"unknown team {team_id}", code="unknown_team")
            _record(session, ticket, now, by, "status", current, Status.REJECTED, reason)
            _record(session, ticket, now, by, "rerouted", ticket.team_id, team_id, reason)
            _record(session, ticket, now, by, "status", Status.REJECTED, Status.NEW)
            if ticket.claimed_by is not None:
                _record(session, ticket, now, by, "assigned", ticket.claimed_by, None)
            ticket.team_id = team_id
            ticket.status = Status.NEW.value
            ticket.claimed_by = None
            ticket.due_at = due_after(now, self._sla[Urgency(ticket.urgency)])

        view = self._change(reference, acting_team_id, change, session=session)
        logger.info("ticket %s rerouted to team %s", view.reference, team_id)
        return view

    def claim(
        self, reference: str, *, by: str, team_id: str | None, session: Session | None = None
    ) -> TicketView:
        """``by`` takes the ticket on; a new ticket is accepted at the same time.

        Refused when a colleague has it: taking it over is an explicit ``assign``. With
        ``session``, written in the caller's transaction (see ``transition``).
        """
        _check_actor(by)

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            if ticket.status == Status.CLOSED:
                raise TransitionError("a closed ticket cannot be claimed", code="closed")
            if ticket.claimed_by == by:
                return
            if ticket.claimed_by is not None:
                raise TransitionError(
                    f"{ticket.claimed_by} has already claimed this ticket", code="claimed_by_other"
                )
            _record(session, ticket, now, by, "claimed", None, by)
            ticket.claimed_by = by
            if ticket.status == Status.NEW:
                _record(session, ticket, now, by, "status", Status.NEW, Status.ACCEPTED)
                ticket.status = Status.ACCEPTED.value

        return self._change(reference, team_id, change, session=session)

    def record_contact(
        self,
        reference: str,
        method: ContactMethod | str,
        *,
        by: str,
        note: str | None = None,
        team_id: str | None,
        session: Session | None = None,
    ) -> TicketView:
        """Record that the team had contact with the resident (a call, an e-mail, a visit,
        an answer in the chat). A ticket still awaiting contact is then ``contacted``:
        the status says so only once it happened. With ``session``, written in the
        caller's transaction (see ``transition``)."""
        _check_actor(by)
        how = _parse_contact(method)

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            if ticket.status == Status.CLOSED:
                raise TransitionError("a closed ticket takes no contact", code="closed")
            _record(session, ticket, now, by, "contact", None, how.value, note)
            current = Status(ticket.status)
            if current in AWAITING_CONTACT:
                _record(session, ticket, now, by, "status", current, Status.CONTACTED)
                ticket.status = Status.CONTACTED.value

        return self._change(reference, team_id, change, session=session)

    def assign(
        self,
        reference: str,
        to: str | None,
        *,
        by: str,
        team_id: str | None,
        members: Callable[[str], Collection[str]],
    ) -> TicketView:
        """Give the ticket to a team member (``None``: to nobody in particular).

        ``members`` names the active members of a team (staff accounts live outside this
        package); it is asked for the team that has the ticket when the change is made,
        so a ticket rerouted meanwhile cannot go to the old team's member."""
        _check_actor(by)
        if to is not None:
            _check_actor(to)

        def change(session: Session, ticket: Ticket, now: datetime) -> None:
            if ticket.status == Status.CLOSED:
                raise TransitionError("a closed ticket cannot be assigned", code="closed")
            if to is not None and to not in members(ticket.team_id):
                raise NotATeamMember(f"{to} is not a member of team {ticket.team_id}")
            if ticket.claimed_by != to:
                _record(session, ticket, now, by, "assigned", ticket.claimed_by, to)
                ticket.claimed_by = to

        return self._change(reference, team_id, change)

    def add_note(
        self, reference: str, text: str, *, by: str, team_id: str | None
    ) -> TicketNoteView:
        """An internal note for the team (never shown to the resident)."""
        _check_actor(by)
        if not text.strip():
            raise InvalidTicket("a note needs text", code="text_needed")

        def change(session: Session, ticket: Ticket, now: datetime) -> TicketNoteView:
            session.add(TicketNote(ticket_id=ticket.id, at=now, by=by, text=text))
            # Touching the ticket puts the note in line with other changes to it.
            ticket.updated_at = now
            return TicketNoteView(at=now, by=by, text=text)

        return self._apply(reference, team_id, change)

    def _change(
        self,
        reference: str,
        team_id: str | None,
        change: Callable[[Session, Ticket, datetime], None],
        *,
        session: Session | None = None,
    ) -> TicketView:
        def change_and_view(session: Session, ticket: Ticket, now: datetime) -> TicketView:
            change(session, ticket, now)
            return self._view(session, ticket, now)

        return self._apply(reference, team_id, change_and_view, session=session)

    def _apply(
        self,
        reference: str,
        team_id: str | None,
        change: Callable[[Session, Ticket, datetime], T],
        *,
        session: Session | None = None,
    ) -> T:
        """Run ``change`` on the locked ticket in one unit of work, again if it was stale.

        In the caller's ``session`` it runs once: the ticket is locked before it is read,
        so only a writer that ignores the lock makes it stale, and the caller's
        transaction cannot be replayed here."""
        canonical = _canonical(reference)
        if session is not None:
            try:
                ticket = _find(session, canonical, team_id, lock=True)
                result = change(session, ticket, self._clock())
                session.flush()
            except StaleDataError:
                raise TicketError("the ticket changed meanwhile; try again", code="busy") from None
            return result
        for _ in range(_ATTEMPTS):
            try:
                with self._sessions() as session, session.begin():
                    ticket = _find(session, canonical, team_id, lock=True)
                    result = change(session, ticket, self._clock())
                    session.flush()
            except StaleDataError:
                logger.debug("ticket %s changed meanwhile; trying again", canonical)
                continue
            return result
        raise TicketError("the ticket kept changing; try again", code="busy")

    # -- retention ------------------------------------------------------------------

    def erase_transcripts(
        self, session: Session, *, closed_before: datetime, limit: int, by: str
    ) -> tuple[int, int]:
        """Erase the conversation copied into tickets the team closed before
        ``closed_before`` (the municipality's retention period for it has ended). The
        ticket itself, its contact details, notes and history stay: they are the team's
        record. Each erasure is recorded in the ticket's history.

        Works in the caller's transaction, on at most ``limit`` tickets (batches keep a
        purge from holding the database for long). Returns (tickets looked at, transcripts
        erased): a caller goes on while the first equals ``limit``.
        """
        _check_actor(by)
        query = (
            _transcripts_due(closed_before)
            .order_by(Ticket.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        now = self._clock()
        tickets = session.scalars(query).all()
        erased = 0
        for ticket in tickets:
            if ticket.transcript:
                _record(session, ticket, now, by, "transcript", "shared", "erased")
                erased += 1
            # SQL NULL, not JSON null (what None becomes): the ticket is not picked again.
            ticket.transcript = cast(Any, null())
        session.flush()
        return len(tickets), erased

    def count_transcripts_to_erase(self, *, closed_before: datetime) -> int:
        """How many transcripts ``erase_transcripts`` would erase now (a dry run)."""
        with self._sessions() as session:
            query = _transcripts_due(closed_before).with_only_columns(Ticket.transcript)
            rows = session.execute(query.execution_options(yield_per=500))
            return sum(1 for (transcript,) in rows if transcript)

    # -- reading --------------------------------------------------------------------

    def get(self, reference: str, *, team_id: str | None = None) -> TicketView:
        canonical = _canonical(reference)
        with self._sessions() as session:
            return self._view(session, _find(session, canonical, team_id), self._clock())

    def list(
        self,
        team_id: str,
        *,
        statuses: Iterable[Status | str] | None = None,
        urgency: Urgency | str | None = None,
        overdue: bool | None = None,
        search: str | None = None,
        claimed_by: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> builtins.list[TicketView]:
        """A team's inbox, the most pressing (earliest due) first.

        ``search`` finds a reference (in part, with or without the dash), the resident's
        name or their postcode (with or without its space); ``claimed_by`` keeps the
        tickets of one team member."""
        if not 1 <= limit <= MAX_PAGE or offset < 0:
            raise InvalidTicket(f"limit must be 1 to {MAX_PAGE}, offset not negative")
        now = self._clock()
        query = select(Ticket).where(Ticket.team_id == team_id)
        if statuses is not None:
            wanted = [_parse(Status, s, InvalidTicket).value for s in statuses]
            query = query.where(Ticket.status.in_(wanted))
        if urgency is not None:
            query = query.where(Ticket.urgency == _parse(Urgency, urgency, InvalidTicket).value)
        if overdue is not None:
            late = _overdue_clause(now)
            query = query.where(late if overdue else not_(late))
        if claimed_by is not None:
            query = query.where(Ticket.claimed_by == claimed_by)
        if search is not None and search.strip():
            query = query.where(_search_clause(search))
        query = query.order_by(Ticket.due_at, Ticket.id).limit(limit).offset(offset)
        with self._sessions() as session:
            return [self._view(session, ticket, now) for ticket in session.scalars(query)]

    def history(self, reference: str, *, team_id: str | None) -> builtins.list[TicketEventView]:
        canonical = _canonical(reference)
        with self._sessions() as session:
            ticket = _find(session, canonical, team_id)
            events = session.scalars(
                select(TicketEvent)
                .where(TicketEvent.ticket_id == ticket.id)
                .order_by(TicketEvent.at, TicketEvent.id)
            )
            return [
                TicketEventView(e.at, e.by, e.action, e.from_value, e.to_value, e.note)
                for e in events
            ]

    def notes(self, reference: str, *, team_id: str | None) -> builtins.list[TicketNoteView]:
        canonical = _canonical(reference)
        with self._sessions() as session:
            ticket = _find(session, canonical, team_id)
            notes = session.scalars(
                select(TicketNote)
                .where(TicketNote.ticket_id == ticket.id)
                .order_by(TicketNote.at, TicketNote.id)
            )
            return [TicketNoteView(n.at, n.by, n.text) for n in notes]

    def activity(self, start: datetime, end: datetime) -> builtins.list[TicketActivity]:
        """Tickets made in [start, end) or with a step in it, with all their steps."""
        with self._sessions() as session:
            busy = (
                select(TicketEvent.ticket_id)
                .where(TicketEvent.at >= start, TicketEvent.at < end)
                .distinct()
            )
            tickets = session.scalars(
                select(Ticket).where(
                    or_(
                        and_(Ticket.created_at >= start, Ticket.created_at < end),
                        Ticket.id.in_(busy),
                    )
                )
            ).all()
            steps: dict[int, list[tuple[datetime, str, str | None, str | None]]] = {}
            if tickets:
                rows = session.execute(
                    select(
                        TicketEvent.ticket_id,
                        TicketEvent.at,
                        TicketEvent.action,
                        TicketEvent.from_value,
                        TicketEvent.to_value,
                    )
                    .where(TicketEvent.ticket_id.in_([t.id for t in tickets]))
                    .order_by(TicketEvent.at, TicketEvent.id)
                )
                for ticket_id, at, action, from_value, to_value in rows:
                    steps.setdefault(ticket_id, []).append((at, action, from_value, to_value))
            return [
                TicketActivity(
                    team_id=t.team_id,
                    district_id=t.district_id,
                    created_at=t.created_at,
                    due_at=t.due_at,
                    steps=tuple(steps.get(t.id, ())),
                )
                for t in tickets
            ]

    def email_for_conversation(self, conversation_id: str) -> str | None:
        """The e-mail address the resident gave in this conversation's newest referral
        that has one (None once erased with the ticket's contact details)."""
        with self._sessions() as session:
            return session.scalars(
                select(Ticket.email)
                .where(Ticket.conversation_id == conversation_id, Ticket.email.is_not(None))
                .order_by(Ticket.created_at.desc(), Ticket.id.desc())
                .limit(1)
            ).first()

    def status_for_conversation(
        self, reference: str, conversation_id: str, *, session: Session | None = None
    ) -> TicketStatus | None:
        """The status a resident may see, only in the conversation that made the ticket.

        A reference alone is not enough: it may be read over someone's shoulder. With
        ``session``, read in the caller's transaction: the status a change in it made,
        before that commits.
        """
        canonical = normalize_reference(reference)
        if canonical is None:
            return None
        if session is not None:
            return _status_in(session, canonical, conversation_id)
        with self._sessions() as own:
            return _status_in(own, canonical, conversation_id)

    def _view(self, session: Session, ticket: Ticket, now: datetime) -> TicketView:
        team = session.get(Team, ticket.team_id)
        status = Status(ticket.status)
        return TicketView(
            reference=ticket.reference,
            team_id=ticket.team_id,
            team_name=team.name if team else ticket.team_id,
            district_id=ticket.district_id,
            conversation_id=ticket.conversation_id,
            channel=ticket.channel,
            locale=ticket.locale,
            status=status,
            outcome=Outcome(ticket.outcome) if ticket.outcome else None,
            urgency=Urgency(ticket.urgency),
            domains=tuple(ticket.domains),
            zrm=tuple(ticket.zrm),
            summary=ticket.summary,
            transcript=(
                tuple(TranscriptEntry.from_json(e) for e in ticket.transcript)
                if ticket.transcript is not None
                else None
            ),
            contact_method=ContactMethod(ticket.contact_method),
            phone=ticket.phone,
            email=ticket.email,
            preferred_time=ticket.preferred_time,
            name=ticket.name,
            postcode=ticket.postcode,
            consent=Consent.from_json(ticket.consent),
            due_at=ticket.due_at,
            created_at=ticket.created_at,
            updated_at=ticket.updated_at,
            claimed_by=ticket.claimed_by,
            notify_resident=ticket.notify_resident,
            overdue=status in AWAITING_CONTACT and ticket.due_at < now,
        )


def has_open_ticket(conversation_id: ColumnExpressionArgument[str]) -> ColumnElement[bool]:
    """Whether a referral made from this conversation is still open (any status but
    closed), as a condition for the caller's own query over its conversations: the
    retention purge keeps a conversation while the team may still write in it."""
    return exists().where(
        Ticket.conversation_id == conversation_id, Ticket.status != Status.CLOSED.value
    )


def _find(session: Session, reference: str, team_id: str | None, *, lock: bool = False) -> Ticket:
    query = select(Ticket).where(Ticket.reference == reference)
    if team_id is not None:
        # Another team's ticket is reported missing, not forbidden: that would tell
        # the caller it exists.
        query = query.where(Ticket.team_id == team_id)
    if lock:
        query = query.with_for_update()
        if session.get_bind().dialect.name == "sqlite":
            # SQLite ignores FOR UPDATE. A write that changes nothing takes its database
            # write lock (waiting up to the busy timeout), so the read below is current
            # and stays so until commit; the version check remains as a safety net.
            session.execute(_TOUCH, {"reference": reference})
    ticket = session.scalar(query)
    if ticket is None:
        raise TicketNotFound(reference)
    return ticket


_TOUCH = text("UPDATE tickets SET version = version WHERE reference = :reference")


def _status_in(session: Session, reference: str, conversation_id: str) -> TicketStatus | None:
    row = session.execute(
        select(Ticket, Team.name)
        .join(Team, Team.id == Ticket.team_id)
        .where(Ticket.reference == reference)
        .where(Ticket.conversation_id == conversation_id)
    ).first()
    if row is None:
        return None
    ticket, team_name = row
    return TicketStatus(
        reference=ticket.reference,
        status=Status(ticket.status),
        outcome=Outcome(ticket.outcome) if ticket.outcome else None,
        team_name=team_name,
        due_at=ticket.due_at,
    )


def _transcripts_due(closed_before: datetime) -> Select[Ticket]:
    """Closed tickets that still hold a transcript (or a JSON null: see the caller), closed
    (the last time, if reopened) before ``closed_before``."""
    closed_at = (
        select(func.max(TicketEvent.at))
        .where(
            TicketEvent.ticket_id == Ticket.id,
            TicketEvent.action == "status",
            TicketEvent.to_value == Status.CLOSED.value,
        )
        .scalar_subquery()
    )
    return select(Ticket).where(
        Ticket.status == Status.CLOSED.value,
        Ticket.transcript.is_not(None),
        func.coalesce(closed_at, Ticket.updated_at) < closed_before,
    )


def _search_clause(search: str) -> ColumnElement[bool]:
    words = search.strip().lower()[:100]
    squeezed = "".join(ch for ch in words if ch.isalnum())
    found: list[ColumnElement[bool]] = [func.lower(Ticket.name).contains(words, autoescape=True)]
    if squeezed:
        reference = func.replace(func.lower(Ticket.reference), "-", "")
        postcode = func.replace(func.lower(Ticket.postcode), " ", "")
        found.append(reference.contains(squeezed, autoescape=True))
        found.append(postcode.contains(squeezed, autoescape=True))
    return or_(*found)


def _overdue_clause(now: datetime) -> ColumnElement[bool]:
    awaiting = [s.value for s in AWAITING_CONTACT]
    return and_(Ticket.status.in_(awaiting), Ticket.due_at < now)


def _record(
    session: Session,
    ticket: Ticket,
    at: datetime,
    by: str,
    action: str,
    from_value: str | None,
    to_value: str | None,
    note: str | None = None,
) -> None:
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            at=at,
            by=by,
            action=action,
            from_value=None if from_value is None else str(from_value),
            to_value=None if to_value is None else str(to_value),
            note=note,
        )
    )
    ticket.updated_at = at


def _canonical(reference: str) -> str:
    canonical = normalize_reference(reference)
    if canonical is None:
        raise TicketNotFound(reference)
    return canonical


E = TypeVar("E", Status, Outcome, Urgency)


def _parse(kind: type[E], value: E | str, error: type[TicketError]) -> E:
    try:
        return kind(value)
    except ValueError:
        raise error(f"unknown {kind.__name__.lower()} {value!r}", code="unknown_value") from None


def _check_actor(by: str) -> None:
    if not by.strip():
        raise InvalidTicket("say who does this (by)")


def _check_request(request: NewTicket, idempotency_key: str) -> Consent:
    consent = request.consent
    if consent is None or not consent.text.strip():
        raise ConsentRequired("no consent, no ticket: the resident has not agreed to a referral")
    if not idempotency_key.strip():
        raise InvalidTicket("an idempotency key is required")
    if not request.summary.strip():
        raise InvalidTicket("a ticket needs a summary of the question")
    method = _parse_contact(request.contact_method)
    if method is ContactMethod.PHONE and not request.phone:
        raise InvalidTicket("contact by phone needs a phone number")
    if method is ContactMethod.EMAIL and not request.email:
        raise InvalidTicket("contact by e-mail needs an e-mail address")
    return consent


def _parse_contact(value: ContactMethod | str) -> ContactMethod:
    try:
        return ContactMethod(value)
    except ValueError:
        raise InvalidTicket(f"unknown contact method {value!r}", code="unknown_value") from None


def _sla_policy(sla: Mapping[Urgency, int] | Mapping[str, int]) -> dict[Urgency, int]:
    policy = {Urgency(key): days for key, days in sla.items()}
    missing = [u.value for u in Urgency if u not in policy]
    if missing or any(days < 0 for days in policy.values()):
        raise ValueError(f"the SLA needs non-negative working days for every urgency {missing}")
    return policy
