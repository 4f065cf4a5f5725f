"""Volunteers watch live conversations, take one over, talk as a person and hand back;
what they may see, and what is logged when they look."""

from __future__ import annotations

import re

import pytest

from bot.conversation import TakeoverError
from bot.conversation.messages import Incoming, Sender
from tests.bot.console_client import as_user, csrf_token


def resident(app, *texts: str) -> str:
    conversation = app.conversations.start(channel="web", locale="nl").conversation_id
    for text in texts:
        app.conversations.receive(conversation, Incoming(text=text))
    return conversation


def post(console, path: str, **data: str):
    page = console.get("/console/live")
    return console.post(
        path, data={"csrf_token": csrf_token(page.text), **data}, follow_redirects=False
    )


def test_the_overview_puts_a_crisis_first_and_says_how_long_it_waits(
    console, staff_app, logins, clock
):
    calm = resident(staff_app, "waar is het buurthuis")
    crisis = resident(staff_app, "ik wil niet meer leven")
    lost = resident(staff_app, "blub blub flap", "blub blub flap flap")
    clock.advance(minutes=3)
    page = as_user(console, logins, "anna").get("/console/live")
    assert page.status_code == 200
    order = [page.text.index(f'data-id="{c}"') for c in (crisis, lost, calm)]
    assert order == sorted(order)
    assert "Crisis" in page.text
    assert "wacht 3 min" in page.text
    assert "Twee keer niet begrepen" in page.text


def test_a_volunteer_takes_over_replies_and_hands_back(console, staff_app, logins):
    conversation = resident(staff_app, "ik voel me zo alleen")
    as_user(console, logins, "anna")
    assert post(console, f"/console/conversations/{conversation}/take").status_code == 303
    log = staff_app.conversations.log(conversation)
    assert log[-1].text == "U praat nu met Anna, vrijwilliger."
    # The assistant is quiet while Anna holds the conversation.
    assert staff_app.conversations.receive(conversation, Incoming(text="hallo?")) == []
    assert (
        post(
            console, f"/console/conversations/{conversation}/reply", text="Hoi, ik ben Anna."
        ).status_code
        == 303
    )
    last = staff_app.conversations.log(conversation)[-1]
    assert (last.sender, last.text) == (Sender.STAFF, "Hoi, ik ben Anna.")
    assert post(console, f"/console/conversations/{conversation}/handback").status_code == 303
    assert staff_app.conversations.receive(conversation, Incoming(text="waar is het buurthuis"))


def test_a_crisis_still_gets_the_emergency_numbers_during_a_takeover(staff_app):
    conversation = resident(staff_app, "hallo")
    staff_app.takeovers.take(conversation, staff_id=1, name="Anna")
    replies = staff_app.conversations.receive(conversation, Incoming(text="ik wil niet meer leven"))
    assert any("112" in r.text for r in replies)


def test_only_one_volunteer_holds_a_conversation(console, staff_app, logins):
    conversation = resident(staff_app, "ik voel me zo alleen")
    as_user(console, logins, "anna")
    post(console, f"/console/conversations/{conversation}/take")
    post(console, f"/console/conversations/{conversation}/take")  # a double click
    assert sum("U praat nu met" in m.text for m in staff_app.conversations.log(conversation)) == 1
    as_user(console, logins, "bram")
    taken = post(console, f"/console/conversations/{conversation}/take")
    assert taken.status_code == 409
    assert "Iemand anders heeft dit gesprek al overgenomen." in taken.text
    refused = post(console, f"/console/conversations/{conversation}/reply", text="ik ook")
    assert refused.status_code == 409
    with pytest.raises(TakeoverError):
        staff_app.takeovers.hand_back(conversation, staff_id=999)


def test_volunteers_see_no_contact_details_and_every_look_is_logged(console, staff_app, logins):
    conversation = resident(staff_app, "bel me op 06 12345678 of mail fatima@example.nl")
    page = as_user(console, logins, "anna").get(f"/console/conversations/{conversation}")
    assert "12345678" not in page.text
    assert "fatima@example.nl" not in page.text
    assert "[telefoon]" in page.text
    log = as_user(console, logins, "admin").get("/console/access-log")
    assert conversation in log.text
    assert "anna" in log.text


def test_html_from_a_resident_is_shown_as_text(console, staff_app, logins):
    conversation = resident(staff_app, '<script>alert("x")</script><img src=x onerror=alert(1)>')
    as_user(console, logins, "anna")
    for path in ("/console/live", f"/console/conversations/{conversation}"):
        page = console.get(path)
        assert "<script>alert" not in page.text
        assert "<img src=x" not in page.text


