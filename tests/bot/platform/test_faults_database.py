"""The database becomes unreachable in the middle of a conversation, and comes back.

Two real outages: our own PostgreSQL server stopped and started again (the pool finds
its connections dead and opens new ones), and a SQLite file whose write lock another
process holds (a backup tool, a migration by hand). Meanwhile the resident gets a
friendly message with the crisis numbers, nothing is half stored, and afterwards the
conversation goes on without a restart: the message that failed is sent again with the
same client_id and answered once. On Telegram the chat hears of it once and its waiting
messages are answered when the database is back.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, select, text
from sqlalchemy.exc import OperationalError

from bot.application import Application
from bot.channels.telegram import TelegramChannel, install_webhook
from bot.conversation.outage import is_database_down
from bot.platform.db import make_engine
from bot.platform.migrate import upgrade
from bot.platform.models import Message
from bot.web.app import create_app
from tests.bot.channels.test_telegram import say
from tests.bot.telegram_helpers import FAST, TEST_TIMEOUT, run, running_channel
from tests.conftest import ROOT, make_app
from tests.serve_process import free_port
from tests.servers import live_server

CHAT = 4343
# A SQLite writer waits this long for a lock before it fails (the server's is 30 s).
BUSY_TIMEOUT_MS = 400
CENTRAL_TEAM_PHONE = "0344 55 10 00"  # the demo municipality's central team


class Outage(Protocol):
    # Whether /readyz sees it: a locked SQLite file can still be read.
    seen_by_readiness: bool

    def begin(self) -> None: ...

    def end(self) -> None: ...


# -- PostgreSQL: a server of our own, stopped and started --------------------------------


class OwnPostgres:
    """A throw-away server (tools/postgres.sh) in a directory and on a port of its own,
    so stopping it disturbs no other test."""

    def __init__(self) -> None:
        bindirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
        if not bindirs:
            if os.environ.get("CI"):
                pytest.fail("CI must run the PostgreSQL tests: use `make test`")
            pytest.skip("no PostgreSQL server binaries (make test installs them)")
        self._bin = bindirs[-1]
        # Not under pytest's own (root-only) temporary directory: the server runs as the
        # postgres user when the tests run as root.
        self.dir = Path(tempfile.mkdtemp(prefix="vw-faults-pg-", dir="/tmp"))
        self.port = free_port()
        self._env = {
            **os.environ,
            "VRAAGWIJZER_PG_DIR": str(self.dir),
            "VRAAGWIJZER_PG_PORT": str(self.port),
        }
        self.url = self._script("start")
        self._databases = 0

    def new_database(self) -> str:
        """A fresh, migrated database for one test."""
        self._databases += 1
        name = f"vw_faults_{self._databases}"
        admin = make_engine(self.url).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = self.url.rsplit("/", 1)[0] + f"/{name}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        return url

    def stop(self) -> None:
        self._pg_ctl("stop", "-m", "fast", "-w", "-t", "30")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg_ctl("start", "-w", "-t", "60", "-l", str(self.dir / "server.log"), "-o", options)

    def remove(self) -> None:
        self._script("stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def _script(self, command: str) -> str:
        done = subprocess.run(
            ["bash", str(ROOT / "tools" / "postgres.sh"), command],
            env=self._env,
            capture_output=True,
            text=True,
            timeout=180,
            check=True,
        )
        return done.stdout.strip()

    def _pg_ctl(self, *args: str) -> None:
        owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        command = [*owner, str(self._bin / "pg_ctl"), "-D", str(self.dir / "data"), *args]
        subprocess.run(command, capture_output=True, timeout=90, check=True)


class PostgresStopped:
    seen_by_readiness = True

    def __init__(self, server: OwnPostgres) -> None:
        self._server = server
        self.down = False

    def begin(self) -> None:
        self._server.stop()
        self.down = True

    def end(self) -> None:
        if self.down:
            self._server.start()
            self.down = False


class SqliteLocked:
    """Another process holds the write lock: reads go on (WAL), every write waits for
    the busy timeout and fails."""

    seen_by_readiness = False

    def __init__(self, path: Path) -> None:
        self._path = path
        self._holder: sqlite3.Connection | None = None

    def begin(self) -> None:
        # Tests may begin and end it from different threads.
        self._holder = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        self._holder.execute("BEGIN IMMEDIATE")

    def end(self) -> None:
        if self._holder is not None:  # (a second end does nothing)
            self._holder.execute("ROLLBACK")
            self._holder.close()
            self._holder = None


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[OwnPostgres]:
    server = OwnPostgres()
    try:
        yield server
    finally:
        server.remove()


def short_busy_timeout(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


@pytest.fixture(params=["sqlite-locked", pytest.param("postgres-stopped", marks=pytest.mark.slow)])
def outage_app(
    request: pytest.FixtureRequest, sqlite_url, tmp_path, analyzer, clock
) -> Iterator[tuple[Application, Outage]]:
    """A seeded application, and the outage that will befall its database."""
    outage: Outage
    if request.param == "sqlite-locked":
        app = make_app(sqlite_url, tmp_path, analyzer, clock)
        # Wait less than the server's 30 s for the lock (runs after its own pragmas).
        event.listen(app.db, "connect", short_busy_timeout)
        app.db.dispose()
        outage = SqliteLocked(Path(sqlite_url.removeprefix("sqlite:///")))
    else:
        server: OwnPostgres = request.getfixturevalue("own_postgres")
        app = make_app(server.new_database(), tmp_path, analyzer, clock)
        outage = PostgresStopped(server)
    try:
        yield app, outage
    finally:
        outage.end()
        app.close()


def resident_texts(app: Application, conversation_id: str) -> list[str]:
    with app.sessions() as session:
        return list(
            session.scalars(
                select(Message.text)
                .where(Message.conversation_id == conversation_id, Message.sender == "resident")
                .order_by(Message.id)
            )
        )


# -- the chat API (and so the widget) --------------------------------------------------------


def test_the_chat_api_tells_the_resident_and_recovers_by_itself(outage_app):
    app, outage = outage_app
    question = "is er een klussendienst in de buurt"
    with live_server(create_app(app)) as base, httpx.Client(base_url=base, timeout=60) as http:
        started = http.post("/api/v1/conversations", json={})
        assert started.status_code == 201
        conversation = started.json()["id"]
        path = f"/api/v1/conversations/{conversation}/messages"
        auth = {"Authorization": f"Bearer {started.json()['token']}"}

        def send(words: str, client_id: str, **headers: str) -> httpx.Response:
            body = {"text": words, "client_id": client_id}
            return http.post(path, json=body, headers={**auth, **headers})

        assert send("hallo", "c1").status_code == 200
        assert http.get("/readyz").status_code == 200

        outage.begin()
        during = send(question, "c2")
        assert during.status_code == 503
        assert during.headers["Retry-After"] == "5"
        error = during.json()["error"]
        assert error["code"] == "unavailable"
        assert error["message"]  # the same shape as every error
        notice = error["resident"]
        assert notice["locale"] == "nl"
        assert notice["text"].startswith("Sorry, er gaat nu iets mis bij ons.")
        for number in ("112", "113", "0800-0113", CENTRAL_TEAM_PHONE):
            assert number in notice["crisis"]
        # The client's language (the widget sends its conversation's): English.
        english = send(question, "c2", **{"Accept-Language": "en-GB,en;q=0.9,nl;q=0.5"})
        assert english.status_code == 503
        assert english.json()["error"]["resident"]["locale"] == "en"
        assert "try again in a few minutes" in english.json()["error"]["resident"]["text"]
        assert "Call 112" in english.json()["error"]["resident"]["crisis"]
        # A new conversation cannot start either, and says the same.
        refused = http.post("/api/v1/conversations", json={})
        assert refused.status_code == 503
        assert "0800-0113" in refused.json()["error"]["resident"]["crisis"]
        ready = http.get("/readyz")
        assert ready.status_code == (503 if outage.seen_by_readiness else 200)

        outage.end()
        # Back without a restart: the pool opens new connections by itself.
        assert http.get("/readyz").status_code == 200
        log = http.get(path, headers=auth).json()["messages"]
        assert [m["text"] for m in log if m["sender"] == "resident"] == ["hallo"]

        after = send(question, "c2")
        assert after.status_code == 200, after.text
        answer = after.json()["messages"]
        assert answer
        assert answer[0]["sender"] == "bot"
        again = send(question, "c2")
        assert [m["id"] for m in again.json()["messages"]] == [m["id"] for m in answer]
        assert send("bedankt", "c3").status_code == 200

    assert resident_texts(app, conversation) == ["hallo", question, "bedankt"]
    log_ids = [m.id for m in app.conversations.log(conversation)]
    assert len(log_ids) == len(set(log_ids))


def test_the_503_is_documented_with_the_residents_notice(sqlite_url, tmp_path, analyzer, clock):
    app = make_app(sqlite_url, tmp_path, analyzer, clock)
    try:
        schema = create_app(app).openapi()
    finally:
        app.close()
    send = schema["paths"]["/api/v1/conversations/{conversation_id}/messages"]["post"]
    unavailable = send["responses"]["503"]
    assert "Retry-After" in unavailable["headers"]
    reference = unavailable["content"]["application/json"]["schema"]["$ref"]
    model = schema["components"]["schemas"][reference.rsplit("/", 1)[1]]
    detail = schema["components"]["schemas"][model["properties"]["error"]["$ref"].rsplit("/", 1)[1]]
    assert {"code", "message", "resident"} <= set(detail["properties"])
    notice = schema["components"]["schemas"]["ResidentNotice"]
    assert set(notice["required"]) == {"locale", "text", "crisis"}


# -- Telegram ---------------------------------------------------------------------------------


class EngineRetries(logging.Handler):
    """Counts the channel's tries of the engine that failed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "the engine failed" in record.getMessage():
            self.count += 1


