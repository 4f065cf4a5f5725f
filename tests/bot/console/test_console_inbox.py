"""The team inbox: a team sees and works its own referrals, and nobody else's."""

from __future__ import annotations

import re
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest

from bot.conversation.messages import Incoming
from bot.staff.accounts import Role, add_user
from tests.bot.console_client import as_user, csrf_token
from tests.bot.referrals.test_outbox import hand_off
from tests.bot.referrals.test_outbox import mail_server as mail_server  # fixtures, shared
from tests.bot.referrals.test_outbox import notifying_app as notifying_app
from tests.bot.referrals.test_outbox import smtp_port as smtp_port

DUTCH_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()

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


def post(console, reference, action, **data):
    page = console.get(f"/console/tickets/{reference}")
    return console.post(
        f"/console/tickets/{reference}/{action}",
        data={"csrf_token": csrf_token(page.text), **data},
        follow_redirects=False,
    )


def test_the_own_team_sees_the_referral_with_contact_details(console, logins, ticket):
    team = as_user(console, logins, "team-lindenhof")
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
def test_another_team_sees_nothing_of_it(console, logins, ticket, username):
    other = as_user(console, logins, username)
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
def test_volunteers_and_editors_have_no_inbox(console, logins, ticket, username):
    person = as_user(console, logins, username)
    assert person.get("/console/tickets").status_code == 403
    assert person.get(f"/console/tickets/{ticket}").status_code == 403


def test_an_admin_can_open_every_teams_inbox(console, logins, ticket):
    admin = as_user(console, logins, "admin")
    assert ticket in admin.get("/console/tickets?team=wt-lindenhof").text


def test_claim_contact_and_close_with_an_outcome(console, logins, ticket, staff_app):
    team = as_user(console, logins, "team-lindenhof")
    assert post(team, ticket, "claim").status_code == 303
    view = staff_app.tickets.get(ticket)
    assert (view.status.value, view.claimed_by) == ("accepted", "team-lindenhof")
    assert post(team, ticket, "contact", method="phone", note="Gebeld").status_code == 303
    assert staff_app.tickets.get(ticket).status.value == "contacted"
    refused = post(team, ticket, "status", status="closed")
    assert refused.status_code == 409
    assert "Kies een uitkomst" in refused.text
    assert post(team, ticket, "status", status="closed", outcome="helped").status_code == 303
    view = staff_app.tickets.get(ticket)
    assert (view.status.value, view.outcome.value if view.outcome else None) == ("closed", "helped")
    assert "Geholpen" in team.get(f"/console/tickets/{ticket}").text


def test_a_note_stays_internal_and_a_wrong_team_sends_it_on(console, logins, ticket, staff_app):
    team = as_user(console, logins, "team-lindenhof")
    post(team, ticket, "note", text="Mevrouw belt liever na 14 uur.")
    assert "Mevrouw belt liever na 14 uur." in team.get(f"/console/tickets/{ticket}").text
    assert post(team, ticket, "reroute", team="wt-oost", reason="").status_code == 409
    moved = post(team, ticket, "reroute", team="wt-oost", reason="Woont in Oosterveld.")
    assert moved.status_code == 303
    assert staff_app.tickets.get(ticket).team_id == "wt-oost"
    assert team.get(f"/console/tickets/{ticket}").status_code == 404
    oost = as_user(console, logins, "team-oost")
    assert ticket in oost.get("/console/tickets").text


def test_the_csv_export_is_the_teams_own_and_safe_to_open(console, logins, ticket):
    team = as_user(console, logins, "team-lindenhof")
    export = team.get("/console/tickets.csv")
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("text/csv")
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Nummer;Status;")
    assert any(line.startswith(ticket) for line in lines[1:])


def test_html_from_a_resident_is_shown_as_text(console, logins, staff_app):
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
    page = as_user(console, logins, "team-lindenhof").get(f"/console/tickets/{reference}")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_a_resident_who_chose_the_chat_hears_of_status_changes_there(console, logins, staff_app):
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
    team = as_user(console, logins, "team-lindenhof")
    post(team, reference, "contact", method="phone", note="Gebeld, morgen langs.")
    log = staff_app.conversations.log(conversation)
    assert len(log) == before + 1
    assert reference in log[-1].text
    assert "Wijkteam Lindenhof heeft contact met u gehad" in log[-1].text
    assert "morgen langs" not in log[-1].text  # the team's note stays internal


