"""Logs: JSON lines with the request's id, and never a resident's personal data or a
secret in them, also when an error is logged with its traceback."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from bot.platform.logs import HANDLER_NAME, configure_logging, prepare, request_id
from bot.web.app import create_app
from tests import personal_data
from tests.conftest import make_app
from tools.check_logs import found_in


class Captured:
    def __init__(self) -> None:
        self.buffer = io.StringIO()

    @property
    def text(self) -> str:
        return self.buffer.getvalue()

    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.text.splitlines()]


@pytest.fixture
def logs() -> Iterator[Captured]:
    """Everything logged during the test, through the server's own handler set-up."""
    captured = Captured()
    handler = prepare(
        logging.StreamHandler(captured.buffer), log_format="json", level=logging.DEBUG
    )
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield captured
    root.removeHandler(handler)
    root.setLevel(level)


def start(client: TestClient) -> dict:
    response = client.post("/api/v1/conversations")
    assert response.status_code == 201, response.text
    return response.json()


def send(client: TestClient, conversation: dict, said: str):
    return client.post(
        f"/api/v1/conversations/{conversation['id']}/messages",
        json={"text": said},
        headers={"Authorization": f"Bearer {conversation['token']}"},
    )


def test_log_lines_are_json_with_the_request_id(client, logs):
    response = client.post("/api/v1/conversations", headers={"X-Request-ID": "proxy-42.a_b"})
    assert response.headers["x-request-id"] == "proxy-42.a_b"
    (access,) = [r for r in logs.records() if r["logger"] == "bot.access"]
    assert access["request_id"] == "proxy-42.a_b"
    assert access["level"] == "INFO"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", access["time"])
    assert (access["method"], access["route"], access["status"]) == (
        "POST",
        "/api/v1/conversations",
        201,
    )
    assert access["message"].startswith("POST /api/v1/conversations 201 ")


def test_a_request_id_is_made_when_missing_or_not_sane(client):
    made = {client.get("/healthz").headers["x-request-id"] for _ in range(2)}
    assert len(made) == 2
    assert all(re.fullmatch(r"[0-9a-f]{32}", rid) for rid in made)
    for odd in ("two words", "x" * 65, "a/b", "<script>", ""):
        echoed = client.get("/healthz", headers={"X-Request-ID": odd}).headers["x-request-id"]
        assert re.fullmatch(r"[0-9a-f]{32}", echoed), odd


def test_the_access_log_names_the_route_not_the_path_or_its_query(client, logs):
    conversation = start(client)
    client.get(
        f"/api/v1/conversations/{conversation['id']}/messages?after=0&q={personal_data.PHONE}",
        headers={"Authorization": f"Bearer {conversation['token']}"},
    )
    client.get("/no/such/page?email=" + personal_data.EMAIL)
    routes = [r["route"] for r in logs.records() if r["logger"] == "bot.access"]
    assert routes == [
        "/api/v1/conversations",
        "/api/v1/conversations/{conversation_id}/messages",
        "unmatched",
    ]
    assert conversation["token"] not in logs.text
    assert found_in(logs.text) == []


def test_personal_data_sent_in_the_chat_never_reaches_the_logs(client, logs):
    conversation = start(client)
    for said in (personal_data.EVERYTHING, *personal_data.ALL):
        assert send(client, conversation, said).status_code == 200
    logging.getLogger("bot.test").info("a resident wrote %s", personal_data.EVERYTHING)
    assert (
        "a resident wrote bel me op [telefoon] of mail [e-mail]" in logs.text
    )  # logged, and masked
    assert found_in(logs.text) == []


class TellingAnalyzer:
    """An NLU that fails the way libraries often do: repeating its input in the error."""

    name = "telling"

    def analyze(self, said: str, *, locale_hint: str | None = None):
        raise ValueError(f"cannot analyse {said!r}")


def test_an_exception_logged_with_the_residents_text_is_masked(sqlite_url, tmp_path, clock, logs):
    application = make_app(sqlite_url, tmp_path, TellingAnalyzer(), clock)
    try:
        with TestClient(create_app(application), raise_server_exceptions=False) as client:
            conversation = start(client)
            response = send(client, conversation, personal_data.EVERYTHING)
            assert response.status_code == 500
            rid = response.headers["x-request-id"]
    finally:
        application.close()
    (error,) = [r for r in logs.records() if r["level"] == "ERROR"]
    assert "ValueError: cannot analyse 'bel me op [telefoon] of mail [e-mail]" in error["exception"]
    assert error["request_id"] == rid
    assert found_in(logs.text) == []


