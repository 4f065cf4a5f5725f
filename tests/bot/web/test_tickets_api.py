"""The tickets API as a district team's case system calls it: its own tickets only, the
lifecycle's rules with clear answers, and nothing learned or changed with a wrong token."""

from __future__ import annotations

import itertools
import json

import pytest
from fastapi.testclient import TestClient

from bot.application import build_application
from bot.platform.db import make_engine, make_sessionmaker
from bot.platform.migrate import upgrade
from bot.platform.municipality import apply_to_directory, load_municipality
from bot.web.app import create_app
from bot.web.errors import domain_error
from handoff import (
    Consent,
    ConsentRequired,
    ContactMethod,
    Directory,
    InvalidTicket,
    NewTicket,
    NotATeamMember,
    Status,
    TeamTokens,
    TicketError,
    TicketNotFound,
    TransitionError,
    Urgency,
)
from tests.bot.conversation.test_handoff_flow import STORY, hand_off
from tests.command_line import Ran, vraagwijzer
from tests.conftest import make_settings

LINDENHOF, OOST = "wt-lindenhof", "wt-oost"
LABEL = "Zaaksysteem Lindenhof"
_keys = itertools.count()


def new_ticket(app, team_id: str = LINDENHOF, urgency: Urgency = Urgency.NORMAL) -> str:
    """A referral made directly, as the conversation would hand it over."""
    key = next(_keys)
    view = app.tickets.create(
        NewTicket(
            team_id=team_id,
            conversation_id=f"conversation-{key}",
            channel="web",
            locale="nl",
            summary=f"Vraag {key}: schulden",
            contact_method=ContactMethod.EMAIL,
            email=f"bewoner{key}@example.org",
            urgency=urgency,
            domains=("money",),
            consent=Consent("Mag het wijkteam u mailen?", app.clock(), "web", "nl"),
        ),
        idempotency_key=f"api-test-{key}",
    )
    return view.reference


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def lindenhof(app) -> dict[str, str]:
    return bearer(TeamTokens(app.sessions, app.clock).issue(LINDENHOF, label=LABEL))


@pytest.fixture
def oost(app) -> dict[str, str]:
    return bearer(TeamTokens(app.sessions, app.clock).issue(OOST, label="Zaaksysteem Oost"))


