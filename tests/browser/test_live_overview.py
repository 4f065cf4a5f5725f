"""A volunteer watches the live overview in a real browser while 200 conversations are
going on, and a resident's new message shows up by itself (the time it takes is printed
for the record, not asserted: speed is measured, not tested)."""

from __future__ import annotations

import time

import pytest

from bot.conversation.messages import Incoming
from bot.web.app import create_app
from tests.servers import live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ACTIVE = 200


def test_a_new_message_appears_in_the_overview_by_itself(
    chromium, staff_app, logins, clock, capsys
):
    questions = ["waar is het buurthuis", "ik zoek hulp bij mijn boodschappen", "schulden"]
    for i in range(ACTIVE):
        conversation = staff_app.conversations.start(channel="web", locale="nl").conversation_id
        staff_app.conversations.receive(conversation, Incoming(text=questions[i % 3]))

    errors: list[str] = []
    with live_server(create_app(staff_app)) as base:
        context = chromium.new_context(locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{base}/console/live")
        page.fill("input[name=username]", "anna")
        page.fill("input[name=password]", logins["anna"].password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/console/live")
        assert page.locator("#live-rows tr").count() == ACTIVE
        # Wait until the event stream is connected before the resident writes.
        page.wait_for_function("document.querySelector('#live-status.warn') === null")
        page.wait_for_timeout(300)

        timings = []
        for text in ("ik wil niet meer leven", "help, mijn man slaat me"):
            clock.advance(seconds=30)
            started = time.perf_counter()
            crisis = staff_app.conversations.start(channel="web", locale="nl").conversation_id
            staff_app.conversations.receive(crisis, Incoming(text=text))
            row = page.locator(f'#live-rows tr[data-id="{crisis}"]')
            row.wait_for(state="attached", timeout=10_000)
            timings.append(time.perf_counter() - started)
            assert "Crisis" in row.inner_text()
        # Crises go to the top of the list, the longest waiting first.
        ids = [r.get_attribute("data-id") for r in page.locator("#live-rows tr").all()]
        assert len(ids) == ACTIVE + 2
        assert page.locator("#live-rows tr.crisis").count() == 2
        assert ids[1] == crisis

        page.click(f'#live-rows tr[data-id="{crisis}"] a')
        page.wait_for_url(f"**/console/conversations/{crisis}")
        assert "help, mijn man slaat me" in page.locator("ol.transcript").inner_text()
        context.close()
    assert not errors, errors
    with capsys.disabled():
        print(
            f"\nlive overview, {ACTIVE} active conversations: a new message appeared after "
            + ", ".join(f"{t * 1000:.0f} ms" for t in timings)
        )
