"""kill -9 of the real server in the middle of a burst of messages, twice, then a restart
on the same database each time.

Twenty residents talk at once, as the widget does: each message has a client_id and is
sent again, with the same id, until it gets a 2xx. Most residents fire a burst of
questions without waiting for the answers; some go step by step through a referral. The
server is killed (SIGKILL, no clean-up) while requests are in flight. Afterwards every
message that got a 2xx is in the log exactly once, each has exactly one set of replies
(stored in one unit of work, so sharing one timestamp), the replies are what the client
was told, and each referral made exactly one ticket (and one e-mail in the outbox).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select, text

from bot.platform.db import make_engine
from bot.platform.migrate import upgrade
from bot.platform.models import Conversation, Message, OutboxMessage
from handoff.models import Ticket
from tests.conftest import POSTGRES_URL, make_app
from tests.personal_data import PHONE
from tests.serve_process import ServeProcess, free_port

pytestmark = pytest.mark.slow

RESIDENTS = 20
REFERRALS = 5  # of them go through a referral, step by step
QUESTIONS = (
    "hallo",
    "is er een klussendienst in de buurt",
    "ik voel me vaak alleen",
    "ik zoek hulp bij mijn boodschappen",
    "wat kost de maaltijdservice",
    "bedankt",
)
STORY = "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"
REFERRAL: tuple[dict[str, str], ...] = (
    {"text": STORY},
    {"text": "ja"},
    {"payload": "handoff:phone"},
    {"text": PHONE},
    {"payload": "handoff:any"},
    {"text": "4121 AB"},
    {"text": "Fatima"},
    {"payload": "handoff:send"},
)
KILLS_AFTER = (0.3, 0.65)  # of all messages acknowledged
DEADLINE_SECONDS = 300.0
RETRY_PAUSE = 0.2


@dataclass
class Acked:
    """What a resident's client was told for one message: its 2xx answer."""

    conversation_id: str
    client_id: str
    replies: list[dict[str, Any]]


