"""The volunteers' pages: the live overview, one conversation, taking over and handing back.

Volunteers (and admins) see what residents write and what the assistant understood, never
how to reach a resident: phone numbers, e-mail addresses and addresses are masked. Every
opening of a transcript is written to the access log, which admins can read.

Both pages follow the conversations live: a server-sent event without content says
"something changed", and the page fetches what is new, rendered (and escaped, and masked)
here. Fetching the new lines of a transcript already open is not logged again.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response, StreamingResponse
from starlette.datastructures import FormData

from bot.console import access_log, live
from bot.console.errors import code_text, takeover_reason
from bot.console.guard import NotAllowed, posted, require
from bot.console.rendering import application, console_texts, render, secure
from bot.conversation import (
    ConversationExpired,
    ConversationNotFound,
    HandoffNotOffered,
    LoggedMessage,
    Sender,
    TakeoverError,
    card_for,
    is_handoff_state,
    store,
)
from bot.platform.events import ALL
from bot.platform.i18n import Texts
from bot.platform.municipality import LOCAL_TIME
from bot.staff.accounts import Role
from bot.staff.sessions import Staff
from knowledge_base import domains

router = APIRouter(prefix="/console", include_in_schema=False)

WATCHERS = (Role.VOLUNTEER,)
KEEPALIVE_SECONDS = 15.0
# Many messages at once (a busy hour) become one refresh of the overview, not hundreds.
COALESCE_SECONDS = 0.1
# A transcript shows this many messages at a time (the latest first; links to earlier and
# later ones): however much a resident sends, the page stays quick to make and to read.
TRANSCRIPT_PAGE = 200


def _minutes(since: datetime | None, now: datetime) -> int | None:
    if since is None:
        return None
    return max(0, int((now - since).total_seconds() // 60))


def _clock_time(at: datetime, pattern: str = "%H:%M") -> str:
    """A stored (UTC) time as the volunteer's clock on the wall reads it."""
    return at.replace(tzinfo=UTC).astimezone(LOCAL_TIME).strftime(pattern)


def _words(texts: Texts) -> dict[str, Any]:
    """Routes and living domains in the volunteer's language, not as codes."""
    routes = {
        "answer": texts.gettext("Answer from the catalogue"),
        "handoff": texts.gettext("For the district team"),
        "crisis": texts.gettext("Emergency"),
        "other": texts.gettext("Small talk or other"),
    }
    names = {d.id: d.nl if texts.locale == "nl" else d.en for d in domains().values()}

    def route_name(route: str | None) -> str:
        return routes.get(route or "", route or "")

    def domain_names(codes: Iterable[str] | None) -> str:
        return ", ".join(names.get(code, code) for code in codes or ())

    return {"route_name": route_name, "domain_names": domain_names, "clock": _clock_time}


def _rows(request: Request) -> dict[str, Any]:
    app = application(request)
    now = app.clock()
    return {
        "rows": live.overview(app.sessions, now),
        "minutes": lambda since: _minutes(since, now),
        **_words(console_texts(request)),
    }


@router.get("/live")
def live_page(request: Request) -> Response:
    staff = require(request, *WATCHERS)
    # After "Bekeken" in a row: said once, at the top (the row itself shows it too).
    reviewed = "reviewed" in request.query_params
    return render(request, "live.html", staff=staff, reviewed=reviewed, **_rows(request))


@router.get("/live/rows")
def live_rows(request: Request) -> Response:
    staff = require(request, *WATCHERS)
    return render(request, "live_rows.html", staff=staff, **_rows(request))