def test_a_resident_who_chose_the_phone_gets_no_chat_messages(console, logins, staff_app, ticket):
    view = staff_app.tickets.get(ticket)
    before = len(staff_app.conversations.log(view.conversation_id))
    team = as_user(console, logins, "team-lindenhof")
    post(team, ticket, "claim")
    post(team, ticket, "contact", method="phone")
    assert len(staff_app.conversations.log(view.conversation_id)) == before


@pytest.mark.parametrize("to", ["femke", "team-oost", "admin", "iemand anders"])
def test_a_referral_is_given_only_to_a_member_of_its_own_team(console, logins, ticket, to):
    """Issue 17, finding 7: the form's list is the team, and the server holds to it."""
    team = as_user(console, logins, "team-lindenhof")
    page = team.get(f"/console/tickets/{ticket}")
    own = re.findall(r'<option value="([^"]+)"', page.text.split('name="to"')[1])
    if to in own:
        pytest.skip(f"{to} is in the team in the demo data")
    refused = post(team, ticket, "assign", to=to)
    assert refused.status_code == 409
    assert "alleen geven aan iemand van het eigen team" in refused.text
    assert staff_app_claimed(team, ticket) is None


def staff_app_claimed(team, ticket: str) -> str | None:
    """Who the ticket page says has the referral (the selected option of "Geven aan")."""
    page = team.get(f"/console/tickets/{ticket}").text
    given = re.search(r'<select name="to">(.*?)</select>', page, re.S)
    assert given is not None
    found = re.search(r'<option value="([^"]+)" selected>', given.group(1))
    return found.group(1) if found else None


def test_a_referral_can_be_given_to_a_colleague_in_the_team(console, logins, ticket):
    team = as_user(console, logins, "team-lindenhof")
    page = team.get(f"/console/tickets/{ticket}")
    colleague = re.findall(r'<option value="([^"]+)"', page.text.split('name="to"')[1])[0]
    given = post(team, ticket, "assign", to=colleague)
    assert given.status_code == 303
    assert staff_app_claimed(team, ticket) == colleague


# -- issue 15: a team inbox that fits a working day, and the chat as a contact route --------


def chat_referral(app, postcode: str = "4121 AB", name: str | None = None) -> tuple[str, str]:
    """A resident who wants to hear back here in the chat: (conversation, reference)."""
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    steps = [
        Incoming(text=STORY),
        Incoming(text="ja"),
        Incoming(payload="handoff:chat"),
        Incoming(text=postcode),
        Incoming(text=name) if name else Incoming(payload="handoff:skip"),
        Incoming(payload="handoff:send"),
    ]
    for step in steps:
        replies = app.conversations.receive(conversation, step)
    assert replies[0].ticket is not None
    return conversation, replies[0].ticket.reference


def referral_named(app, name: str, postcode: str) -> str:
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    for step in (
        Incoming(text=STORY),
        Incoming(text="ja"),
        Incoming(payload="handoff:phone"),
        Incoming(text="06 12345678"),
        Incoming(payload="handoff:any"),
        Incoming(text=postcode),
        Incoming(text=name),
        Incoming(payload="handoff:send"),
    ):
        replies = app.conversations.receive(conversation, step)
    return replies[0].ticket.reference


def references_in(html: str) -> set[str]:
    return set(re.findall(r'href="/console/tickets/(VW-[A-Z0-9-]+)"', html))


def test_the_inbox_finds_a_referral_by_reference_name_or_postcode(console, logins, staff_app):
    fatima = referral_named(staff_app, "Fatima Yilmaz", "4121 AB")
    jansen = referral_named(staff_app, "Piet Jansen", "4127 XZ")
    team = as_user(console, logins, "team-lindenhof")
    assert references_in(team.get("/console/tickets").text) == {fatima, jansen}
    for query, found in [
        ("yilmaz", {fatima}),
        ("PIET", {jansen}),
        ("4127xz", {jansen}),
        ("4121 ab", {fatima}),
        (fatima, {fatima}),
        (fatima.replace("-", "").lower()[2:8], {fatima}),  # part of it, without dashes
        ("niemand", set()),
        ("%", set()),
    ]:
        page = team.get("/console/tickets", params={"q": query})
        assert page.status_code == 200
        assert references_in(page.text) == found, query
    assert "Kenmerk, naam of postcode" in page.text
    # The CSV export follows the search.
    export = team.get("/console/tickets.csv", params={"q": "yilmaz"})
    assert fatima in export.text
    assert jansen not in export.text


