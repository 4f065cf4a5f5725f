"""The district team's inbox: their own team's referrals only, the most pressing first,
with what a professional needs to call the resident back and to close the loop.

A team member sees the tickets of the teams they belong to, nothing else: another team's
reference in the address bar is "not found", exactly like a reference that does not exist.
Admins see every team's inbox.

This module is the list (filters, search, "mine") and its CSV export; a ticket's own
page is ``ticket_pages``, what a team member does with it ``ticket_actions``, and how a
ticket reads ``ticket_texts``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.console import access_log
from bot.console.guard import NotAllowed, require
from bot.console.rendering import application, console_texts, render, secure
from bot.console.ticket_chat import waiting_for_the_team
from bot.console.ticket_texts import domain_names, labels, local, local_time, sla_badge
from bot.staff.accounts import Role, accounts
from bot.staff.sessions import Staff
from handoff import WORKFLOW, ContactMethod, Status, TicketView, Urgency
from knowledge_base import safe_cell

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
    search: str = ""
    mine: bool = False

    def query(self) -> str:
        return urlencode(
            {
                "team": self.team,
                "status": self.status,
                "urgency": self.urgency,
                "overdue": "1" if self.overdue else "",
                "q": self.search,
                "mine": "1" if self.mine else "",
            }
        )


def teams_of(request: Request, staff: Staff) -> list[tuple[str, str]]:
    """The teams whose inbox this person may open, as (id, name)."""
    teams = application(request).directory.teams()
    if staff.role is Role.ADMIN:
        return [(t.id, t.name) for t in teams]
    return [(t.id, t.name) for t in teams if t.id in staff.teams]


def _team_for(request: Request, staff: Staff, wanted: str | None) -> str:
    mine = [team_id for team_id, _ in teams_of(request, staff)]
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
        search=" ".join(params.get("q", "").split())[:100],
        mine=params.get("mine") == "1",
    )


def _inbox(
    request: Request, staff: Staff, filters: InboxFilters, *, limit: int = PAGE_SIZE
) -> list[TicketView]:
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
        search=filters.search or None,
        claimed_by=staff.username if filters.mine else None,
        limit=limit,
    )


def staff_names(request: Request) -> dict[str, str]:
    """Staff account names by username, for the history and "taken by"."""
    return {a.username: a.display_name for a in accounts(application(request).sessions)}


@router.get("")
def inbox(request: Request) -> Response:
    staff = require(request, *TEAM_ROLES)
    filters = _filters(request, staff)
    texts = console_texts(request)
    now = application(request).clock()
    tickets = _inbox(request, staff, filters)
    names = staff_names(request)
    chats = {
        t.conversation_id: t.created_at
        for t in tickets
        if t.contact_method is ContactMethod.CHAT and t.status is not Status.CLOSED
    }
    return render(
        request,
        "tickets_list.html",
        staff=staff,
        filters=filters,
        teams=teams_of(request, staff),
        tickets=[(t, sla_badge(t, now, texts), domain_names(texts, t.domains)) for t in tickets],
        names=names,
        waiting=waiting_for_the_team(application(request).sessions, chats),
        labels=labels(texts),
        statuses=[s.value for s in WORKFLOW],
        local_time=lambda moment: local_time(texts, moment),
    )


@router.get(".csv")
def export(request: Request) -> Response:
    """The team's own tickets for their records; cells are safe to open in a spreadsheet.
    Headers and values in the staff member's language, times as the clock in the
    municipality shows them."""
    staff = require(request, *TEAM_ROLES)
    filters = _filters(request, staff)
    texts = console_texts(request)
    words = labels(texts)
    names = staff_names(request)
    tickets = _inbox(request, staff, filters, limit=500)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            texts.gettext("Reference"),
            texts.gettext("Status"),
            texts.gettext("Outcome"),
            texts.gettext("Urgency"),
            texts.gettext("First contact at the latest"),
            texts.gettext("Received"),
            texts.gettext("Taken by"),
            texts.gettext("Contact by"),
            texts.gettext("Name"),
            texts.gettext("Phone"),
            texts.gettext("E-mail"),
            texts.gettext("Postcode"),
            texts.gettext("Living domains"),
        ]
    )

    def stamp(moment: datetime) -> str:
        return local(moment).strftime("%Y-%m-%d %H:%M")

    for t in tickets:
        writer.writerow(
            safe_cell(v)
            for v in (
                t.reference, words["status"][t.status],
                words["outcome"][t.outcome] if t.outcome else "",
                words["urgency"][t.urgency], stamp(t.due_at), stamp(t.created_at),
                names.get(t.claimed_by, t.claimed_by) if t.claimed_by else "",
                words["method"][t.contact_method], t.name or "", t.phone or "", t.email or "",
                t.postcode or "", ", ".join(domain_names(texts, t.domains)),
            )
        )  # fmt: skip
    access_log.record_export(
        application(request).sessions,
        [(t.conversation_id, t.reference) for t in tickets],
        username=staff.username,
        role=staff.role.value,
        at=application(request).clock(),
    )
    response = Response(
        out.getvalue().encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="tickets-{filters.team}.csv"'},
    )
    return secure(response)
