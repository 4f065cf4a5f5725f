"""The web chat API: start a conversation, send messages, read the log, follow a stream,
delete the conversation."""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from collections.abc import AsyncIterator
from datetime import UTC
from typing import Annotated

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select

from bot.application import Application
from bot.conversation import (
    ConversationError,
    ConversationNotFound,
    ConversationView,
    Incoming,
    InvalidResumeCode,
    Kind,
    LoggedMessage,
    NoEmailAddress,
    is_database_down,
    masked_address,
)
from bot.platform.models import Conversation, Message, StaffUser
from bot.platform.ratelimit import client_address
from bot.staff.accounts import Role
from bot.web.schemas import (
    ConversationCreated,
    ErrorOut,
    MessageOut,
    Messages,
    NewConversation,
    NewMessage,
    NewResumeCode,
    RateLimitedOut,
    ResumeCodeOut,
    ResumedOut,
    ResumeRequest,
    StaffOut,
    StaffRole,
    UnavailableOut,
)

logger = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 15.0
# Streams read the log in threads of their own, two at a time: a hundred open streams must
# not take the threads that answer residents' messages.
STREAM_READ_THREADS = 2
_bearer = HTTPBearer(
    auto_error=False, description="The token returned when the conversation was created."
)

router = APIRouter(prefix="/api/v1", tags=["chat"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut} for code in (400, 401, 404, 410, 413, 422)
}
# The database cannot be reached: the resident's words for it, with the crisis numbers.
ERRORS[503] = {
    "model": UnavailableOut,
    "description": "The database cannot be reached. Show `error.resident` (its `text` and "
    "its `crisis` numbers) and send again after `Retry-After` seconds, with the same "
    "`client_id`.",
    "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
}
# What only a request with a body can get: a body that is not JSON, and the rate limits
# (bot/platform/ratelimit.py) on starting conversations and sending messages.
POSTED: dict[int | str, dict[str, object]] = {
    **ERRORS,
    409: {
        "model": ErrorOut,
        "description": "`button_expired`: the button pressed belongs to a question from "
        "before a volunteer took over; nothing was stored.",
    },
    415: {"model": ErrorOut, "description": "The body is not sent as JSON."},
    429: {
        "model": RateLimitedOut,
        "description": "Too many messages from this conversation or this address, or too "
        "many new conversations from this address. Nothing was stored: send it again after "
        "`Retry-After` seconds (the widget tells the resident to wait a moment).",
        "headers": {
            "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
        },
    },
}
# Message ids are database integers: a larger `after` can only mean "nothing yet".
MAX_MESSAGE_ID = 2**53
_EVENT_ID = re.compile(r"[0-9]{1,16}")


async def application(request: Request) -> Application:
    # async: FastAPI would run a plain function in a worker thread, a hop for nothing.
    app: Application = request.app.state.application
    return app