def test_my_referrals_are_the_ones_i_picked_up(console, logins, staff_app):
    first = referral_named(staff_app, "Fatima", "4121 AB")
    second = referral_named(staff_app, "Piet", "4122 AB")
    team = as_user(console, logins, "team-lindenhof")
    assert references_in(team.get("/console/tickets?mine=1").text) == set()
    post(team, first, "claim")
    mine = team.get("/console/tickets?mine=1")
    assert references_in(mine.text) == {first}
    assert "Mijn meldingen" in mine.text
    assert references_in(team.get("/console/tickets").text) == {first, second}


def status_options(html: str) -> list[str]:
    form = re.search(r'<select name="status">(.*?)</select>', html, re.S)
    return re.findall(r'<option value="([^"]+)"', form.group(1)) if form else []


def test_status_choices_are_the_allowed_next_steps_in_workflow_order(
    console, logins, ticket, staff_app
):
    team = as_user(console, logins, "team-lindenhof")
    page = team.get(f"/console/tickets/{ticket}").text
    # Contact is recorded with how it happened ("Contact vastleggen"), not chosen here.
    assert status_options(page) == ["accepted", "in_progress", "closed"]
    post(team, ticket, "claim")
    assert status_options(team.get(f"/console/tickets/{ticket}").text) == [
        "in_progress",
        "closed",
    ]
    post(team, ticket, "status", status="closed", outcome="helped")
    assert status_options(team.get(f"/console/tickets/{ticket}").text) == ["in_progress"]
    # The inbox's status filter is in workflow order too.
    inbox = team.get("/console/tickets?status=all").text
    assert status_options(inbox) == [
        "open", "new", "accepted", "contacted", "in_progress", "closed", "all"
    ]  # fmt: skip


def test_a_refused_step_is_explained_in_plain_dutch(console, logins, ticket, staff_app):
    team = as_user(console, logins, "team-lindenhof")
    refused = post(team, ticket, "status", status="closed")
    assert refused.status_code == 409
    assert "Kies een uitkomst om de melding af te sluiten" in refused.text
    for english in ("closing a ticket", "needs an outcome", "referred_elsewhere, "):
        assert english not in refused.text
    claimed = post(team, ticket, "status", status="contacted")
    assert claimed.status_code == 409
    assert "Leg het contact vast" in claimed.text
    backwards = post(team, ticket, "status", status="new")
    assert backwards.status_code == 409
    assert "Deze stap kan niet vanuit de huidige status" in backwards.text
    assert staff_app.tickets.get(ticket).status.value == "new"
    add_user(
        staff_app.sessions,
        username="fatima",
        display_name="Fatima Bakker",
        role=Role.TEAM_MEMBER,
        password="een-lang-wachtwoord",
        teams=("wt-lindenhof",),
    )
    assert post(team, ticket, "assign", to="fatima").status_code == 303
    taken = post(team, ticket, "claim")
    assert taken.status_code == 409
    assert "Een collega heeft deze melding al opgepakt" in taken.text
    assert "already claimed" not in taken.text


def test_the_inbox_speaks_english_to_who_chose_it(console, logins, ticket):
    team = as_user(console, logins, "team-lindenhof")
    team.cookies.set("vw_console_lang", "en", path="/console")
    page = team.get(f"/console/tickets/{ticket}")
    assert "Money and debts" in page.text
    assert "New: sent by the resident through the chat" in page.text
    refused = post(team, ticket, "status", status="closed")
    assert "To close a referral, choose an outcome" in refused.text
    export = team.get("/console/tickets.csv").content.decode("utf-8-sig")
    assert export.startswith("Reference;Status;Outcome;")
    assert "My referrals" in team.get("/console/tickets").text


