"""The tickets API for district teams' own case systems: list, read and move referrals.

Each team's system calls with its own token (``vraagwijzer team token TEAM_ID``) and
sees only that team's tickets. Another team's ticket is answered exactly like one that
does not exist, so a token can never be used to learn which references are in use.
Every change goes through ``handoff.Tickets``, so the API obeys the same lifecycle rules
as the console, and the history names both the professional and the token's system.

A ticket error is answered by the web's table of codes (``errors.PROBLEMS``); a missing
or wrong token here, with its own message and ``WWW-Authenticate``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from bot.application import Application
from bot.platform.db import unit_of_work
from bot.web.errors import domain_error, error
from bot.web.schemas import (
    ErrorOut,
    StatusChange,
    TeamTicket,
    TeamTicketList,
    TeamTicketSummary,
)
from handoff import Status, TeamTokenView, TicketError, Urgency

logger = logging.getLogger(__name__)

MAX_LIMIT = 200
# Far beyond any inbox, and well inside every database's integer range.
MAX_OFFSET = 1_000_000
LIST_PARAMETERS = frozenset({"status", "urgency", "overdue", "limit", "offset"})

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="TeamToken",
    description="Your team's API token, made with `vraagwijzer team token TEAM_ID`.",
)

router = APIRouter(prefix="/api/v1", tags=["tickets"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut} for code in (401, 404, 409, 422, 503)
}
# A status change has a body: it may not be JSON, not be readable, or be far too large.
POSTED: dict[int | str, dict[str, object]] = {
    **ERRORS,
    400: {"model": ErrorOut, "description": "The body is not valid JSON."},
    413: {"model": ErrorOut, "description": "The body is too large."},
    415: {"model": ErrorOut, "description": "The body is not sent as JSON."},
}


async def application(request: Request) -> Application:
    # async: FastAPI would run a plain function in a worker thread, a hop for nothing.
    app: Application = request.app.state.application
    return app


App = Annotated[Application, Depends(application)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
Reference = Annotated[str, Path(max_length=40, description="The ticket's reference.")]


@dataclass(frozen=True)
class _Caller:
    team_id: str
    label: str

    def signature(self, by: str) -> str:
        """How the history names a change made through the API."""
        return f"{self.label} (API): {by}"


async def _caller(
    app: Application, credentials: HTTPAuthorizationCredentials | None
) -> _Caller | None:
    """The team behind the token; None for no token, an unknown or a revoked one alike."""
    if credentials is None:
        return None
    tokens = app.team_tokens
    view: TeamTokenView | None = await run_in_threadpool(
        tokens.authenticate, credentials.credentials
    )
    return _Caller(team_id=view.team_id, label=view.label) if view is not None else None


def _unauthorized() -> JSONResponse:
    return error(
        401,
        "invalid_token",
        "Send your team's API token as 'Authorization: Bearer <token>'.",
        {"WWW-Authenticate": "Bearer"},
    )


def _refused(exc: TicketError) -> JSONResponse:
    answer = domain_error(exc)  # errors.PROBLEMS: every ticket error is at least ticket.error
    assert answer is not None
    return answer


@router.get("/tickets", response_model=TeamTicketList, responses=ERRORS)
async def list_tickets(
    request: Request,
    app: App,
    credentials: Credentials,
    status: Annotated[
        list[Status] | None, Query(description="Only these statuses (repeat for more).")
    ] = None,
    urgency: Annotated[Urgency | None, Query()] = None,
    overdue: Annotated[
        bool | None, Query(description="Only tickets past (true) or within (false) the due date.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> TeamTicketList | JSONResponse:
    """Your team's tickets, the most pressing (earliest due) first."""
    caller = await _caller(app, credentials)
    if caller is None:
        return _unauthorized()
    unknown = sorted(set(request.query_params) - LIST_PARAMETERS)
    if unknown:
        # A misspelt filter would otherwise return every ticket without a word.
        return error(
            422,
            "invalid_request",
            f"unknown query parameter {unknown[0]!r}; use {', '.join(sorted(LIST_PARAMETERS))}",
        )
    tickets = await run_in_threadpool(
        app.tickets.list,
        caller.team_id,
        statuses=status,
        urgency=urgency,
        overdue=overdue,
        limit=limit,
        offset=offset,
    )
    return TeamTicketList(
        tickets=[TeamTicketSummary.of(t) for t in tickets], limit=limit, offset=offset
    )


@router.get("/tickets/{reference}", response_model=TeamTicket, responses=ERRORS)
async def get_ticket(
    reference: Reference, app: App, credentials: Credentials
) -> TeamTicket | JSONResponse:
    """One of your team's tickets in full: contact details, question, consent, history."""
    caller = await _caller(app, credentials)
    if caller is None:
        return _unauthorized()
    try:
        return await run_in_threadpool(_full_ticket, app, reference, caller.team_id)
    except TicketError as exc:
        return _refused(exc)


@router.post("/tickets/{reference}/status", response_model=TeamTicket, responses=POSTED)
async def change_status(
    reference: Reference, body: StatusChange, app: App, credentials: Credentials
) -> TeamTicket | JSONResponse:
    """Move one of your team's tickets on; closing needs an ``outcome``.

    A step the lifecycle does not allow (say, back from ``contacted`` to ``accepted``)
    is refused with 409 and the reason; the ticket is then unchanged.
    """
    caller = await _caller(app, credentials)
    if caller is None:
        return _unauthorized()

    def change() -> TeamTicket:
        # The resident's message about the change commits with it, or neither does.
        with unit_of_work(app.sessions) as session:
            view = app.tickets.transition(
                reference,
                body.status,
                outcome=body.outcome,
                note=body.note or None,
                by=caller.signature(body.by),
                team_id=caller.team_id,
                session=session,
            )
            app.status_changed(view, session=session)
        logger.info(
            "ticket %s set to %s by team %s through the API",
            view.reference,
            view.status,
            caller.team_id,
        )
        return _full_ticket(app, view.reference, caller.team_id)

    try:
        return await run_in_threadpool(change)
    except TicketError as exc:
        return _refused(exc)


def _full_ticket(app: Application, reference: str, team_id: str) -> TeamTicket:
    ticket = app.tickets.get(reference, team_id=team_id)
    history = app.tickets.history(ticket.reference, team_id=team_id)
    return TeamTicket.full(ticket, history)