def references(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [t["reference"] for t in response.json()["tickets"]]


def test_a_team_lists_its_own_tickets_and_filters_them(app, client, clock, lindenhof, oost):
    normal = new_ticket(app)
    urgent = new_ticket(app, urgency=Urgency.URGENT)
    contacted = new_ticket(app)
    app.tickets.transition(contacted, Status.CONTACTED, by="femke", team_id=LINDENHOF)
    elsewhere = new_ticket(app, team_id=OOST)

    everything = client.get("/api/v1/tickets", headers=lindenhof)
    assert references(everything) == [urgent, normal, contacted]  # earliest due first
    first = everything.json()["tickets"][0]
    assert (first["status"], first["urgency"], first["overdue"]) == ("new", "urgent", False)
    # Urgent: the end of the same working day (17:00 in Amsterdam).
    assert first["due_at"] == "2026-11-25T16:00:00Z"
    # Personal data comes only with the single ticket.
    assert "email" not in first
    assert "summary" not in first

    def get(query: str) -> list[str]:
        return references(client.get(f"/api/v1/tickets?{query}", headers=lindenhof))

    assert get("status=new") == [urgent, normal]
    assert get("status=contacted&status=closed") == [contacted]
    assert get("urgency=urgent") == [urgent]
    assert get("limit=1&offset=1") == [normal]
    assert get("overdue=true") == []
    clock.advance(days=2)
    assert get("overdue=true") == [urgent]
    assert get("overdue=false") == [normal, contacted]
    assert references(client.get("/api/v1/tickets", headers=oost)) == [elsewhere]


def test_a_ticket_in_full_with_contact_details_consent_transcript_and_history(
    app, client, lindenhof
):
    _, reference = hand_off(app)
    response = client.get(f"/api/v1/tickets/{reference.lower()}", headers=lindenhof)
    assert response.status_code == 200, response.text
    ticket = response.json()
    assert ticket["reference"] == reference
    assert (ticket["team_id"], ticket["team_name"]) == (LINDENHOF, "Wijkteam Lindenhof")
    assert ticket["contact"] == {
        "method": "phone",
        "name": "Fatima",
        "phone": "06 12345678",
        "email": None,
        "preferred_time": "na drie uur",
        "postcode": "4121 AB",
    }
    assert STORY in ticket["summary"]
    assert ticket["consent"]["text"].startswith("Ik stuur uw vraag en dit gesprek")
    assert ticket["consent"]["share_transcript"] is True
    assert any(entry["text"] == STORY for entry in ticket["transcript"])
    assert [(e["by"], e["action"], e["to_value"]) for e in ticket["history"]] == [
        ("resident", "created", "new")
    ]


def test_a_status_change_is_recorded_with_the_systems_label(app, client, lindenhof):
    reference = new_ticket(app)
    response = client.post(
        f"/api/v1/tickets/{reference}/status",
        headers=lindenhof,
        json={"status": "contacted", "note": "Gebeld, afspraak gemaakt.", "by": "Femke de Vries"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "contacted"
    last = response.json()["history"][-1]
    assert last["by"] == f"{LABEL} (API): Femke de Vries"
    assert (last["from_value"], last["to_value"]) == ("new", "contacted")
    assert last["note"] == "Gebeld, afspraak gemaakt."

    closed = client.post(
        f"/api/v1/tickets/{reference}/status",
        headers=lindenhof,
        json={"status": "closed", "outcome": "helped", "by": "Femke de Vries"},
    )
    assert closed.status_code == 200, closed.text
    assert (closed.json()["status"], closed.json()["outcome"]) == ("closed", "helped")
    view = app.tickets.get(reference)
    assert (view.status, view.outcome) == (Status.CLOSED, "helped")


def test_another_teams_token_learns_and_changes_nothing(app, client, lindenhof, oost):
    reference = new_ticket(app)
    before = app.tickets.get(reference), app.tickets.history(reference, team_id=None)

    assert reference not in references(client.get("/api/v1/tickets", headers=oost))
    theirs = client.get(f"/api/v1/tickets/{reference}", headers=oost)
    unknown = client.get("/api/v1/tickets/VW-2222-22", headers=oost)
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json() == unknown.json()
    assert theirs.json()["error"]["code"] == "ticket_not_found"
    assert "bewoner" not in theirs.text
    forged = client.post(
        f"/api/v1/tickets/{reference}/status",
        headers=oost,
        json={"status": "closed", "outcome": "helped", "by": "Iemand"},
    )
    assert forged.status_code == 404
    assert forged.json() == unknown.json()
    # Not allowed either way: another team's ticket is still not found first.
    backwards = client.post(
        f"/api/v1/tickets/{reference}/status",
        headers=oost,
        json={"status": "rejected", "by": "Iemand"},
    )
    assert backwards.status_code == 404
    assert (app.tickets.get(reference), app.tickets.history(reference, team_id=None)) == before


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"status": "accepted"}, "cannot go from contacted to accepted"),
        ({"status": "closed"}, "closing a ticket needs an outcome"),
        ({"status": "in_progress", "outcome": "helped"}, "only when closing"),
        ({"status": "rejected"}, "rerouted"),
        ({"status": "contacted"}, "cannot go from contacted to contacted"),
    ],
)
def test_a_step_the_lifecycle_forbids_is_409_and_changes_nothing(
    app, client, lindenhof, body, reason
):
    reference = new_ticket(app)
    app.tickets.transition(reference, Status.CONTACTED, by="femke", team_id=LINDENHOF)
    before = app.tickets.get(reference), app.tickets.history(reference, team_id=None)
    response = client.post(
        f"/api/v1/tickets/{reference}/status", headers=lindenhof, json={**body, "by": "Femke"}
    )
    assert response.status_code == 409, response.text
    assert response.json()["error"]["code"] == "transition_not_allowed"
    assert reason in response.json()["error"]["message"]
    assert (app.tickets.get(reference), app.tickets.history(reference, team_id=None)) == before