@pytest.mark.slow
def test_telegram_tells_the_chat_once_and_answers_when_the_database_is_back(outage_app, fake):
    app, outage = outage_app
    question = "is er een klussendienst in de buurt"
    retries = EngineRetries()
    channel_log = logging.getLogger("bot.channels.telegram")
    channel_log.addHandler(retries)

    async def scenario(channel):
        await say(fake, "hallo", chat=CHAT, expect="Waarmee kan ik u helpen")
        await fake.wait_until(lambda: all_delivered(app), what="the whole welcome")
        await asyncio.to_thread(outage.begin)
        before = len(fake.sent(CHAT))
        fake.text(CHAT, question)
        fake.text(CHAT, "bedankt")
        await fake.wait_until(
            lambda: any("Sorry" in t for t in fake.sent_texts(CHAT)[before:]), what="the notice"
        )
        # Several more rounds of tries while it lasts: still one notice.
        tried = retries.count
        await fake.wait_until(lambda: retries.count >= tried + 4, what="more tries")
        assert len(fake.sent(CHAT)) == before + 1
        await asyncio.to_thread(outage.end)
        await fake.wait_until(lambda: len(fake.sent(CHAT)) >= before + 3, what="the answers")
        return before

    try:
        before = run(app, fake, scenario, retry=replace(FAST, outage_pause=0.3))
    finally:
        channel_log.removeHandler(retries)
    notice, answer, thanks = fake.sent_texts(CHAT)[before:]
    assert notice.startswith("Sorry, er gaat nu iets mis bij ons. Ik beantwoord uw bericht")
    for number in ("112", "0800-0113", CENTRAL_TEAM_PHONE):
        assert number in notice
    assert "Sorry" not in answer
    assert thanks.startswith("Graag gedaan")
    (conversation,) = app.conversations.chat_conversations("telegram", str(CHAT))
    assert resident_texts(app, conversation) == ["hallo", question, "bedankt"]


