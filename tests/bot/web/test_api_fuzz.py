"""The HTTP API against its own OpenAPI document, fuzzed with schemathesis.

Every operation in ``/openapi.json`` gets generated requests, valid and deliberately
invalid ones, through the ASGI app. Half of those that need a conversation or a ticket
get a real one with its token, so the fuzzing reaches past the 401s and 404s into the
handlers. Every answer must be no server error, a status code the document lists, a
content type and a body that match what it says, and invalid input must be refused. On
SQLite and on PostgreSQL, which refuses what SQLite stores (a NUL in a text was a 500).
Bounded: a fixed number of examples per operation, derandomized, so a run is repeatable.

Below the fuzzing, one regression test for each bug it found.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bot.web.app import create_app
from handoff import TeamTokens
from tests.bot.web.test_tickets_api import new_ticket
from tests.conftest import make_app
from tests.servers import live_server

EXAMPLES = 40
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]
TEAM = "wt-lindenhof"


def fuzzable(url, tmp_path, analyzer, clock):
    return make_app(
        url,
        tmp_path,
        analyzer,
        clock,
        # Hundreds of conversations from one test client: not what is tested here.
        rate_conversations_per_address="off",
        rate_messages_per_address="off",
    )


@pytest.fixture
def fuzzed(sqlite_url, tmp_path, analyzer, clock):
    application = fuzzable(sqlite_url, tmp_path, analyzer, clock)
    yield application
    application.close()


@pytest.fixture
def fuzzed_on_each_database(database_url, tmp_path, analyzer, clock):
    application = fuzzable(database_url, tmp_path, analyzer, clock)
    yield application
    application.close()


def real_credentials(application, operation, team_token: str) -> tuple[dict, dict] | None:
    """Path values and headers of a real conversation or ticket for this operation."""
    names = {p.name for p in operation.path_parameters}
    if operation.path.endswith("/stream"):
        return None  # an allowed stream never ends; tests/bot/web/test_stream.py covers it
    if "conversation_id" in names:
        started = application.conversations.start(channel="web", locale="nl")
        return (
            {"conversation_id": started.conversation_id},
            {"Authorization": f"Bearer {started.token}"},
        )
    if "reference" in names:
        return {"reference": new_ticket(application, TEAM)}, {"Authorization": team_token}
    if operation.path.startswith("/api/v1/tickets"):
        return {}, {"Authorization": team_token}
    return None


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_keeps_to_its_openapi_document(fuzzed_on_each_database, mode):
    fuzzed = fuzzed_on_each_database
    asgi = create_app(fuzzed)
    schema = schemathesis.openapi.from_asgi("/openapi.json", asgi)
    team_token = "Bearer " + TeamTokens(fuzzed.sessions, fuzzed.clock).issue(TEAM, label="Fuzz")
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10, [op.label for op in operations]

    def fuzz(operation):
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        @given(case=operation.as_strategy(generation_mode=mode), real=st.booleans())
        def check(case, real):
            # A path made invalid stays so: a real conversation's id would make it valid.
            invalid_path = case.meta is not None and case.meta.is_negative_at(
                ParameterLocation.PATH
            )
            real = real and not invalid_path
            credentials = real_credentials(fuzzed, operation, team_token) if real else None
            if credentials is not None:
                path, headers = credentials
                case.path_parameters = {**(case.path_parameters or {}), **path}
                case.headers = {**(case.headers or {}), **headers}
            case.call_and_validate(checks=CHECKS)

        check()

    for operation in operations:
        try:
            fuzz(operation)
        except Unsatisfiable:
            # Nothing to make invalid (no parameters, no body): only positive cases exist.
            assert mode is GenerationMode.NEGATIVE, operation.label
        except Exception as exc:
            failures[operation.label] = str(exc)[:3000]
    assert not failures, "\n\n".join(f"== {label}\n{text}" for label, text in failures.items())


@pytest.mark.slow
def test_every_schemathesis_phase_against_a_real_server(fuzzed, tmp_path):
    """The command line's other phases too, through a real server on loopback: the
    schema's examples, boundary values and methods an operation does not have
    (coverage), and chains of calls (stateful). Deterministic and bounded."""
    exe = str(Path(sys.executable).parent / "schemathesis")
    with live_server(create_app(fuzzed)) as base:
        done = subprocess.run(
            [
                exe,
                "run",
                f"{base}/openapi.json",
                "--phases=examples,coverage,fuzzing,stateful",
                "--max-examples=20",
                "--generation-deterministic",
                "--seed=8",
                # An allowed event stream never ends (tests/bot/web/test_stream.py covers it).
                "--exclude-path-regex=/stream$",
                "--request-timeout=10",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,
            check=False,
        )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]


# -- regression tests for what the fuzzing found ----------------------------------------------


@pytest.fixture
def client(fuzzed):
    with TestClient(create_app(fuzzed), raise_server_exceptions=False) as test_client:
        yield test_client


def started(client):
    body = client.post("/api/v1/conversations").json()
    return body["id"], {"Authorization": f"Bearer {body['token']}"}


def test_a_message_id_past_the_databases_integers_is_refused_not_a_crash(client):
    """Was a 500: ``after=10**20`` reached SQLite, which has no integer that large."""
    conversation, auth = started(client)
    response = client.get(
        f"/api/v1/conversations/{conversation}/messages?after={10**20}", headers=auth
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


@pytest.mark.parametrize("last_event_id", ["²".encode("latin-1"), b"9" * 30])
def test_a_strange_last_event_id_is_ignored_not_a_crash(fuzzed, last_event_id):
    """Was a 500: ``"²".isdigit()`` is true but ``int("²")`` fails, and a 30-digit id
    overflowed the database. Such an id is ignored: the stream starts at ``after``."""
    started = fuzzed.conversations.start(channel="web", locale="nl")
    headers = {"Authorization": f"Bearer {started.token}", "Last-Event-ID": last_event_id}
    url = f"/api/v1/conversations/{started.conversation_id}/stream"
    with (
        live_server(create_app(fuzzed)) as base,
        httpx.Client(base_url=base, timeout=10) as http,
        http.stream("GET", url, headers=headers) as response,
    ):
        assert response.status_code == 200
        for line in response.iter_lines():
            if line.startswith("event: message"):
                break  # the welcome, from the start of the log


def test_the_stream_refuses_an_after_past_the_databases_integers(client):
    conversation, auth = started(client)
    response = client.get(
        f"/api/v1/conversations/{conversation}/stream?after={10**20}", headers=auth
    )
    assert response.status_code == 422


def test_a_ticket_status_change_that_is_not_json_gets_a_documented_400(client, fuzzed):
    """Was undocumented: a body that is not JSON got 400, which the document did not list."""
    token = TeamTokens(fuzzed.sessions, fuzzed.clock).issue(TEAM, label="Fuzz")
    reference = new_ticket(fuzzed, TEAM)
    response = client.post(
        f"/api/v1/tickets/{reference}/status",
        content=b"}{",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    documented = client.get("/openapi.json").json()["paths"]["/api/v1/tickets/{reference}/status"]
    assert {"400", "413", "415"} <= set(documented["post"]["responses"])


def test_every_status_the_chat_api_can_answer_is_documented(client):
    """415 (not JSON), 429 (rate limits) and readiness's 503 were answered but not listed."""
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/conversations", "/api/v1/conversations/{conversation_id}/messages"):
        responses = paths[path]["post"]["responses"]
        assert {"400", "401", "413", "415", "422", "429", "503"} <= set(responses), path
        assert "Retry-After" in responses["429"]["headers"]
    assert "503" in paths["/readyz"]["get"]["responses"]
    conversation, auth = started(client)
    not_json = client.post(
        f"/api/v1/conversations/{conversation}/messages",
        content=b"text=hallo",
        headers={**auth, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert not_json.status_code == 415


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("TRACE", "/healthz", {"GET"}),
        ("PUT", "/api/v1/conversations", {"POST"}),
        ("PATCH", "/api/v1/tickets/VW-ABCDEF", {"GET"}),
        ("OPTIONS", "/api/v1/conversations/abc/messages", {"GET", "POST"}),
    ],
)
def test_a_method_not_allowed_says_which_are(client, method, path, allowed):
    """Was wrong twice (schemathesis' coverage phase): the 405 had no ``Allow`` header,
    which RFC 9110 requires (the error handler dropped the exception's headers), and where
    a path has a route per method it named only the first route's."""
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert {m.strip() for m in response.headers["allow"].split(",")} == allowed
