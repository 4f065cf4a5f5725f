"""The district team's inbox: their own team's referrals only, the most pressing first,
with what a professional needs to call the resident back and to close the loop.

A team member sees the tickets of the teams they belong to, nothing else: another team's
reference in the address bar is "not found", exactly like a reference that does not exist.
Admins see every team's inbox.
"""

from __future__ import annotations

import contextlib
import csv
import io
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from bot.console import access_log
from bot.console.guard import NotAllowed, posted, require
from bot.console.rendering import application, console_texts, render, secure
from bot.console.ticket_chat import (
    ChatReplyError,
    post_reply,
    referral_chat,
    waiting_for_the_team,
)
from bot.conversation import replies
from bot.platform.i18n import Texts
from bot.staff.accounts import Role, accounts, team_members
from bot.staff.sessions import Staff
from handoff import (
    WORKFLOW,
    ContactMethod,
    NotATeamMember,
    Outcome,
    Status,
    TicketError,
    TicketEventView,
    TicketNotFound,
    TicketView,
    Urgency,
    next_statuses,
)
from knowledge_base import domains as living_domains
from knowledge_base import safe_cell

router = APIRouter(prefix="/console/tickets", include_in_schema=False)

PAGE_SIZE = 50
TEAM_ROLES = (Role.TEAM_MEMBER,)
OPEN_STATUSES = (Status.NEW, Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS)
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
# How a team member can record a contact they had outside the chat's reply box.
RECORDED_CONTACTS = (ContactMethod.PHONE, ContactMethod.EMAIL, ContactMethod.VISIT)


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


def local(moment: datetime) -> datetime:
    """A stored moment (naive UTC) as the clock on the wall in the municipality shows it."""
    return moment.replace(tzinfo=UTC).astimezone(LOCAL_TIME)


def local_time(texts: Texts, moment: datetime | None) -> str:
    """``7 december 2026 13:24``, in Dutch time."""
    if moment is None:
        return ""
    at = local(moment)
    return f"{texts.short_date(at)} {texts.clock(at.time())}"


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