@pytest.mark.parametrize("username", ["eline", "team-lindenhof"])
def test_other_roles_cannot_watch_conversations(console, staff_app, logins, username):
    conversation = resident(staff_app, "hallo")
    as_user(console, logins, username)
    for path in ("/console/live", "/console/live/rows", f"/console/conversations/{conversation}"):
        assert console.get(path).status_code == 403, path
    assert console.get("/console/access-log").status_code == 403


def test_a_volunteer_cannot_read_the_access_log_or_open_the_inbox(console, logins):
    as_user(console, logins, "anna")
    assert console.get("/console/access-log").status_code == 403
    assert console.get("/console/tickets").status_code == 403


def test_anonymous_visitors_get_the_sign_in_page(console, staff_app):
    conversation = resident(staff_app, "hallo")
    console.cookies.clear()
    for path in (
        "/console/live",
        "/console/live/rows",
        "/console/live/events",
        f"/console/conversations/{conversation}",
        "/console/access-log",
    ):
        response = console.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/console/signin"), path


def test_a_forged_form_does_nothing(console, staff_app, logins):
    conversation = resident(staff_app, "hallo")
    as_user(console, logins, "anna")
    response = console.post(
        f"/console/conversations/{conversation}/take",
        data={"csrf_token": "forged"},
        follow_redirects=False,
    )
    assert response.status_code in (400, 403)
    assert staff_app.takeovers.holder(conversation) is None


def test_an_unknown_or_deleted_conversation_is_not_found(console, staff_app, logins):
    as_user(console, logins, "anna")
    assert console.get("/console/conversations/nope").status_code == 404
    assert post(console, "/console/conversations/nope/take").status_code == 404


def test_a_volunteer_gets_suggested_answers_for_the_last_question(console, staff_app, logins):
    conversation = resident(staff_app, "wie kan mijn lamp ophangen")
    as_user(console, logins, "anna")
    page = console.get(f"/console/conversations/{conversation}")
    assert 'class="secondary suggestion"' not in page.text  # only for who holds it
    post(console, f"/console/conversations/{conversation}/take")
    page = console.get(f"/console/conversations/{conversation}")
    assert page.text.count('class="secondary suggestion"') >= 1
    assert "Klus" in page.text[page.text.index("suggestions") :]


def test_a_volunteer_offers_a_referral_and_the_resident_still_consents_in_the_chat(
    console, staff_app, logins
):
    conversation = resident(staff_app, "ik voel me zo alleen")
    as_user(console, logins, "anna")
    post(console, f"/console/conversations/{conversation}/take")
    assert post(console, f"/console/conversations/{conversation}/handoff").status_code == 303
    assert staff_app.conversations.open_unchecked(conversation).state == "handoff_consent"
    # Anna still holds the conversation, but the assistant takes the referral down.
    replies = staff_app.conversations.receive(conversation, Incoming(text="ja"))
    assert replies
    assert staff_app.conversations.open_unchecked(conversation).state == "handoff_contact"
    assert staff_app.takeovers.holder(conversation) is not None


def test_a_resident_who_left_long_ago_cannot_be_offered_a_referral(
    console, staff_app, logins, clock
):
    conversation = resident(staff_app, "ik voel me zo alleen")
    clock.advance(days=40)
    as_user(console, logins, "anna")
    response = post(console, f"/console/conversations/{conversation}/handoff")
    assert response.status_code == 409
    assert "Dit gesprek is afgelopen" in response.text


def test_a_resident_who_says_the_answer_does_not_fit_is_flagged(console, staff_app, logins):
    conversation = resident(staff_app, "wie kan mijn lamp ophangen")
    answer = staff_app.conversations.log(conversation)[-1]
    assert [b.payload for b in answer.buttons][-2:] == ["feedback:yes", "feedback:no"]
    (reply,) = staff_app.conversations.receive(conversation, Incoming(payload="feedback:no"))
    assert "wijkteam" in reply.text
    assert [b.payload for b in reply.buttons] == ["ask:team"]
    page = as_user(console, logins, "anna").get("/console/live")
    row = page.text[page.text.index(f'data-id="{conversation}"') :]
    assert "Zegt dat het niet helpt" in row[: row.index("</tr>")]


def test_a_reply_sent_twice_from_the_same_form_is_stored_once(console, staff_app, logins):
    conversation = resident(staff_app, "ik voel me zo alleen")
    as_user(console, logins, "anna")
    post(console, f"/console/conversations/{conversation}/take")
    page = console.get(f"/console/conversations/{conversation}")
    form_id = re.search(r'name="form_id" value="([^"]+)"', page.text).group(1)
    for _ in range(2):
        post(
            console,
            f"/console/conversations/{conversation}/reply",
            text="Ik ben er.",
            form_id=form_id,
        )
    log = staff_app.conversations.log(conversation)
    assert sum(m.text == "Ik ben er." for m in log) == 1
    post(console, f"/console/conversations/{conversation}/reply", text="Ik ben er.")
    assert sum(m.text == "Ik ben er." for m in staff_app.conversations.log(conversation)) == 2


