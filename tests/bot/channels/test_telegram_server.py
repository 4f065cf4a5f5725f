"""The Telegram channel inside the server's ASGI app (bot/server.py): long polling, or the
webhook route in the same app and process, with Telegram's secret header checked."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from bot.platform.settings import Settings, SettingsError
from bot.server import build_asgi
from tests.conftest import make_app

CHAT = 777
SECRET = "s3cret_token-XYZ"
WEBHOOK = "/telegram/webhook"


def wait_for(condition, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_the_server_long_polls_when_a_token_is_set(sqlite_url, tmp_path, analyzer, clock, fake):
    app = make_app(
        sqlite_url,
        tmp_path,
        analyzer,
        clock,
        telegram_token=fake.token,
        telegram_base_url=fake.base_url,
    )
    # Telegram is unreachable at first: the web app serves anyway, the channel retries.
    fake.fail("getMe", status=502, times=2)
    try:
        with TestClient(build_asgi(app.settings, application=app)) as client:
            assert client.get("/healthz").status_code == 200
            wait_for(lambda: fake.calls_of("getUpdates"), "polling")
            assert len(fake.calls_of("getMe", ok=False)) == 2
            fake.text(CHAT, "hallo")
            wait_for(lambda: len(fake.sent(CHAT)) >= 2, "the replies")
            # No webhook route in polling mode.
            assert client.post(WEBHOOK, json={}).status_code == 404
    finally:
        app.close()
    assert fake.sent_texts(CHAT)[1] == "Hallo! Waarmee kan ik u helpen?"


def test_webhook_mode_checks_the_secret_and_answers_through_the_queue(
    sqlite_url, tmp_path, analyzer, clock, fake
):
    app = make_app(
        sqlite_url,
        tmp_path,
        analyzer,
        clock,
        telegram_token=fake.token,
        telegram_base_url=fake.base_url,
        telegram_webhook_url="https://gemeente.example/telegram/webhook",
        telegram_webhook_secret=SECRET,
    )
    update = fake.text(CHAT, "hallo", queue=False)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    try:
        with TestClient(build_asgi(app.settings, application=app)) as client:
            # Until the channel has started, Telegram is asked to come back (503).
            wait_for(
                lambda: (
                    client.post(WEBHOOK, json={"update_id": 999_999}, headers=headers).status_code
                    != 503
                ),
                "the channel to start",
            )
            assert fake.webhook == {
                "url": "https://gemeente.example/telegram/webhook",
                "secret_token": SECRET,
            }
            assert not fake.calls_of("getUpdates")
            assert client.post(WEBHOOK, json=update).status_code == 403
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            assert client.post(WEBHOOK, json=update, headers=wrong).status_code == 403
            for bad in (b"{not json", b"[]", b'{"update_id": "x"}'):
                response = client.post(WEBHOOK, content=bad, headers=headers)
                assert response.status_code == 400
            assert client.post(WEBHOOK, json=update, headers=headers).status_code == 200
            wait_for(lambda: len(fake.sent(CHAT)) >= 2, "the replies")
            # Telegram delivering it again (it did not see our 200): answered once.
            assert client.post(WEBHOOK, json=update, headers=headers).status_code == 200
            later = fake.text(CHAT, "bedankt", queue=False)
            assert client.post(WEBHOOK, json=later, headers=headers).status_code == 200
            wait_for(lambda: len(fake.sent(CHAT)) >= 3, "the last reply")
    finally:
        app.close()
    texts = fake.sent_texts(CHAT)
    assert len(texts) == 3
    assert texts[2].startswith("Graag gedaan")


def test_webhook_mode_needs_a_secret(tmp_path):
    settings = Settings(
        data_dir=tmp_path,
        demo=True,
        telegram_token="1:x",
        telegram_webhook_url="https://gemeente.example/telegram/webhook",
    )
    with pytest.raises(SettingsError, match="TELEGRAM_WEBHOOK_SECRET"):
        build_asgi(settings)
    with pytest.raises(ValueError, match="A-Z"):
        Settings(telegram_webhook_secret="no spaces allowed")
