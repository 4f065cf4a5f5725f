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


def test_buttons_from_before_a_take_over_are_withdrawn_in_the_widget(chromium, staff_app):
    """The assistant asked for consent; Anna takes over: the widget takes the old "Ja"
    away at once, and a stale press (a copy of the page) is refused with a clear note."""
    from sqlalchemy import select

    from bot.models import StaffUser

    with live_server(create_app(staff_app)) as base:
        context = chromium.new_context(viewport={"width": 360, "height": 740})
        try:
            resident = Page(context, base)
            resident.open_demo()
            resident.open_chat()
            resident.ask("ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit")
            consent = resident.page.locator(".vw-buttons:visible .vw-choice", has_text="Ja")
            consent.first.wait_for()
            # Keep a handle on the old button as a second copy of the page would have it.
            stale = int(
                consent.first.locator("xpath=ancestor::div[@data-id][1]").get_attribute("data-id")
            )
            with staff_app.sessions() as session:
                anna = session.scalar(select(StaffUser.id).where(StaffUser.username == "anna"))
            staff_app.takeovers.take(resident.conversation_id(), staff_id=anna, name="Anna")
            resident.page.locator(".vw-from-bot", has_text="U praat nu met Anna").wait_for()
            assert resident.page.locator(".vw-buttons:visible").count() == 0

            # The server refuses the old button even when a page still offers it.
            resident.page.locator(f'.vw-msg[data-id="{stale}"] .vw-buttons').evaluate(
                "group => { group.hidden = false; }"
            )
            resident.page.locator(".vw-buttons:visible .vw-choice").first.click()
            resident.page.locator(".vw-failed", has_text="Deze knop werkt niet meer").wait_for()
            assert staff_app.tickets.list("wt-lindenhof") == []
            assert resident.no_errors(allowed=("409",)) == []
        finally:
            context.close()
