"""The district team's inbox: their own team's referrals only, the most pressing first,
with what a professional needs to call the resident back and to close the loop.

A team member sees the tickets of the teams they belong to, nothing else: another team's
reference in the address bar is "not found", exactly like a reference that does not exist.
Admins see every team's inbox.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from bot.console.auth import Staff
from bot.console.guard import NotAllowed, posted, require
from bot.console.rendering import application, console_texts, render, secure
from bot.i18n import Texts
from bot.staff import Role, team_members
from handoff import (
    NotATeamMember,
    Outcome,
    Status,
    TicketError,
    TicketNotFound,
    TicketView,
    Urgency,
)
from handoff.lifecycle import ALLOWED
from knowledge_base.spreadsheet import safe_cell

router = APIRouter(prefix="/console/tickets", include_in_schema=False)

PAGE_SIZE = 50
TEAM_ROLES = (Role.TEAM_MEMBER,)
OPEN_STATUSES = (Status.NEW, Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS)


@dataclass(frozen=True)
class InboxFilters:
    team: str
    status: str = "open"
    urgency: str = ""
    overdue: bool = False

    def query(self) -> str:
        return (
            f"team={self.team}&status={self.status}&urgency={self.urgency}"
            f"&overdue={'1' if self.overdue else ''}"
        )


def _teams_of(request: Request, staff: Staff) -> list[tuple[str, str]]:
    """The teams whose inbox this person may open, as (id, name)."""
    teams = application(request).directory.teams()
    if staff.role is Role.ADMIN:
        return [(t.id, t.name) for t in teams]
    return [(t.id, t.name) for t in teams if t.id in staff.teams]


def _team_for(request: Request, staff: Staff, wanted: str | None) -> str:
    mine = [team_id for team_id, _ in _teams_of(request, staff)]
    if not mine:
        raise NotAllowed
    return wanted if wanted in mine else mine[0]


def _filters(request: Request, staff: Staff) -> InboxFilters:
    params = request.query_params
    status = params.get("status", "open")
    if status not in {"open", "all", *(s.value for s in Status)}:
        status = "open"
    urgency = params.get("urgency", "")
    return InboxFilters(
        team=_team_for(request, staff, params.get("team")),
        status=status,
        urgency=urgency if urgency in {u.value for u in Urgency} else "",
        overdue=params.get("overdue") == "1",
    )


def _inbox(request: Request, filters: InboxFilters, *, limit: int = PAGE_SIZE) -> list[TicketView]:
    statuses: Any = None
    if filters.status == "open":
        statuses = OPEN_STATUSES
    elif filters.status != "all":
        statuses = (filters.status,)
    return application(request).tickets.list(
        filters.team,
        statuses=statuses,
        urgency=filters.urgency or None,
        overdue=True if filters.overdue else None,
        limit=limit,
    )


def sla_badge(ticket: TicketView, now: datetime, texts: Texts) -> tuple[str, str]:
    """(css class, words) for how the ticket stands against its due time."""
    if ticket.status in (Status.CLOSED,):
        return "done", texts.gettext("closed")
    if ticket.status not in (Status.NEW, Status.ACCEPTED):
        return "ok", texts.gettext("contacted")
    if ticket.overdue:
        return "late", texts.gettext("overdue")
    if ticket.due_at - now < timedelta(days=1):
        return "soon", texts.gettext("due today")
    return "ok", texts.gettext("due %(day)s", day=texts.short_date(ticket.due_at))


def _labels(texts: Texts) -> dict[str, dict[str, str]]:
    return {
        "status": {
            "new": texts.gettext("New"),
            "accepted": texts.gettext("Accepted"),
            "contacted": texts.gettext("Contacted"),
            "in_progress": texts.gettext("In progress"),
            "closed": texts.gettext("Closed"),
            "rejected": texts.gettext("Wrong team"),
        },
        "outcome": {
            "helped": texts.gettext("Helped"),
            "referred_elsewhere": texts.gettext("Referred elsewhere"),
            "could_not_contact": texts.gettext("Could not make contact"),
            "not_eligible": texts.gettext("Not eligible"),
            "declined": texts.gettext("Declined by the resident"),
            "no_longer_needed": texts.gettext("No longer needed"),
        },
        "method": {
            "phone": texts.gettext("Phone"),
            "email": texts.gettext("E-mail"),
            "chat": texts.gettext("Chat"),
            "visit": texts.gettext("Home visit"),
        },
        "urgency": {"normal": texts.gettext("Normal"), "urgent": texts.gettext("Urgent")},
    }


@router.get("")
def inbox(request: Request) -> Response:
    staff = require(request, *TEAM_ROLES)
    filters = _filters(request, staff)
    texts = console_texts(request)
    now = application(request).clock()
    tickets = _inbox(request, filters)
    return render(
        request,
        "tickets_list.html",
        staff=staff,
        filters=filters,
        teams=_teams_of(request, staff),
        tickets=[(t, sla_badge(t, now, texts)) for t in tickets],
        labels=_labels(texts),
        statuses=[s.value for s in Status if s is not Status.REJECTED],
    )


@router.get(".csv")
def export(request: Request) -> Response:
    """The team's own tickets for their records; cells are safe to open in a spreadsheet."""
    staff = require(request, *TEAM_ROLES)
    filters = _filters(request, staff)
    tickets = _inbox(request, filters, limit=500)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["reference", "status", "outcome", "urgency", "due", "created", "claimed_by",
         "contact_method", "name", "phone", "email", "postcode", "domains"]
    )  # fmt: skip
    for t in tickets:
        writer.writerow(
            safe_cell(v)
            for v in (
                t.reference, t.status.value, t.outcome.value if t.outcome else "",
                t.urgency.value, t.due_at.isoformat(timespec="minutes"),
                t.created_at.isoformat(timespec="minutes"), t.claimed_by or "",
                t.contact_method, t.name or "", t.phone or "", t.email or "",
                t.postcode or "", ", ".join(t.domains),
            )
        )  # fmt: skip
    response = Response(
        out.getvalue().encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="tickets-{filters.team}.csv"'},
    )
    return secure(response)