def test_the_history_reads_as_sentences(console, logins, ticket, staff_app):
    team = as_user(console, logins, "team-lindenhof")
    post(team, ticket, "claim")
    post(team, ticket, "contact", method="phone")
    post(team, ticket, "status", status="closed", outcome="helped")
    page = team.get(f"/console/tickets/{ticket}").text
    history = page.split('class="notes history"')[1]
    name = logins_display_name(staff_app, "team-lindenhof")
    assert "Nieuw: verstuurd door de inwoner via de chat" in history
    assert f"Opgepakt door {name}" in history
    assert f"Contact met de inwoner (Telefoon), door {name}" in history
    assert f"Status Afgesloten, door {name}" in history
    assert "Uitkomst: Geholpen" in history
    for code in ("created:", "claimed:", "→", "accepted", "resident"):
        assert code not in history


def logins_display_name(app, username: str) -> str:
    from bot.staff.accounts import account

    found = account(app.sessions, username)
    assert found is not None
    return found.display_name


def test_times_are_dutch_time_on_the_page_and_in_the_export(console, logins, ticket, staff_app):
    # The clock stands at 25 November 2026 09:00 UTC: 10:00 in Lindenhaven.
    team = as_user(console, logins, "team-lindenhof")
    page = team.get(f"/console/tickets/{ticket}").text
    assert "25 november 2026 10:00" in page  # received, consent, history
    assert "09:00" not in page
    assert "UTC" not in page
    view = staff_app.tickets.get(ticket)
    export = team.get("/console/tickets.csv").content.decode("utf-8-sig").splitlines()
    assert export[0].split(";") == [
        "Nummer", "Status", "Uitkomst", "Urgentie", "Uiterlijk eerste contact",
        "Binnengekomen", "Opgepakt door", "Contact via", "Naam", "Telefoon", "E-mail",
        "Postcode", "Leefgebieden",
    ]  # fmt: skip
    row = next(line.split(";") for line in export[1:] if line.startswith(ticket))
    assert row[1] == "Nieuw"
    assert row[5] == "2026-11-25 10:00"
    due = view.due_at.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Amsterdam"))
    assert row[4] == due.strftime("%Y-%m-%d %H:%M")
    assert row[12] == "Geld en schulden"


def test_the_inbox_shows_time_left_and_marks_overdue(console, logins, ticket, staff_app, clock):
    team = as_user(console, logins, "team-lindenhof")
    assert re.search(r"nog \d dagen", team.get("/console/tickets").text)
    clock.advance(days=10)
    team = as_user(console, logins, "team-lindenhof")
    inbox = team.get("/console/tickets").text
    assert 'class=" overdue"' in inbox
    assert re.search(r"⚠ \d+ dagen te laat", inbox)


def test_domains_are_named_once_in_dutch(console, logins, ticket):
    page = as_user(console, logins, "team-lindenhof").get(f"/console/tickets/{ticket}").text
    assert page.count("Leefgebieden") == 1
    assert "Geld en schulden" in page
    assert "money" not in page


def test_already_shown_lists_the_cards_this_conversation_showed(console, logins, staff_app):
    conversation = staff_app.conversations.start(channel="web", locale="nl").conversation_id
    staff_app.conversations.receive(
        conversation, Incoming(text="ik zoek hulp bij mijn boodschappen")
    )
    _, reference = None, None
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
    shown = []
    for message in staff_app.conversations.log(conversation):
        for card in message.cards:
            if card.name not in shown:
                shown.append(card.name)
    assert shown, "the conversation showed cards"
    page = as_user(console, logins, "team-lindenhof").get(f"/console/tickets/{reference}").text
    line = re.search(r"Al getoond door de assistent:</strong>(.*?)</p>", page, re.S)
    assert line is not None
    assert [name.strip() for name in line.group(1).split(",")] == [
        html_escape(name) for name in shown
    ]
    assert page.count("Al getoond door de assistent") == 1


def html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def pressed(app, conversation: str, payload: str) -> Incoming:
    """A button press as the widget sends it: the payload and the message it was on."""
    for message in reversed(app.conversations.log(conversation)):
        if any(b.payload == payload for b in message.buttons):
            return Incoming(payload=payload, button_of=message.id)
    raise AssertionError(f"no button {payload}")


