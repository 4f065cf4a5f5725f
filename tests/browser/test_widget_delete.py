"""A resident deletes the conversation from the chat widget, in a real browser against the
product on loopback, under the demo page's strict Content-Security-Policy: with the mouse
and with the keyboard alone. Afterwards the conversation is gone from the database, the
browser keeps nothing of it, the resident reads a confirmation and can start again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.web.app import create_app
from tests.browser.test_widget import DESKTOP, SESSION, Page
from tests.browser.test_widget import axe_source as axe_source  # the fixture, shared
from tests.servers import live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def ui(chromium, staff_app) -> Iterator[Page]:
    with live_server(create_app(staff_app)) as base:
        context = chromium.new_context(viewport=DESKTOP, locale="nl-NL")
        yield Page(context, base)
        context.close()


def stored(app, conversation_id: str) -> bool:
    try:
        app.conversations.open_unchecked(conversation_id)
    except Exception:
        return False
    return True


def test_a_resident_deletes_the_conversation_and_can_start_again(ui, staff_app):
    ui.open_demo()
    page = ui.page
    assert page.locator(".vw-delete").is_hidden()  # nothing to delete yet
    ui.open_chat()
    ui.ask("ik zoek hulp bij mijn boodschappen")
    conversation = ui.conversation_id()
    assert stored(staff_app, conversation)

    delete = page.locator(".vw-delete")
    assert delete.inner_text() == "Verwijder dit gesprek"
    delete.click()
    confirm = page.locator(".vw-confirm")
    assert "Dit gesprek verwijderen?" in confirm.inner_text()
    assert "blijft bij het wijkteam" in confirm.inner_text()
    assert ui.focused()["text"] == "Nee, bewaren"  # the safe choice has focus
    # Changing one's mind deletes nothing.
    page.locator(".vw-confirm-no").click()
    assert confirm.is_hidden()
    assert stored(staff_app, conversation)

    delete.click()
    page.locator(".vw-confirm-yes").click()
    notice = page.locator(".vw-deleted")
    notice.wait_for()
    assert "Dit gesprek is verwijderd uit ons systeem." in notice.inner_text()
    assert not stored(staff_app, conversation)
    assert page.locator(".vw-msg[data-id]").count() == 0
    assert page.evaluate(SESSION) is None  # the browser keeps nothing of it
    assert delete.is_hidden()
    assert ui.focused()["text"] == "Nieuw gesprek beginnen"

    page.locator(".vw-deleted .vw-choice").click()
    page.locator(".vw-from-bot").first.wait_for()
    assert notice.count() == 0
    assert ui.conversation_id() not in (None, conversation)
    assert delete.is_visible()
    assert ui.no_errors() == []


def test_deleting_works_with_the_keyboard_alone(ui, staff_app):
    ui.open_demo()
    page = ui.page
    ui.open_chat()
    conversation = ui.conversation_id()
    # From the input: the send button, then the delete action.
    page.locator(".vw-input").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert ui.focused()["cls"] == "vw-delete"
    assert ui.focused()["outline"] != "none"
    page.keyboard.press("Enter")
    assert ui.focused()["text"] == "Nee, bewaren"
    # Escape takes the question back (the panel stays open), focus returns.
    page.keyboard.press("Escape")
    assert page.locator(".vw-confirm").is_hidden()
    assert page.locator(".vw-panel").is_visible()
    assert ui.focused()["cls"] == "vw-delete"
    assert stored(staff_app, conversation)

    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert ui.focused()["text"] == "Ja, verwijderen"
    page.keyboard.press("Enter")
    page.locator(".vw-deleted").wait_for()
    assert not stored(staff_app, conversation)
    assert ui.focused()["text"] == "Nieuw gesprek beginnen"

    # Typing a new question starts a new conversation by itself.
    before = ui.bot_count()
    ui.say("is er een taalcafe")
    ui.wait_for_bot(before + 1)
    assert ui.conversation_id() != conversation
    assert page.locator(".vw-deleted").count() == 0
    assert ui.no_errors() == []


def test_a_failed_delete_says_so_and_keeps_the_question(ui, staff_app):
    ui.open_demo()
    page = ui.page
    ui.open_chat()
    conversation = ui.conversation_id()
    page.locator(".vw-delete").click()
    ui.context.set_offline(True)
    page.locator(".vw-confirm-yes").click()
    failed = page.locator(".vw-delete-failed")
    failed.wait_for()
    assert "kon niet worden verwijderd" in failed.inner_text()
    assert stored(staff_app, conversation)
    ui.context.set_offline(False)
    page.locator(".vw-confirm-yes").click()
    page.locator(".vw-deleted").wait_for()
    assert not stored(staff_app, conversation)
    offline = ("ERR_INTERNET_DISCONNECTED", "Failed to fetch")
    assert ui.no_errors(allowed=offline) == []


def test_the_question_and_the_confirmation_pass_axe(ui, axe_source):
    page = ui.page
    page.route(
        f"{ui.base}/__axe.js",
        lambda route: route.fulfill(body=axe_source, content_type="text/javascript"),
    )
    ui.open_demo()
    ui.open_chat()

    def serious_problems() -> list[str]:
        page.add_script_tag(url=f"{ui.base}/__axe.js")
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
        )
        return [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    page.locator(".vw-delete").click()
    assert serious_problems() == []
    page.locator(".vw-confirm-yes").click()
    page.locator(".vw-deleted").wait_for()
    assert serious_problems() == []
    # axe itself measures with inline styles, which the page's CSP (rightly) refuses.
    assert [e for e in ui.no_errors() if "inline style" not in e] == []
