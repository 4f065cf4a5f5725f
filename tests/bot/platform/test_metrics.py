"""Prometheus metrics at /metrics, from a real server on loopback: counters that move
with conversations, latency by route template, the outbox backlog, open streams, and who
may read them."""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from bot.web.app import create_app
from tests.conftest import make_app
from tests.personal_data import PHONE
from tests.servers import live_server

STORY = "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"
METRICS_TOKEN = "a-long-random-metrics-token"


Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(http: httpx.Client, **headers: str) -> Samples:
    response = http.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    """The sum of the samples of that name whose labels include these."""
    wanted = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and wanted <= ls)


class Resident:
    def __init__(self, http: httpx.Client) -> None:
        self.http = http
        started = http.post("/api/v1/conversations").json()
        self.id = started["id"]
        self.headers = {"Authorization": f"Bearer {started['token']}"}

    def say(self, text: str = "", payload: str | None = None) -> list[dict]:
        body = {"text": text} if payload is None else {"payload": payload}
        response = self.http.post(
            f"/api/v1/conversations/{self.id}/messages", json=body, headers=self.headers
        )
        assert response.status_code == 200, response.text
        return response.json()["messages"]


@pytest.fixture
def app(database_url, tmp_path, analyzer, clock):
    """Teams are mailed (a server that is never reached: mails wait in the outbox)."""
    application = make_app(
        database_url, tmp_path, analyzer, clock, smtp_host="127.0.0.1", smtp_port=9
    )
    yield application
    application.close()


@pytest.fixture
def served(app) -> Iterator[httpx.Client]:
    with (
        live_server(create_app(app)) as base,
        httpx.Client(base_url=base, timeout=10) as http,
    ):
        yield http


def test_counters_move_with_an_answer_a_handoff_and_a_crisis(served):
    before = scrape(served)

    asking = Resident(served)
    assert asking.say("is er een klussendienst in de buurt")[0]["cards"]
    in_crisis = Resident(served)
    in_crisis.say("ik wil niet meer leven")
    referred = Resident(served)
    for said, payload in [
        (STORY, None),
        ("ja", None),
        ("", "handoff:phone"),
        (PHONE, None),
        ("", "handoff:any"),
        ("4121 AB", None),
        ("Fatima", None),
    ]:
        referred.say(said, payload)
    assert referred.say(payload="handoff:send")[0]["ticket"]

    after = scrape(served)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    messages = 1 + 1 + 8
    assert moved("vraagwijzer_messages_received_total", channel="web") == messages
    assert moved("vraagwijzer_messages_received_total", kind="button") == 3
    assert moved("vraagwijzer_replies_total", route="answer", kind="provisions") >= 1
    assert moved("vraagwijzer_replies_total", route="crisis") >= 1
    assert moved("vraagwijzer_replies_total", route="handoff", kind="ticket") == 1
    assert moved("vraagwijzer_replies_total", route="button") == 0
    assert moved("vraagwijzer_crisis_replies_total", kind="suicide") == 1
    assert moved("vraagwijzer_handoffs_total", urgency="normal") == 1
    assert moved("vraagwijzer_reply_seconds_count", channel="web") == messages
    assert moved("vraagwijzer_reply_seconds_sum") > 0
    # Latency by route template: the conversation ids stay out of the labels.
    template = "/api/v1/conversations/{conversation_id}/messages"
    assert (
        moved(
            "vraagwijzer_http_request_duration_seconds_count",
            method="POST",
            route=template,
            status="200",
        )
        == messages
    )
    routes = {dict(labels).get("route") for (_, labels) in after}
    assert not any(r and asking.id in r for r in routes)
    # The team's e-mail waits in the outbox (nothing sends it here).
    assert value(after, "vraagwijzer_outbox_waiting") == 1
    assert value(after, "vraagwijzer_outbox_failing") == 0
    assert value(after, "vraagwijzer_outbox_oldest_age_seconds") >= 0
    assert value(after, "process_resident_memory_bytes") > 0


