"""A volunteer steps into a resident's chat, in real browsers: the resident chats in the
widget on the demo page, the volunteer watches the live overview in the console, takes
over, replies as a person and hands back; a second volunteer cannot take the same
conversation, and the console keeps its other doors shut."""

from __future__ import annotations

import pytest

from bot.web.app import create_app
from tests.browser.test_widget import Page
from tests.servers import live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def sign_in(page, base: str, username: str, password: str, target: str) -> None:
    page.goto(base + target)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base + target)


def test_a_volunteer_takes_over_replies_and_hands_back(chromium, staff_app, logins):
    with live_server(create_app(staff_app)) as base:
        resident_context = chromium.new_context(viewport={"width": 1280, "height": 800})
        anna_context = chromium.new_context(locale="nl-NL")
        bram_context = chromium.new_context(locale="nl-NL")
        try:
            resident = Page(resident_context, base)
            anna = anna_context.new_page()
            anna.set_default_timeout(15_000)
            bram = bram_context.new_page()
            bram.set_default_timeout(15_000)

            sign_in(anna, base, "anna", logins["anna"].password, "/console/live")
            anna.wait_for_function("document.querySelector('#live-status.warn') === null")

            resident.open_demo()
            resident.open_chat()
            resident.ask("ik voel me zo alleen")
            conversation = resident.conversation_id()

            # The new conversation shows up in the overview by itself.
            row = anna.locator(f'#live-rows tr[data-id="{conversation}"]')
            row.wait_for()
            row.locator("a").click()
            anna.wait_for_url(f"**/console/conversations/{conversation}")
            assert "ik voel me zo alleen" in anna.locator("ol.transcript").inner_text()

            anna.click("button:has-text('Overnemen')")
            anna.wait_for_selector("textarea[name=text]")
            resident.page.locator(".vw-from-bot", has_text="U praat nu met Anna").wait_for()

            anna.fill("textarea[name=text]", "Hoi, ik ben Anna. <b>Vertel</b> eens?")
            anna.click("button:has-text('Versturen')")
            staff_line = resident.page.locator(".vw-from-staff", has_text="Hoi, ik ben Anna.")
            staff_line.wait_for()
            assert "<b>Vertel</b>" in staff_line.inner_text()  # shown as text

            # While Anna holds the conversation the assistant keeps quiet.
            bot_lines = resident.bot_count()
            resident.say("ik zit de hele dag alleen thuis")
            anna.reload()
            anna.locator("ol.transcript", has_text="ik zit de hele dag alleen thuis").wait_for()
            assert resident.bot_count() == bot_lines

            # Bram cannot take the same conversation.
            sign_in(bram, base, "bram", logins["bram"].password, "/console/live")
            bram.goto(f"{base}/console/conversations/{conversation}")
            assert bram.locator("button:has-text('Overnemen')").count() == 0
            assert "Anna heeft dit gesprek overgenomen" in bram.locator("main").inner_text()
            # Nor can he open the team inbox.
            bram.goto(f"{base}/console/tickets")
            assert "niet" in bram.locator("main").inner_text().lower()

            anna.click("button:has-text('Teruggeven aan de assistent')")
            resident.page.locator(
                ".vw-from-bot", has_text="weer met de digitale assistent"
            ).wait_for()
            before = resident.bot_count()
            resident.ask("waar is het buurthuis")
            assert resident.bot_count() > before
            assert not resident.no_errors(), resident.errors
        finally:
            for context in (resident_context, anna_context, bram_context):
                context.close()


def test_an_anonymous_visitor_gets_the_sign_in_page_everywhere(chromium, staff_app):
    with live_server(create_app(staff_app)) as base:
        context = chromium.new_context()
        page = context.new_page()
        for path in (
            "/console",
            "/console/live",
            "/console/conversations/abc",
            "/console/tickets",
            "/console/catalogue",
            "/console/admin/users",
            "/console/access-log",
        ):
            page.goto(base + path)
            assert "/console/signin" in page.url, path
            assert page.locator("input[name=password]").count() == 1
        context.close()
