"""Issue 17: what volunteers read is masked once, when a message is stored, and read a page
at a time; personal data written with spaces, hyphens or invisible characters is masked
too. Through the app, as volunteers and residents use it."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import select

from bot.console import live_pages
from bot.conversation import masking
from bot.conversation.messages import Incoming
from bot.platform.db import unit_of_work
from bot.platform.masking import mask_personal_data
from bot.platform.models import Message
from tests import personal_data
from tests.bot.console.test_console_live import resident
from tests.bot.console_client import as_user
from tests.bot.web.test_chat_api import auth, send, start

# What a resident may send in a message at most (settings.max_message_chars).
LONGEST = 10_000


def stored(app, conversation_id: str) -> list[Message]:
    with app.sessions() as session:
        return list(
            session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation_id)
                .order_by(Message.id)
            )
        )


def finishes_within(seconds: float, work: Callable[[], object]) -> object:
    """``work()``'s result; fails the test if it has not ended after ``seconds``. A guard
    against pages that take minutes, not a speed test (``make bench-masking`` measures)."""
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(work()), daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        pytest.fail(f"still busy after {seconds} s")
    assert result, "the work failed (see the captured output)"
    return result[0]


def test_spaced_hyphenated_and_hidden_forms_are_masked_for_volunteers(console, staff_app, logins):
    bsn = personal_data.BSN
    conversation = resident(
        staff_app,
        f"mijn BSN {bsn[:3]}-{bsn[3:6]}-{bsn[6:]}",
        personal_data.EMAIL_OTHER.replace("@", " @ ") + " is mijn mail",
        "bel 06\u200d1234\u200d5678 na vijven",
        "rekening NL 91 ABNA 0417 1643 00 graag",
    )
    page = as_user(console, logins, "anna").get(f"/console/conversations/{conversation}")
    assert page.status_code == 200
    for shown in ("[BSN]", "[e-mail]", "[telefoon]", "[IBAN]"):
        assert shown in page.text
    for hidden in ("111-222-333", "example.nl", "1234\u200d5678", "12345678", "0417 1643"):
        assert hidden not in page.text


def test_invisible_characters_are_not_stored(client, app):
    conversation = start(client)
    response = send(client, conversation, text="bel me op 06\u200d1234\u200d5678\u200b")
    assert response.status_code == 200, response.text
    log = client.get(
        f"/api/v1/conversations/{conversation['id']}/messages", headers=auth(conversation)
    ).json()["messages"]
    assert log[1]["text"] == "bel me op 0612345678"
    (row,) = [m for m in stored(app, conversation["id"]) if m.sender == "resident"]
    assert row.text == "bel me op 0612345678"
    assert row.masked_text == "bel me op [telefoon]"


def test_every_message_is_stored_with_its_masked_copy(staff_app):
    conversation = resident(staff_app, f"bel me op {personal_data.PHONE}")
    staff_app.takeovers.take(conversation, staff_id=1, name="Anna")
    staff_app.takeovers.reply(
        conversation, staff_id=1, text=f"Ik bel u op {personal_data.PHONE_INTERNATIONAL}"
    )
    rows = stored(staff_app, conversation)
    assert {m.sender for m in rows} == {"resident", "bot", "staff"}
    for row in rows:
        assert row.masked_text == mask_personal_data(row.text), row.text
    assert rows[1].masked_text == "bel me op [telefoon]"
    assert rows[-1].masked_text == "Ik bel u op [telefoon]"


def test_an_e_mail_address_on_a_button_is_stored_masked(staff_app):
    conversation = resident(staff_app, "ik heb schulden en kom er niet uit")
    for step in (Incoming(text="ja"), Incoming(payload="handoff:email")):
        staff_app.conversations.receive(conversation, step)
    staff_app.conversations.receive(conversation, Incoming(text=personal_data.EMAIL_TYPO))
    question = stored(staff_app, conversation)[-1]
    labels = [b["label"] for b in question.parts["buttons"]]
    assert personal_data.EMAIL_TYPO in labels
    assert question.parts[masking.MASKED_LABELS] == ["[e-mail]"] * len(labels)
    # The resident still gets the buttons with the address on them.
    (last,) = staff_app.conversations.log(conversation)[-1:]
    assert [b.label for b in last.buttons] == labels


def test_opening_a_transcript_masks_nothing_again(console, staff_app, logins, monkeypatch):
    conversation = resident(staff_app, f"bel me op {personal_data.PHONE}", "dank u")
    masked: list[str] = []

    def counted(text: str, **kwargs: object) -> str:
        masked.append(text)
        return mask_personal_data(text, **kwargs)

    # Wherever the console might mask: the page, or the masked copy's fallback.
    monkeypatch.setattr(live_pages, "mask_personal_data", counted, raising=False)
    monkeypatch.setattr(masking, "mask_personal_data", counted)
    page = as_user(console, logins, "anna").get(f"/console/conversations/{conversation}")
    assert "[telefoon]" in page.text
    assert masked == []


def test_a_message_stored_before_masked_copies_is_masked_when_read(console, staff_app, logins):
    conversation = resident(staff_app, f"bel me op {personal_data.PHONE}")
    with unit_of_work(staff_app.sessions) as session:
        for row in session.scalars(select(Message).where(Message.conversation_id == conversation)):
            row.masked_text = None
    page = as_user(console, logins, "anna").get(f"/console/conversations/{conversation}")
    assert "[telefoon]" in page.text
    assert personal_data.PHONE not in page.text


def test_a_resident_sending_the_longest_messages_cannot_slow_the_transcript(
    console, staff_app, logins, clock, monkeypatch
):
    """28 messages of 10,000 characters (what the rate limit lets through in a minute)
    took the transcript 20 s to show, masked again on every view."""
    monkeypatch.setattr(live_pages, "TRANSCRIPT_PAGE", 20, raising=False)
    conversation = resident(staff_app)
    with unit_of_work(staff_app.sessions) as session:
        for i in range(28):
            text = "1" * LONGEST if i % 2 else "a" * (LONGEST - 1) + "@"
            session.add(
                Message(
                    conversation_id=conversation,
                    sender="resident",
                    text=text,
                    parts={},
                    created_at=clock(),
                )
            )
    as_user(console, logins, "anna")
    url = f"/console/conversations/{conversation}"
    page = finishes_within(10, lambda: console.get(url))
    assert page.status_code == 200
    assert page.text.count('<li class="resident"') == 20
    earlier = re.search(r'href="(/console/conversations/[^"?]+\?before=\d+)"', page.text)
    assert earlier, "no link to the earlier messages"
    first_page = console.get(earlier.group(1))
    # The welcome and the first eight messages; then a way back to the latest.
    assert first_page.text.count('<li class="resident"') == 8
    assert first_page.text.count('<li class="bot"') == 1
    assert f'href="{url}#end"' in first_page.text
    assert 'href="/console/conversations/' + conversation + "?before=" not in first_page.text


def test_pages_of_a_transcript_link_to_each_other(console, staff_app, logins, monkeypatch):
    monkeypatch.setattr(live_pages, "TRANSCRIPT_PAGE", 3)
    conversation = resident(staff_app)
    staff_app.takeovers.take(conversation, staff_id=1, name="Anna")
    for i in range(9):
        staff_app.conversations.receive(conversation, Incoming(text=f"bericht {i}"))
    as_user(console, logins, "anna")
    url = f"/console/conversations/{conversation}"
    seen: list[list[str]] = []
    page = console.get(url)
    while True:
        seen.append(re.findall(r"bericht \d", page.text))
        earlier = re.search(r'href="([^"]+\?before=\d+)">Vorige', page.text)
        if not earlier:
            break
        page = console.get(earlier.group(1))
    assert seen == [
        ["bericht 6", "bericht 7", "bericht 8"],
        ["bericht 3", "bericht 4", "bericht 5"],
        ["bericht 0", "bericht 1", "bericht 2"],
        [],  # the welcome and the notice that Anna took over
    ]
    # And forward again, a page at a time, to the latest.
    forward: list[list[str]] = []
    while True:
        later = re.search(r'href="([^"]+)#end">Volgende', page.text)
        if not later:
            break
        page = console.get(later.group(1))
        forward.append(re.findall(r"bericht \d", page.text))
    assert forward == list(reversed(seen[:-1]))
    # A page typed by hand that is no page is the latest one.
    for before in ("abc", "-1", "9" * 30):
        page = console.get(f"{url}?before={before}")
        assert page.status_code == 200
        assert re.findall(r"bericht \d", page.text) == seen[0]
