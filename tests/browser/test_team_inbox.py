"""Issue 15 in real browsers: a district team member finds a referral in the inbox,
answers a resident who chose "Hier in de chat" from the ticket page, and the resident
reads it in the widget, also after closing the chat and reloading the page. The inbox's
search and "Mijn meldingen", a phone's 360 px, and axe on both pages."""

from __future__ import annotations

import pytest

from bot.conversation.messages import Incoming
from bot.web.app import create_app
from tests.browser.test_volunteer_takeover import sign_in
from tests.browser.test_widget import Page, screenshot
from tests.browser.test_widget import axe_source as axe_source  # the fixture, shared
from tests.servers import live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STORY = "ik heb schulden, de deurwaarder komt en ik kom er echt niet meer uit"
PHONE = {"width": 360, "height": 740}


def axe_problems(page, base: str, axe_source: str) -> list[str]:
    """Serious and critical axe findings on the page as it is now."""
    page.route(
        f"{base}/__axe.js",
        lambda route: route.fulfill(body=axe_source, content_type="text/javascript"),
    )
    page.add_script_tag(url=f"{base}/__axe.js")
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def referral_by_phone(app, name: str, postcode: str) -> str:
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


def fits_the_width(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_a_team_member_answers_a_chat_referral_and_the_resident_reads_it(
    chromium, staff_app, logins, axe_source, tmp_path
):
    with live_server(create_app(staff_app)) as base:
        resident_context = chromium.new_context(viewport={"width": 1280, "height": 800})
        team_context = chromium.new_context(locale="nl-NL")
        try:
            resident = Page(resident_context, base)
            resident.open_demo()
            resident.open_chat()
            resident.ask(STORY)
            resident.press("Ja, dat is goed")
            resident.press("Hier in de chat")
            resident.ask("4121 AB")
            resident.press("Overslaan")
            resident.press("Versturen")
            reference = resident.page.locator(".vw-ticket strong").inner_text()
            assert reference.startswith("VW-")

            team = team_context.new_page()
            team.set_default_timeout(15_000)
            sign_in(
                team, base, "team-lindenhof", logins["team-lindenhof"].password, "/console/tickets"
            )
            team.fill("input[name=q]", reference)
            team.click("button:has-text('Filter')")
            team.click(f"a:has-text('{reference}')")
            team.wait_for_url(f"**/console/tickets/{reference}")
            assert "Hier in de chat" in team.locator("main").inner_text()
            assert axe_problems(team, base, axe_source) == []

            team.click("button:has-text('Ik pak het op')")
            team.wait_for_url(f"**/console/tickets/{reference}")
            resident.page.locator(".vw-from-bot", has_text="heeft uw vraag").last.wait_for()

            team.fill(
                "#chat-reply", "Goedemiddag, ik ben van het wijkteam. Mag ik u dinsdag bellen?"
            )
            team.click("button:has-text('Versturen in de chat')")
            team.wait_for_url(f"**/console/tickets/{reference}#chat")
            answer = resident.page.locator(".vw-from-staff", has_text="Mag ik u dinsdag bellen?")
            answer.wait_for()

            # Closed and the page reloaded: the answer is still there.
            resident.page.locator(".vw-close").click()
            resident.page.reload()
            resident.page.locator(".vw-launcher").wait_for()
            if not resident.page.locator(".vw-panel:visible").count():
                resident.page.locator(".vw-launcher").click()
            resident.page.locator(".vw-from-staff", has_text="Mag ik u dinsdag bellen?").wait_for()

            # The resident answers; the team member reads it on the ticket page.
            resident.say("Ja, dinsdagochtend is goed")
            resident.page.locator(".vw-from-resident", has_text="dinsdagochtend").wait_for()
            team.reload()
            chat = team.locator("#chat")
            chat.locator("li", has_text="Ja, dinsdagochtend is goed").wait_for()
            assert "Mag ik u dinsdag bellen?" in chat.inner_text()
            screenshot(team, "team-ticket-chat-desktop.png", tmp_path)
            team.set_viewport_size(PHONE)
            team.reload()
            assert fits_the_width(team)
            assert staff_app.tickets.get(reference).status.value == "contacted"
            assert axe_problems(team, base, axe_source) == []
            assert resident.no_errors() == []
        finally:
            resident_context.close()
            team_context.close()


def test_search_mine_and_a_phone_screen(chromium, staff_app, logins, axe_source, tmp_path):
    fatima = referral_by_phone(staff_app, "Fatima Yilmaz", "4121 AB")
    piet = referral_by_phone(staff_app, "Piet Jansen", "4127 XZ")
    with live_server(create_app(staff_app)) as base:
        context = chromium.new_context(viewport=PHONE, locale="nl-NL")
        try:
            page = context.new_page()
            page.set_default_timeout(15_000)
            sign_in(
                page, base, "team-lindenhof", logins["team-lindenhof"].password, "/console/tickets"
            )
            rows = page.locator("table.inbox tbody tr")
            assert rows.count() == 2
            assert fits_the_width(page)
            # On a phone every row is a card: the header row is hidden, cells stack.
            assert (
                page.locator("table.inbox tbody td").first.evaluate(
                    "td => getComputedStyle(td).display"
                )
                == "block"
            )
            assert axe_problems(page, base, axe_source) == []
            screenshot(page, "team-inbox-phone.png", tmp_path)

            page.fill("input[name=q]", "4127 xz")
            page.click("button:has-text('Filter')")
            assert rows.count() == 1
            assert piet in rows.first.inner_text()
            page.fill("input[name=q]", "yilmaz")
            page.click("button:has-text('Filter')")
            assert rows.count() == 1
            assert fatima in rows.first.inner_text()

            rows.first.locator("a").click()
            page.wait_for_url(f"**/console/tickets/{fatima}")
            assert fits_the_width(page)
            assert axe_problems(page, base, axe_source) == []
            screenshot(page, "team-ticket-phone.png", tmp_path)
            page.click("button:has-text('Ik pak het op')")
            page.wait_for_url(f"**/console/tickets/{fatima}")

            page.goto(f"{base}/console/tickets")
            page.check("input[name=mine]")
            page.click("button:has-text('Filter')")
            assert rows.count() == 1
            assert fatima in rows.first.inner_text()
            assert "Opgepakt" in rows.first.inner_text()
            assert fits_the_width(page)
        finally:
            context.close()
