"""Several server processes on one PostgreSQL database: live events cross processes
(LISTEN/NOTIFY), so a resident whose stream is open on one process sees a volunteer's
reply sent through another, and the console on one sees what residents say on another."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from bot.conversation.messages import Incoming
from bot.demo.seed import seed
from bot.platform.db import make_engine
from bot.platform.events import PostgresEventBus
from bot.platform.migrate import upgrade
from tests.bot.console_client import csrf_token
from tests.conftest import make_app, postgres_url_or_skip
from tests.serve_process import ServeProcess

pytestmark = [pytest.mark.postgres, pytest.mark.slow]  # two applications (or servers) at once


def test_an_event_published_by_one_application_reaches_the_other_once(
    postgres_database, tmp_path, analyzer, clock
):
    first = make_app(postgres_database, tmp_path / "a", analyzer, clock)
    second = make_app(postgres_database, tmp_path / "b", analyzer, clock)
    try:
        assert isinstance(second.events, PostgresEventBus)

        async def scenario() -> tuple[list[int], list[int]]:
            async with (
                second.events.subscribe("c-1") as there,
                first.events.subscribe("c-1") as here,
            ):
                assert await asyncio.to_thread(second.events.wait_listening, 10)
                assert await asyncio.to_thread(first.events.wait_listening, 10)
                await asyncio.to_thread(first.events.publish, "c-1", 41)
                await asyncio.to_thread(first.events.publish, "c-2", 42)  # nobody follows it
                got_there = [await asyncio.wait_for(there.get(), 10)]
                got_here = [await asyncio.wait_for(here.get(), 10)]
                await asyncio.sleep(0.5)  # our own NOTIFY comes back too: it must be skipped
                while not here.empty():
                    got_here.append(here.get_nowait())
                while not there.empty():
                    got_there.append(there.get_nowait())
                return got_there, got_here

        there, here = asyncio.run(scenario())
        assert there == [41]
        assert here == [41]
    finally:
        first.close()
        second.close()


def test_the_listener_comes_back_after_losing_its_connection_and_replays_what_it_missed(
    postgres_database, tmp_path, analyzer, clock
):
    """The database restarts or a proxy drops idle connections: the listener reconnects
    by itself and announces the messages stored meanwhile."""
    first = make_app(postgres_database, tmp_path / "a", analyzer, clock)
    second = make_app(postgres_database, tmp_path / "b", analyzer, clock)
    try:
        started = first.conversations.start(channel="web", locale="nl")
        cid = started.conversation_id

        async def scenario() -> set[int]:
            async with second.events.subscribe(cid) as there:
                assert await asyncio.to_thread(second.events.wait_listening, 10)
                await asyncio.to_thread(_kill_listeners, postgres_database)
                # Stored by the other process while nobody listens.
                replies = await asyncio.to_thread(
                    first.conversations.receive, cid, Incoming(text="waar is het buurthuis")
                )
                seen: set[int] = set()
                while replies[-1].id not in seen:
                    seen.add(await asyncio.wait_for(there.get(), 15))
                return seen

        assert asyncio.run(scenario())
    finally:
        first.close()
        second.close()


def _kill_listeners(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        killed = connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND query LIKE 'LISTEN%'"
            )
        ).all()
    engine.dispose()
    assert killed, "no listener connection to cut"


# -- two real server processes ---------------------------------------------------------------


@pytest.fixture
def shared_database(worker_id: str, tmp_path: Path, analyzer, clock):  # type: ignore[no-untyped-def]
    """A fresh database of our own, seeded with the demo and its staff accounts."""
    base = postgres_url_or_skip()
    name = f"vw_multi_{worker_id}"
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    application = make_app(url, tmp_path, analyzer, clock)
    logins = {login.username: login for login in seed(application, logins_file=tmp_path / "l")}
    application.close()
    yield url, logins
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.slow
def test_a_volunteer_reply_through_one_process_reaches_the_resident_on_the_other(
    shared_database,
):
    url, logins = shared_database
    resident_side = ServeProcess(url).launch()
    staff_side = ServeProcess(url).launch()
    resident_side.wait_ready()
    staff_side.wait_ready()
    stop = threading.Event()
    try:
        with httpx.Client(base_url=resident_side.url, timeout=10) as resident:
            started = resident.post("/api/v1/conversations", json={"locale": "nl"}).json()
            cid = started["id"]
            auth = {"Authorization": f"Bearer {started['token']}"}
            events: queue.Queue[dict[str, str]] = queue.Queue()
            reader = threading.Thread(
                target=_follow,
                args=(f"{resident_side.url}/api/v1/conversations/{cid}/stream", auth, events, stop),
                daemon=True,
            )
            reader.start()
            _wait_for(events, lambda e: e.get("event") == "message")  # the welcome

            with httpx.Client(base_url=staff_side.url, timeout=10) as anna:
                _sign_in(anna, "anna", logins["anna"].password)
                changes: queue.Queue[dict[str, str]] = queue.Queue()
                threading.Thread(
                    target=_follow,
                    args=(f"{staff_side.url}/console/live/events", {}, changes, stop, anna.cookies),
                    daemon=True,
                ).start()
                _wait_for(changes, lambda e: e.get("retry") is not None)

                # The resident writes on process one; the console on process two hears it.
                sent = resident.post(
                    f"/api/v1/conversations/{cid}/messages",
                    json={"text": "ik wil graag met iemand praten", "client_id": "r1"},
                    headers=auth,
                )
                assert sent.status_code == 200, sent.text
                _wait_for(changes, lambda e: e.get("event") == "changed")

                # Anna takes over and replies on process two; the resident's stream on
                # process one carries it.
                page = anna.get(f"/console/conversations/{cid}")
                token = csrf_token(page.text)
                taken = anna.post(f"/console/conversations/{cid}/take", data={"csrf_token": token})
                assert taken.status_code == 303, taken.text
                replied = anna.post(
                    f"/console/conversations/{cid}/reply",
                    data={"csrf_token": token, "text": "Hoi, ik ben Anna. Ik help u verder."},
                )
                assert replied.status_code == 303, replied.text
                event = _wait_for(
                    events, lambda e: "Ik help u verder" in e.get("data", ""), timeout=10
                )
                assert '"sender":"staff"' in event["data"].replace(" ", "")

                # A graceful stop (a deploy) while both streams are still open: the servers
                # end them instead of waiting for the residents to leave, which they never do
                # while their page is open (the widget reconnects to the next process and
                # resumes from the last id).
                stopping = [
                    threading.Thread(target=lambda s=side: ended.append(s.stop()))
                    for side in (resident_side, staff_side)
                ]
                ended: list[bool] = []
                for thread in stopping:
                    thread.start()
                for thread in stopping:
                    thread.join()
                assert ended == [True, True], "a server with an open stream had to be killed"
    finally:
        stop.set()
        resident_side.stop()
        staff_side.stop()


def _sign_in(client: httpx.Client, username: str, password: str) -> None:
    page = client.get("/console/signin")
    signed = client.post(
        "/console/signin",
        data={"username": username, "password": password, "csrf_token": csrf_token(page.text)},
    )
    assert signed.status_code == 303, signed.text


def _follow(  # type: ignore[no-untyped-def]
    url: str, headers: dict[str, str], sink: queue.Queue, stop: threading.Event, cookies=None
) -> None:
    """Read a server-sent event stream into ``sink`` until ``stop`` (or the server goes)."""
    with (
        contextlib.suppress(httpx.HTTPError),
        httpx.Client(timeout=httpx.Timeout(30.0), cookies=cookies) as http,
        http.stream("GET", url, headers=headers) as response,
    ):
        event: dict[str, str] = {}
        for line in response.iter_lines():
            if stop.is_set():
                return
            if not line:
                if event:
                    sink.put(event)
                event = {}
                continue
            if line.startswith(":"):
                continue
            key, _, value = line.partition(":")
            event[key] = value.removeprefix(" ")


def _wait_for(sink, matches, *, timeout: float = 10.0):  # type: ignore[no-untyped-def]
    """The first event that ``matches``; fails after ``timeout`` seconds without one."""
    while True:
        try:
            event = sink.get(timeout=timeout)
        except queue.Empty:
            pytest.fail("the expected event did not arrive")
        if matches(event):
            return event
