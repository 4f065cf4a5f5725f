"""Going on with a conversation on another device, in a real browser: a code shown on one
device and typed on a phone, and a link mailed to the resident (its code read from the
mail's text as the resident's mail program would show it)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.platform.models import StaffUser
from tests.browser.test_team_inbox import axe_problems
from tests.browser.test_widget import DESKTOP, PHONE, SESSION, Page, screenshot
from tests.browser.test_widget import axe_source as axe_source  # the fixtures, shared
from tests.browser.test_widget import served as served

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_code_takes_the_conversation_to_a_phone_and_the_old_device_lets_go(
    chromium, served, staff_app, axe_source, tmp_path
):
    computer = chromium.new_context(viewport=DESKTOP, locale="nl-NL")
    phone = chromium.new_context(viewport=PHONE, locale="nl-NL", device_scale_factor=2)
    try:
        library = Page(computer, served)
        library.open_demo()
        library.open_chat()
        library.ask("ik voel me zo alleen")
        conversation = library.conversation_id()

        library.page.locator(".vw-other-device").click()
        library.page.locator(".vw-code-box").wait_for()
        code = library.page.locator(".vw-code").inner_text()
        assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
        intro = library.page.locator(".vw-code-intro").inner_text()
        assert intro.startswith("Typ deze code in de chat op uw andere apparaat.")
        # No referral with an e-mail address in this conversation: no link to offer.
        assert library.page.locator(".vw-send-link").is_hidden()
        assert axe_problems(library.page, served, axe_source) == []

        mobile = Page(phone, served)
        mobile.open_demo()
        mobile.open_chat()
        mobile.page.locator(".vw-have-code").click()
        assert mobile.focused()["cls"] == "vw-code-input"
        mobile.page.locator(".vw-code-input").fill("not a code")
        mobile.page.locator(".vw-code-go").click()
        mobile.page.locator(".vw-code-error", has_text="Deze code werkt niet.").wait_for()
        assert axe_problems(mobile.page, served, axe_source) == []
        mobile.page.locator(".vw-code-input").fill(code.lower().replace("-", " "))
        screenshot(mobile.page, "widget-resume-code.png", tmp_path)
        mobile.page.locator(".vw-code-go").click()
        mobile.page.locator(".vw-from-resident", has_text="ik voel me zo alleen").wait_for()
        assert mobile.page.evaluate(SESSION)["id"] == conversation
        assert mobile.page.locator(".vw-code-form").is_hidden()

        # The phone now has the conversation: it is answered there, the computer lets go.
        before = mobile.bot_count()
        mobile.say("is er een maatje voor mij")
        mobile.wait_for_bot(before)
        library.page.locator(".vw-ended").wait_for()
        assert library.page.evaluate(SESSION)["id"] is None
        # The browser logs the refused code (404) and the old device's spent token (401);
        # axe itself applies an inline style, which the page's CSP blocks.
        assert mobile.no_errors(allowed=("404", "inline style")) == []
        assert library.no_errors(allowed=("401", "inline style")) == []
    finally:
        computer.close()
        phone.close()


def test_a_mailed_link_opens_the_conversation_with_the_team_reply(
    chromium, served, staff_app, tmp_path
):
    """The resident chose an e-mail address in a referral, asks for a link, and opens it
    on another device, where the district team's chat answer is waiting."""
    context = chromium.new_context(viewport=DESKTOP, locale="en-GB")
    other = chromium.new_context(viewport=PHONE, locale="en-GB")
    try:
        ui = Page(context, served)
        ui.open_demo()
        ui.open_chat()
        ui.press("English")
        for text in (
            "I can't cope anymore, debts, my landlord wants me out and my son is ill",
            "yes please",
            "by email please",
            "sam@example.nl",
            "4131",
            "Sam",
        ):
            ui.ask(text)
        ui.press("Send")
        conversation = ui.conversation_id()

        ui.page.locator(".vw-other-device").click()
        ui.page.locator(".vw-code-box").wait_for()
        send_link = ui.page.locator(".vw-send-link")
        assert send_link.inner_text() == "Send a link to s***@example.nl"
        send_link.click()
        ui.page.locator(".vw-code-note", has_text="We sent a link to s***@example.nl").wait_for()
        code = ui.page.locator(".vw-code").inner_text()

        # The mail waits in the outbox until it is sent; its text holds the link.
        from bot.platform.models import OutboxMessage

        with staff_app.sessions() as session:
            bodies = [
                p["body"]
                for p in session.scalars(select(OutboxMessage.payload))
                if p.get("to") == "sam@example.nl"
            ]
        (body,) = bodies
        link = re.search(r"http\S+#vw-code=\S+", body).group()
        assert code in body

        with staff_app.sessions() as session:
            anna = session.scalar(select(StaffUser.id).where(StaffUser.username == "anna"))
        staff_app.takeovers.take(conversation, staff_id=anna, name="Anna")
        staff_app.takeovers.reply(conversation, staff_id=anna, text="I will call you tomorrow.")

        phone = Page(other, served)
        # The link points at the municipality's page (PUBLIC_URL here); this test serves it
        # on a port of its own.
        assert link.startswith(staff_app.settings.public_url.rstrip("/") + "/#vw-code=")
        phone.page.goto(served + "/#" + link.partition("#")[2])
        phone.page.locator(".vw-from-staff", has_text="I will call you tomorrow.").wait_for()
        assert "vw-code" not in phone.page.url  # the code left the address bar
        assert phone.page.evaluate(SESSION)["id"] == conversation
        assert phone.page.locator(".vw-title").inner_text()  # the panel opened by itself
        assert phone.no_errors() == []
        assert ui.no_errors(allowed=("401",)) == []
    finally:
        context.close()
        other.close()
