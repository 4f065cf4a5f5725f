"""What a team member does with a referral in the inbox: pick it up, give it to a
colleague, move its status on, record a contact, answer in the resident's chat, write a
note, or send it on to another team.

A refusal is shown on the ticket's page in the team member's language
(``bot/console/errors.py``); the resident hears of a change in their own chat when they
chose to. A change and what announces it (the resident's message; the new team's
notification when a referral is sent on) are one transaction: both or neither.
"""

from __future__ import annotations

import contextlib

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from bot.console.errors import code_text, error_text
from bot.console.guard import posted
from bot.console.inbox_pages import TEAM_ROLES
from bot.console.rendering import application, console_texts, secure
from bot.console.ticket_chat import ChatReplyError, post_reply
from bot.console.ticket_pages import RECORDED_CONTACTS, expiry, missing, own_ticket, refused
from bot.conversation import replies
from bot.platform.db import unit_of_work
from bot.staff.accounts import team_members
from bot.staff.sessions import Staff
from handoff import ContactMethod, Status, TicketError, TicketNotFound, TicketView

router = APIRouter(prefix="/console/tickets", include_in_schema=False)


@router.post("/{reference}/{action}")
async def act(request: Request, reference: str, action: str) -> Response:
    staff, form = await posted(request, *TEAM_ROLES)
    return await run_in_threadpool(_act, request, staff, reference, action, form)


def _act(request: Request, staff: Staff, reference: str, action: str, form: FormData) -> Response:
    ticket = own_ticket(request, staff, reference)
    if ticket is None:
        return missing(request, staff)
    app = application(request)
    tickets = app.tickets
    texts = console_texts(request)
    by = staff.username
    team = ticket.team_id

    def field(name: str) -> str:
        value = form.get(name)
        return value.strip()[:4000] if isinstance(value, str) else ""

    try:
        if action == "claim":
            with unit_of_work(app.sessions) as session:
                claimed = tickets.claim(reference, by=by, team_id=team, session=session)
                if claimed.status is not ticket.status:
                    # "Het wijkteam heeft uw vraag opgepakt"
                    app.status_changed(claimed, session=session)
        elif action == "assign":
            sessions = app.sessions
            tickets.assign(
                reference,
                field("to") or None,
                by=by,
                team_id=team,
                members=lambda team_id: {name for name, _ in team_members(sessions, team_id)},
            )
        elif action == "status":
            if field("status") == Status.CONTACTED:
                # Contact is recorded with how it happened, never just claimed.
                raise TicketError("record the contact", code="record_contact")
            with unit_of_work(app.sessions) as session:
                changed = tickets.transition(
                    reference,
                    field("status"),
                    by=by,
                    outcome=field("outcome") or None,
                    note=field("note") or None,
                    team_id=team,
                    session=session,
                )
                app.status_changed(changed, session=session)
        elif action == "contact":
            method = field("method")
            if method not in {m.value for m in RECORDED_CONTACTS}:
                raise TicketError("say how", code="unknown_value")
            with unit_of_work(app.sessions) as session:
                recorded = tickets.record_contact(
                    reference,
                    method,
                    by=by,
                    note=field("note") or None,
                    team_id=team,
                    session=session,
                )
                # "... heeft contact met u gehad", whatever the ticket's status
                app.tell_resident(recorded, replies.ticket_contacted, session=session)
        elif action == "reply":
            return _reply(request, staff, ticket, form)
        elif action == "note":
            if not field("text"):
                raise TicketError("a note needs text", code="text_needed")
            tickets.add_note(reference, field("text"), by=by, team_id=team)
        elif action == "reroute":
            # The new team's notification (outbox) commits with the move or not at all.
            with unit_of_work(app.sessions) as session:
                moved = tickets.reroute(
                    reference,
                    field("team"),
                    by=by,
                    reason=field("reason"),
                    acting_team_id=team,
                    session=session,
                )
                app.ticket_arrived(session, moved)
            return secure(RedirectResponse("/console/tickets", status_code=303))
        else:
            return missing(request, staff)
    except TicketNotFound:
        return missing(request, staff)
    except TicketError as exc:
        return refused(request, staff, reference, error_text(exc, texts))
    return secure(RedirectResponse(f"/console/tickets/{reference}", status_code=303))


def _reply(request: Request, staff: Staff, ticket: TicketView, form: FormData) -> Response:
    """A team member's answer, in the one conversation this ticket came from."""
    app = application(request)
    texts = console_texts(request)
    text = form.get("text")
    text = text if isinstance(text, str) else ""
    form_id = form.get("form_id")
    if ticket.contact_method is not ContactMethod.CHAT or ticket.status is Status.CLOSED:
        return refused(request, staff, ticket.reference, code_text("team_reply.not_by_chat", texts))
    try:
        post_reply(
            app.sessions,
            app.events,
            app.clock,
            conversation_id=ticket.conversation_id,
            author=staff.display_name,
            team=ticket.team_name,
            text=text,
            expiry=expiry(request),
            form_id=form_id if isinstance(form_id, str) else None,
        )
    except ChatReplyError as exc:
        return refused(request, staff, ticket.reference, error_text(exc, texts), draft=text)
    # The answer is in the chat whatever happens here: at worst the history misses a line.
    with contextlib.suppress(TicketError):
        app.tickets.record_contact(
            ticket.reference, ContactMethod.CHAT, by=staff.username, team_id=ticket.team_id
        )
    return secure(RedirectResponse(f"/console/tickets/{ticket.reference}#chat", status_code=303))