def test_a_database_bug_is_a_500_not_an_outage(sqlite_url, tmp_path, analyzer, clock):
    """A missing table (a migration not applied) is also an OperationalError, but no wait
    will fix it: the resident is not told to wait, the error is logged as a bug, and the
    last-resort answer carries the security headers like every other answer."""
    app = make_app(sqlite_url, tmp_path, analyzer, clock)
    try:
        with live_server(create_app(app)) as base, httpx.Client(base_url=base) as http:
            started = http.post("/api/v1/conversations", json={}).json()
            with app.db.begin() as connection:
                connection.execute(text("DROP TABLE messages"))
            answer = http.post(
                f"/api/v1/conversations/{started['id']}/messages",
                json={"text": "waar is het buurthuis", "client_id": "c1"},
                headers={"Authorization": f"Bearer {started['token']}"},
            )
        assert answer.status_code == 500
        assert answer.json()["error"]["code"] == "internal_error"
        assert "resident" not in answer.json()["error"]
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        assert answer.headers["cache-control"] == "no-store"
    finally:
        app.close()


@pytest.mark.parametrize(
    ("message", "down"),
    [
        ("database is locked", True),
        ("unable to open database file", True),
        ("no such table: messages", False),
        ('near "SELEC": syntax error', False),
    ],
)
def test_only_a_database_that_cannot_be_reached_counts_as_down(message, down):
    error = OperationalError("SELECT 1", {}, sqlite3.OperationalError(message))
    assert is_database_down(error) is down