@router.get("/{reference}")
def ticket_page(request: Request, reference: str) -> Response:
    staff = require(request, *TEAM_ROLES)
    ticket = _own_ticket(request, staff, reference)
    if ticket is None:
        return _missing(request, staff)
    return _detail(request, staff, ticket)


def _own_ticket(request: Request, staff: Staff, reference: str) -> TicketView | None:
    tickets = application(request).tickets
    for team_id, _ in _teams_of(request, staff):
        try:
            return tickets.get(reference, team_id=team_id)
        except TicketNotFound:
            continue
    return None


def _detail(
    request: Request, staff: Staff, ticket: TicketView, *, error: str | None = None
) -> Response:
    app = application(request)
    texts = console_texts(request)
    return render(
        request,
        "ticket_detail.html",
        staff=staff,
        ticket=ticket,
        badge=sla_badge(ticket, app.clock(), texts),
        labels=_labels(texts),
        next_statuses=sorted(s.value for s in ALLOWED[ticket.status]),
        outcomes=[o.value for o in Outcome],
        members=team_members(app.sessions, ticket.team_id),
        other_teams=[(t.id, t.name) for t in app.directory.teams() if t.id != ticket.team_id],
        history=app.tickets.history(ticket.reference, team_id=ticket.team_id),
        notes=app.tickets.notes(ticket.reference, team_id=ticket.team_id),
        error=error,
        status_code=409 if error else 200,
    )


@router.post("/{reference}/{action}")
async def act(request: Request, reference: str, action: str) -> Response:
    staff, form = await posted(request, *TEAM_ROLES)
    return await run_in_threadpool(_act, request, staff, reference, action, form)


def _act(request: Request, staff: Staff, reference: str, action: str, form: FormData) -> Response:
    ticket = _own_ticket(request, staff, reference)
    if ticket is None:
        return _missing(request, staff)
    tickets = application(request).tickets
    by = staff.username
    team = ticket.team_id

    def field(name: str) -> str:
        value = form.get(name)
        return value.strip()[:4000] if isinstance(value, str) else ""

    try:
        if action == "claim":
            tickets.claim(reference, by=by, team_id=team)
        elif action == "assign":
            sessions = application(request).sessions
            tickets.assign(
                reference,
                field("to") or None,
                by=by,
                team_id=team,
                members=lambda team_id: {name for name, _ in team_members(sessions, team_id)},
            )
        elif action == "status":
            changed = tickets.transition(
                reference,
                field("status"),
                by=by,
                outcome=field("outcome") or None,
                note=field("note") or None,
                team_id=team,
            )
            application(request).status_changed(changed)
        elif action == "note":
            if not field("text"):
                raise TicketError(console_texts(request).gettext("A note needs some text."))
            tickets.add_note(reference, field("text"), by=by, team_id=team)
        elif action == "reroute":
            moved = tickets.reroute(
                reference, field("team"), by=by, reason=field("reason"), acting_team_id=team
            )
            app = application(request)
            with app.sessions() as session, session.begin():
                app.ticket_arrived(session, moved)
            return secure(RedirectResponse("/console/tickets", status_code=303))
        else:
            return _missing(request, staff)
    except TicketNotFound:
        return _missing(request, staff)
    except NotATeamMember:
        fresh = _own_ticket(request, staff, reference)
        if fresh is None:
            return _missing(request, staff)
        texts = console_texts(request)
        return _detail(
            request,
            staff,
            fresh,
            error=texts.gettext("You can only give a referral to a member of its own team."),
        )
    except TicketError as exc:
        fresh = _own_ticket(request, staff, reference)
        if fresh is None:
            return _missing(request, staff)
        return _detail(request, staff, fresh, error=str(exc))
    return secure(RedirectResponse(f"/console/tickets/{reference}", status_code=303))


def _missing(request: Request, staff: Staff) -> Response:
    return render(request, "ticket_not_found.html", staff=staff, status_code=404)
