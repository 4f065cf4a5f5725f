"""Control characters are refused wherever a request carries text: the chat API's JSON,
the console's forms, query strings, paths and headers, and the command line's arguments.
A NUL used to reach PostgreSQL (which cannot store one) and became a 500, before
signing in too. Free text keeps its tabs and line breaks; everything else is accepted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from bot.channels.telegram import WEBHOOK_PATH
from bot.cli import main
from bot.web import control_chars
from bot.web.app import create_app
from bot.web.control_chars import control_character
from tests.bot.console.test_console_catalogue import form_fields, provision_id
from tests.bot.console_client import csrf_token, sign_in
from tests.conftest import make_app

REFUSED_PAGE = "Er staan onzichtbare tekens in wat u stuurde"


def started(client):
    body = client.post("/api/v1/conversations").json()
    return body["id"], {"Authorization": f"Bearer {body['token']}"}


def refused(response) -> str:
    """The API's refusal: 422 with its code; the message says where."""
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "control_characters"
    return error["message"]


# -- the findings, on SQLite and PostgreSQL (the `client` fixture runs on both) ---------------


@pytest.mark.parametrize(
    ("body", "where"),
    [({"payload": "x\u0000"}, "payload"), ({"text": "hallo", "client_id": "a\u0000"}, "client_id")],
    ids=["payload", "client_id"],
)
def test_a_nul_in_a_message_is_refused_and_nothing_is_stored(client, app, body, where):
    conversation, auth = started(client)
    before = app.conversations.log(conversation)
    response = client.post(
        f"/api/v1/conversations/{conversation}/messages", json=body, headers=auth
    )
    assert refused(response).startswith(f"{where}: contains a control character (U+0000)")
    assert app.conversations.log(conversation) == before


def test_a_nul_in_the_console_user_name_is_refused_before_signing_in(client):
    page = client.get("/console/signin")
    response = client.post(
        "/console/signin",
        data={"username": "eline\x00", "password": "x", "csrf_token": csrf_token(page.text)},
    )
    assert response.status_code == 422
    assert REFUSED_PAGE in response.text
    assert 'href="/console/static/console.css"' in response.text
    assert response.headers["x-frame-options"] == "DENY"


def test_a_nul_in_a_path_parameter_is_refused(client):
    _, auth = started(client)
    response = client.get("/api/v1/conversations/abc%00/messages", headers=auth)
    assert refused(response).startswith("path")


def test_a_control_character_in_a_header_is_refused(client):
    conversation, auth = started(client)
    url = f"/api/v1/conversations/{conversation}/messages"
    bad = {"Authorization": auth["Authorization"] + "\x01"}
    assert refused(client.get(url, headers=bad)) == (
        "header.authorization: contains a control character (U+0001); "
        "send it without control characters."
    )
    assert client.get(url, headers=auth).status_code == 200
    # UTF-8 is read as such: the byte 0x82 of a euro sign is not a C1 control.
    assert client.get(url, headers={**auth, "X-Note": "€ 10".encode()}).status_code == 200


def test_a_control_character_in_a_query_parameter_is_refused(client):
    assert refused(client.get("/api/v1/widget/config?locale=nl%1b")).startswith("query.locale")
    assert client.get("/api/v1/widget/config?locale=nl").status_code == 200


# -- what counts, and what still passes ------------------------------------------------------


@pytest.fixture
def app_of_web(sqlite_url, tmp_path, analyzer, clock):
    """The app on SQLite only: what is checked does not depend on the database."""
    application = make_app(sqlite_url, tmp_path, analyzer, clock)
    yield application
    application.close()


@pytest.fixture
def web(app_of_web):
    with TestClient(create_app(app_of_web), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b'{"payload": "a\\u0085b"}', "payload"),  # C1: NEXT LINE
        (b'{"payload": "a\\u007fb"}', "payload"),  # DEL
        (b'{"payload": "half an emoji \\ud83d"}', "payload"),  # a lone surrogate
        (b'{"text": "hallo", "client_id": "a\\nb"}', "client_id"),  # one line only
        (b'{"text": "hallo", "client_id": "a\\tb"}', "client_id"),
        (b'{"text": "hallo", "x\\u0000": 1}', "body: a name"),
    ],
)
def test_what_the_json_escapes_stand_for_is_checked(web, raw, where):
    conversation, auth = started(web)
    response = web.post(
        f"/api/v1/conversations/{conversation}/messages",
        content=raw,
        headers={**auth, "Content-Type": "application/json"},
    )
    assert refused(response).startswith(where)


