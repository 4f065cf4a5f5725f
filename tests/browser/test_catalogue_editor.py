"""An editor keeps a provision current in a real browser: signs in, finds it, makes a
mistake and sees where, fixes it, checks the history, and stops showing it; the card as a
resident sees it follows the typing, with hints for plain Dutch; the admins' pages on a
phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bot.web.app import create_app
from tests.browser.test_live_overview import PHONE, axe_problems, no_sideways_scroll
from tests.browser.test_live_overview import axe_source as axe_source  # the fixture, shared
from tests.browser.test_widget import screenshot
from tests.servers import live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_an_editor_updates_a_provision_in_the_browser(chromium, staff_app, logins):
    errors: list[str] = []
    with live_server(create_app(staff_app)) as base:
        context = chromium.new_context(locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        page.goto(f"{base}/console/catalogue")
        assert "/console/signin" in page.url
        page.fill("input[name=username]", "eline")
        page.fill("input[name=password]", logins["eline"].password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/console/catalogue")

        page.fill("input[name=q]", "klusdienst centrum")
        page.click("form.filters button[type=submit]")
        page.click("text=Klusdienst Centrum en Havenkwartier")
        page.wait_for_url("**/console/catalogue/klusdienst-centrum-havenkwartier")

        # The form's parts fold: the first two are open, the others open with a click.
        where = page.locator("details#s-where")
        assert where.get_attribute("open") is None
        assert page.locator("details#s-texts").get_attribute("open") is not None
        page.click("details#s-where > summary")
        page.fill("input[name=opening_hours]", "ma 14:00-12:00")
        page.click("form.edit button[type=submit]")
        # A part with a mistake comes back open, and says so while folded.
        assert where.get_attribute("open") is not None
        assert "1 veld om te verbeteren" in where.locator("summary").inner_text()
        assert page.locator("details#s-cost").get_attribute("open") is None
        problem = page.locator("#opening_hours-problem")
        assert "Een sluitingstijd komt vóór de openingstijd." in problem.inner_text()
        assert page.locator("h1").inner_text() == "Klusdienst Centrum en Havenkwartier"
        assert page.locator("input[name=opening_hours]").input_value() == "ma 14:00-12:00"

        page.fill("input[name=opening_hours]", "ma-wo 09:00-12:00; do 13:00-16:00")
        page.click("form.edit button[type=submit]")
        assert page.locator(".saved").inner_text() == "Opgeslagen."
        assert "wo 09:00-12:00" in page.locator("input[name=opening_hours]").input_value()

        page.click("text=Geschiedenis")
        assert "Eline (redactie)" in page.locator("ol.history").inner_text()
        assert page.locator("ol.history del").first.inner_text().strip() == "ma-vr 09:00-17:00" or (
            page.locator("ol.history ins").count() >= 1
        )
        page.go_back()

        page.click("text=Niet meer tonen")
        assert "Inwoners zien deze voorziening niet meer." in page.locator(".notice").inner_text()
        context.close()
    assert staff_app.catalogue.provision("klusdienst-centrum-havenkwartier") is None
    # The one expected: the form with a mistake comes back as 422 Unprocessable Entity.
    assert [e for e in errors if "422" not in e] == []


def test_the_preview_follows_the_typing_with_b1_hints(
    chromium, staff_app, logins, axe_source, tmp_path
):
    errors: list[str] = []
    with live_server(create_app(staff_app)) as base:
        context = chromium.new_context(locale="nl-NL", viewport=PHONE)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{base}/console/catalogue/new")
        page.fill("input[name=username]", "eline")
        page.fill("input[name=password]", logins["eline"].password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/console/catalogue/new")

        card = page.locator("#preview-card")
        page.fill("input[name=name]", "Klusjes aan huis")
        page.fill("input[name=summary]", "Hulp bij kleine klussen in huis.")
        page.click("details#s-contact > summary")
        page.fill("input[name=phone]", "0344 55 12 34")
        expect(card.locator(".vw-card-key")).to_contain_text("0344 55 12 34")
        assert card.locator(".vw-card-name").inner_text() == "Klusjes aan huis"
        assert card.locator(".vw-card-summary").inner_text() == "Hulp bij kleine klussen in huis."
        assert "Gratis" in card.locator(".vw-card-key").inner_text()
        assert card.locator("details.vw-more").get_attribute("open") is None
        assert "Meer informatie" in card.locator("summary").inner_text()

        page.fill(
            "textarea[name=description]",
            "Het wijkteam gaat eerst indiceren. Daarna wordt u door een vrijwilliger geholpen.",
        )
        hints = page.locator("#description-hints")
        hints.locator("li").first.wait_for()
        text = hints.inner_text()
        assert "“indiceren” is een moeilijk woord" in text
        assert "bepalen welke hulp u krijgt" in text
        assert "Lijdende vorm" in text
        hints.scroll_into_view_if_needed()
        screenshot(page, "catalogue-editor-hints-phone.png", tmp_path)
        page.fill("textarea[name=description]", "Het wijkteam kijkt welke hulp u krijgt.")
        expect(hints.locator("li")).to_have_count(0)
        card.locator("summary").click()
        assert "Het wijkteam kijkt welke hulp u krijgt." in card.inner_text()
        card.scroll_into_view_if_needed()
        screenshot(page, "catalogue-editor-preview-phone.png", tmp_path)

        assert no_sideways_scroll(page)
        assert axe_problems(page, base, axe_source) == []
        for path in ("/console/catalogue", "/console/catalogue?q=schuldhulp"):
            page.goto(base + path)
            assert no_sideways_scroll(page), path
            assert axe_problems(page, base, axe_source) == [], path
        first = page.locator("table.list tbody tr").first.inner_text()
        assert first.startswith("Schuldhulp Kredietbank")
        context.close()
    assert [e for e in errors if "inline style" not in e] == []


def test_the_access_log_and_accounts_on_a_phone(chromium, staff_app, logins, axe_source, tmp_path):
    from tests.bot.console.test_console_inbox import referral

    reference = referral(staff_app)
    with live_server(create_app(staff_app)) as base:
        context = chromium.new_context(locale="nl-NL", viewport=PHONE)
        page = context.new_page()
        page.set_default_timeout(10_000)
        for username, target in (
            ("team-lindenhof", f"/console/tickets/{reference}"),
            ("admin", "/console/admin/access-log"),
        ):
            context.clear_cookies()
            page.goto(base + target)
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", logins[username].password)
            page.click("button[type=submit]")
            page.wait_for_url(base + target)
            if username == "team-lindenhof":
                # The team member also downloads the inbox as CSV: that is logged too.
                page.goto(base + "/console/tickets")
                with page.expect_download() as download:
                    page.click("text=Downloaden als CSV")
                assert download.value.suggested_filename.endswith(".csv")
        rows = page.locator("table.access-log tbody tr")
        assert rows.count() == 2
        assert "Melding in een CSV-export" in rows.nth(0).inner_text()
        row = rows.nth(1).inner_text()
        assert "Melding" in row
        assert reference in row
        assert "Medewerker wijkteam" in row
        page.select_option("select[name=person]", "team-lindenhof")
        page.fill("input[name=conversation]", reference)
        page.click("button:has-text('Filter')")
        page.wait_for_url("**person=team-lindenhof**")
        assert rows.count() == 2
        assert all(reference in text for text in rows.all_inner_texts())
        page.fill("input[name=conversation]", "VW-0000-00")
        page.click("button:has-text('Filter')")
        page.wait_for_url("**conversation=VW-0000-00**")
        assert "In deze periode is niets geopend." in rows.first.inner_text()
        page.goto(base + "/console/admin/access-log")
        assert no_sideways_scroll(page)
        screenshot(page, "access-log-phone.png", tmp_path)
        assert axe_problems(page, base, axe_source) == []
        page.goto(f"{base}/console/admin/users")
        assert "25 november 2026 10:00" in page.locator("table.accounts tbody").inner_text()
        assert no_sideways_scroll(page)
        assert axe_problems(page, base, axe_source) == []
        context.close()
