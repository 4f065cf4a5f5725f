"""A volunteer steps into a resident's chat, in real browsers: the resident chats in the
widget on the demo page, the volunteer watches the live overview in the console, takes
over, replies as a person and hands back; a second volunteer cannot take the same
conversation, and the console keeps its other doors shut."""

from __future__ import annotations

import pytest

from bot.web.app import create_app
from tests.browser.test_widget import Page, screenshot
from tests.browser.test_widget import axe_source as axe_source  # the fixture, shared
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

    from bot.platform.models import StaffUser

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


# -- issue 15: live for volunteers, and the widget says who is writing ---------------------


def test_a_volunteer_follows_the_reply_live_and_the_widget_names_her(
    chromium, staff_app, logins, axe_source, tmp_path
):
    from tests.browser.test_live_overview import PHONE, axe_problems, no_sideways_scroll

    with live_server(create_app(staff_app)) as base:
        resident_context = chromium.new_context(viewport={"width": 1280, "height": 800})
        anna_context = chromium.new_context(locale="nl-NL", viewport=PHONE)
        try:
            resident = Page(resident_context, base)
            anna = anna_context.new_page()
            anna.set_default_timeout(15_000)
            anna_errors: list[str] = []
            anna.on("console", lambda m: anna_errors.append(m.text) if m.type == "error" else None)

            resident.open_demo()
            resident.open_chat()
            subtitle = resident.page.locator(".vw-subtitle")
            assert subtitle.inner_text() == "U chat met een digitale assistent."
            resident.ask("ik voel me zo alleen")
            conversation = resident.conversation_id()

            page_url = f"/console/conversations/{conversation}"
            sign_in(anna, base, "anna", logins["anna"].password, page_url)
            anna.click("button:has-text('Overnemen')")
            anna.wait_for_selector("textarea[name=text]")
            anna.wait_for_function("document.querySelector('#live-status.warn') === null")

            # The widget's header says who the resident is talking to now.
            resident.page.locator(".vw-from-bot", has_text="U praat nu met Anna").wait_for()
            resident.page.wait_for_function(
                """() => document.querySelector('[data-vraagwijzer-widget]').shadowRoot
                    .querySelector('.vw-subtitle').textContent
                    === 'U chat met Anna, vrijwilliger.'"""
            )

            # Ctrl+Enter sends; the bubble carries her name and role.
            anna.fill("textarea[name=text]", "Hoi, ik ben Anna. Vertel eens?")
            anna.press("textarea[name=text]", "Control+Enter")
            staff_line = resident.page.locator(".vw-from-staff", has_text="Hoi, ik ben Anna.")
            staff_line.wait_for()
            assert staff_line.locator(".vw-who").inner_text() == "Anna, vrijwilliger"
            anna.wait_for_url(f"**{page_url}*")
            anna.wait_for_function("document.querySelector('#live-status.warn') === null")
            title = anna.title()
            assert not title.startswith("(")

            # The resident's answer shows up without a reload, masked.
            marker = anna.evaluate("() => { window.__same_page = true; return 1; }")
            resident.say("ik zit de hele dag alleen thuis, bel 06 12345678")
            line = anna.locator("ol.transcript li.resident", has_text="de hele dag alleen thuis")
            line.wait_for()
            assert "[telefoon]" in line.inner_text()
            assert anna.evaluate("() => window.__same_page === true") == marker == 1

            # While Anna looks elsewhere, the tab's title counts the new messages.
            anna.evaluate("() => window.dispatchEvent(new Event('blur'))")
            resident.say("ben je er nog?")
            anna.locator("ol.transcript li.resident", has_text="ben je er nog?").wait_for()
            anna.wait_for_function(f"document.title === '(1) ' + {title!r}")
            anna.evaluate("() => window.dispatchEvent(new Event('focus'))")
            assert anna.title() == title
            assert (
                anna.evaluate("() => document.getElementById('notify').checked") is False
            )  # sound and notifications only when she turns them on

            assert no_sideways_scroll(anna)
            assert axe_problems(anna, base, axe_source) == []
            screenshot(anna, "conversation-phone.png", tmp_path, full_page=True)
            screenshot(resident.page, "widget-with-anna.png", tmp_path)

            # Handed back: the header is the assistant's again.
            anna.click("button:has-text('Teruggeven aan de assistent')")
            resident.page.wait_for_function(
                """() => document.querySelector('[data-vraagwijzer-widget]').shadowRoot
                    .querySelector('.vw-subtitle').textContent
                    === 'U chat met een digitale assistent.'"""
            )
            assert resident.no_errors() == []
            assert [e for e in anna_errors if "inline style" not in e] == []
        finally:
            for context in (resident_context, anna_context):
                context.close()