def test_a_new_crisis_after_a_review_is_flagged_again(console, staff_app, logins, clock):
    conversation = resident(staff_app, "ik wil niet meer leven")
    as_user(console, logins, "anna")
    clock.advance(minutes=5)
    post(console, f"/console/conversations/{conversation}/reviewed")

    def flags():
        page = console.get("/console/live").text
        row = page[page.index(f'data-id="{conversation}"') :]
        return row[: row.index("</tr>")]

    assert "Crisis" not in flags()
    clock.advance(minutes=20)
    again = Incoming(text="ik wil er echt een eind aan maken")
    staff_app.conversations.receive(conversation, again)
    clock.advance(minutes=2)
    assert "Crisis" in flags()
    assert "wacht 2 min" in flags()


def test_contact_details_in_buttons_are_masked_for_volunteers(console, staff_app, logins):
    conversation = resident(staff_app, "ik heb schulden en kom er niet uit")
    for step in (Incoming(text="ja"), Incoming(payload="handoff:email")):
        staff_app.conversations.receive(conversation, step)
    staff_app.conversations.receive(conversation, Incoming(text="fatima@gmial.com"))
    assert any("fatima@" in b.label for b in staff_app.conversations.log(conversation)[-1].buttons)
    page = as_user(console, logins, "anna").get(f"/console/conversations/{conversation}")
    assert "fatima@" not in page.text
    assert "[e-mail]" in page.text


def test_only_the_holder_offers_a_referral_and_never_twice(console, staff_app, logins):
    conversation = resident(staff_app, "ik voel me zo alleen")
    as_user(console, logins, "anna")
    post(console, f"/console/conversations/{conversation}/take")
    as_user(console, logins, "bram")
    refused = post(console, f"/console/conversations/{conversation}/handoff")
    assert refused.status_code == 409
    assert staff_app.conversations.open_unchecked(conversation).state == "idle"
    as_user(console, logins, "anna")
    assert post(console, f"/console/conversations/{conversation}/handoff").status_code == 303
    again = post(console, f"/console/conversations/{conversation}/handoff")
    assert again.status_code == 409
    assert "al een doorverwijzing bezig" in again.text


def test_a_volunteer_cannot_take_over_a_conversation_that_ended(staff_app, clock):
    conversation = resident(staff_app, "hallo")
    clock.advance(days=40)
    with pytest.raises(TakeoverError) as raised:
        staff_app.takeovers.take(conversation, staff_id=1, name="Anna de Vries")
    assert raised.value.code == "takeover.expired"


def test_residents_read_only_the_volunteers_first_name(staff_app):
    conversation = resident(staff_app, "hallo")
    staff_app.takeovers.take(conversation, staff_id=1, name="Anna de Vries")
    announced = staff_app.conversations.log(conversation)[-1].text
    assert announced == "U praat nu met Anna, vrijwilliger."


@pytest.mark.parametrize(
    "text",
    [
        "mijn zoon pakt elke maand de AOW van mijn moeder van 88 af en ze heeft geen eten",
        "we zijn vandaag uit huis gezet en hebben vannacht met de kinderen geen slaapplek",
        "er staat een man met een mes in ons trappenhuis",
        "زوجي يضربني الآن وأنا مختبئة في الحمام",
    ],
    ids=["elder", "homeless", "danger", "arabic"],
)
def test_every_kind_of_crisis_is_flagged_to_volunteers_at_once(console, staff_app, logins, text):
    """Issue 13: the crisis flag holds for the new kinds and languages too."""
    conversation = resident(staff_app, text)
    page = as_user(console, logins, "anna").get("/console/live")
    row = page.text[page.text.index(f'data-id="{conversation}"') :].split("</tr>")[0]
    assert "Crisis" in row


# -- issue 15: live for volunteers ---------------------------------------------------------


def row_of(page: str, conversation: str) -> str:
    return page[page.index(f'data-id="{conversation}"') :].split("</tr>")[0]


def test_the_overview_previews_the_last_message_with_contact_details_masked(
    console, staff_app, logins
):
    conversation = resident(
        staff_app, "waar is het buurthuis", "bel me op 06 12345678, ik voel me zo alleen"
    )
    page = as_user(console, logins, "anna").get("/console/live").text
    row = row_of(page, conversation)
    assert "[telefoon], ik voel me zo alleen" in row
    assert "12345678" not in page
    assert "buurthuis" not in row  # the last message, not the first