WEBHOOK_SECRET = "faults_secret-1"


def webhook_client(channel: TelegramChannel) -> httpx.AsyncClient:
    """Telegram's side of the webhook: posts to the channel's route, in its event loop."""
    api = FastAPI()
    install_webhook(api, channel)
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=api),
        base_url="https://gemeente.example",
        headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET},
        timeout=TEST_TIMEOUT,
    )


def webhook_channel(app: Application, fake):  # type: ignore[no-untyped-def]
    return running_channel(
        app,
        fake,
        retry=replace(FAST, outage_pause=0.3),
        webhook_url="https://gemeente.example/telegram/webhook",
        webhook_secret=WEBHOOK_SECRET,
    )


def greeted(fake) -> bool:  # type: ignore[no-untyped-def]
    return any("Waarmee kan ik u helpen" in text for text in fake.sent_texts(CHAT))


def all_delivered(app: Application) -> bool:
    """Every reply so far is in the chat (a reply of several messages arrives one by one:
    counting before the last of them is in would count it as something new)."""
    conversations = app.conversations.chat_conversations("telegram", str(CHAT))
    return all(
        (pending := app.conversations.undelivered(c)) is None or not pending.messages
        for c in conversations
    )


def bounded(scenario) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        await asyncio.wait_for(scenario(), TEST_TIMEOUT)

    asyncio.run(main())


@pytest.mark.slow
def test_telegram_webhook_hands_messages_back_so_a_restart_loses_none(outage_app, fake):
    """The webhook answers 503 for the message that finds the database down and for every
    one after it, so Telegram keeps them: a restart before the database is back loses
    nothing, and the chat hears of the outage once."""
    app, outage = outage_app
    question = "is er een klussendienst in de buurt"
    hello = fake.text(CHAT, "hallo", queue=False)
    first = fake.text(CHAT, question, queue=False)
    second = fake.text(CHAT, "bedankt", queue=False)
    before = 0

    async def scenario() -> None:
        nonlocal before
        async with webhook_channel(app, fake) as channel, webhook_client(channel) as telegram:
            assert (await telegram.post("/telegram/webhook", json=hello)).status_code == 200
            await fake.wait_until(lambda: greeted(fake), what="the welcome")
            await fake.wait_until(lambda: all_delivered(app), what="the whole welcome")
            before = len(fake.sent(CHAT))
            await asyncio.to_thread(outage.begin)
            # The message that finds the database down is handed back to Telegram...
            assert (await telegram.post("/telegram/webhook", json=first)).status_code == 503
            # ...and, while it lasts, every one after it at once.
            assert (await telegram.post("/telegram/webhook", json=second)).status_code == 503
            await fake.wait_until(lambda: len(fake.sent(CHAT)) > before, what="the notice")
            # A deploy stops the process before the database is back.
            await channel.stop(drain_seconds=0)
        await asyncio.to_thread(outage.end)
        # The next process gets them again from Telegram.
        async with webhook_channel(app, fake) as channel, webhook_client(channel) as telegram:
            for update in (first, second):
                response = await telegram.post("/telegram/webhook", json=update)
                assert response.status_code == 200
            await fake.wait_until(lambda: len(fake.sent(CHAT)) >= before + 3, what="answers")

    bounded(scenario)
    notice, answer, thanks = fake.sent_texts(CHAT)[before:]
    assert notice.startswith("Sorry")
    assert "0800-0113" in notice
    assert "Sorry" not in answer
    assert thanks.startswith("Graag gedaan")
    (conversation,) = app.conversations.chat_conversations("telegram", str(CHAT))
    assert resident_texts(app, conversation) == ["hallo", question, "bedankt"]


