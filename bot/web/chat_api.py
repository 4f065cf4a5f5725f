"""The web chat API: start a conversation, send messages, read the log, follow a stream."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator
from typing import Annotated

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from bot.application import Application
from bot.conversation.engine import ConversationView
from bot.conversation.messages import Incoming
from bot.web.schemas import (
    ConversationCreated,
    ErrorOut,
    MessageOut,
    Messages,
    NewConversation,
    NewMessage,
)

KEEPALIVE_SECONDS = 15.0
# Streams read the log in threads of their own, two at a time: a hundred open streams must
# not take the threads that answer residents' messages.
STREAM_READ_THREADS = 2
_bearer = HTTPBearer(
    auto_error=False, description="The token returned when the conversation was created."
)

router = APIRouter(prefix="/api/v1", tags=["chat"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut} for code in (400, 401, 404, 410, 413, 422, 503)
}


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


@router.post(
    "/conversations", status_code=201, response_model=ConversationCreated, responses=ERRORS
)
def start_conversation(app: App, body: NewConversation | None = None) -> ConversationCreated:
    """Start a conversation; the answer holds its token and the welcome message."""
    started = app.conversations.start(channel="web", locale=body.locale if body else None)
    return ConversationCreated(
        id=started.conversation_id,
        token=started.token,
        locale=started.locale,
        messages=[MessageOut.of(m) for m in started.messages],
    )


@router.post("/conversations/{conversation_id}/messages", response_model=Messages, responses=ERRORS)
def send_message(
    conversation_id: str, app: App, credentials: Credentials, body: NewMessage
) -> Messages:
    """Send what the resident typed (``text``) or a button's ``payload``; get the replies."""
    # The token is checked here, in the same worker thread as the answer: one hop fewer
    # than a dependency of its own, on the path every resident message takes.
    conversation = opened(conversation_id, app, credentials)
    replies = app.conversations.receive(
        conversation.id,
        Incoming(text=body.text or "", payload=body.payload, client_id=body.client_id),
    )
    return Messages(messages=[MessageOut.of(m) for m in replies])


@router.get("/conversations/{conversation_id}/messages", response_model=Messages, responses=ERRORS)
def read_messages(
    conversation: Opened,
    app: App,
    after: Annotated[int, Query(ge=0, description="Only messages with a larger id.")] = 0,
) -> Messages:
    """The whole conversation so far (or what came after a message id), for reloads."""
    return Messages(
        messages=[MessageOut.of(m) for m in app.conversations.log(conversation.id, after_id=after)]
    )


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
    after: Annotated[int, Query(ge=0)] = 0,
    last_event_id: Annotated[str | None, Header()] = None,
) -> Response:
    """Messages as they arrive (a volunteer stepping in, a ticket update), as SSE.

    Resumes after ``Last-Event-ID`` (or ``after``), so nothing is missed on reconnect.
    """
    token = credentials.credentials if credentials else None
    conversation = await run_in_threadpool(app.conversations.open, conversation_id, token)
    start = int(last_event_id) if last_event_id and last_event_id.isdigit() else after
    return StreamingResponse(
        _events(request, app, conversation.id, start),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@functools.cache
def _stream_reads() -> CapacityLimiter:
    return CapacityLimiter(STREAM_READ_THREADS)


async def _events(
    request: Request, app: Application, conversation_id: str, after: int
) -> AsyncIterator[str]:
    last = after
    yield "retry: 3000\n\n"
    async with app.events.subscribe(conversation_id) as queue:
        while True:
            for message in await to_thread.run_sync(
                functools.partial(app.conversations.log, conversation_id, after_id=last),
                limiter=_stream_reads(),
            ):
                last = message.id
                data = MessageOut.of(message).model_dump_json()
                yield f"id: {message.id}\nevent: message\ndata: {data}\n\n"
            if await request.is_disconnected():
                return
            try:
                await asyncio.wait_for(queue.get(), timeout=KEEPALIVE_SECONDS)
            except TimeoutError:
                yield ": keepalive\n\n"
            while not queue.empty():
                queue.get_nowait()
