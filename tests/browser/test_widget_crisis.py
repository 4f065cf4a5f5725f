"""A crisis reply in the widget, in a real browser: it stands out, its numbers are links
that call (tel:), big enough to tap, and it reads on a 360 px phone and at 200% zoom
(issue 13)."""

from __future__ import annotations

import pytest

from tests.browser.test_widget import PHONE, Page, served  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MESSAGE = "ik wil er gewoon niet meer zijn, iedereen is beter af zonder mij"


@pytest.mark.parametrize(
    ("viewport", "scale"),
    [(PHONE, 2), ({"width": 640, "height": 400}, 2)],
    ids=["phone-360", "desktop-at-200-percent"],
)
def test_a_crisis_reply_stands_out_with_numbers_to_tap(chromium, served, viewport, scale):  # noqa: F811
    context = chromium.new_context(
        viewport=viewport, device_scale_factor=scale, locale="nl-NL", is_mobile=scale == 2
    )
    try:
        ui = Page(context, served)
        ui.open_demo()
        ui.open_chat()
        ui.ask(MESSAGE)
        reply = ui.page.locator(".vw-msg.vw-crisis").first
        reply.wait_for()
        links = reply.locator("a.vw-call")
        hrefs = links.evaluate_all("nodes => nodes.map(n => n.getAttribute('href'))")
        assert "tel:08000113" in hrefs
        assert "tel:112" in hrefs
        # Distinct: a red border, unlike an ordinary reply.
        border = reply.evaluate("n => getComputedStyle(n).borderTopColor")
        ordinary = ui.page.locator(".vw-from-bot:not(.vw-crisis)").first
        assert border != ordinary.evaluate("n => getComputedStyle(n).borderTopColor")
        # A link is a target a thumb can hit (at least 44 CSS pixels high).
        for box in links.evaluate_all("nodes => nodes.map(n => n.getBoundingClientRect().height)"):
            assert box >= 44
        # Readable where it is: inside the panel, nothing scrolls sideways.
        assert ui.page.locator(".vw-log").evaluate("n => n.scrollWidth <= n.clientWidth")
        panel = ui.page.locator(".vw-panel").bounding_box()
        assert panel is not None
        assert panel["x"] + panel["width"] <= viewport["width"] + 0.5
        # Then: "are you safe right now?", with buttons.
        ui.page.locator(
            ".vw-buttons:visible .vw-choice", has_text="Ja, ik ben nu veilig"
        ).wait_for()
        assert ui.no_errors() == []
    finally:
        context.close()