@pytest.mark.slow
def test_telegram_webhook_answers_a_handed_back_message_once(outage_app, fake):
    """Without a restart the lane answers the message when the database is back; Telegram
    delivering it again then changes nothing."""
    app, outage = outage_app
    question = "is er een klussendienst in de buurt"
    hello = fake.text(CHAT, "hallo", queue=False)
    first = fake.text(CHAT, question, queue=False)
    before = 0

    async def scenario() -> None:
        nonlocal before
        async with webhook_channel(app, fake) as channel, webhook_client(channel) as telegram:
            assert (await telegram.post("/telegram/webhook", json=hello)).status_code == 200
            await fake.wait_until(lambda: greeted(fake), what="the welcome")
            await fake.wait_until(lambda: all_delivered(app), what="the whole welcome")
            before = len(fake.sent(CHAT))
            await asyncio.to_thread(outage.begin)
            assert (await telegram.post("/telegram/webhook", json=first)).status_code == 503
            await asyncio.to_thread(outage.end)
            await fake.wait_until(lambda: len(fake.sent(CHAT)) >= before + 2, what="the answer")
            again = await telegram.post("/telegram/webhook", json=first)
            assert again.status_code == 200
            later = fake.text(CHAT, "bedankt", queue=False)
            assert (await telegram.post("/telegram/webhook", json=later)).status_code == 200
            await fake.wait_until(lambda: len(fake.sent(CHAT)) >= before + 3, what="thanks")

    bounded(scenario)
    notice, answer, thanks = fake.sent_texts(CHAT)[before:]
    assert notice.startswith("Sorry")
    assert "Sorry" not in answer
    assert thanks.startswith("Graag gedaan")
    (conversation,) = app.conversations.chat_conversations("telegram", str(CHAT))
    assert resident_texts(app, conversation) == ["hallo", question, "bedankt"]


def test_telegram_polling_says_how_many_chats_lose_a_message_at_a_stop(outage_app, fake, caplog):
    """Long polling has confirmed the update to Telegram: a message still waiting for the
    database when the process stops is lost, and the log says so."""
    app, outage = outage_app

    async def scenario(channel: TelegramChannel) -> None:
        await say(fake, "hallo", chat=CHAT, expect="Waarmee kan ik u helpen")
        await say(fake, "hallo", chat=CHAT + 1, expect="Waarmee kan ik u helpen")
        await asyncio.to_thread(outage.begin)
        for chat in (CHAT, CHAT + 1):
            before = len(fake.sent(chat))
            fake.text(chat, "is er een klussendienst in de buurt")
            await fake.wait_until(
                lambda chat=chat, before=before: len(fake.sent(chat)) > before, what="the notice"
            )
        with caplog.at_level(logging.INFO, logger="bot.channels.telegram"):
            await channel.stop(drain_seconds=0)

    run(app, fake, scenario, retry=replace(FAST, outage_pause=0.3))
    lost = [
        r
        for r in caplog.records
        if r.name == "bot.channels.telegram" and "unanswered messages" in r.getMessage()
    ]
    assert [r.levelno for r in lost] == [logging.WARNING]
    assert "in 2 chats" in lost[0].getMessage()


@pytest.mark.slow
def test_an_open_stream_ends_cleanly_when_the_database_goes(
    own_postgres, tmp_path, analyzer, clock, caplog
):
    """The stream ends (the widget reconnects after its retry pause and resumes from the
    last id) instead of failing with an unhandled error."""
    app = make_app(own_postgres.new_database(), tmp_path, analyzer, clock)
    outage = PostgresStopped(own_postgres)
    try:
        with live_server(create_app(app)) as base, httpx.Client(base_url=base, timeout=30) as http:
            started = http.post("/api/v1/conversations", json={}).json()
            url = f"/api/v1/conversations/{started['id']}/stream"
            auth = {"Authorization": f"Bearer {started['token']}"}
            with http.stream("GET", url, headers=auth) as stream:
                lines = stream.iter_lines()
                while not next(lines).startswith("data:"):  # the welcome
                    pass
                outage.begin()
                app.events.publish(started["id"], 0)  # something to read
                rest = list(lines)  # returns once the server ends the stream
            assert not any(line.startswith("data:") for line in rest)
    finally:
        outage.end()
        app.close()
    unhandled = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert unhandled == []
