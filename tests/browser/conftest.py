"""Headless Chromium (Debian's, driven by Playwright) against the product served on
loopback: the way staff and residents really use the pages."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

# Chromium's own background traffic is refused by a closed network; keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("VRAAGWIJZER_TEST_CHROMIUM") or shutil.which("chromium")
    if not path:
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: use `make test`")
        pytest.skip("Chromium is not installed (make test installs it)")
    return path


# One browser per test module, not per session: between its calls, Playwright's sync API
# marks its event loop as running in the thread, so a test of another module that the
# same worker runs afterwards (pytest-xdist hands them out freely) could not start an
# event loop of its own (asyncio.run refuses). Module fixtures end when the worker
# moves on to another module.
@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS, timeout=30_000
        )
        yield browser
        browser.close()
