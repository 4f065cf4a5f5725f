"""The team inbox: a team sees and works its own referrals, and nobody else's."""

from __future__ import annotations

import re

import pytest

from bot.conversation.messages import Incoming
from tests.bot.console_client import as_user, csrf_token

STORY = "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"


def referral(app, postcode: str = "4121 AB") -> str:
    """A resident in Lindenhof (by default) hands their question to the team."""
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    steps = [
        Incoming(text=STORY),
        Incoming(text="ja"),
        Incoming(payload="handoff:phone"),
        Incoming(text="06 12345678"),
        Incoming(payload="handoff:any"),
        Incoming(text=postcode),
        Incoming(text="Fatima"),
        Incoming(payload="handoff:send"),
    ]
    for step in steps:
        replies = app.conversations.receive(conversation, step)
    assert replies[0].ticket is not None
    return replies[0].ticket.reference


@pytest.fixture
def ticket(staff_app):
    return referral(staff_app)


def post(browser, reference, action, **data):
    page = browser.get(f"/console/tickets/{reference}")
    return browser.post(
        f"/console/tickets/{reference}/{action}",
        data={"csrf_token": csrf_token(page.text), **data},
        follow_redirects=False,
    )


def test_the_own_team_sees_the_referral_with_contact_details(browser, logins, ticket):
    team = as_user(browser, logins, "team-lindenhof")
    inbox = team.get("/console/tickets")
    assert ticket in inbox.text
    page = team.get(f"/console/tickets/{ticket}")
    assert page.status_code == 200
    assert "06 12345678" in page.text
    assert "Fatima" in page.text
    assert "Vraag in eigen woorden" in page.text
    assert "Ik stuur uw vraag en dit gesprek naar het wijkteam" in page.text  # the consent
    assert "Antwoord van de inwoner: “ja”" in page.text  # and which message gave it


@pytest.mark.parametrize("username", ["team-oost", "team-centraal"])
def test_another_team_sees_nothing_of_it(browser, logins, ticket, username):
    other = as_user(browser, logins, username)
    assert ticket not in other.get("/console/tickets").text
    assert ticket not in other.get("/console/tickets?team=wt-lindenhof").text
    page = other.get(f"/console/tickets/{ticket}")
    assert page.status_code == 404
    assert "06 12345678" not in page.text
    page = other.get("/console/tickets")
    forged = other.post(
        f"/console/tickets/{ticket}/claim", data={"csrf_token": csrf_token(page.text)}
    )
    assert forged.status_code == 404
    assert ticket not in other.get("/console/tickets.csv").text


@pytest.mark.parametrize("username", ["anna", "eline"])
def test_volunteers_and_editors_have_no_inbox(browser, logins, ticket, username):
    person = as_user(browser, logins, username)
    assert person.get("/console/tickets").status_code == 403
    assert person.get(f"/console/tickets/{ticket}").status_code == 403


def test_an_admin_can_open_every_teams_inbox(browser, logins, ticket):
    admin = as_user(browser, logins, "admin")
    assert ticket in admin.get("/console/tickets?team=wt-lindenhof").text


def test_claim_contact_and_close_with_an_outcome(browser, logins, ticket, staff_app):
    team = as_user(browser, logins, "team-lindenhof")
    assert post(team, ticket, "claim").status_code == 303
    view = staff_app.tickets.get(ticket)
    assert (view.status.value, view.claimed_by) == ("accepted", "team-lindenhof")
    assert post(team, ticket, "status", status="contacted").status_code == 303
    refused = post(team, ticket, "status", status="closed")
    assert refused.status_code == 409
    assert "outcome" in refused.text
    assert post(team, ticket, "status", status="closed", outcome="helped").status_code == 303
    view = staff_app.tickets.get(ticket)
    assert (view.status.value, view.outcome.value if view.outcome else None) == ("closed", "helped")
    assert "Geholpen" in team.get(f"/console/tickets/{ticket}").text


