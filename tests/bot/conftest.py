"""Fixtures for the bot's tests that more than one module uses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fake_telegram import FakeTelegram


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTelegram]:
    """A fake Telegram Bot API server on loopback, recording what the bot sends."""
    # python-telegram-bot's opt-in to its coming time periods (else a deprecation warning).
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    with FakeTelegram().serving() as server:
        yield server
