"""The insights page in a real browser, as a policy officer uses it: a year of demo counts,
charts with their tables, a week view where small counts are hidden, a district, the CSV,
the monthly report as printed; axe on the page, at desktop and phone width."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.demo.insights import district_teams, seed_year
from bot.insights.rollup import local_day
from bot.web.app import create_app
from tests.browser.test_team_inbox import axe_problems, fits_the_width
from tests.browser.test_volunteer_takeover import sign_in
from tests.browser.test_widget import axe_source as axe_source  # the fixture, shared
from tests.browser.test_widget import screenshot
from tests.servers import live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_policy_officer_reads_the_insights(chromium, staff_app, logins, axe_source, tmp_path):
    app = staff_app
    seed_year(
        app.sessions,
        end=local_day(app.clock()) - timedelta(days=1),
        districts=[d.id for d in app.directory.districts()],
        teams=[t.id for t in app.directory.teams()],
        provisions=[p.id for p in app.catalogue.provisions()],
        per_day=120,
        team_of=district_teams(app.directory),
    )
    with live_server(create_app(app)) as base:
        context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.set_default_timeout(15_000)
            sign_in(page, base, "pieter", logins["pieter"].password, "/console/insights")
            assert page.locator("h1").inner_text() == "Inzichten"
            charts = page.locator("svg[role=img]")
            assert charts.count() >= 5
            # Every chart has a title and a summary for screen readers, and a table.
            first = charts.first
            assert first.locator("title").count() == 1
            assert first.locator("desc").text_content()
            assert page.locator("table.figures").count() >= 8
            assert "Geld en schulden" in page.locator("#t-domains").locator("..").inner_text()
            assert axe_problems(page, base, axe_source) == []
            screenshot(page, "insights-desktop.png", tmp_path, full_page=False)

            # By week, rare languages are hidden: "< 10", and never their count.
            page.select_option("select[name=bucket]", "week")
            page.click("button:has-text('Tonen')")
            page.wait_for_url("**bucket=week**")
            assert page.locator(".suppressed").count() > 0
            assert "< 10" in page.locator(".suppressed").first.inner_text()

            # One district.
            district = app.directory.districts()[0]
            page.select_option("select[name=district]", district.id)
            page.click("button:has-text('Tonen')")
            page.wait_for_url(f"**district={district.id}**")
            assert f"Wijk: {district.name}" in page.locator("p[role=status]").inner_text()

            with page.expect_download() as download:
                page.click("text=Downloaden als CSV")
            assert download.value.suggested_filename.startswith("insights-")

            page.click("text=Maandrapport om te printen")
            page.wait_for_url("**/console/insights/report**")
            page.emulate_media(media="print")
            assert page.locator("header.top").is_hidden()
            assert page.locator("h1").inner_text().startswith("Sociaal domein")
            page.emulate_media(media="screen")

            phone = context.new_page()
            phone.set_viewport_size({"width": 360, "height": 740})
            phone.goto(f"{base}/console/insights")
            assert fits_the_width(phone)
            assert axe_problems(phone, base, axe_source) == []
            screenshot(phone, "insights-phone.png", tmp_path)
        finally:
            context.close()