@router.get("/live/events")
async def live_events(request: Request) -> Response:
    """A server-sent event each time any conversation changes; the page then fetches the
    rows again. Carries no content, so nothing leaks through it."""
    await run_in_threadpool(require, request, *WATCHERS)
    app = application(request)
    return StreamingResponse(
        _changes(request, app.events),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


async def _changes(request: Request, events: object, topic: str = ALL) -> AsyncIterator[str]:
    yield "retry: 2000\n\n"
    async with events.subscribe(topic) as queue:  # type: ignore[attr-defined]
        while not await request.is_disconnected():
            try:
                await asyncio.wait_for(queue.get(), timeout=KEEPALIVE_SECONDS)
            except TimeoutError:
                yield ": keepalive\n\n"
                continue
            await asyncio.sleep(COALESCE_SECONDS)
            while not queue.empty():
                queue.get_nowait()
            yield "event: changed\ndata: {}\n\n"


@router.get("/conversations/{conversation_id}")
def conversation_page(request: Request, conversation_id: str) -> Response:
    staff = require(request, *WATCHERS)
    return _conversation(request, staff, conversation_id, before=_before(request))


@router.get("/conversations/{conversation_id}/events")
async def conversation_events(request: Request, conversation_id: str) -> Response:
    """A server-sent event each time this conversation changes (no content); the page
    then fetches its new lines."""
    await run_in_threadpool(require, request, *WATCHERS)
    app = application(request)
    return StreamingResponse(
        _changes(request, app.events, conversation_id),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@router.get("/conversations/{conversation_id}/lines")
def conversation_lines(request: Request, conversation_id: str) -> Response:
    """The transcript's lines after message ``after``, as the page shows them."""
    staff = require(request, *WATCHERS)
    try:
        after = int(request.query_params.get("after", "0"))
    except ValueError:
        after = 0
    app = application(request)
    try:
        app.conversations.open_unchecked(conversation_id)
    except ConversationNotFound:
        return render(request, "conversation_not_found.html", staff=staff, status_code=404)
    with app.sessions() as session:
        page = store.transcript(session, conversation_id, limit=TRANSCRIPT_PAGE)
    lines = [line for line in _lines(page.lines) if line["id"] > after]
    return render(
        request,
        "conversation_lines.html",
        staff=staff,
        lines=lines,
        **_words(console_texts(request)),
    )


def _lines(lines: Iterable[store.MaskedLine]) -> list[dict[str, Any]]:
    return [
        {
            "id": line.message.id,
            "sender": line.message.sender.value,
            "kind": line.message.kind.value if line.message.kind else "",
            "at": line.message.created_at,
            "text": line.text,
            "understanding": line.message.understanding,
            "cards": [c.name for c in line.message.cards],
            "buttons": line.labels,
            "ticket": line.message.ticket.reference if line.message.ticket else None,
        }
        for line in lines
    ]


def _before(request: Request) -> int | None:
    """The page of the transcript asked for: the messages before this id; anything that is
    not one (a link typed by hand) is the latest page."""
    try:
        before = int(request.query_params.get("before", ""))
    except ValueError:
        return None
    return before if 0 < before < 2**63 else None


def _conversation(
    request: Request,
    staff: Staff,
    conversation_id: str,
    *,
    error: str | None = None,
    before: int | None = None,
) -> Response:
    app = application(request)
    try:
        view = app.conversations.open_unchecked(conversation_id)
    except ConversationNotFound:  # never there, or deleted at the resident's request
        return render(request, "conversation_not_found.html", staff=staff, status_code=404)
    now = app.clock()
    access_log.record(
        app.sessions,
        kind=access_log.TRANSCRIPT,
        conversation_id=conversation_id,
        username=staff.username,
        role=staff.role.value,
        at=now,
    )
    holder = app.takeovers.holder(conversation_id)
    with app.sessions() as session:
        page = store.transcript(session, conversation_id, limit=TRANSCRIPT_PAGE, before=before)
    lines = _lines(page.lines)
    mine = holder is not None and holder.staff_id == staff.id
    # Suggestions answer the resident's last question: on the latest page only.
    shown = [line.message for line in page.lines] if mine and before is None else []
    return render(
        request,
        "conversation.html",
        staff=staff,
        conversation=view,
        in_handoff=is_handoff_state(view.state),
        lines=lines,
        earlier=page.earlier,
        later=page.later,
        holder=holder,
        mine=mine,
        form_id=secrets.token_urlsafe(12),
        suggestions=_suggestions(request, shown, view.locale, view.district_id),
        notes=app.takeovers.notes(conversation_id),
        review=live.review(app.sessions, conversation_id),
        reviewed_now="reviewed" in request.query_params and error is None,
        live=before is None,
        error=error,
        status_code=409 if error else 200,
        **_words(console_texts(request)),
    )


def _suggestions(
    request: Request, log: list[LoggedMessage], locale: str, district_id: str | None
) -> list[dict[str, str]]:
    """Provisions and FAQ answers for the resident's last message, as texts a volunteer
    can put in their reply with one click (and change before sending)."""
    last = next((m for m in reversed(log) if m.sender is Sender.RESIDENT and m.text), None)
    if last is None:
        return []
    app = application(request)
    texts = app.catalogs.get(locale)
    domains = tuple((last.understanding or {}).get("domains") or ())
    found: list[dict[str, str]] = []
    for result in app.catalogue.search(
        last.text, domains=domains, district_id=district_id, limit=3
    ):
        card = card_for(result.provision, texts)
        reach = " · ".join(x for x in (card.phone, card.website, card.address) if x)
        found.append({"title": card.name, "text": f"{card.name}: {card.summary} {reach}".strip()})
    for faq in app.catalogue.search_faqs(last.text, domains=domains, limit=2):
        found.append(
            {
                "title": faq.entry.question.get(texts.locale),
                "text": faq.entry.answer.get(texts.locale),
            }
        )
    return found


@router.post("/conversations/{conversation_id}/{action}")
async def conversation_action(request: Request, conversation_id: str, action: str) -> Response:
    staff, form = await posted(request, *WATCHERS)
    return await run_in_threadpool(_act, request, staff, conversation_id, action, form)


def _act(
    request: Request, staff: Staff, conversation_id: str, action: str, form: FormData
) -> Response:
    takeovers = application(request).takeovers
    text = form.get("text")
    text = text if isinstance(text, str) else ""
    try:
        if action == "take":
            takeovers.take(conversation_id, staff_id=staff.id, name=staff.display_name)
        elif action == "handback":
            takeovers.hand_back(conversation_id, staff_id=staff.id, force=staff.role is Role.ADMIN)
        elif action == "reply":
            form_id = form.get("form_id")
            takeovers.reply(
                conversation_id,
                staff_id=staff.id,
                text=text,
                form_id=form_id if isinstance(form_id, str) else None,
            )
        elif action == "note":
            takeovers.add_note(conversation_id, author=staff.display_name, text=text)
        elif action == "reviewed":
            takeovers.mark_reviewed(conversation_id, by=staff.display_name)
            # Said where the volunteer pressed it: in the overview's row, or on this page.
            if form.get("back") == "live":
                return secure(RedirectResponse("/console/live?reviewed=1", status_code=303))
            return secure(
                RedirectResponse(
                    f"/console/conversations/{conversation_id}?reviewed=1#review", status_code=303
                )
            )
        elif action == "handoff":
            _offer_handoff(request, conversation_id, staff)
        else:
            raise NotAllowed
    except TakeoverError as exc:
        reason = takeover_reason(exc)
        if reason == "not_found":
            return render(request, "conversation_not_found.html", staff=staff, status_code=404)
        words = code_text(f"takeover.{reason}", console_texts(request))
        return _conversation(request, staff, conversation_id, error=words)
    return secure(
        RedirectResponse(f"/console/conversations/{conversation_id}#end", status_code=303)
    )


def _offer_handoff(request: Request, conversation_id: str, staff: Staff) -> None:
    try:
        application(request).conversations.offer_handoff(conversation_id, staff_id=staff.id)
    except HandoffNotOffered as exc:
        raise TakeoverError(takeover_reason(exc)) from exc
    except ConversationExpired as exc:
        raise TakeoverError("expired") from exc
    except ConversationNotFound as exc:
        raise TakeoverError("not_found") from exc


@router.get("/access-log")
def access_log_page(request: Request) -> Response:
    """The access log's old address: the admin pages have it now (names, filters)."""
    require(request, Role.ADMIN)
    query = request.url.query
    return RedirectResponse(
        "/console/admin/access-log" + (f"?{query}" if query else ""), status_code=308
    )