def test_the_transcript_shows_the_buttons_pressed_and_the_consent(console, logins, staff_app):
    conversation = staff_app.conversations.start(channel="web", locale="nl").conversation_id
    for step in (
        Incoming(text=STORY),
        "handoff:yes",
        "handoff:phone",
        Incoming(text="06 12345678"),
        "handoff:morning",
        Incoming(text="4121 AB"),
        "handoff:skip",
        "handoff:send",
    ):
        if isinstance(step, str):
            step = pressed(staff_app, conversation, step)
        replies = staff_app.conversations.receive(conversation, step)
    reference = replies[0].ticket.reference
    page = as_user(console, logins, "team-lindenhof").get(f"/console/tickets/{reference}").text
    transcript = page.split('<ol class="transcript">')[1].split("</ol>")[0]
    assert "[Ja, dat is goed]" in transcript  # the consent, as it was given
    for label in ("[Bellen]", "[&#39;s Ochtends]", "[Overslaan]", "[Versturen]"):
        assert label in transcript
    assert "Antwoord van de inwoner: “Ja, dat is goed”" in page


# -- the chat as a contact route ------------------------------------------------------------


def test_a_team_member_answers_a_chat_referral_in_that_conversation_only(
    console, logins, staff_app
):
    conversation, reference = chat_referral(staff_app)
    other = staff_app.conversations.start(channel="web", locale="nl").conversation_id
    staff_app.conversations.receive(other, Incoming(text="waar is het buurthuis"))
    others_before = staff_app.conversations.log(other)
    team = as_user(console, logins, "team-lindenhof")
    page = team.get(f"/console/tickets/{reference}")
    assert "In de chat sinds de melding" in page.text
    assert 'action="/console/tickets/' + reference + '/reply"' in page.text
    sent = console.post(
        f"/console/tickets/{reference}/reply",
        data={
            "csrf_token": csrf_token(page.text),
            "text": "Goedemiddag, ik ben Femke van het wijkteam. Mag ik u dinsdag bellen?",
            "form_id": "f1",
            "conversation_id": other,  # ignored: the ticket names its conversation
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303
    log = staff_app.conversations.log(conversation)
    assert log[-1].sender.value == "staff"
    assert log[-1].text.startswith("Goedemiddag, ik ben Femke")
    assert staff_app.conversations.log(other) == others_before
    # The same form again (a double click) is posted once.
    console.post(
        f"/console/tickets/{reference}/reply",
        data={"csrf_token": csrf_token(page.text), "text": "Goedemiddag", "form_id": "f1"},
    )
    assert len(staff_app.conversations.log(conversation)) == len(log)
    # Answering is a contact: the ticket says so, the history too.
    assert staff_app.tickets.get(reference).status.value == "contacted"
    # The resident's answer shows on the ticket page.
    staff_app.conversations.receive(conversation, Incoming(text="Ja hoor, dinsdag kan"))
    chat = team.get(f"/console/tickets/{reference}").text.split('id="chat"')[1]
    assert "Goedemiddag, ik ben Femke" in chat
    assert "Ja hoor, dinsdag kan" in chat
    assert "Antwoord in de chat gestuurd door" in team.get(f"/console/tickets/{reference}").text


@pytest.mark.parametrize("username", ["team-oost", "team-centraal"])
def test_another_team_cannot_post_into_the_conversation(console, logins, staff_app, username):
    conversation, reference = chat_referral(staff_app)
    before = staff_app.conversations.log(conversation)
    other = as_user(console, logins, username)
    page = other.get("/console/tickets")
    forged = other.post(
        f"/console/tickets/{reference}/reply",
        data={"csrf_token": csrf_token(page.text), "text": "Hallo", "form_id": "x"},
    )
    assert forged.status_code == 404
    assert staff_app.conversations.log(conversation) == before


@pytest.mark.parametrize("username", ["anna", "eline"])
def test_volunteers_and_editors_cannot_post_through_a_ticket(console, logins, staff_app, username):
    conversation, reference = chat_referral(staff_app)
    before = staff_app.conversations.log(conversation)
    person = as_user(console, logins, username)
    page = person.get("/console")
    refused = person.post(
        f"/console/tickets/{reference}/reply",
        data={"csrf_token": csrf_token(page.text), "text": "Hallo"},
    )
    assert refused.status_code == 403
    assert staff_app.conversations.log(conversation) == before


def test_no_chat_answer_for_a_resident_who_chose_the_phone(console, logins, ticket, staff_app):
    view = staff_app.tickets.get(ticket)
    before = staff_app.conversations.log(view.conversation_id)
    team = as_user(console, logins, "team-lindenhof")
    page = team.get(f"/console/tickets/{ticket}").text
    assert "/reply" not in page
    refused = post(team, ticket, "reply", text="Hallo")
    assert refused.status_code == 409
    assert "niet gevraagd om antwoord in de chat" in refused.text
    assert staff_app.conversations.log(view.conversation_id) == before


def test_an_empty_answer_is_refused_and_nothing_is_posted(console, logins, staff_app):
    conversation, reference = chat_referral(staff_app)
    before = staff_app.conversations.log(conversation)
    refused = post(as_user(console, logins, "team-lindenhof"), reference, "reply", text="  ")
    assert refused.status_code == 409
    assert "Schrijf eerst een antwoord" in refused.text
    assert staff_app.conversations.log(conversation) == before


def test_status_messages_say_only_what_happened(console, logins, staff_app):
    conversation, reference = chat_referral(staff_app)
    team = as_user(console, logins, "team-lindenhof")

    def new_lines(action, **data):
        before = len(staff_app.conversations.log(conversation))
        post(team, reference, action, **data)
        return [m.text for m in staff_app.conversations.log(conversation)[before:]]

    picked = new_lines("claim")
    assert len(picked) == 1
    assert picked[0].startswith(f"Wijkteam Lindenhof heeft uw vraag {reference} opgepakt.")
    assert "contact met u gehad" not in picked[0]
    working = new_lines("status", status="in_progress")
    assert working == [f"Wijkteam Lindenhof werkt aan uw vraag {reference}."]
    # Still no contact: asking for the status does not claim one either.
    asked = staff_app.conversations.receive(conversation, Incoming(text=f"status {reference}"))
    assert "contact met u gehad" not in asked[0].text
    called = new_lines("contact", method="phone")
    assert called == [f"Wijkteam Lindenhof heeft contact met u gehad over uw vraag {reference}."]
    # A chat answer is itself the news: no status line after it.
    answered = new_lines("reply", text="Ik bel u morgen nog even.", form_id="a")
    assert answered == ["Ik bel u morgen nog even."]


def test_the_teams_email_gives_dutch_time(notifying_app, mail_server):
    from email import message_from_bytes

    app = notifying_app()
    reference = hand_off(app)
    app.outbox.deliver_due()
    ((_, _, content),) = mail_server.messages
    mail = message_from_bytes(content)
    body = mail.get_payload(decode=True).decode()
    due = app.tickets.get(reference).due_at.replace(tzinfo=UTC)
    local_due = due.astimezone(ZoneInfo("Europe/Amsterdam"))
    assert f"{local_due.day} {DUTCH_MONTHS[local_due.month - 1]} {local_due.year}" in body
    assert local_due.strftime("%H:%M") in body
    assert mail["Date"].endswith("+0100")  # November: CET


def test_the_inbox_shows_where_the_resident_wrote_in_the_chat(console, logins, staff_app, clock):
    conversation, reference = chat_referral(staff_app)
    chat_referral(staff_app, postcode="4122 AB")  # another, quiet one
    team = as_user(console, logins, "team-lindenhof")
    flag = "De inwoner schreef in de chat"

    def flagged() -> set[str]:
        rows = team.get("/console/tickets").text.split("<tr")
        return {ref for row in rows if flag in row for ref in references_in(row)}

    assert flagged() == set()
    clock.advance(minutes=5)
    staff_app.conversations.receive(conversation, Incoming(text="Ik ben vanmiddag thuis"))
    assert flagged() == {reference}
    clock.advance(minutes=5)
    post(team, reference, "reply", text="Dank u, dan bel ik om 15 uur.", form_id="r1")
    assert flagged() == set()