def test_open_streams_are_counted_while_open(served):
    resident = Resident(served)
    url = f"/api/v1/conversations/{resident.id}/stream"
    opened: queue.Queue[int] = queue.Queue()
    stop = threading.Event()

    def follow() -> None:
        with (
            contextlib.suppress(httpx.HTTPError),
            httpx.Client(base_url=str(served.base_url), timeout=10) as http,
            http.stream("GET", url, headers=resident.headers) as response,
        ):
            opened.put(response.status_code)
            for _ in response.iter_lines():
                if stop.is_set():
                    return

    reader = threading.Thread(target=follow, daemon=True)
    reader.start()
    assert opened.get(timeout=10) == 200
    assert value(scrape(served), "vraagwijzer_open_streams") == 1
    stop.set()
    resident.say("hallo")  # wakes the stream, which then sees the reader has gone
    reader.join(timeout=10)
    deadline = time.monotonic() + 20
    while value(scrape(served), "vraagwijzer_open_streams") != 0:
        assert time.monotonic() < deadline, "the stream was never counted as closed"
        time.sleep(0.1)
        resident.say("hallo")


def test_without_a_token_only_this_machine_may_read_the_metrics(app, served):
    assert served.get("/metrics").status_code == 200
    # Through a proxy on this machine the real client is somewhere else.
    forwarded = served.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    assert forwarded.status_code == 403
    with TestClient(create_app(app)) as elsewhere:  # a client that is not loopback
        assert elsewhere.get("/metrics").status_code == 403


def test_with_a_token_the_scraper_must_send_it(sqlite_url, tmp_path, analyzer, clock):
    application = make_app(sqlite_url, tmp_path, analyzer, clock, metrics_token=METRICS_TOKEN)
    try:
        with (
            live_server(create_app(application)) as base,
            httpx.Client(base_url=base, timeout=10) as http,
        ):
            assert http.get("/metrics").status_code == 401
            wrong = http.get("/metrics", headers={"Authorization": "Bearer not-the-token"})
            assert wrong.status_code == 401
            assert scrape(http, Authorization=f"Bearer {METRICS_TOKEN}")
        with TestClient(create_app(application)) as elsewhere:
            right = {"Authorization": f"Bearer {METRICS_TOKEN}"}
            assert elsewhere.get("/metrics", headers=right).status_code == 200
    finally:
        application.close()


def test_two_applications_in_one_process_count_apart(app, sqlite_url, tmp_path, analyzer, clock):
    other = make_app(sqlite_url, tmp_path / "other", analyzer, clock)
    try:
        with TestClient(create_app(app), client=("127.0.0.1", 50000)) as first:
            Resident(first).say("hallo")
            with TestClient(create_app(other), client=("127.0.0.1", 50001)) as second:
                counted = scrape(second)
        assert value(counted, "vraagwijzer_messages_received_total") == 0
        assert value(scrape_app(app), "vraagwijzer_messages_received_total") == 1
    finally:
        other.close()


def scrape_app(application) -> Samples:
    with TestClient(create_app(application), client=("127.0.0.1", 50002)) as http:
        return scrape(http)


MULTIPROCESS_WORKER = """
import sys
from bot.conversation import Answered
from bot.metrics import Metrics
metrics = Metrics.for_process()
for _ in range(int(sys.argv[1])):
    metrics.answered(Answered("web", "idle", "answer", None, False, (), 0.01))
sys.stdout.buffer.write(metrics.exposition())
"""


@pytest.mark.slow
def test_worker_processes_add_up_in_multiprocess_mode(tmp_path: Path):
    """serve --workers: each process writes its values to the shared directory and a
    scrape of any one of them reports the sum."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}

    def worker(count: int) -> str:
        return subprocess.run(
            [sys.executable, "-c", MULTIPROCESS_WORKER, str(count)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout

    worker(2)
    families = {f.name: f for f in text_string_to_metric_families(worker(3))}
    (sample,) = families["vraagwijzer_messages_received"].samples
    assert sample.value == 5
    assert "process_cpu_seconds" not in families  # one process's figure is not the service's
