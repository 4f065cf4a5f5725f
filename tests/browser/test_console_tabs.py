"""A volunteer with many conversations open in tabs: a browser keeps at most six
connections to one site over HTTP/1.1, and each page's event stream holds one. Hidden
tabs give theirs up and poll instead, so the seventh tab still loads, and a hidden tab's
title still counts the resident's new message."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bot.conversation.messages import Incoming
from bot.web.app import create_app
from tests.browser.test_volunteer_takeover import sign_in
from tests.servers import live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABS = 8
# What a browser does when the volunteer switches to another tab.
HIDE = """() => {
  Object.defineProperty(document, "hidden", {value: true, configurable: true});
  Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
  document.dispatchEvent(new Event("visibilitychange"));
  window.dispatchEvent(new Event("blur"));
}"""


def test_eight_conversation_tabs_all_load_and_a_hidden_one_still_counts(
    chromium, staff_app, logins
):
    conversations = []
    for i in range(TABS):
        conversation = staff_app.conversations.start(channel="web", locale="nl").conversation_id
        staff_app.conversations.receive(
            conversation, Incoming(text=f"vraag {i} over het buurthuis")
        )
        conversations.append(conversation)

    with live_server(create_app(staff_app)) as base:
        context = chromium.new_context(locale="nl-NL")
        try:
            first = context.new_page()
            first.set_default_timeout(10_000)
            first.clock.install()
            sign_in(first, base, "anna", logins["anna"].password, "/console/live")
            pages = []
            for conversation in conversations:
                page = first if not pages else context.new_page()
                page.set_default_timeout(10_000)
                # Without giving streams up, the seventh page would wait for a free
                # connection until this timeout.
                page.goto(f"{base}/console/conversations/{conversation}")
                page.locator("ol.transcript li").first.wait_for()
                page.evaluate(HIDE)
                pages.append(page)

            # The first tab is hidden: the resident's answer reaches it by polling.
            title = first.title()
            staff_app.conversations.receive(conversations[0], Incoming(text="hallo, nog iets"))
            first.clock.fast_forward(21_000)
            expect(first).to_have_title("(1) " + title)
            assert first.locator("ol.transcript", has_text="hallo, nog iets").count() == 1
        finally:
            context.close()
