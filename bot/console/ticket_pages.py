"""A referral's own page in the team inbox: the resident's question and contact details,
the conversation it came from, the history and notes, and the forms to move it on
(``ticket_actions`` handles what they post).

Only the teams the ticket belongs to see it; for anyone else it does not exist.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.console.guard import require
from bot.console.inbox_pages import TEAM_ROLES, staff_names, teams_of
from bot.console.rendering import application, console_texts, render
from bot.console.ticket_chat import referral_chat
from bot.console.ticket_texts import domain_names, history_lines, labels, local_time, sla_badge
from bot.staff.accounts import team_members
from bot.staff.sessions import Staff
from handoff import ContactMethod, Outcome, Status, TicketNotFound, TicketView, next_statuses

router = APIRouter(prefix="/console/tickets", include_in_schema=False)

# How a team member can record a contact they had outside the chat's reply box.
RECORDED_CONTACTS = (ContactMethod.PHONE, ContactMethod.EMAIL, ContactMethod.VISIT)


@router.get("/{reference}")
def ticket_page(request: Request, reference: str) -> Response:
    staff = require(request, *TEAM_ROLES)
    ticket = own_ticket(request, staff, reference)
    if ticket is None:
        return missing(request, staff)
    return detail(request, staff, ticket)


def own_ticket(request: Request, staff: Staff, reference: str) -> TicketView | None:
    """The ticket when one of the staff member's teams has it; another team's is None,
    like one that does not exist."""
    tickets = application(request).tickets
    for team_id, _ in teams_of(request, staff):
        try:
            return tickets.get(reference, team_id=team_id)
        except TicketNotFound:
            continue
    return None


def _summary(summary: str) -> str:
    """The summary without what the page shows better from the conversation itself (the
    living domains in words, the cards actually shown)."""
    skipped = ("Leefgebieden:", "Al getoond door de assistent:")
    return "\n".join(line for line in summary.splitlines() if not line.startswith(skipped))


def expiry(request: Request) -> timedelta:
    """How long a conversation stays open to the resident (for answers in the chat)."""
    return timedelta(days=application(request).settings.conversation_expiry_days)


def detail(
    request: Request,
    staff: Staff,
    ticket: TicketView,
    *,
    error: str | None = None,
    draft: str = "",
) -> Response:
    app = application(request)
    texts = console_texts(request)
    now = app.clock()
    chat = referral_chat(
        app.sessions,
        ticket.conversation_id,
        reference=ticket.reference,
        referred_at=ticket.created_at,
        now=now,
        expiry=expiry(request),
    )
    teams = {t.id: t.name for t in app.directory.teams()}
    names = staff_names(request)
    allowed = [s.value for s in next_statuses(ticket.status) if s is not Status.CONTACTED]
    awaiting = ticket.status in (Status.NEW, Status.ACCEPTED)
    return render(
        request,
        "ticket_detail.html",
        staff=staff,
        ticket=ticket,
        badge=sla_badge(ticket, now, texts),
        labels=labels(texts),
        summary=_summary(ticket.summary),
        domains=domain_names(texts, ticket.domains),
        next_statuses=allowed,
        outcomes=[o.value for o in Outcome],
        contact_methods=[m.value for m in RECORDED_CONTACTS],
        members=team_members(app.sessions, ticket.team_id),
        names=names,
        other_teams=[(t_id, name) for t_id, name in teams.items() if t_id != ticket.team_id],
        history=history_lines(
            app.tickets.history(ticket.reference, team_id=ticket.team_id), texts, names, teams
        ),
        notes=app.tickets.notes(ticket.reference, team_id=ticket.team_id),
        chat=chat,
        can_reply=(
            ticket.contact_method is ContactMethod.CHAT
            and chat.live
            and ticket.status is not Status.CLOSED
        ),
        awaiting=awaiting,
        form_id=secrets.token_urlsafe(12),
        draft=draft,
        local_time=lambda moment: local_time(texts, moment),
        error=error,
        status_code=409 if error else 200,
    )


def refused(
    request: Request, staff: Staff, reference: str, error: str, *, draft: str = ""
) -> Response:
    fresh = own_ticket(request, staff, reference)
    if fresh is None:
        return missing(request, staff)
    return detail(request, staff, fresh, error=error, draft=draft)


def missing(request: Request, staff: Staff) -> Response:
    return render(request, "ticket_not_found.html", staff=staff, status_code=404)