@pytest.mark.parametrize(
    ("query", "blamed"),
    [
        ("status=gone", "status"),
        ("urgency=whenever", "urgency"),
        ("overdue=maybe", "overdue"),
        ("limit=0", "limit"),
        ("limit=100000", "limit"),
        ("offset=-1", "offset"),
        ("offset=99999999999999999999", "offset"),
        ("stauts=new", "stauts"),
    ],
)
def test_bad_query_parameters_are_422_naming_them(client, lindenhof, query, blamed):
    response = client.get(f"/api/v1/tickets?{query}", headers=lindenhof)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_request"
    assert blamed in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "blamed"),
    [
        ({"status": "done", "by": "Femke"}, "status"),
        ({"status": "closed", "outcome": "great", "by": "Femke"}, "outcome"),
        ({"status": "contacted"}, "by"),
        ({"status": "contacted", "by": "   "}, "by"),
        ({"status": "contacted", "by": "x" * 81}, "by"),
        ({"status": "contacted", "by": "Femke", "team_id": "wt-oost"}, "team_id"),
    ],
)
def test_a_bad_status_change_is_422_and_changes_nothing(app, client, lindenhof, body, blamed):
    reference = new_ticket(app)
    response = client.post(f"/api/v1/tickets/{reference}/status", headers=lindenhof, json=body)
    assert response.status_code == 422, response.text
    assert blamed in response.json()["error"]["message"]
    assert app.tickets.get(reference).status is Status.NEW


def test_no_unknown_or_revoked_token_is_401(app, client, lindenhof):
    reference = new_ticket(app)
    tokens = TeamTokens(app.sessions, app.clock)
    revoked = tokens.issue(LINDENHOF, label="oud systeem")
    tokens.revoke(revoked)
    attempts = [
        {},
        {"Authorization": "Basic " + lindenhof["Authorization"].split()[1]},
        bearer("vwt_made-up"),
        bearer("conversation-token"),
        bearer(revoked),
    ]
    for headers in attempts:
        for method, path in [
            ("GET", "/api/v1/tickets"),
            ("GET", f"/api/v1/tickets/{reference}"),
            ("POST", f"/api/v1/tickets/{reference}/status"),
        ]:
            body = {"status": "contacted", "by": "x"} if method == "POST" else None
            response = client.request(method, path, headers=headers, json=body)
            assert response.status_code == 401, (headers, path)
            assert response.headers["WWW-Authenticate"] == "Bearer"
            assert response.json()["error"]["code"] == "invalid_token"
    assert app.tickets.get(reference).status is Status.NEW
    assert client.get("/api/v1/tickets", headers=lindenhof).status_code == 200


def test_the_openapi_document_describes_the_three_routes(client):
    document = client.get("/openapi.json").json()
    paths = document["paths"]
    assert set(paths["/api/v1/tickets"]) == {"get"}
    assert set(paths["/api/v1/tickets/{reference}"]) == {"get"}
    assert set(paths["/api/v1/tickets/{reference}/status"]) == {"post"}
    for path in ("/api/v1/tickets", "/api/v1/tickets/{reference}"):
        operation = paths[path]["get"]
        assert operation["tags"] == ["tickets"]
        assert operation["security"] == [{"TeamToken": []}]
        assert {"200", "401", "404", "422"} <= set(operation["responses"])
    assert "409" in paths["/api/v1/tickets/{reference}/status"]["post"]["responses"]
    schemas = document["components"]["schemas"]
    assert {"TeamTicket", "TeamTicketList", "StatusChange"} <= set(schemas)
    assert document["components"]["securitySchemes"]["TeamToken"]["scheme"] == "bearer"


def test_the_command_line_makes_a_token_that_works_until_revoked(tmp_path, analyzer, clock):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    upgrade(engine)
    apply_to_directory(load_municipality(), Directory(make_sessionmaker(engine)))
    engine.dispose()
    env = {"VRAAGWIJZER_DATA_DIR": str(tmp_path / "var"), "VRAAGWIJZER_DATABASE_URL": url}

    def run(*args: str) -> Ran:
        # In this process (tests/command_line.py): no Python start-up for each command.
        return vraagwijzer("team", *args, env=env)

    made = run("token", OOST, "--label", "Zaaksysteem Oost")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("vwt_")
    assert "shown only now" in made.stderr

    application = build_application(make_settings(url, tmp_path), analyzer=analyzer, clock=clock)
    try:
        reference = new_ticket(application, team_id=OOST)
        with TestClient(create_app(application), raise_server_exceptions=False) as client:
            assert references(client.get("/api/v1/tickets", headers=bearer(token))) == [reference]

            listed = run("tokens", OOST)
            assert listed.returncode == 0, listed.stderr
            assert "Zaaksysteem Oost" in listed.stdout
            assert token not in listed.stdout
            assert token[:12] in listed.stdout

            token_id = application_token_id(application)
            revoked = run("revoke", str(token_id))
            assert revoked.returncode == 0, revoked.stderr
            assert "revoked" in revoked.stdout
            assert client.get("/api/v1/tickets", headers=bearer(token)).status_code == 401
    finally:
        application.close()

    unknown = run("token", "wt-nergens")
    assert unknown.returncode == 1
    assert "unknown team 'wt-nergens'" in unknown.stderr
    assert not unknown.stdout


