"""A worker that has run browser tests can still run the others: the browser (and
Playwright's event loop, which its sync API marks as running between calls) ends with
its module. With one browser per session, asyncio.run failed in every later test of that
worker that needed an event loop."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]

A_BROWSER_TEST = """
def test_a_page(chromium):
    page = chromium.new_page()
    page.set_content("<p>hallo</p>")
    assert page.inner_text("p") == "hallo"
    page.close()
"""

AN_EVENT_LOOP_TEST = """
import asyncio


async def answer():
    return 42


def test_an_event_loop_of_its_own():
    assert asyncio.run(answer()) == 42
"""


def test_a_test_after_a_browser_module_can_run_its_own_event_loop(tmp_path):
    chromium_path()  # skips (or fails in CI) without a browser, as the other tests do
    conftest = Path(__file__).with_name("conftest.py").read_text(encoding="utf-8")
    (tmp_path / "conftest.py").write_text(conftest, encoding="utf-8")
    # Run in this order (file names sort so): the browser module first.
    (tmp_path / "test_1_browser.py").write_text(A_BROWSER_TEST, encoding="utf-8")
    (tmp_path / "test_2_loop.py").write_text(AN_EVENT_LOOP_TEST, encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
    command += ["-c", os.devnull, "--rootdir", str(tmp_path), str(tmp_path)]
    ran = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        cwd=tmp_path,
    )
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-2000:]
    assert "2 passed" in ran.stdout