def test_database_errors_do_not_repeat_the_statements_parameters(
    sqlite_url, tmp_path, clock, analyzer, logs
):
    application = make_app(sqlite_url, tmp_path, analyzer, clock)
    try:
        with TestClient(create_app(application), raise_server_exceptions=False) as client:
            conversation = start(client)
            refuse_new_messages(sqlite_url)
            response = send(client, conversation, f"kwartelkoning {personal_data.EVERYTHING}")
            assert response.status_code >= 500
    finally:
        application.close()
    errors = [r for r in logs.records() if "exception" in r]
    assert errors, "the failure was logged"
    assert any("parameters hidden" in r["exception"] for r in errors)
    assert "kwartelkoning" not in logs.text
    assert found_in(logs.text) == []


def refuse_new_messages(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON messages "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        )
    engine.dispose()


def test_secrets_and_client_addresses_are_masked(logs, caplog, monkeypatch):
    # As if uvicorn's access log were on (a live server of another test switched it off).
    caplog.set_level(logging.INFO, logger="uvicorn.access")
    monkeypatch.setattr(logging.getLogger("uvicorn.access"), "propagate", True)
    log = logging.getLogger("bot.test")
    log.warning("GET https://api.telegram.org/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe")
    log.warning("headers: Authorization: Bearer abc.def-ghi and team token vwt_SECRET123456")
    log.warning("config %s", {"password": "hunter2", "webhook_secret": "s3cr3t"})
    # uvicorn's own access log, were it switched on: no client address, no query string.
    logging.getLogger("uvicorn.access").info(
        '%s - "%s %s HTTP/%s" %d',
        "203.0.113.9:51234",
        "GET",
        f"/console/catalogue?q={personal_data.EMAIL}",
        "1.1",
        200,
    )
    for secret in (
        "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "abc.def-ghi",
        "vwt_SECRET123456",
        "hunter2",
        "s3cr3t",
        "203.0.113.9",
        "q=",
    ):
        assert secret not in logs.text
    (access,) = [r for r in logs.records() if r["logger"] == "uvicorn.access"]
    assert access["message"] == '- - "GET /console/catalogue HTTP/1.1" 200'
    assert found_in(logs.text) == []


def test_postgresqls_failing_row_detail_is_hidden(logs):
    """A constraint error quotes the whole row, with a name no pattern recognises."""
    log = logging.getLogger("bot.test")
    try:
        raise RuntimeError(
            'null value in column "phone" of relation "tickets" violates not-null '
            "constraint\nDETAIL:  Failing row contains (VW-7KQ4-M2, Fatima Yilmaz, null)."
        )
    except RuntimeError:
        log.exception("could not store the referral")
    assert "Fatima" not in logs.text
    assert "violates not-null constraint" in logs.text


def test_extra_fields_are_masked_and_kept(logs):
    logging.getLogger("bot.test").info(
        "handoff step",
        extra={"said": personal_data.PHONE, "step": 3, "parts": [personal_data.IBAN]},
    )
    (record,) = logs.records()
    assert (record["said"], record["step"], record["parts"]) == ("[telefoon]", 3, ["[IBAN]"])


def test_text_lines_for_a_terminal_carry_the_request_id():
    stream = io.StringIO()
    handler = configure_logging(level="debug", log_format="text", stream=stream)
    try:
        token = request_id.set("req-1")
        logging.getLogger("bot.test").info("mail %s", personal_data.EMAIL)
        request_id.reset(token)
        logging.getLogger("bot.test").info("outside a request")
    finally:
        logging.getLogger().removeHandler(handler)
    first, second = stream.getvalue().splitlines()
    assert first.endswith(" INFO bot.test [req-1]: mail [e-mail]")
    assert second.endswith(" INFO bot.test: outside a request")


def test_configuring_twice_keeps_one_handler_of_ours_and_leaves_others_alone():
    root = logging.getLogger()
    other = logging.NullHandler()
    root.addHandler(other)
    level = root.level
    uvicorn = logging.getLogger("uvicorn.error")
    uvicorn.addHandler(logging.NullHandler())
    try:
        configure_logging(log_format="json", stream=io.StringIO())
        handler = configure_logging(log_format="json", stream=io.StringIO())
        ours = [h for h in root.handlers if h.get_name() == HANDLER_NAME]
        assert ours == [handler]
        assert other in root.handlers
        assert uvicorn.handlers == []
        assert uvicorn.propagate
        assert logging.getLogger("sqlalchemy").level == logging.WARNING
        assert logging.getLogger("telegram").level == logging.INFO
    finally:
        root.removeHandler(handler)
        root.removeHandler(other)
        root.setLevel(level)
