"""A volunteer watches the live overview in a real browser while 200 conversations are
going on, and a resident's new message shows up by itself (the time it takes is printed
for the record, not asserted: speed is measured, not tested)."""

from __future__ import annotations

import time

import pytest

from bot.conversation.messages import Incoming
from bot.web.app import create_app
from tests.browser.test_widget import axe_source as axe_source  # the fixture, shared
from tests.browser.test_widget import screenshot
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


# -- issue 15: what a volunteer reads in the overview, on a phone too ------------------------

PHONE = {"width": 360, "height": 740}
SERIOUS = ("serious", "critical")


def axe_problems(page, base: str, axe_source: str) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now; axe is served
    from the page's own origin, so the console's CSP lets it run."""
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
        if v["impact"] in SERIOUS
    ]


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def sign_in(page, base: str, username: str, password: str, target: str) -> None:
    page.goto(base + target)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base + target)


def test_the_overview_on_a_phone_previews_masked_in_dutch_and_reviewed_clears(
    chromium, staff_app, logins, clock, axe_source, tmp_path
):
    asked = staff_app.conversations.start(channel="web", locale="nl").conversation_id
    staff_app.conversations.receive(
        asked, Incoming(text="ik wil met een echt mens praten, bel me op 06 12345678")
    )
    debts = staff_app.conversations.start(channel="web", locale="nl").conversation_id
    staff_app.conversations.receive(debts, Incoming(text="ik heb schulden en kom er niet uit"))
    clock.advance(minutes=3)

    errors: list[str] = []
    with live_server(create_app(staff_app)) as base:
        context = chromium.new_context(viewport=PHONE, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        sign_in(page, base, "anna", logins["anna"].password, "/console/live")
        page.wait_for_function("document.querySelector('#live-status.warn') === null")

        # Rows are cards: nothing sticks out sideways, each card says what each value is.
        assert no_sideways_scroll(page)
        row = page.locator(f'#live-rows tr[data-id="{asked}"]')
        assert (
            page.evaluate("getComputedStyle(document.querySelector('#live-rows td')).display")
            == "block"
        )
        text = row.inner_text()
        preview = row.locator("td.preview")
        assert preview.get_attribute("data-label") == "Inwoner schreef"
        assert preview.inner_text() == "ik wil met een echt mens praten, bel me op [telefoon]"
        assert "12345678" not in page.content()
        assert "Vraagt om een mens" in text
        assert "(3 min geleden)" in text
        debts_text = page.locator(f'#live-rows tr[data-id="{debts}"]').inner_text()
        assert "Voor het wijkteam" in debts_text
        assert "Geld en schulden" in debts_text
        assert "Vraagt om een mens" not in debts_text  # referred on, not asked for a person
        box = row.bounding_box()
        assert box is not None
        assert 0 <= box["x"] <= box["x"] + box["width"] <= PHONE["width"]
        assert axe_problems(page, base, axe_source) == []

        # While Anna looks elsewhere, the title counts conversations that newly need her.
        title = page.title()
        page.evaluate("() => window.dispatchEvent(new Event('blur'))")
        later = staff_app.conversations.start(channel="web", locale="nl").conversation_id
        staff_app.conversations.receive(later, Incoming(text="kan ik met een mens praten"))
        page.locator(f'#live-rows tr[data-id="{later}"]').wait_for()
        page.wait_for_function(f"document.title === '(1) ' + {title!r}")
        page.evaluate("() => window.dispatchEvent(new Event('focus'))")
        assert page.title() == title

        row.locator("button", has_text="Bekeken").click()
        page.wait_for_url(f"{base}/console/live?reviewed=1")
        assert (
            page.locator("p.saved[role=status]").inner_text().startswith("Gemarkeerd als bekeken")
        )
        text = page.locator(f'#live-rows tr[data-id="{asked}"]').inner_text()
        assert "Vraagt om een mens" not in text
        assert "Bekeken door Anna" in text
        assert no_sideways_scroll(page)
        screenshot(page, "live-phone.png", tmp_path, full_page=True)
        context.close()
    # axe itself measures with inline styles, which the page's CSP (rightly) refuses.
    assert [e for e in errors if "inline style" not in e] == []
