"""The chat widget on the demo page, in a real browser against the product on loopback: a
resident's question answered with provision cards, a referral to the district team made
with buttons, a reload and a network drop in the middle, keyboard-only use, a phone
screen and 200% zoom, the language switch, and an axe-core accessibility scan.

The page is served with its strict Content-Security-Policy, so every test also checks
that the widget runs without a single violation or script error. The tests save the
screenshots shown in the README (docs/screenshots/).
"""

from __future__ import annotations

import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.platform.db import unit_of_work
from bot.platform.models import Message
from bot.web.app import create_app
from tests.conftest import ROOT
from tests.servers import live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = ROOT / "docs" / "screenshots"


def screenshot(page, name: str, tmp: Path, *, full_page: bool = False) -> None:
    """Always taken (it must work); written over the tracked one in docs/screenshots only
    by `make screenshots`, so that `make test` leaves a clone as it found it."""
    folder = SCREENSHOTS if os.environ.get("VRAAGWIJZER_SCREENSHOTS") == "1" else tmp
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=full_page)


AXE_VERSION = "4.10.3"
AXE_CACHE = ROOT / "var" / "test-cache" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

# The element that has focus, looking into the widget's shadow root.
FOCUSED = """() => {
  const active = document.activeElement;
  const inner = active && active.shadowRoot ? active.shadowRoot.activeElement : active;
  if (!inner) return null;
  return {cls: inner.className, tag: inner.tagName, text: inner.textContent,
          outline: getComputedStyle(inner).outlineStyle};
}"""
SESSION = """() => JSON.parse(sessionStorage.getItem('vraagwijzer:' + location.origin))"""


class Page:
    """A browser page on the demo site that records errors and CSP violations."""

    def __init__(self, context, base: str) -> None:
        self.context = context
        self.base = base
        self.page = context.new_page()
        self.page.set_default_timeout(15_000)
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def open_demo(self) -> None:
        self.page.goto(self.base + "/")
        self.page.locator(".vw-launcher").wait_for()

    def open_chat(self) -> None:
        self.page.locator(".vw-launcher").click()
        self.page.locator(".vw-from-bot").first.wait_for()

    def say(self, text: str) -> None:
        self.page.locator(".vw-input").fill(text)
        self.page.keyboard.press("Enter")

    def bot_count(self) -> int:
        return self.page.locator(".vw-from-bot").count()

    def wait_for_bot(self, after: int) -> None:
        self.page.locator(".vw-from-bot").nth(after).wait_for()
        self.page.locator(".vw-typing").wait_for(state="hidden")

    def press(self, label: str) -> None:
        before = self.bot_count()
        self.page.locator(".vw-buttons:visible .vw-choice", has_text=label).click()
        self.wait_for_bot(before)

    def ask(self, text: str) -> None:
        before = self.bot_count()
        self.say(text)
        self.wait_for_bot(before)

    def focused(self) -> dict[str, str] | None:
        return self.page.evaluate(FOCUSED)

    def conversation_id(self) -> str:
        return self.page.evaluate(SESSION)["id"]

    def shown_ids(self) -> list[int]:
        return [
            int(i)
            for i in self.page.locator(".vw-msg[data-id]").evaluate_all(
                "nodes => nodes.map(n => n.dataset.id)"
            )
        ]

    def no_errors(self, allowed: tuple[str, ...] = ()) -> list[str]:
        return [e for e in self.errors if not any(a in e for a in allowed)]


@pytest.fixture
def served(staff_app) -> Iterator[str]:
    with live_server(create_app(staff_app)) as base:
        yield base