def test_a_residents_message_is_cleaned_not_refused(web, app_of_web):
    """What a resident typed is the one text the engine cleans itself (a vertical tab
    from a word processor, an emoji cut in half): it is answered, without them."""
    conversation, auth = started(web)
    response = web.post(
        f"/api/v1/conversations/{conversation}/messages",
        content=b'{"text": "mijn huur\\u000bis te laat \\ud83d"}',
        headers={**auth, "Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    stored = [m.text for m in app_of_web.conversations.log(conversation)]
    assert any(text.startswith("mijn huuris te laat") for text in stored), stored


def test_free_text_keeps_its_line_breaks_and_tabs_and_any_language(web):
    conversation, auth = started(web)
    text = "Beste,\r\n\tik heb een vraag over schulden 😀 — café, €10, ünïcödé, 中文"
    response = web.post(
        f"/api/v1/conversations/{conversation}/messages",
        json={"text": text, "client_id": "c-1"},
        headers=auth,
    )
    assert response.status_code == 200, response.text
    log = web.get(f"/api/v1/conversations/{conversation}/messages", headers=auth).json()
    assert any(m["client_id"] == "c-1" for m in log["messages"])


def test_a_body_that_is_not_json_is_still_the_routes_to_refuse(web):
    conversation, auth = started(web)
    response = web.post(
        f"/api/v1/conversations/{conversation}/messages",
        content=b'{"text": "a\x00b"}',  # a raw NUL: not JSON at all
        headers={**auth, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"


def test_a_console_link_with_a_control_character_gets_the_consoles_page(web):
    response = web.get("/console/signin?next=/console%07")
    assert response.status_code == 422
    assert REFUSED_PAGE in response.text


def test_a_console_form_field_with_a_nul_is_refused_and_nothing_is_saved(
    console, logins, staff_app
):
    sign_in(console, "eline", logins["eline"].password)
    target = provision_id(staff_app)
    before = staff_app.catalogue.entry(target)
    fields = form_fields(console.get(f"/console/catalogue/{target}").text)
    fields["description"] = "Wij helpen met klussen.\x00"
    response = console.post(f"/console/catalogue/{target}", data=fields)
    assert response.status_code == 422
    assert REFUSED_PAGE in response.text
    after = staff_app.catalogue.entry(target)
    assert after is not None
    assert before is not None
    assert after.version == before.version
    # Line breaks in a text area are free text, and saved.
    fields["description"] = "Wij helpen met klussen.\r\nBel ons gerust."
    saved = console.post(f"/console/catalogue/{target}", data=fields, follow_redirects=False)
    assert saved.status_code == 303, saved.text[:2000]


def test_the_rule():
    assert control_character("gewoon tekst, café 😀") is None
    assert control_character("a\tb") == "\t"
    assert control_character("a\tb\r\n", one_line=False) is None
    for char in ("\x00", "\x1b", "\x7f", "\x80", "\x9f", "\ud800", "\udfff"):
        assert control_character(f"a{char}", one_line=False) == char
    assert control_character("\xa0") is None  # a no-break space is text


def test_every_operation_documents_the_refusal_in_the_error_shape(web):
    document = web.get("/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            refusal = operation["responses"]["422"]
            schema = refusal["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path)
            assert "control_characters" in refusal["description"]
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_telegram_updates_are_left_to_the_channel():
    """Telegram would send a refused update again and again: its path is exempt."""
    assert control_chars.TELEGRAM_WEBHOOK == WEBHOOK_PATH


# -- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["user", "add", "ad\x00min", "--name", "Beheer", "--role", "admin"],
        ["team", "token", "wt-centrum", "--label", "zaak\x1bsysteem"],
        ["kb", "search", "schulden\x85"],
    ],
)
def test_the_command_line_refuses_an_argument_with_a_control_character(args, tmp_path):
    result = CliRunner().invoke(main, args, env={"VRAAGWIJZER_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: the argument ")
    assert "contains a control character (U+" in line


@pytest.mark.slow
def test_the_command_line_refuses_bytes_that_are_not_utf8():
    exe = str(Path(sys.executable).parent / "vraagwijzer")
    done = subprocess.run(
        [exe, "kb", "search", b"caf\xe9"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "Error: the argument 'caf\\udce9' contains bytes that are not UTF-8; leave it out"
    ]


def test_the_refusal_is_json_the_widget_can_read(web):
    response = web.post("/api/v1/conversations", content=b'{"locale": "nl\\u0000"}')
    assert response.headers["content-type"] == "application/json"
    assert json.loads(response.content)["error"]["code"] == "control_characters"
