"""Notifications to district teams over real SMTP and a real webhook on loopback: sent once,
with no personal data, and kept and retried while the other side is down."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
from collections.abc import Iterator
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.application import build_application
from bot.conversation.messages import Incoming
from bot.demo.seed import seed
from bot.platform.models import OutboxMessage
from tests.conftest import make_settings
from tests.personal_data import PHONE
from tests.servers import live_server

STORY = "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"
SECRET = "a-webhook-secret-of-the-case-system"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def mail_server(smtp_port) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture
def notifying_app(sqlite_url, tmp_path, analyzer, clock, smtp_port):
    def build(**extra):
        application = build_application(
            make_settings(
                sqlite_url,
                tmp_path,
                smtp_host="127.0.0.1",
                smtp_port=smtp_port,
                smtp_from="vraagwijzer@lindenhaven.example",
                **extra,
            ),
            analyzer=analyzer,
            clock=clock,
        )
        seed(application, logins_file=None)
        return application

    built = []

    def make(**extra):
        built.append(build(**extra))
        return built[-1]

    yield make
    for application in built:
        application.close()


def hand_off(app) -> str:
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    for step in (
        Incoming(text=STORY),
        Incoming(text="ja"),
        Incoming(payload="handoff:phone"),
        Incoming(text=PHONE),
        Incoming(payload="handoff:any"),
        Incoming(text="4121 AB"),
        Incoming(text="Fatima"),
        Incoming(payload="handoff:send"),
    ):
        replies = app.conversations.receive(conversation, step)
    assert replies[0].ticket is not None
    return replies[0].ticket.reference


def test_a_new_referral_mails_its_team_once_without_personal_data(notifying_app, mail_server):
    app = notifying_app()
    reference = hand_off(app)
    assert app.outbox.backlog().waiting == 1
    assert app.outbox.deliver_due().sent == 1
    assert app.outbox.deliver_due().sent == 0
    ((sender, recipients, content),) = mail_server.messages
    mail = message_from_bytes(content)
    body = mail.get_payload(decode=True).decode()
    assert sender == "vraagwijzer@lindenhaven.example"
    assert recipients == ["wijkteam.lindenhof@lindenhaven.example"]
    assert reference in mail["Subject"]
    assert f"/console/tickets/{reference}" in body
    for personal in (PHONE, "Fatima", "deurwaarder", "4121"):
        assert personal not in body
        assert personal not in mail["Subject"]


def test_mail_server_down_means_later_not_never(notifying_app, smtp_port, clock):
    app = notifying_app()
    reference = hand_off(app)
    down = app.outbox.deliver_due()
    assert (down.sent, down.failed) == (0, 1)
    backlog = app.outbox.backlog()
    assert (backlog.waiting, backlog.failing) == (1, 1)
    assert app.outbox.deliver_due().failed == 0  # not due again yet
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        clock.advance(minutes=2)
        assert app.outbox.deliver_due().sent == 1
    finally:
        controller.stop()
    assert reference in message_from_bytes(inbox.messages[0][2])["Subject"]
    assert app.outbox.backlog().waiting == 0


def test_the_case_system_hears_of_it_signed_and_again_after_an_error(
    notifying_app, mail_server, clock
):
    received: list[tuple[bytes, str]] = []
    answers = [500, 200]

    async def hook(request: Request) -> JSONResponse:
        received.append((await request.body(), request.headers.get("x-vraagwijzer-signature", "")))
        return JSONResponse({}, status_code=answers.pop(0))

    with live_server(Starlette(routes=[Route("/hook", hook, methods=["POST"])])) as base:
        app = notifying_app(webhook_url=f"{base}/hook", webhook_secret=SECRET)
        reference = hand_off(app)
        first = app.outbox.deliver_due()
        assert (first.sent, first.failed) == (1, 1)  # the e-mail went, the webhook said 500
        clock.advance(minutes=2)
        assert app.outbox.deliver_due().sent == 1
    body, signature = received[-1]
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(signature, expected)
    event = json.loads(body)
    assert event["reference"] == reference
    assert event["team_id"] == "wt-lindenhof"
    assert "06 12345678" not in body.decode()


def test_a_referral_sent_on_to_another_team_is_announced_to_that_team(notifying_app, mail_server):
    app = notifying_app()
    reference = hand_off(app)
    app.outbox.deliver_due()
    with app.sessions() as session, session.begin():  # the move and its announcement: one
        moved = app.tickets.reroute(
            reference, "wt-oost", by="femke", reason="Woont in Oosterveld.", session=session
        )
        app.ticket_arrived(session, moved)
        app.ticket_arrived(session, moved)  # announced twice by mistake: sent once
    assert app.outbox.deliver_due().sent == 1
    assert mail_server.messages[-1][1][0].startswith("wijkteam.oost")


def test_a_mail_server_stopped_and_started_again_gets_every_mail_once(
    notifying_app, smtp_port, clock
):
    """Up, then down for several rounds (the pause before each retry grows), then up on the
    same port: what waited arrives, each exactly once, and nothing is sent again."""
    app = notifying_app()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    first = hand_off(app)
    assert app.outbox.deliver_due().sent == 1
    controller.stop()

    waiting = [hand_off(app) for _ in range(3)]
    pauses = []
    for _ in range(3):
        report = app.outbox.deliver_due()
        assert (report.sent, report.failed) == (0, 3)
        backlog = app.outbox.backlog()
        assert (backlog.waiting, backlog.failing) == (3, 3)
        with app.sessions() as session:
            due = set(
                session.scalars(
                    select(OutboxMessage.next_attempt_at).where(OutboxMessage.sent_at.is_(None))
                )
            )
        (next_attempt,) = due
        pauses.append(next_attempt - clock())
        clock.now = next_attempt
    assert pauses[0] < pauses[1] < pauses[2]

    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert app.outbox.deliver_due().sent == 3
        clock.advance(days=1)
        assert app.outbox.deliver_due().sent == 0
    finally:
        controller.stop()
    subjects = [message_from_bytes(content)["Subject"] for _, _, content in inbox.messages]
    for reference in (first, *waiting):
        assert sum(reference in subject for subject in subjects) == 1
    assert len(subjects) == 4
    assert app.outbox.backlog().waiting == 0
