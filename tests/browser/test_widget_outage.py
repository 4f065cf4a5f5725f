"""The chat widget while the server's database cannot be written (another process holds
SQLite's write lock): the resident reads the server's notice with the crisis numbers,
their message stays and is sent again by itself, and the conversation goes on once the
database is back, with the message stored and answered once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from bot.web.app import create_app
from tests.bot.platform.test_faults_database import SqliteLocked, short_busy_timeout
from tests.browser.test_widget import DESKTOP, Page, resident_messages
from tests.servers import live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION = "is er een klussendienst in de buurt"


@pytest.fixture
def outage(staff_app) -> Iterator[SqliteLocked]:
    event.listen(staff_app.db, "connect", short_busy_timeout)
    staff_app.db.dispose()
    locked = SqliteLocked(Path(staff_app.settings.resolved_database_url.removeprefix("sqlite:///")))
    yield locked
    locked.end()


@pytest.mark.parametrize("locale", ["nl-NL", "en-GB"])
def test_the_resident_reads_the_notice_and_the_message_goes_when_it_is_back(
    chromium, staff_app, outage, locale
):
    context = chromium.new_context(viewport=DESKTOP, locale=locale)
    try:
        with live_server(create_app(staff_app)) as base:
            ui = Page(context, base)
            ui.open_demo()
            ui.open_chat()
            if locale.startswith("en"):
                # The page is Dutch, the resident is not: the widget and the conversation
                # switch to English, and so does the server's notice.
                before = ui.bot_count()
                ui.page.locator(".vw-lang").click()
                ui.wait_for_bot(before)
            conversation = ui.conversation_id()

            outage.begin()
            ui.say(QUESTION)
            notice = ui.page.locator(".vw-outage")
            notice.wait_for()
            if locale.startswith("en"):
                assert "try again in a few minutes" in notice.inner_text()
                assert notice.get_attribute("lang") == "en"
            else:
                assert "Sorry, er gaat nu iets mis bij ons" in notice.inner_text()
            crisis = notice.locator(".vw-outage-crisis").inner_text()
            for number in ("112", "0800-0113", "0344 55 10 00"):
                assert number in crisis
            pending = ui.page.locator(".vw-pending")
            assert pending.locator(".vw-text").inner_text() == QUESTION
            pending.locator(".vw-retry").wait_for()
            # The connection itself is fine: no "no connection" beside the notice.
            assert ui.page.locator(".vw-status").is_hidden()
            assert QUESTION not in resident_messages(staff_app, conversation)

            before = ui.bot_count()
            outage.end()
            ui.wait_for_bot(before)  # the widget tried again by itself
            pending.wait_for(state="detached")
            notice.wait_for(state="hidden")
            assert resident_messages(staff_app, conversation).count(QUESTION) == 1
            assert ui.page.locator(".vw-from-resident", has_text=QUESTION).count() == 1
            assert ui.shown_ids() == [m.id for m in staff_app.conversations.log(conversation)]
            assert ui.no_errors(allowed=("status of 503",)) == []
    finally:
        context.close()