def test_the_overview_names_routes_and_living_domains_in_dutch_and_times_every_row(
    console, staff_app, logins, clock
):
    calm = resident(staff_app, "ik voel me zo alleen")
    debts = resident(staff_app, "ik heb schulden en kom er niet uit")
    clock.advance(minutes=4)
    page = as_user(console, logins, "anna").get("/console/live").text
    calm_row, debts_row = row_of(page, calm), row_of(page, debts)
    assert "Contact en meedoen" in calm_row
    assert "Geld en schulden" in debts_row
    assert "Voor het wijkteam" in debts_row
    for code in (">social<", ">money<", ">handoff<", ">answer<", ">mental<"):
        assert code not in page
    assert "(4 min geleden)" in calm_row
    assert "(4 min geleden)" in debts_row


def test_asks_for_a_person_only_when_the_resident_did(console, staff_app, logins):
    referred = resident(staff_app, "ik heb schulden en kom er niet uit")
    asked = resident(staff_app, "ik wil met een echt mens praten")
    page = as_user(console, logins, "anna").get("/console/live").text
    assert "Vraagt om een mens" not in row_of(page, referred)
    assert "Vraagt om een mens" in row_of(page, asked)


def test_reviewed_in_the_overview_clears_the_flags_and_says_so(console, staff_app, logins, clock):
    conversation = resident(staff_app, "ik wil met een echt mens praten")
    as_user(console, logins, "anna")
    row = row_of(console.get("/console/live").text, conversation)
    assert "Vraagt om een mens" in row
    assert ">Bekeken<" in row
    clock.advance(minutes=1)
    done = post(console, f"/console/conversations/{conversation}/reviewed", back="live")
    assert done.status_code == 303
    assert done.headers["location"] == "/console/live?reviewed=1"
    page = console.get(done.headers["location"]).text
    assert "Gemarkeerd als bekeken" in page
    row = row_of(page, conversation)
    assert "Vraagt om een mens" not in row
    assert "Bekeken door Anna" in row
    # A new request after the review flags it again.
    clock.advance(minutes=1)
    staff_app.conversations.receive(conversation, Incoming(text="ik wil echt met een mens praten"))
    assert "Vraagt om een mens" in row_of(console.get("/console/live").text, conversation)


def test_reviewed_on_the_conversation_page_says_so(console, staff_app, logins):
    conversation = resident(staff_app, "blub blub flap", "blub blub flap flap")
    as_user(console, logins, "anna")
    assert "Twee keer niet begrepen" in row_of(console.get("/console/live").text, conversation)
    done = post(console, f"/console/conversations/{conversation}/reviewed")
    assert done.headers["location"] == f"/console/conversations/{conversation}?reviewed=1#review"
    page = console.get(done.headers["location"]).text
    assert 'role="status">Gemarkeerd als bekeken' in page
    assert "Twee keer niet begrepen" not in row_of(console.get("/console/live").text, conversation)
    assert "Bekeken door Anna" in console.get(f"/console/conversations/{conversation}").text


def test_the_conversation_page_fetches_only_new_lines_masked(console, staff_app, logins):
    conversation = resident(staff_app, "ik voel me zo alleen")
    as_user(console, logins, "anna")
    page = console.get(f"/console/conversations/{conversation}").text
    assert f'data-events-url="/console/conversations/{conversation}/events"' in page
    last = max(int(i) for i in re.findall(r'<li class="\w+" data-id="(\d+)"', page))
    staff_app.conversations.receive(conversation, Incoming(text="mijn nummer is 06 12345678"))
    lines = console.get(f"/console/conversations/{conversation}/lines?after={last}")
    assert lines.status_code == 200
    assert lines.text.count("<li ") >= 1
    assert 'data-sender="resident"' in lines.text
    assert "mijn nummer is [telefoon]" in lines.text
    assert "12345678" not in lines.text
    assert "ik voel me zo alleen" not in lines.text
    # An earlier page of a long transcript does not follow along.
    earlier = console.get(f"/console/conversations/{conversation}?before={last}").text
    assert "data-events-url" not in earlier


def test_the_reply_box_says_ctrl_enter_sends(console, staff_app, logins):
    conversation = resident(staff_app, "ik voel me zo alleen")
    as_user(console, logins, "anna")
    post(console, f"/console/conversations/{conversation}/take")
    page = console.get(f"/console/conversations/{conversation}").text
    assert "Ctrl+Enter verstuurt" in page
    assert 'id="notify"' in page
    assert 'id="notify" checked' not in page  # sound and notifications are opt-in


@pytest.mark.parametrize("username", ["eline", "team-lindenhof"])
def test_other_roles_cannot_follow_a_conversation(console, staff_app, logins, username):
    conversation = resident(staff_app, "hallo")
    as_user(console, logins, username)
    for path in ("events", "lines?after=0"):
        assert console.get(f"/console/conversations/{conversation}/{path}").status_code == 403
    console.cookies.clear()
    for path in ("events", "lines?after=0"):
        response = console.get(
            f"/console/conversations/{conversation}/{path}", follow_redirects=False
        )
        assert response.status_code == 303
