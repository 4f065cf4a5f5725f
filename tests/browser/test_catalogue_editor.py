"""An editor keeps a provision current in a real browser: signs in, finds it, makes a
mistake and sees where, fixes it, checks the history, and retires it."""

from __future__ import annotations

import pytest

from bot.web.app import create_app
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

        page.fill("input[name=opening_hours]", "ma 14:00-12:00")
        page.click("form.edit button[type=submit]")
        problem = page.locator("#opening_hours-problem")
        assert "opens at 14:00 but closes at 12:00" in problem.inner_text()
        assert page.locator("input[name=opening_hours]").input_value() == "ma 14:00-12:00"

        page.fill("input[name=opening_hours]", "ma-wo 09:00-12:00; do 13:00-16:00")
        page.click("form.edit button[type=submit]")
        assert page.locator(".saved").inner_text() == "Opgeslagen."
        assert "wo 09:00-12:00" in page.locator("input[name=opening_hours]").input_value()

        page.click("text=Geschiedenis")
        assert "Eline (redactie)" in page.locator("table.history").inner_text()
        page.go_back()

        page.click("button.danger")
        assert "inwoners zien haar niet" in page.locator(".notice").inner_text()
        context.close()
    assert staff_app.catalogue.provision("klusdienst-centrum-havenkwartier") is None
    # The one expected: the form with a mistake comes back as 422 Unprocessable Entity.
    assert [e for e in errors if "422" not in e] == []