@pytest.fixture
def desktop(chromium, served) -> Iterator[Page]:
    context = chromium.new_context(viewport=DESKTOP, locale="nl-NL")
    yield Page(context, served)
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from the npm registry, packed once into the test cache (not committed)."""
    if not AXE_CACHE.exists():
        with tempfile.TemporaryDirectory() as tmp:
            try:
                subprocess.run(
                    ["npm", "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", tmp],
                    check=True,
                    capture_output=True,
                    timeout=120,
                )
            except (OSError, subprocess.SubprocessError) as exc:
                pytest.fail(f"could not fetch axe-core with npm: {exc}")
            (tarball,) = Path(tmp).glob("axe-core-*.tgz")
            with tarfile.open(tarball) as archive:
                member = archive.extractfile("package/axe.min.js")
                assert member is not None
                AXE_CACHE.parent.mkdir(parents=True, exist_ok=True)
                AXE_CACHE.write_bytes(member.read())
    return AXE_CACHE.read_text(encoding="utf-8")


def resident_messages(app, conversation_id: str) -> list[str]:
    return [m.text for m in app.conversations.log(conversation_id) if m.sender.value == "resident"]


def test_a_resident_finds_help_and_is_referred_to_the_district_team(desktop, staff_app, tmp_path):
    ui = desktop
    ui.open_demo()
    assert ui.page.locator("h1").inner_text() == "Zorg en ondersteuning"
    assert ui.page.locator(".vw-launcher").inner_text() == "Chat met ons"
    ui.open_chat()
    assert ui.focused()["cls"] == "vw-input"
    assert "Lindenhaven" in ui.page.locator(".vw-title").inner_text()

    ui.ask("ik zoek hulp bij mijn boodschappen")
    cards = ui.page.locator(".vw-card")
    assert cards.count() >= 1
    assert "Boodschappen" in cards.first.locator(".vw-card-name").inner_text()
    screenshot(ui.page, "widget-desktop.png", tmp_path)

    ui.ask("ik heb schulden en kom er niet uit")
    assert "wijkteam" in ui.page.locator(".vw-from-bot").last.inner_text()
    ui.press("Ja, dat is goed")
    ui.press("Hier in de chat")
    ui.ask("4121 AB")
    ui.press("Overslaan")
    ui.press("Versturen")
    reference = ui.page.locator(".vw-ticket strong").inner_text()
    assert reference.startswith("VW-")
    assert "Uw referentienummer" in ui.page.locator(".vw-ticket").inner_text()
    # Pressed buttons show as the resident's words; old choices cannot be pressed again.
    assert ui.page.locator(".vw-from-resident", has_text="Hier in de chat").count() == 1
    assert ui.page.locator(".vw-buttons:visible").count() == 0

    (ticket,) = staff_app.tickets.list("wt-lindenhof")
    assert ticket.reference == reference
    conversation = ui.conversation_id()
    # Every stored message is shown exactly once, in order.
    stored = [m.id for m in staff_app.conversations.log(conversation)]
    assert ui.shown_ids() == stored
    assert ui.no_errors() == []


def test_a_volunteer_steps_in_and_html_stays_text(desktop, staff_app):
    ui = desktop
    ui.open_demo()
    ui.open_chat()
    ui.ask("<b>hallo</b> <img src=x onerror=alert(1)>")
    conversation = ui.conversation_id()
    with unit_of_work(staff_app.sessions) as session:
        message = Message(
            conversation_id=conversation,
            sender="staff",
            text="Hallo, ik ben Anja, vrijwilliger. <i>Kan ik helpen?</i>",
            parts={},
            created_at=staff_app.clock(),
        )
        session.add(message)
        session.flush()
        message_id = message.id
    staff_app.events.publish(conversation, message_id)

    staff = ui.page.locator(".vw-from-staff")
    staff.wait_for()
    assert "Medewerker" in staff.locator(".vw-who").inner_text()
    assert "<i>Kan ik helpen?</i>" in staff.locator(".vw-text").inner_text()
    resident = ui.page.locator(".vw-from-resident .vw-text").first.inner_text()
    assert resident == "<b>hallo</b> <img src=x onerror=alert(1)>"
    assert ui.page.locator(".vw img, .vw b").count() == 0
    assert ui.no_errors() == []


def test_a_reload_in_the_middle_restores_the_conversation(desktop, staff_app):
    ui = desktop
    ui.open_demo()
    ui.open_chat()
    ui.ask("ik heb schulden en kom er niet uit")
    ui.press("Ja, dat is goed")
    before = ui.shown_ids()
    conversation = ui.conversation_id()

    ui.page.reload()
    ui.page.locator(".vw-panel").wait_for()  # it was open, so it opens again
    ui.page.locator(f".vw-msg[data-id='{before[-1]}']").wait_for()
    assert ui.shown_ids() == before
    assert ui.conversation_id() == conversation
    # The pressed button's label is still shown, and the open question can be answered.
    assert ui.page.locator(".vw-from-resident", has_text="Ja, dat is goed").count() == 1
    ui.press("Hier in de chat")
    assert "postcode" in ui.page.locator(".vw-from-bot").last.inner_text()
    assert ui.shown_ids() == [m.id for m in staff_app.conversations.log(conversation)]
    assert ui.no_errors() == []


def test_a_message_typed_offline_waits_and_is_sent_once(desktop, staff_app):
    ui = desktop
    ui.open_demo()
    ui.open_chat()
    conversation = ui.conversation_id()

    ui.context.set_offline(True)
    ui.say("is er een klussendienst in de buurt")
    pending = ui.page.locator(".vw-pending")
    pending.locator(".vw-retry").wait_for()
    assert pending.locator(".vw-text").inner_text() == "is er een klussendienst in de buurt"
    assert "Nog niet verstuurd" in pending.inner_text()
    assert ui.page.locator(".vw-retry").inner_text() == "Niet verstuurd, opnieuw proberen"
    assert "Geen verbinding" in ui.page.locator(".vw-status").inner_text()
    # Pressing retry while still offline changes nothing and loses nothing.
    ui.page.locator(".vw-retry").click()
    assert pending.count() == 1
    assert resident_messages(staff_app, conversation) == []

    before = ui.bot_count()
    ui.context.set_offline(False)
    ui.wait_for_bot(before)
    pending.wait_for(state="detached")
    ui.page.locator(".vw-status").wait_for(state="hidden")
    assert resident_messages(staff_app, conversation) == ["is er een klussendienst in de buurt"]
    shown = ui.page.locator(".vw-from-resident", has_text="is er een klussendienst")
    assert shown.count() == 1
    assert ui.shown_ids() == [m.id for m in staff_app.conversations.log(conversation)]
    offline = ("ERR_INTERNET_DISCONNECTED", "Failed to fetch")
    assert ui.no_errors(allowed=offline) == []


def test_the_widget_works_with_the_keyboard_alone(desktop, staff_app):
    ui = desktop
    ui.open_demo()
    page = ui.page
    # Tab through the page to the chat button (it comes after the page's own links).
    for _ in range(30):
        page.keyboard.press("Tab")
        if (ui.focused() or {}).get("cls") == "vw-launcher":
            break
    assert ui.focused()["cls"] == "vw-launcher"
    assert ui.focused()["outline"] != "none"
    page.keyboard.press("Enter")
    page.locator(".vw-from-bot").first.wait_for()
    assert ui.focused()["cls"] == "vw-input"

    page.keyboard.type("ik heb schulden en kom er niet uit")
    before = ui.bot_count()
    page.keyboard.press("Enter")
    ui.wait_for_bot(before + 1)
    # Back from the input to the answer buttons: the last one offered is "Nee".
    page.keyboard.press("Shift+Tab")
    assert ui.focused()["text"] == "Nee, liever niet"
    assert ui.focused()["outline"] != "none"
    page.keyboard.press("Shift+Tab")
    assert ui.focused()["text"] == "Ja, dat is goed"
    before = ui.bot_count()
    page.keyboard.press("Enter")
    ui.wait_for_bot(before)
    assert ui.focused()["cls"] == "vw-input"
    assert page.locator(".vw-from-resident", has_text="Ja, dat is goed").count() == 1

    # Escape closes and gives focus back to the chat button; Enter opens again.
    page.keyboard.press("Escape")
    assert page.locator(".vw-panel").is_hidden()
    assert ui.focused()["cls"] == "vw-launcher"
    page.keyboard.press("Enter")
    assert ui.focused()["cls"] == "vw-input"
    # Tab reaches the send button; from the header, the close button closes.
    page.keyboard.press("Tab")
    assert ui.focused()["cls"] == "vw-send"
    page.locator(".vw-close").focus()
    page.keyboard.press("Enter")
    assert page.locator(".vw-panel").is_hidden()
    assert ui.focused()["cls"] == "vw-launcher"
    assert ui.no_errors() == []


def test_residents_switch_to_english_and_back(desktop):
    ui = desktop
    ui.open_demo()
    ui.open_chat()
    before = ui.bot_count()
    ui.page.locator(".vw-lang").click()
    ui.wait_for_bot(before)
    assert ui.page.locator(".vw-send").inner_text() == "Send"
    assert ui.page.locator(".vw-title").inner_text() == "Chat with Lindenhaven"
    assert ui.page.locator(".vw").get_attribute("lang") == "en"
    assert "English" in ui.page.locator(".vw-from-bot").last.inner_text()
    ui.ask("I need help with my shopping")
    assert ui.page.locator(".vw-card").count() >= 1
    card = ui.page.locator(".vw-card").first
    assert "Opening hours" not in card.inner_text()  # compact: the details are closed
    card.locator(".vw-more-toggle", has_text="More information").click()
    assert "Opening hours" in card.inner_text()

    before = ui.bot_count()
    ui.page.locator(".vw-lang").click()
    ui.wait_for_bot(before)
    assert ui.page.locator(".vw-send").inner_text() == "Verstuur"
    assert ui.page.locator(".vw-lang").inner_text() == "English"
    assert ui.no_errors() == []


@pytest.mark.parametrize(
    ("viewport", "scale"),
    [(PHONE, 2), ({"width": 640, "height": 400}, 2)],
    ids=["phone-360", "desktop-at-200-percent"],
)
def test_the_panel_fits_a_phone_and_200_percent_zoom(chromium, served, viewport, scale, tmp_path):
    context = chromium.new_context(
        viewport=viewport, device_scale_factor=scale, locale="nl-NL", is_mobile=scale == 2
    )
    ui = Page(context, served)
    ui.open_demo()
    ui.open_chat()
    ui.ask("ik zoek hulp bij mijn boodschappen")
    for selector in (".vw-panel", ".vw-input", ".vw-send", ".vw-close"):
        box = ui.page.locator(selector).bounding_box()
        assert box is not None, selector
        assert box["x"] >= 0, selector
        assert box["y"] >= 0, selector
        assert box["x"] + box["width"] <= viewport["width"] + 0.5, selector
        assert box["y"] + box["height"] <= viewport["height"] + 0.5, selector
    # Nothing scrolls sideways: long words and links wrap.
    assert ui.page.locator(".vw-log").evaluate("n => n.scrollWidth <= n.clientWidth")
    if viewport == PHONE:
        screenshot(ui.page, "widget-phone.png", tmp_path)
    assert ui.no_errors() == []
    context.close()


# Every element of the widget that sticks out of a 360 px wide screen.
TOO_WIDE = """(width) => {
  const root = document.querySelector('[data-vraagwijzer-widget]').shadowRoot;
  return [...root.querySelectorAll('.vw-panel *')]
    .filter((n) => n.getClientRects().length && n.getBoundingClientRect().right > width + 0.5)
    .map((n) => n.className || n.tagName);
}"""
# Whether the element at the middle of a box is (inside) the given one: not covered.
ON_TOP = """(node) => {
  const box = node.getBoundingClientRect();
  const hit = node.getRootNode().elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return !!hit && (hit === node || node.contains(hit));
}"""

# The text that shows, without what is there for screen readers only.
SEEN = """(node) => [...node.childNodes]
  .filter((c) => !(c.classList && c.classList.contains('vw-sr')))
  .map((c) => c.textContent).join('')"""
# How many lines of text an element takes.
LINES = """(node) => Math.round(node.getBoundingClientRect().height /
  parseFloat(getComputedStyle(node).lineHeight))"""


def inside(box: dict[str, float], frame: dict[str, float]) -> bool:
    return (
        box["y"] >= frame["y"] - 0.5
        and box["y"] + box["height"] <= frame["y"] + frame["height"] + 0.5
        and box["x"] >= frame["x"] - 0.5
        and box["x"] + box["width"] <= frame["x"] + frame["width"] + 0.5
    )


def test_a_reply_with_cards_fits_a_phone_screen(chromium, served, staff_app, tmp_path):
    """Compact cards on a 360 px phone: the reply's first line and its buttons in view
    when it arrives, the details of each card one tap (or key) away, nothing sideways."""
    context = chromium.new_context(
        viewport=PHONE, device_scale_factor=2, locale="nl-NL", is_mobile=True, has_touch=True
    )
    ui = Page(context, served)
    page = ui.page
    ui.open_demo()
    ui.open_chat()
    # A question several kinds of help fit: three cards, a reply taller than the log.
    ui.ask("ik zoek iets leuks om te doen in de buurt")
    reply = page.locator(".vw-from-bot").last
    cards = reply.locator(".vw-card")
    assert cards.count() >= 2
    (logged,) = [m for m in staff_app.conversations.log(ui.conversation_id()) if m.cards]

    # The start of the reply and every one of its buttons can be seen (and pressed)
    # without scrolling: the buttons stay at the bottom of the log, over the cards.
    log = page.locator(".vw-log").bounding_box()
    assert inside(reply.locator(".vw-text").bounding_box(), log)
    choices = reply.locator(".vw-buttons .vw-choice")
    assert choices.count() == len(logged.buttons) >= 1
    for i in range(choices.count()):
        assert inside(choices.nth(i).bounding_box(), log), choices.nth(i).inner_text()
        assert choices.nth(i).evaluate(ON_TOP), choices.nth(i).inner_text()

    # Compact: name, one line on what it is, cost and phone on one line, details closed.
    for i, card in enumerate(logged.cards):
        shown = cards.nth(i)
        assert shown.locator(".vw-card-name").inner_text() == card.name
        assert shown.locator(".vw-card-summary").inner_text() == card.summary
        key = shown.locator(".vw-card-key")
        assert key.evaluate(SEEN) == f"{card.cost} · {card.phone}"
        # One line (the screen reader hears "Kosten: ..., Telefoon: ...").
        assert key.evaluate(LINES) == 1, card.cost
        assert key.locator(".vw-sr").all_text_contents() == ["Kosten: ", "Telefoon: "]
        phone = key.locator("a.vw-card-phone")
        assert phone.get_attribute("href") == "tel:" + card.phone.replace(" ", "")
        assert shown.locator("details.vw-more").get_attribute("open") is None
        assert shown.locator(".vw-more-body").is_hidden()
        assert card.how_to_apply not in shown.inner_text()
        toggle = shown.locator("summary.vw-more-toggle")
        assert toggle.evaluate(SEEN) == "Meer informatie"
        assert toggle.locator(".vw-sr").text_content() == f": {card.name}"
    first_toggle = cards.first.locator("summary.vw-more-toggle")
    assert first_toggle.is_visible()
    # Nothing wider than the phone, and nothing scrolls sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".vw-log").evaluate("n => n.scrollWidth <= n.clientWidth")
    assert page.evaluate(TOO_WIDE, PHONE["width"]) == []
    screenshot(page, "widget-compact-cards-phone.png", tmp_path)

    # With the keyboard, the last card's "Meer informatie" is scrolled clear of the
    # buttons, and opens what it hides: how to apply, opening hours, the cost's note.
    last = cards.last
    toggle = last.locator("summary.vw-more-toggle")
    toggle.focus()
    assert ui.focused()["tag"] == "SUMMARY"
    assert inside(toggle.bounding_box(), page.locator(".vw-log").bounding_box())
    assert toggle.evaluate(ON_TOP)
    page.keyboard.press("Enter")
    assert last.locator("details.vw-more").get_attribute("open") is not None
    body = last.locator(".vw-more-body")
    body.wait_for()
    card = logged.cards[-1]
    assert card.how_to_apply in body.inner_text()
    assert "Zo werkt het" in body.inner_text()
    if card.cost_note:
        assert card.cost_note in body.inner_text()
    assert page.evaluate(TOO_WIDE, PHONE["width"]) == []
    page.keyboard.press("Enter")  # and closes again
    assert last.locator("details.vw-more").get_attribute("open") is None
    # A tap works as well.
    first_toggle.tap()
    assert cards.first.locator(".vw-more-body").is_visible()
    assert logged.cards[0].how_to_apply in cards.first.inner_text()
    # Read from its start, a reply far taller than the log still shows its buttons.
    reply.evaluate("n => n.scrollIntoView({block: 'start'})")
    log = page.locator(".vw-log").bounding_box()
    assert reply.bounding_box()["height"] > 1.5 * log["height"]
    assert inside(reply.locator(".vw-text").bounding_box(), log)
    for i in range(choices.count()):
        assert inside(choices.nth(i).bounding_box(), log), choices.nth(i).inner_text()
        assert choices.nth(i).evaluate(ON_TOP), choices.nth(i).inner_text()
    assert ui.no_errors() == []
    context.close()


def test_a_follow_up_answered_from_the_card_shown_fits_a_phone(
    chromium, served, staff_app, tmp_path
):
    """Issue 14: "wat kost dat?" after a card is answered in a sentence or two from the
    fields of the provision just shown (by name), with no new cards; on a 360 px phone.
    (The name `..._fits_a_phone` puts it in `make screenshots`.)"""
    context = chromium.new_context(
        viewport=PHONE, device_scale_factor=2, locale="nl-NL", is_mobile=True, has_touch=True
    )
    ui = Page(context, served)
    page = ui.page
    ui.open_demo()
    ui.open_chat()
    ui.ask("is er een klusdienst voor ouderen")
    cards = page.locator(".vw-card")
    shown_cards = cards.count()
    assert shown_cards >= 1
    # The provision the follow-up is about: the first card, as the resident sees it.
    first = cards.first
    name = first.locator(".vw-card-name").inner_text().strip()
    cost = first.locator(".vw-card-key").evaluate(SEEN).split(" · ")[0].strip()
    assert name
    assert cost
    phone = first.locator(".vw-card-phone").inner_text()
    assert cost != phone  # the key line had a cost before the phone
    conversation = ui.conversation_id()
    (logged,) = [m for m in staff_app.conversations.log(conversation) if m.cards]
    assert logged.cards[0].name == name

    bots = ui.bot_count()
    ui.ask("wat kost dat?")
    page.locator(".vw-pending").wait_for(state="detached")
    replies = page.locator(".vw-from-bot")
    new = [replies.nth(i) for i in range(bots, replies.count())]
    assert len(new) == 1, [r.inner_text() for r in new]
    (reply,) = new
    # A sentence from the card just shown, not a fresh list of cards (nor a referral).
    assert reply.locator(".vw-card").count() == 0
    assert cards.count() == shown_cards
    assert reply.get_attribute("data-kind") == "answer"
    text = reply.locator(".vw-text").inner_text()
    assert name in text, text
    assert cost in text, text
    assert "wijkteam" not in reply.inner_text().lower()
    # The answer is one or two sentences, not the card's details over again.
    assert logged.cards[0].how_to_apply not in text
    assert len(text) <= 240, text
    # It arrives in view, and nothing sticks out of the phone or scrolls sideways.
    log = page.locator(".vw-log").bounding_box()
    assert inside(reply.locator(".vw-text").bounding_box(), log)
    for i in range(reply.locator(".vw-choice").count()):
        choice = reply.locator(".vw-choice").nth(i)
        assert inside(choice.bounding_box(), log), choice.inner_text()
    assert page.locator(".vw-log").evaluate("n => n.scrollWidth <= n.clientWidth")
    assert page.evaluate(TOO_WIDE, PHONE["width"]) == []
    # The question, the card it points back to and the answer in one picture.
    reply.evaluate("n => n.scrollIntoView({block: 'end'})")
    screenshot(page, "widget-follow-up-phone.png", tmp_path)

    # A second follow-up still points back at the same provision.
    bots = ui.bot_count()
    ui.ask("waar zit dat?")
    reply = page.locator(".vw-from-bot").last
    assert ui.bot_count() == bots + 1
    assert reply.locator(".vw-card").count() == 0
    assert cards.count() == shown_cards
    text = reply.locator(".vw-text").inner_text()
    assert name in text, text
    if logged.cards[0].address:
        assert logged.cards[0].address in text, text

    # Every stored message shows exactly once, in order.
    assert ui.shown_ids() == [m.id for m in staff_app.conversations.log(conversation)]
    assert ui.no_errors() == []
    context.close()


def test_axe_finds_no_serious_accessibility_problems(desktop, axe_source):
    ui = desktop
    page = ui.page
    # axe is served from the page's own origin, so the strict CSP lets it run.
    page.route(
        f"{ui.base}/__axe.js",
        lambda route: route.fulfill(body=axe_source, content_type="text/javascript"),
    )
    ui.open_demo()

    def scan(state: str) -> None:
        page.add_script_tag(url=f"{ui.base}/__axe.js")
        before = len(ui.errors)
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
        )
        # axe itself measures with inline styles, which the page's CSP (rightly) refuses.
        ui.errors[before:] = [e for e in ui.errors[before:] if "inline style" not in e]
        bad = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], state

    scan("closed")
    ui.open_chat()
    ui.ask("ik zoek hulp bij mijn boodschappen")
    ui.ask("ik heb schulden en kom er niet uit")
    scan("open, with cards and buttons")
    ui.context.set_offline(True)
    ui.say("nog een vraag")
    page.locator(".vw-retry").wait_for()
    scan("offline, with a message waiting")
    ui.context.set_offline(False)
    offline = ("ERR_INTERNET_DISCONNECTED", "Failed to fetch")
    assert ui.no_errors(allowed=offline) == []


def test_the_stored_conversation_holds_each_message_once(desktop, staff_app):
    """Two quick messages in a row: both stored, in order, each shown once."""
    ui = desktop
    ui.open_demo()
    ui.open_chat()
    ui.say("hallo")
    ui.say("is er een taalcafe")
    ui.page.locator(".vw-from-resident[data-id]").nth(1).wait_for()
    ui.page.locator(".vw-pending").wait_for(state="detached")
    conversation = ui.conversation_id()
    ui.page.locator(".vw-typing").wait_for(state="hidden")
    assert resident_messages(staff_app, conversation) == ["hallo", "is er een taalcafe"]
    with staff_app.sessions() as session:
        stored = session.scalars(
            select(Message.id).where(Message.conversation_id == conversation).order_by(Message.id)
        ).all()
    ui.page.locator(f".vw-msg[data-id='{stored[-1]}']").wait_for()
    assert ui.shown_ids() == list(stored)
    assert ui.no_errors() == []


# -- issue 15: remembering the conversation on this device, only when asked ----------------

KEPT = """() => JSON.parse(localStorage.getItem('vraagwijzer:' + location.origin))"""


def test_a_remembered_conversation_survives_closing_the_page_until_forgotten(
    chromium, served, staff_app
):
    from bot.platform.models import StaffUser

    context = chromium.new_context(viewport=DESKTOP, locale="nl-NL")
    try:
        ui = Page(context, served)
        ui.open_demo()
        ui.open_chat()
        ui.ask("ik voel me zo alleen")
        conversation = ui.conversation_id()
        assert ui.page.evaluate(KEPT) is None  # nothing on the device unless asked
        remember = ui.page.locator(".vw-remember")
        assert remember.inner_text() == "Onthoud dit gesprek op dit apparaat"
        remember.click()
        note = ui.page.locator(".vw-keep-note")
        assert note.inner_text().startswith("Dit apparaat onthoudt dit gesprek")
        assert ui.page.evaluate(KEPT)["id"] == conversation
        ui.page.close()

        # While the page is closed, a team member answers in the chat.
        with staff_app.sessions() as session:
            anna = session.scalar(select(StaffUser.id).where(StaffUser.username == "anna"))
        staff_app.takeovers.take(conversation, staff_id=anna, name="Anna")
        staff_app.takeovers.reply(conversation, staff_id=anna, text="Ik bel u morgen even.")

        again = Page(context, served)
        again.page.goto(served + "/")  # the panel was open, so it opens again
        again.page.locator(".vw-from-staff", has_text="Ik bel u morgen even.").wait_for()
        assert again.page.locator(".vw-from-resident", has_text="ik voel me zo alleen").count() == 1
        assert again.conversation_id() == conversation
        assert again.page.locator(".vw-subtitle").inner_text() == "U chat met Anna, vrijwilliger."

        forget = again.page.locator(".vw-forget")
        assert forget.inner_text() == "Vergeet dit gesprek op dit apparaat"
        forget.click()
        assert again.page.locator(".vw-keep-note").inner_text() == (
            "Dit apparaat onthoudt dit gesprek niet meer."
        )
        assert again.page.evaluate(KEPT) is None
        assert again.focused()["cls"] == "vw-remember"
        again.page.close()

        # Forgotten: a new page starts afresh.
        third = Page(context, served)
        third.open_demo()
        third.page.wait_for_timeout(300)
        assert third.page.locator(".vw-msg").count() == 0
        assert third.page.evaluate(SESSION) is None
        for page in (ui, again, third):
            assert page.no_errors() == []
    finally:
        context.close()


def test_without_asking_the_conversation_is_gone_when_the_page_closes(chromium, served):
    context = chromium.new_context(viewport=DESKTOP, locale="nl-NL")
    try:
        ui = Page(context, served)
        ui.open_demo()
        ui.open_chat()
        ui.ask("waar is het buurthuis")
        ui.page.close()
        again = Page(context, served)
        again.open_demo()
        again.page.wait_for_timeout(300)
        assert again.page.locator(".vw-msg").count() == 0
        assert again.page.evaluate(KEPT) is None
    finally:
        context.close()
