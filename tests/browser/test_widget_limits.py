"""The widget at the server's limits, in a real browser: a message that is too long is
not sent (and not cut short) until the resident shortens it, and a resident over the rate
limit is asked to wait, not told the connection is gone; the message goes by itself after
the wait. All under the demo page's strict Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.web.app import create_app
from tests.browser.test_widget import DESKTOP, Page
from tests.conftest import make_app
from tests.servers import live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIMIT = 100


@pytest.fixture
def limited(chromium, sqlite_url, tmp_path, analyzer, clock) -> Iterator[tuple[Page, object]]:
    application = make_app(
        sqlite_url,
        tmp_path,
        analyzer,
        clock,
        max_message_chars=LIMIT,
        # Two messages per two seconds: reached at once, and over in a moment.
        rate_messages_per_conversation="2/2 seconds",
    )
    with live_server(create_app(application)) as base:
        context = chromium.new_context(viewport=DESKTOP, locale="nl-NL")
        try:
            yield Page(context, base), application
        finally:
            context.close()
    application.close()


def resident_texts(application, conversation_id: str) -> list[str]:
    return [
        m.text
        for m in application.conversations.log(conversation_id)
        if m.sender.value == "resident"
    ]


def test_a_too_long_message_waits_in_the_box_until_it_is_shorter(limited):
    ui, application = limited
    ui.open_demo()
    ui.open_chat()
    page = ui.page
    hint = page.locator(".vw-hint")
    box = page.locator(".vw-input")
    long_text = "Ik heb een vraag over mijn huur en mijn schulden. " * 3  # 150 characters
    box.fill(long_text)
    hint.wait_for()
    assert "hooguit 100 tekens" in hint.text_content()
    assert box.get_attribute("aria-invalid") == "true"
    page.keyboard.press("Enter")
    # Not sent, not cut short: the whole text is still there to shorten.
    assert page.locator(".vw-from-resident").count() == 0
    assert box.input_value() == long_text
    assert box.evaluate("node => node.maxLength") == -1  # no silent truncation on paste

    before = ui.bot_count()
    box.fill("Ik heb een vraag over mijn huur en mijn schulden.")
    hint.wait_for(state="hidden")
    assert box.get_attribute("aria-invalid") is None
    page.keyboard.press("Enter")
    ui.wait_for_bot(before)
    assert resident_texts(application, ui.conversation_id()) == [
        "Ik heb een vraag over mijn huur en mijn schulden."
    ]
    assert ui.no_errors() == []


def test_over_the_rate_limit_the_resident_is_asked_to_wait_and_it_goes_by_itself(limited):
    ui, application = limited
    ui.open_demo()
    ui.open_chat()
    page = ui.page
    refused: list[int] = []
    page.on("response", lambda r: refused.append(r.status) if r.status == 429 else None)
    for text in ("waar is het buurthuis", "is er een klussendienst", "dank je wel"):
        ui.say(text)
    note = page.locator(".vw-from-resident .vw-note", has_text="Wacht even")
    note.wait_for()
    assert "veel berichten" in note.text_content()
    # Said at the top too (the message may be below an answer being read), and not as a
    # lost connection.
    assert "veel berichten" in page.locator(".vw-status").text_content()
    assert "verbinding" not in page.locator(".vw-status").text_content()
    # After Retry-After the widget sends it again, and it is answered; the notice goes.
    page.locator(".vw-from-resident:not(.vw-pending)", has_text="dank je wel").wait_for()
    page.locator(".vw-status").wait_for(state="hidden")
    page.wait_for_function(
        "() => !document.querySelector('[data-vraagwijzer-widget]')"
        ".shadowRoot.querySelector('.vw-pending')"
    )
    assert refused
    assert resident_texts(application, ui.conversation_id()) == [
        "waar is het buurthuis",
        "is er een klussendienst",
        "dank je wel",
    ]
    # The browser logs a refused request as an error; nothing else may be there.
    assert ui.no_errors(allowed=("429",)) == []