App = Annotated[Application, Depends(application)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def opened(conversation_id: str, app: App, credentials: Credentials) -> ConversationView:
    token = credentials.credentials if credentials else None
    return app.conversations.open(conversation_id, token)


Opened = Annotated[ConversationView, Depends(opened)]


async def address(request: Request) -> str:
    """The client's address, as the rate limits count it (after trusted proxies)."""
    return client_address(request.scope)


Address = Annotated[str, Depends(address)]


@router.post(
    "/conversations", status_code=201, response_model=ConversationCreated, responses=POSTED
)
def start_conversation(
    app: App, client: Address, body: NewConversation | None = None
) -> ConversationCreated:
    """Start a conversation; the answer holds its token and the welcome message."""
    limits = app.rate_limits
    limits.hit(limits.address_conversations, client)
    started = app.conversations.start(channel="web", locale=body.locale if body else None)
    return ConversationCreated(
        id=started.conversation_id,
        token=started.token,
        locale=started.locale,
        messages=outgoing(app, started.messages),
    )


@router.post("/conversations/{conversation_id}/messages", response_model=Messages, responses=POSTED)
def send_message(
    conversation_id: str, app: App, credentials: Credentials, client: Address, body: NewMessage
) -> Messages:
    """Send what the resident typed (``text``) or a button's ``payload``; get the replies."""
    limits = app.rate_limits
    limits.hit(limits.address_messages, client)
    # The token is checked here, in the same worker thread as the answer: one hop fewer
    # than a dependency of its own, on the path every resident message takes. Only then
    # is the conversation's own limit counted: someone who merely knows its id cannot
    # use up the resident's messages.
    conversation = opened(conversation_id, app, credentials)
    limits.hit(limits.conversation_messages, conversation.id)
    replies = app.conversations.receive(
        conversation.id,
        Incoming(
            text=body.text or "",
            payload=body.payload,
            client_id=body.client_id,
            button_of=body.button_of,
        ),
    )
    return Messages(messages=outgoing(app, replies))


@router.get("/conversations/{conversation_id}/messages", response_model=Messages, responses=ERRORS)
def read_messages(
    conversation: Opened,
    app: App,
    after: Annotated[
        int, Query(ge=0, le=MAX_MESSAGE_ID, description="Only messages with a larger id.")
    ] = 0,
) -> Messages:
    """The whole conversation so far (or what came after a message id), for reloads."""
    return Messages(messages=outgoing(app, app.conversations.log(conversation.id, after_id=after)))


@router.delete(
    "/conversations/{conversation_id}",
    status_code=204,
    response_class=Response,
    responses={
        204: {"description": "Deleted: the conversation and every message in it are gone."},
        401: {"model": ErrorOut, "description": "The token is missing or wrong."},
        404: {
            "model": ErrorOut,
            "description": "There is no conversation with this id (or it was deleted already).",
        },
        503: {"model": ErrorOut, "description": "The database is not available; try again."},
    },
)
def delete_conversation(conversation_id: str, app: App, credentials: Credentials) -> Response:
    """Delete the conversation for good, at the resident's request (the widget's "Delete
    this conversation"): its messages are removed from the database, not hidden. An
    expired conversation can be deleted too. A referral the resident already sent stays
    with the district team as their record, with a note that the resident deleted the
    conversation."""
    app.conversations.owned(conversation_id, credentials.credentials if credentials else None)
    if not app.forget_conversation(conversation_id):
        raise ConversationNotFound(conversation_id)  # deleted by a request just before
    return Response(status_code=204)


@router.post(
    "/conversations/{conversation_id}/resume-code",
    status_code=201,
    response_model=ResumeCodeOut,
    responses={
        **POSTED,
        409: {
            "model": ErrorOut,
            "description": "`no_email_address`: a link was asked for, but the resident gave "
            "no e-mail address in this conversation. No code was made.",
        },
    },
)
def new_resume_code(
    conversation_id: str, app: App, credentials: Credentials, body: NewResumeCode | None = None
) -> ResumeCodeOut:
    """A code to go on with this conversation on another device (and, asked to, a link
    with it by e-mail). It works once, until `expires_at`; a new code replaces it. Using
    it moves the conversation: this device's token stops working."""
    token = credentials.credentials if credentials else None
    conversation = app.conversations.open(conversation_id, token)
    # Counted as a message of the conversation: a stolen token cannot flood the
    # resident's mailbox with links.
    app.rate_limits.hit(app.rate_limits.conversation_messages, conversation.id)
    address = app.tickets.email_for_conversation(conversation.id)
    if body and body.send_email:
        if address is None:
            raise NoEmailAddress(conversation.id)
        issued = app.resume_codes.send_link(conversation.id, token, address=address)
    else:
        issued = app.resume_codes.issue(conversation.id, token)
    return ResumeCodeOut(
        code=issued.code,
        # Stored naive in UTC, as every time in the database; said with its zone.
        expires_at=issued.expires_at.replace(tzinfo=UTC),
        email=masked_address(address) if address else None,
        sent=bool(body and body.send_email),
    )


@router.post(
    "/resume",
    response_model=ResumedOut,
    responses={
        **POSTED,
        404: {
            "model": ErrorOut,
            "description": "`invalid_resume_code`: no conversation has this code: it is "
            "wrong, used or expired (the same answer for each). Wrong codes count towards a "
            "limit per address (429).",
        },
    },
)
def resume_conversation(app: App, client: Address, body: ResumeRequest) -> ResumedOut:
    """Go on with a conversation on this device, with a code from `resume-code`: the
    answer holds the conversation's id and a new token; read its log as after a reload."""
    limits = app.rate_limits
    limits.check(limits.resume_address, client)
    try:
        resumed = app.resume_codes.redeem(body.code)
    except InvalidResumeCode:
        limits.hit(limits.resume_address, client)
        raise
    return ResumedOut(id=resumed.conversation_id, token=resumed.token, locale=resumed.locale)


@router.get(
    "/conversations/{conversation_id}/stream",
    responses={
        **ERRORS,
        200: {
            "content": {"text/event-stream": {}},
            "description": "Server-Sent Events, one per message.",
        },
    },
)
async def stream_messages(
    request: Request,
    conversation_id: str,
    app: App,
    credentials: Credentials,
    after: Annotated[int, Query(ge=0, le=MAX_MESSAGE_ID)] = 0,
    last_event_id: Annotated[str | None, Header()] = None,
) -> Response:
    """Messages as they arrive (a volunteer stepping in, a ticket update), as SSE.

    Resumes after ``Last-Event-ID`` (or ``after``), so nothing is missed on reconnect.
    """
    token = credentials.credentials if credentials else None
    conversation = await run_in_threadpool(app.conversations.open, conversation_id, token)
    # Only ASCII digits of a sane length: "²" is a digit to str.isdigit but not to int(),
    # and a number past the database's integers is not an id we ever sent.
    resume = last_event_id and _EVENT_ID.fullmatch(last_event_id.strip())
    start = int(resume.group()) if resume else after
    return StreamingResponse(
        _events(request, app, conversation.id, token, start),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@functools.cache
def _stream_reads() -> CapacityLimiter:
    return CapacityLimiter(STREAM_READ_THREADS)


async def _events(
    request: Request, app: Application, conversation_id: str, token: str | None, after: int
) -> AsyncIterator[str]:
    last = after
    yield "retry: 3000\n\n"
    async with app.events.subscribe(conversation_id) as queue:
        while True:
            try:
                messages = await to_thread.run_sync(
                    functools.partial(_new_messages, app, conversation_id, token, last),
                    limiter=_stream_reads(),
                )
            except Exception as exc:
                if not is_database_down(exc):
                    raise
                # The stream ends; the client reconnects after ``retry`` and resumes from
                # the last id it saw, by then perhaps with the database back.
                logger.warning("a chat stream ended: the database cannot be reached")
                return
            if messages is None:
                # Deleted or moved to another device: at once when announced
                # (bot.platform.events.GONE, from any process), else at the next keep-alive (the
                # retention purge, expiry). A reconnect gets 404, 401 or 410.
                return
            for out in messages:
                last = out.id
                data = out.model_dump_json()
                yield f"id: {out.id}\nevent: message\ndata: {data}\n\n"
            if await request.is_disconnected():
                return
            try:
                await asyncio.wait_for(queue.get(), timeout=KEEPALIVE_SECONDS)
            except TimeoutError:
                yield ": keepalive\n\n"
            while not queue.empty():
                queue.get_nowait()


def _new_messages(
    app: Application, conversation_id: str, token: str | None, after: int
) -> list[MessageOut] | None:
    """The conversation's messages after ``after``; None when this stream may no longer
    read it (deleted, expired, or its token spent by a move to another device). Checked
    only when there is nothing new, which is when a stream wakes for such a change or its
    keep-alive: on the way of a message it costs nothing."""
    messages = app.conversations.log(conversation_id, after_id=after)
    if messages:
        return outgoing(app, messages)
    try:
        app.conversations.open(conversation_id, token)
    except ConversationError:
        return None
    return []


# -- who is writing: the name residents read on a person's message and in the header ------

_ROLES: dict[str, StaffRole] = {
    Role.VOLUNTEER.value: "volunteer",
    Role.TEAM_MEMBER.value: "team_member",
}


def outgoing(app: Application, messages: list[LoggedMessage]) -> list[MessageOut]:
    """The messages as the API sends them, with who wrote a person's message, and who
    holds the conversation on the latest take-over notice (one query, only when there is
    such a message)."""
    staff = _staff(app, messages)
    return [MessageOut.of(m, staff.get(m.id)) for m in messages]


def _staff(app: Application, messages: list[LoggedMessage]) -> dict[int, StaffOut]:
    persons = [m.id for m in messages if m.kind is Kind.STAFF]
    turns = [m for m in messages if m.kind in (Kind.TAKEOVER, Kind.HANDBACK)]
    # Only the latest take-over names anyone: an earlier one was handed back since.
    taken = turns[-1] if turns and turns[-1].kind is Kind.TAKEOVER else None
    if not persons and taken is None:
        return {}
    found: dict[int, StaffOut] = {}
    with app.sessions() as session:
        if persons:
            for message_id, parts in session.execute(
                select(Message.id, Message.parts).where(Message.id.in_(persons))
            ):
                name = _first_name((parts or {}).get("staff_name"))
                if name:
                    role = _ROLES.get(str((parts or {}).get("staff_role")), "volunteer")
                    found[message_id] = StaffOut(name, role)
        if taken is not None:
            holder = session.execute(
                select(Conversation.held_by_name, StaffUser.role)
                .outerjoin(StaffUser, StaffUser.id == Conversation.held_by_id)
                .where(Conversation.id == taken.conversation_id)
            ).first()
            name = _first_name(holder[0]) if holder else None
            if holder and name:
                found[taken.id] = StaffOut(name, _ROLES.get(str(holder[1]), "staff"))
    return found


def _first_name(name: object) -> str | None:
    """Residents read a person's first name only, whatever their account says."""
    words = str(name or "").split()
    return words[0] if words else None