def test_a_note_stays_internal_and_a_wrong_team_sends_it_on(browser, logins, ticket, staff_app):
    team = as_user(browser, logins, "team-lindenhof")
    post(team, ticket, "note", text="Mevrouw belt liever na 14 uur.")
    assert "Mevrouw belt liever na 14 uur." in team.get(f"/console/tickets/{ticket}").text
    assert post(team, ticket, "reroute", team="wt-oost", reason="").status_code == 409
    moved = post(team, ticket, "reroute", team="wt-oost", reason="Woont in Oosterveld.")
    assert moved.status_code == 303
    assert staff_app.tickets.get(ticket).team_id == "wt-oost"
    assert team.get(f"/console/tickets/{ticket}").status_code == 404
    oost = as_user(browser, logins, "team-oost")
    assert ticket in oost.get("/console/tickets").text


def test_the_csv_export_is_the_teams_own_and_safe_to_open(browser, logins, ticket):
    team = as_user(browser, logins, "team-lindenhof")
    export = team.get("/console/tickets.csv")
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("text/csv")
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("reference;status;")
    assert any(line.startswith(ticket) for line in lines[1:])


def test_html_from_a_resident_is_shown_as_text(browser, logins, staff_app):
    conversation = staff_app.conversations.start(channel="web", locale="nl").conversation_id
    for step in (
        Incoming(text="<script>alert(1)</script> ik kom er niet meer uit, schulden en ziek"),
        Incoming(text="ja"),
        Incoming(payload="handoff:chat"),
        Incoming(text="4121 AB"),
        Incoming(payload="handoff:skip"),
        Incoming(payload="handoff:send"),
    ):
        replies = staff_app.conversations.receive(conversation, step)
    reference = replies[0].ticket.reference
    page = as_user(browser, logins, "team-lindenhof").get(f"/console/tickets/{reference}")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_a_resident_who_chose_the_chat_hears_of_status_changes_there(browser, logins, staff_app):
    conversation = staff_app.conversations.start(channel="web", locale="nl").conversation_id
    for step in (
        Incoming(text=STORY),
        Incoming(text="ja"),
        Incoming(payload="handoff:chat"),
        Incoming(text="4121 AB"),
        Incoming(payload="handoff:skip"),
        Incoming(payload="handoff:send"),
    ):
        replies = staff_app.conversations.receive(conversation, step)
    reference = replies[0].ticket.reference
    before = len(staff_app.conversations.log(conversation))
    team = as_user(browser, logins, "team-lindenhof")
    post(team, reference, "status", status="contacted", note="Gebeld, morgen langs.")
    log = staff_app.conversations.log(conversation)
    assert len(log) == before + 1
    assert reference in log[-1].text
    assert "Zij hebben contact met u opgenomen" in log[-1].text
    assert "morgen langs" not in log[-1].text  # the team's note stays internal


def test_a_resident_who_chose_the_phone_gets_no_chat_messages(browser, logins, staff_app, ticket):
    view = staff_app.tickets.get(ticket)
    before = len(staff_app.conversations.log(view.conversation_id))
    post(as_user(browser, logins, "team-lindenhof"), ticket, "status", status="contacted")
    assert len(staff_app.conversations.log(view.conversation_id)) == before


@pytest.mark.parametrize("to", ["femke", "team-oost", "admin", "iemand anders"])
def test_a_referral_is_given_only_to_a_member_of_its_own_team(browser, logins, ticket, to):
    """Issue 17, finding 7: the form's list is the team, and the server holds to it."""
    team = as_user(browser, logins, "team-lindenhof")
    page = team.get(f"/console/tickets/{ticket}")
    own = re.findall(r'<option value="([^"]+)"', page.text)
    if to in own:
        pytest.skip(f"{to} is in the team in the demo data")
    refused = post(team, ticket, "assign", to=to)
    assert refused.status_code == 409
    assert "alleen geven aan iemand van het eigen team" in refused.text
    assert staff_app_claimed(team, ticket) is None


def staff_app_claimed(team, ticket: str) -> str | None:
    """Who the ticket page says has the referral (the selected option of "Geven aan")."""
    page = team.get(f"/console/tickets/{ticket}").text
    found = re.search(r'<option value="([^"]+)" selected>', page)
    return found.group(1) if found else None


def test_a_referral_can_be_given_to_a_colleague_in_the_team(browser, logins, ticket):
    team = as_user(browser, logins, "team-lindenhof")
    page = team.get(f"/console/tickets/{ticket}")
    colleague = re.findall(r'<option value="([^"]+)"', page.text)[0]
    given = post(team, ticket, "assign", to=colleague)
    assert given.status_code == 303
    assert staff_app_claimed(team, ticket) == colleague
