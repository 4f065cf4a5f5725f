"""A resident's message longer than ``max_message_chars``: every channel says so in plain
words, and nothing of it is stored (not half, not all)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from tests.bot.telegram_helpers import run
from tests.conftest import make_app

LIMIT = 120


@pytest.fixture
def small(sqlite_url, tmp_path, analyzer, clock):
    application = make_app(sqlite_url, tmp_path, analyzer, clock, max_message_chars=LIMIT)
    yield application
    application.close()


@pytest.fixture
def client(small):
    with TestClient(create_app(small)) as test_client:
        yield test_client


def started(client: TestClient) -> tuple[str, dict[str, str]]:
    body = client.post("/api/v1/conversations").json()
    return body["id"], {"Authorization": f"Bearer {body['token']}"}


def resident_texts(application, conversation_id: str) -> list[str]:
    return [
        m.text
        for m in application.conversations.log(conversation_id)
        if m.sender.value == "resident"
    ]


def test_the_widget_is_told_the_limit(client):
    assert client.get("/api/v1/widget/config").json()["max_chars"] == LIMIT


@pytest.mark.parametrize("text", ["a" * (LIMIT + 1), "é" * (LIMIT + 1), "🙂" * (LIMIT + 1)])
def test_one_character_too_many_is_refused_and_nothing_is_stored(client, small, text):
    conversation, auth = started(client)
    response = client.post(
        f"/api/v1/conversations/{conversation}/messages", json={"text": text}, headers=auth
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "message_too_long"
    assert resident_texts(small, conversation) == []


@pytest.mark.parametrize("text", ["a" * LIMIT, "é" * LIMIT, "🙂" * LIMIT])
def test_exactly_the_limit_is_stored_whole(client, small, text):
    """Counted in characters, as the widget counts them, not in bytes."""
    conversation, auth = started(client)
    response = client.post(
        f"/api/v1/conversations/{conversation}/messages", json={"text": text}, headers=auth
    )
    assert response.status_code == 200, response.text
    assert resident_texts(small, conversation) == [text]


def test_a_body_past_the_byte_cap_is_refused_before_it_is_read(client, small):
    conversation, auth = started(client)
    response = client.post(
        f"/api/v1/conversations/{conversation}/messages",
        json={"text": "x" * (300 * 1024)},
        headers=auth,
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert resident_texts(small, conversation) == []


def test_the_widget_says_it_in_dutch_and_english(client):
    for locale, words in (("nl", "te lang"), ("en", "too long")):
        strings = client.get(f"/api/v1/widget/config?locale={locale}").json()["strings"]
        assert words in strings["too_long"]
        assert words in strings["too_long_typed"]
        assert "{max}" in strings["too_long_typed"]  # the widget fills in the number


def test_telegram_asks_for_a_shorter_message_and_stores_nothing(small, fake):
    chat = 5151
    long_text = "ik heb een vraag over " + "schulden en huur " * 20

    async def scenario(channel):
        before = len(fake.sent(chat))
        fake.text(chat, long_text)
        await fake.wait_until(
            lambda: any("te lang" in p["text"] for p in fake.sent(chat)[before:]),
            what="the too-long reply",
        )
        before = len(fake.sent(chat))
        fake.text(chat, "waar is het buurthuis")
        await fake.wait_until(lambda: len(fake.sent(chat)) > before, what="an answer")

    run(small, fake, scenario)
    (conversation,) = small.conversations.chat_conversations("telegram", str(chat))
    assert resident_texts(small, conversation) == ["waar is het buurthuis"]