def application_token_id(application) -> int:
    (only,) = TeamTokens(application.sessions).list(OOST)
    return only.id


def test_a_status_change_through_the_api_reaches_a_resident_who_chose_the_chat(app, client):
    from bot.conversation.messages import Incoming

    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    for step in (
        Incoming(text="ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"),
        Incoming(text="ja"),
        Incoming(payload="handoff:chat"),
        Incoming(text="4121 AB"),
        Incoming(payload="handoff:skip"),
        Incoming(payload="handoff:send"),
    ):
        replies = app.conversations.receive(conversation, step)
    reference = replies[0].ticket.reference
    token = app.team_tokens.issue("wt-lindenhof", label="Zaaksysteem")
    response = client.post(
        f"/api/v1/tickets/{reference}/status",
        json={"status": "in_progress", "by": "Femke"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    assert "werkt aan uw vraag" in app.conversations.log(conversation)[-1].text


def test_no_message_to_the_resident_means_no_status_change(app, client, monkeypatch):
    """The change and the resident's message about it commit together (the outbox rule of
    ``bot/application.py``): should the message fail, the ticket is as it was."""
    from bot.conversation import store
    from tests.bot.console.test_console_inbox import chat_referral

    conversation, reference = chat_referral(app)
    before = app.conversations.log(conversation)
    add_reply = store.add_reply

    def crash_after_writing(*args: object, **kwargs: object) -> object:
        add_reply(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("the conversation cannot be written")

    monkeypatch.setattr(store, "add_reply", crash_after_writing)
    token = app.team_tokens.issue(LINDENHOF, label="Zaaksysteem")
    response = client.post(
        f"/api/v1/tickets/{reference}/status",
        json={"status": "in_progress", "by": "Femke"},
        headers=bearer(token),
    )
    assert response.status_code == 500
    assert app.tickets.get(reference).status is Status.NEW
    assert [e.action for e in app.tickets.history(reference, team_id=LINDENHOF)] == ["created"]
    assert app.conversations.log(conversation) == before

    monkeypatch.setattr(store, "add_reply", add_reply)
    response = client.post(
        f"/api/v1/tickets/{reference}/status",
        json={"status": "in_progress", "by": "Femke"},
        headers=bearer(token),
    )
    assert response.status_code == 200, response.text
    assert app.tickets.get(reference).status is Status.IN_PROGRESS
    log = app.conversations.log(conversation)
    assert len(log) == len(before) + 1
    assert "werkt aan uw vraag" in log[-1].text


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (TicketNotFound("ABC"), 404, "ticket_not_found"),
        (TransitionError("no", code="step_not_allowed"), 409, "transition_not_allowed"),
        (TransitionError("closed", code="closed"), 409, "transition_not_allowed"),
        (TransitionError("unknown status", code="unknown_value"), 409, "transition_not_allowed"),
        (InvalidTicket("unknown contact method", code="unknown_value"), 422, "invalid_request"),
        (InvalidTicket("say who does this (by)"), 422, "invalid_request"),
        (TicketError("the ticket kept changing", code="busy"), 409, "conflict"),
        (NotATeamMember("bram"), 409, "conflict"),
        (ConsentRequired("no consent"), 409, "conflict"),
    ],
)
def test_every_ticket_error_is_answered_by_its_code(exc, status, code):
    """The web's table answers by the most precise code it knows, else the class's."""
    answer = domain_error(exc)
    assert answer is not None
    assert (answer.status_code, json.loads(answer.body)["error"]["code"]) == (status, code)