@dataclass
class Burst:
    server: ServeProcess
    total: int
    acked: list[Acked] = field(default_factory=list)
    conversations: list[str] = field(default_factory=list)
    failures: int = 0  # tries that got no 2xx (connection lost, refused, 5xx)
    deadline: float = field(default_factory=lambda: time.monotonic() + DEADLINE_SECONDS)

    async def until_2xx(self, http: httpx.AsyncClient, path: str, body: dict[str, Any], **kw):
        """Send until a 2xx, the same body each time (so the same client_id)."""
        while time.monotonic() < self.deadline:
            try:
                response = await http.post(self.server.url + path, json=body, **kw)
            except httpx.HTTPError:
                response = None
            if response is not None and response.is_success:
                return response.json()
            if response is not None and response.status_code < 500:
                raise AssertionError(f"{path} refused: {response.status_code} {response.text}")
            self.failures += 1
            await asyncio.sleep(RETRY_PAUSE)
        raise AssertionError("the burst did not finish in time")

    async def resident(self, http: httpx.AsyncClient, index: int) -> None:
        started = await self.until_2xx(http, "/api/v1/conversations", {})
        conversation = started["id"]
        self.conversations.append(conversation)
        headers = {"Authorization": f"Bearer {started['token']}"}
        path = f"/api/v1/conversations/{conversation}/messages"

        async def send(step: int, body: dict[str, str]) -> None:
            client_id = f"r{index}-m{step}"
            answer = await self.until_2xx(
                http, path, {**body, "client_id": client_id}, headers=headers
            )
            self.acked.append(Acked(conversation, client_id, answer["messages"]))

        if index < REFERRALS:
            for step, body in enumerate(REFERRAL):
                await send(step, body)
        else:
            # A burst: every question at once, not waiting for the answers.
            await asyncio.gather(*(send(s, {"text": q}) for s, q in enumerate(QUESTIONS)))

    async def killer(self) -> None:
        for share in KILLS_AFTER:
            while len(self.acked) < share * self.total:
                if time.monotonic() > self.deadline:
                    return
                await asyncio.sleep(0.01)
            await asyncio.to_thread(self.server.kill)
            await asyncio.to_thread(self.server.start)

    async def run(self) -> None:
        limits = httpx.Limits(max_connections=RESIDENTS * len(QUESTIONS))
        async with httpx.AsyncClient(timeout=60, limits=limits) as http:
            await asyncio.gather(
                self.killer(), *(self.resident(http, index) for index in range(RESIDENTS))
            )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def burst_database(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A database of this test's own: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'burst.db'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url
        return
    if not POSTGRES_URL:
        pytest.skip("VRAAGWIJZER_TEST_POSTGRES_URL is not set (make test sets it)")
    name = f"vw_burst_{os.getpid()}_{secrets.token_hex(4)}"
    admin = make_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_kill_9_twice_during_a_burst_loses_and_doubles_nothing(
    burst_database, tmp_path, analyzer, clock
):
    make_app(burst_database, tmp_path, analyzer, clock).close()  # migrated and seeded
    # Tickets' e-mails wait in the outbox: the mail server's port is closed.
    smtp = {"VRAAGWIJZER_SMTP_HOST": "127.0.0.1", "VRAAGWIJZER_SMTP_PORT": str(free_port())}
    server = ServeProcess(burst_database, env=smtp)
    total = REFERRALS * len(REFERRAL) + (RESIDENTS - REFERRALS) * len(QUESTIONS)
    burst = Burst(server, total)
    server.start()
    try:
        asyncio.run(burst.run())
    finally:
        server.kill()

    assert len(burst.acked) == total
    assert burst.failures > 0  # the kills did cut requests off
    engine = make_engine(burst_database)
    try:
        check_the_log(engine, burst)
    finally:
        engine.dispose()


def check_the_log(engine: Engine, burst: Burst) -> None:
    with engine.connect() as connection:
        messages = connection.execute(
            select(
                Message.id,
                Message.conversation_id,
                Message.sender,
                Message.client_id,
                Message.reply_to_id,
                Message.created_at,
            ).order_by(Message.id)
        ).all()
        tickets = connection.execute(select(Ticket.reference, Ticket.conversation_id)).all()
        mails = len(connection.execute(select(OutboxMessage.id)).all())
        conversations = set(connection.scalars(select(Conversation.id)))

    residents = [m for m in messages if m.sender == "resident"]
    # Every acknowledged message is stored exactly once, and nothing else was stored.
    stored = [(m.conversation_id, m.client_id) for m in residents]
    assert len(stored) == len(set(stored))
    assert sorted(stored) == sorted((a.conversation_id, a.client_id) for a in burst.acked)
    assert set(burst.conversations) <= conversations

    # Each has exactly one set of replies (one unit of work: one timestamp), and it is the
    # set its client was told of.
    replies: dict[int, list[Any]] = {}
    for message in messages:
        if message.reply_to_id is not None:
            replies.setdefault(message.reply_to_id, []).append(message)
    by_client = {(m.conversation_id, m.client_id): m.id for m in residents}
    for acked in burst.acked:
        own = replies.get(by_client[(acked.conversation_id, acked.client_id)], [])
        assert own, f"{acked.client_id} has no replies"
        assert len({m.created_at for m in own}) == 1, f"{acked.client_id} answered twice"
        assert [m.id for m in own] == [r["id"] for r in acked.replies]

    # Each referral made one ticket, the one its resident was told of; one e-mail each.
    told = {
        r["ticket"]["reference"]
        for acked in burst.acked
        if acked.client_id.endswith(f"-m{len(REFERRAL) - 1}")
        for r in acked.replies
        if r.get("ticket")
    }
    assert len(tickets) == REFERRALS
    assert {t.reference for t in tickets} == told
    assert len({t.conversation_id for t in tickets}) == REFERRALS
    assert mails == REFERRALS