def sla_badge(ticket: TicketView, now: datetime, texts: Texts) -> tuple[str, str]:
    """(css class, words) for how the ticket stands against its due time: the time left
    while the resident waits for first contact, how late once it is past."""
    if ticket.status is Status.CLOSED:
        return "done", texts.gettext("closed")
    if ticket.status is Status.CONTACTED:
        return "ok", texts.gettext("contacted")
    if ticket.status is Status.IN_PROGRESS:
        return "ok", texts.gettext("In progress")
    left = ticket.due_at - now
    if left <= timedelta(0):
        late = -left
        if late < timedelta(days=1):
            hours = max(1, int(late.total_seconds() // 3600))
            words = texts.ngettext("%(n)s hour overdue", "%(n)s hours overdue", hours)
        else:
            words = texts.ngettext("%(n)s day overdue", "%(n)s days overdue", late.days)
        return "late", "⚠ " + words
    if left < timedelta(days=1):
        hours = max(1, int(left.total_seconds() // 3600))
        return "soon", texts.ngettext("%(n)s hour left", "%(n)s hours left", hours)
    due = texts.short_date(local(ticket.due_at))
    return "ok", texts.ngettext(
        "%(n)s day left (%(day)s)", "%(n)s days left (%(day)s)", left.days, day=due
    )


def labels(texts: Texts) -> dict[str, dict[str, str]]:
    """Ticket fields' values (status, outcome, ...) as staff read them."""
    return _labels(texts)


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
            "chat": texts.gettext("Here in the chat"),
            "visit": texts.gettext("Home visit"),
        },
        "urgency": {"normal": texts.gettext("Normal"), "urgent": texts.gettext("Urgent")},
        "channel": {"web": texts.gettext("web chat"), "telegram": "Telegram"},
    }


def domain_names(texts: Texts, ids: Sequence[str]) -> list[str]:
    """Living domains by their name in the staff member's language, each once."""
    known = living_domains()
    names: list[str] = []
    for domain_id in ids:
        found = known.get(domain_id)
        name = (found.en if texts.locale == "en" else found.nl) if found else domain_id
        if name not in names:
            names.append(name)
    return names


def _names(request: Request) -> dict[str, str]:
    """Staff account names by username, for the history and "taken by"."""
    return {a.username: a.display_name for a in accounts(application(request).sessions)}


def error_text(exc: TicketError, texts: Texts) -> str:
    """A refused change in plain words for the team member."""
    words = {
        "outcome_needed": texts.gettext(
            "To close a referral, choose an outcome: how did it end for the resident?"
        ),
        "outcome_only_when_closing": texts.gettext(
            "Choose an outcome only when you close the referral."
        ),
        "step_not_allowed": texts.gettext(
            "This step is not possible from the current status. Choose one of the steps offered."
        ),
        "record_contact": texts.gettext(
            'Record the contact under "I had contact": say how you reached the resident.'
        ),
        "claimed_by_other": texts.gettext(
            "A colleague has already picked up this referral. Ask them to give it to you."
        ),
        "closed": texts.gettext("This referral is closed. Reopen it first."),
        "reason_needed": texts.gettext("Say why the referral goes to another team."),
        "same_team": texts.gettext("The referral is already with that team."),
        "not_reroutable": texts.gettext("A closed referral cannot go to another team."),
        "unknown_team": texts.gettext("Choose a team from the list."),
        "text_needed": texts.gettext("A note needs some text."),
        "busy": texts.gettext("Someone else changed this referral just now. Please try again."),
    }
    return words.get(exc.code, texts.gettext("That did not work. Check the form and try again."))


def history_lines(
    events: Sequence[TicketEventView],
    texts: Texts,
    names: dict[str, str],
    teams: dict[str, str],
) -> list[tuple[datetime, str]]:
    """The ticket's history as sentences: "Opgepakt door Fatima", not "claimed: — → x"."""
    labels = _labels(texts)
    status = labels["status"]

    def who(username: str | None) -> str:
        if not username:
            return "—"
        if username == "resident":
            return texts.gettext("the resident")
        return names.get(username, username)

    lines: list[tuple[datetime, str]] = []
    for i, e in enumerate(events):
        by = who(e.by)
        previous = events[i - 1] if i else None
        if e.action == "created":
            text = texts.gettext("New: sent by the resident through the chat")
        elif e.action == "claimed":
            text = texts.gettext("Picked up by %(name)s", name=who(e.to_value))
        elif e.action == "status":
            if Status.REJECTED in (e.from_value, e.to_value):
                continue  # the "sent on" line says it
            if (
                previous is not None
                and previous.action in ("claimed", "contact")
                and previous.at == e.at
            ):
                continue  # said by the line before it
            target = status.get(e.to_value or "", e.to_value or "")
            text = texts.gettext("Status %(status)s, by %(name)s", status=target, name=by)
        elif e.action == "outcome":
            if e.to_value:
                outcome = labels["outcome"].get(e.to_value, e.to_value)
                text = texts.gettext("Outcome: %(outcome)s", outcome=outcome)
            else:
                text = texts.gettext("Reopened by %(name)s", name=by)
        elif e.action == "assigned":
            if e.to_value:
                text = texts.gettext("Given to %(to)s by %(name)s", to=who(e.to_value), name=by)
            else:
                text = texts.gettext("Given to nobody in particular by %(name)s", name=by)
        elif e.action == "rerouted":
            text = texts.gettext(
                "Sent on from %(old)s to %(new)s by %(name)s",
                old=teams.get(e.from_value or "", e.from_value or ""),
                new=teams.get(e.to_value or "", e.to_value or ""),
                name=by,
            )
        elif e.action == "contact":
            if e.to_value == ContactMethod.CHAT:
                text = texts.gettext("Answered in the chat by %(name)s", name=by)
            else:
                how = labels["method"].get(e.to_value or "", e.to_value or "")
                text = texts.gettext(
                    "Contact with the resident (%(how)s), by %(name)s", how=how, name=by
                )
        elif e.action == "transcript":
            text = texts.gettext("The copy of the conversation was erased (retention period)")
        else:
            text = f"{e.action}: {e.from_value or '—'} → {e.to_value or '—'}"
        if e.note:
            text += f" ({e.note})"
        lines.append((e.at, text))
    return lines


@router.get("")
def inbox(request: Request) -> Response:
    staff = require(request, *TEAM_ROLES)
    filters = _filters(request, staff)
    texts = console_texts(request)
    now = application(request).clock()
    tickets = _inbox(request, staff, filters)
    names = _names(request)
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
        teams=_teams_of(request, staff),
        tickets=[(t, sla_badge(t, now, texts), domain_names(texts, t.domains)) for t in tickets],
        names=names,
        waiting=waiting_for_the_team(application(request).sessions, chats),
        labels=_labels(texts),
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
    labels = _labels(texts)
    names = _names(request)
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
                t.reference, labels["status"][t.status],
                labels["outcome"][t.outcome] if t.outcome else "",
                labels["urgency"][t.urgency], stamp(t.due_at), stamp(t.created_at),
                names.get(t.claimed_by, t.claimed_by) if t.claimed_by else "",
                labels["method"][t.contact_method], t.name or "", t.phone or "", t.email or "",
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


def _summary(summary: str) -> str:
    """The summary without what the page shows better from the conversation itself (the
    living domains in words, the cards actually shown)."""
    skipped = ("Leefgebieden:", "Al getoond door de assistent:")
    return "\n".join(line for line in summary.splitlines() if not line.startswith(skipped))


def _expiry(request: Request) -> timedelta:
    return timedelta(days=application(request).settings.conversation_expiry_days)


def _detail(
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
        expiry=_expiry(request),
    )
    teams = {t.id: t.name for t in app.directory.teams()}
    names = _names(request)
    allowed = [s.value for s in next_statuses(ticket.status) if s is not Status.CONTACTED]
    awaiting = ticket.status in (Status.NEW, Status.ACCEPTED)
    return render(
        request,
        "ticket_detail.html",
        staff=staff,
        ticket=ticket,
        badge=sla_badge(ticket, now, texts),
        labels=_labels(texts),
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


@router.post("/{reference}/{action}")
async def act(request: Request, reference: str, action: str) -> Response:
    staff, form = await posted(request, *TEAM_ROLES)
    return await run_in_threadpool(_act, request, staff, reference, action, form)


def _act(request: Request, staff: Staff, reference: str, action: str, form: FormData) -> Response:
    ticket = _own_ticket(request, staff, reference)
    if ticket is None:
        return _missing(request, staff)
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
            claimed = tickets.claim(reference, by=by, team_id=team)
            if claimed.status is not ticket.status:
                app.status_changed(claimed)  # "Het wijkteam heeft uw vraag opgepakt"
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
            changed = tickets.transition(
                reference,
                field("status"),
                by=by,
                outcome=field("outcome") or None,
                note=field("note") or None,
                team_id=team,
            )
            app.status_changed(changed)
        elif action == "contact":
            method = field("method")
            if method not in {m.value for m in RECORDED_CONTACTS}:
                raise TicketError("say how", code="unknown_value")
            recorded = tickets.record_contact(
                reference, method, by=by, note=field("note") or None, team_id=team
            )
            _tell_of_contact(request, recorded)
        elif action == "reply":
            return _reply(request, staff, ticket, form)
        elif action == "note":
            if not field("text"):
                raise TicketError("a note needs text", code="text_needed")
            tickets.add_note(reference, field("text"), by=by, team_id=team)
        elif action == "reroute":
            moved = tickets.reroute(
                reference, field("team"), by=by, reason=field("reason"), acting_team_id=team
            )
            with app.sessions() as session, session.begin():
                app.ticket_arrived(session, moved)
            return secure(RedirectResponse("/console/tickets", status_code=303))
        else:
            return _missing(request, staff)
    except TicketNotFound:
        return _missing(request, staff)
    except NotATeamMember:
        return _refused(
            request,
            staff,
            reference,
            texts.gettext("You can only give a referral to a member of its own team."),
        )
    except TicketError as exc:
        return _refused(request, staff, reference, error_text(exc, texts))
    return secure(RedirectResponse(f"/console/tickets/{reference}", status_code=303))


def _tell_of_contact(request: Request, ticket: TicketView) -> None:
    """A resident who chose to hear back in the chat reads there that the team had
    contact with them ("... heeft contact met u gehad"), whatever the ticket's status."""
    if not ticket.notify_resident:
        return
    app = application(request)
    status = app.tickets.status_for_conversation(ticket.reference, ticket.conversation_id)
    if status is not None:
        app.conversations.notify(
            ticket.conversation_id, lambda texts: [replies.ticket_contacted(texts, status)]
        )


def _reply(request: Request, staff: Staff, ticket: TicketView, form: FormData) -> Response:
    """A team member's answer, in the one conversation this ticket came from."""
    app = application(request)
    texts = console_texts(request)
    text = form.get("text")
    text = text if isinstance(text, str) else ""
    form_id = form.get("form_id")
    if ticket.contact_method is not ContactMethod.CHAT or ticket.status is Status.CLOSED:
        return _refused(
            request,
            staff,
            ticket.reference,
            texts.gettext("This resident did not ask to be answered in the chat."),
        )
    try:
        post_reply(
            app.sessions,
            app.events,
            app.clock,
            conversation_id=ticket.conversation_id,
            author=staff.display_name,
            team=ticket.team_name,
            text=text,
            expiry=_expiry(request),
            form_id=form_id if isinstance(form_id, str) else None,
        )
    except ChatReplyError as exc:
        words = {
            "empty": texts.gettext("Write an answer first."),
            "too_long": texts.gettext("This answer is too long. Split it into shorter messages."),
            "gone": texts.gettext("The resident has deleted this conversation."),
            "expired": texts.gettext(
                "This conversation has ended; the resident can no longer read answers in it. "
                "Contact them another way."
            ),
        }
        return _refused(request, staff, ticket.reference, words[exc.code], draft=text)
    # The answer is in the chat whatever happens here: at worst the history misses a line.
    with contextlib.suppress(TicketError):
        app.tickets.record_contact(
            ticket.reference, ContactMethod.CHAT, by=staff.username, team_id=ticket.team_id
        )
    return secure(RedirectResponse(f"/console/tickets/{ticket.reference}#chat", status_code=303))


def _refused(
    request: Request, staff: Staff, reference: str, error: str, *, draft: str = ""
) -> Response:
    fresh = _own_ticket(request, staff, reference)
    if fresh is None:
        return _missing(request, staff)
    return _detail(request, staff, fresh, error=error, draft=draft)


def _missing(request: Request, staff: Staff) -> Response:
    return render(request, "ticket_not_found.html", staff=staff, status_code=404)
