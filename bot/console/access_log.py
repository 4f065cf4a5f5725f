"""Who opened what with a resident's personal data in it: a conversation's transcript (the
volunteers' page records it itself), a ticket, whose page shows the resident's name,
phone and transcript, and the inbox's CSV export (one line per ticket in it, with the
resident's name, phone, e-mail and postcode). Admins read it, by person, conversation and
period; a page reloaded a few times in a row is one line with a count.

Ticket pages are recorded here, from the console's guard (``note_opening``), for every
page listed in ``RECORDED``: the inbox's pages need no code of their own for it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.models import StaffUser, TranscriptView

logger = logging.getLogger(__name__)

TRANSCRIPT = "transcript"
TICKET = "ticket"
EXPORT = "export"
# Opening the same page again within this long is one line with a count.
GROUP_WITHIN = timedelta(minutes=10)
# Pages that show a ticket (what route, which kind of opening).
RECORDED = {("GET", "/console/tickets/{reference}"): TICKET}


@dataclass(frozen=True)
class Opening:
    """One line of the log: a person opening one thing, ``count`` times from ``first``
    to ``last`` (reloads within ``GROUP_WITHIN`` of each other)."""

    username: str
    display_name: str
    role: str
    kind: str
    conversation_id: str
    reference: str | None
    first: datetime
    last: datetime
    count: int = 1

    # The names live_pages' older view of the log uses.
    @property
    def at(self) -> datetime:
        return self.last


@dataclass(frozen=True)
class Query:
    username: str = ""
    conversation: str = ""
    since: datetime | None = None
    until: datetime | None = None


def record(
    sessions: sessionmaker[Session],
    *,
    kind: str,
    conversation_id: str,
    username: str,
    role: str,
    at: datetime,
    reference: str | None = None,
) -> None:
    with sessions.begin() as session:
        session.add(
            TranscriptView(
                conversation_id=conversation_id,
                staff_username=username,
                staff_role=role,
                viewed_at=at,
                kind=kind,
                reference=reference,
            )
        )


def record_export(
    sessions: sessionmaker[Session],
    tickets: Iterable[tuple[str, str]],
    *,
    username: str,
    role: str,
    at: datetime,
) -> None:
    """An export of tickets (conversation id, reference): a line for each, so that the
    log of one resident's conversation shows every file their details went into."""
    with sessions.begin() as session:
        session.add_all(
            TranscriptView(
                conversation_id=conversation_id,
                staff_username=username,
                staff_role=role,
                viewed_at=at,
                kind=EXPORT,
                reference=reference,
            )
            for conversation_id, reference in tickets
        )


def openings(
    sessions: sessionmaker[Session], query: Query = Query(), *, limit: int = 2000
) -> list[Opening]:
    """The log, newest first, reloads grouped."""
    with sessions() as session:
        stmt = select(TranscriptView).order_by(TranscriptView.id.desc()).limit(limit)
        if query.username:
            stmt = stmt.where(TranscriptView.staff_username == query.username)
        if query.conversation:
            conversation = query.conversation.strip()
            stmt = stmt.where(
                (TranscriptView.conversation_id == conversation)
                | (TranscriptView.reference == conversation.upper())
            )
        if query.since:
            stmt = stmt.where(TranscriptView.viewed_at >= query.since)
        if query.until:
            stmt = stmt.where(TranscriptView.viewed_at < query.until)
        rows = list(session.scalars(stmt))
        names = _names(session, {r.staff_username for r in rows})
    return group(
        Opening(
            username=r.staff_username,
            display_name=names.get(r.staff_username, r.staff_username),
            role=r.staff_role,
            kind=r.kind,
            conversation_id=r.conversation_id,
            reference=r.reference,
            first=r.viewed_at,
            last=r.viewed_at,
        )
        for r in rows
    )


def group(newest_first: Iterable[Opening]) -> list[Opening]:
    """One line per run of openings of the same thing by the same person, each within
    ``GROUP_WITHIN`` of the next."""
    lines: list[Opening] = []
    open_runs: dict[tuple[str, str, str, str | None], int] = {}
    for item in newest_first:
        key = (item.username, item.kind, item.conversation_id, item.reference)
        at = open_runs.get(key)
        if at is not None and lines[at].first - item.last <= GROUP_WITHIN:
            lines[at] = replace(lines[at], first=item.first, count=lines[at].count + 1)
            continue
        open_runs[key] = len(lines)
        lines.append(item)
    return lines


def people(sessions: sessionmaker[Session]) -> list[tuple[str, str]]:
    """(username, name) of everyone in the log, by name: the person filter's choices."""
    with sessions() as session:
        usernames = set(session.scalars(select(TranscriptView.staff_username).distinct()))
        names = _names(session, usernames)
    return sorted(((u, names.get(u, u)) for u in usernames), key=lambda p: p[1].lower())


def _names(session: Session, usernames: set[str]) -> dict[str, str]:
    rows = session.execute(
        select(StaffUser.username, StaffUser.display_name).where(StaffUser.username.in_(usernames))
    )
    return {username: name for username, name in rows}


def note_opening(request: Request, username: str, role: str, teams: tuple[str, ...]) -> None:
    """Record this request if its page shows a ticket this person may open (a reference
    that is not theirs shows nothing, and is not recorded)."""
    route = request.scope.get("route")
    kind = RECORDED.get((request.method, getattr(route, "path", "")))
    if kind is None:
        return
    from handoff import TicketNotFound

    app = request.app.state.application
    reference = str(request.path_params.get("reference", ""))[:32]
    team_ids = [t.id for t in app.directory.teams()] if role == "admin" else list(teams)
    for team_id in team_ids:
        try:
            ticket = app.tickets.get(reference, team_id=team_id)
        except TicketNotFound:
            continue
        record(
            app.sessions,
            kind=kind,
            conversation_id=ticket.conversation_id,
            reference=ticket.reference,
            username=username,
            role=role,
            at=app.clock(),
        )
        return
