"""Rate limits through HTTP: the chat API per conversation and per client address, sign-in
per address and per account name, X-Forwarded-For only from trusted proxies, and the
Telegram channel per chat. What is refused is not stored."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from bot.application import build_application
from bot.platform.ratelimit import client_address
from bot.platform.settings import SettingsError, load_settings
from bot.web.app import create_app
from tests.bot.console_client import csrf_token, sign_in
from tests.bot.telegram_helpers import run
from tests.conftest import make_app, make_settings

RESIDENT = ("192.0.2.10", 40000)
PROXY = ("127.0.0.1", 40000)  # trusted by default
STRANGER = ("198.51.100.7", 40000)  # not a proxy: its X-Forwarded-For is ignored


@pytest.fixture
def limited(sqlite_url, tmp_path, analyzer, clock):
    """An app whose limits are small enough to reach in a test."""
    made = []

    def build(**limits: str):
        application = make_app(sqlite_url, tmp_path, analyzer, clock, **limits)
        made.append(application)
        return create_app(application), application

    yield build
    for application in made:
        application.close()


def start(client: TestClient, **headers: str) -> dict:
    response = client.post("/api/v1/conversations", headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def send(client: TestClient, conversation: dict, text: str, **headers: str):
    return client.post(
        f"/api/v1/conversations/{conversation['id']}/messages",
        json={"text": text},
        headers={"Authorization": f"Bearer {conversation['token']}", **headers},
    )


def resident_texts(application, conversation_id: str) -> list[str]:
    return [
        m.text
        for m in application.conversations.log(conversation_id)
        if m.sender.value == "resident"
    ]


def assert_limited(response) -> int:
    assert response.status_code == 429, response.text
    wait = int(response.headers["retry-after"])
    assert 1 <= wait <= 3600
    error = response.json()["error"]
    assert error["code"] == "rate_limited"
    assert error["retry_after"] == wait
    return wait


def test_a_conversation_sending_too_fast_gets_429_and_nothing_is_stored(limited):
    asgi, application = limited(rate_messages_per_conversation="3/minute")
    with TestClient(asgi, client=RESIDENT) as client:
        conversation = start(client)
        for text in ("hallo", "waar is het buurthuis", "dank je"):
            assert send(client, conversation, text).status_code == 200
        assert_limited(send(client, conversation, "nog een vraag"))
        assert "nog een vraag" not in resident_texts(application, conversation["id"])
        # Another conversation from the same address has its own count.
        other = start(client)
        assert send(client, other, "hallo").status_code == 200


def test_a_wrong_token_cannot_use_up_a_residents_messages(limited):
    asgi, _ = limited(rate_messages_per_conversation="2/minute")
    with TestClient(asgi, client=RESIDENT) as client:
        conversation = start(client)
        stolen_id = {**conversation, "token": "not-the-token"}
        for _ in range(5):
            assert send(client, stolen_id, "spam").status_code == 401
        assert send(client, conversation, "hallo").status_code == 200


def test_one_address_can_start_only_so_many_conversations(limited):
    asgi, _ = limited(rate_conversations_per_address="2/hour")
    with TestClient(asgi, client=RESIDENT) as client:
        start(client)
        start(client)
        assert_limited(client.post("/api/v1/conversations"))
    with TestClient(asgi, client=("192.0.2.11", 40000)) as neighbour:
        start(neighbour)


def test_one_address_can_send_only_so_many_messages_over_all_its_conversations(limited):
    asgi, _ = limited(rate_messages_per_address="3/minute")
    with TestClient(asgi, client=RESIDENT) as client:
        first, second = start(client), start(client)
        assert send(client, first, "hallo").status_code == 200
        assert send(client, second, "hallo").status_code == 200
        assert send(client, first, "nog iets").status_code == 200
        assert_limited(send(client, second, "en nog iets"))


def test_x_forwarded_for_counts_only_from_a_trusted_proxy(limited):
    asgi, _ = limited(rate_conversations_per_address="1/hour")
    with TestClient(asgi, client=PROXY) as proxy:
        start(proxy, **{"X-Forwarded-For": "203.0.113.1"})
        start(proxy, **{"X-Forwarded-For": "203.0.113.2"})  # another resident
        assert_limited(
            proxy.post("/api/v1/conversations", headers={"X-Forwarded-For": "203.0.113.1"})
        )
    with TestClient(asgi, client=STRANGER) as stranger:
        # A client that is no proxy cannot pose as someone new with a made-up header.
        start(stranger, **{"X-Forwarded-For": "203.0.113.3"})
        assert_limited(
            stranger.post("/api/v1/conversations", headers={"X-Forwarded-For": "203.0.113.4"})
        )


def test_limits_can_be_switched_off(limited):
    asgi, _ = limited(rate_conversations_per_address="off")
    with TestClient(asgi, client=RESIDENT) as client:
        for _ in range(70):  # past the default of 60 an hour
            start(client)


def test_the_widget_may_read_retry_after_from_a_listed_website(limited):
    asgi, _ = limited(
        rate_conversations_per_address="1/hour", widget_origins="https://www.lindenhaven.nl"
    )
    origin = {"Origin": "https://www.lindenhaven.nl"}
    with TestClient(asgi, client=RESIDENT) as client:
        start(client, **origin)
        refused = client.post("/api/v1/conversations", headers=origin)
        assert_limited(refused)
        assert refused.headers["access-control-allow-origin"] == "https://www.lindenhaven.nl"
        assert "retry-after" in refused.headers["access-control-expose-headers"].lower()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("rate_messages_per_conversation", "lots"),
        ("rate_signin_failures_per_account", "0/minute"),
        ("trusted_proxies", "proxy.example"),
        # host bits set: would never match a proxy, so every resident would share its limits
        ("trusted_proxies", "10.0.0.1/8"),
        ("frame_ancestors", "'none' https://www.lindenhaven.nl"),
    ],
)
def test_a_bad_limit_setting_is_one_clear_line(name, value):
    with pytest.raises(SettingsError) as info:
        load_settings(**{name: value})
    assert str(info.value).startswith(f"VRAAGWIJZER_{name.upper()}:")


# -- sign-in ----------------------------------------------------------------------------------


@pytest.fixture
def console(seeded_database, tmp_path, analyzer, clock) -> Iterator:
    """The seeded console app with limits of our choosing, and clients by address."""
    copy = tmp_path / "console.db"
    shutil.copyfile(seeded_database.path, copy)
    made = []

    def build(**limits: str):
        application = build_application(
            make_settings(f"sqlite:///{copy}", tmp_path, **limits), analyzer=analyzer, clock=clock
        )
        made.append(application)
        asgi = create_app(application)
        return lambda address: TestClient(asgi, client=(address, 40000))

    yield build
    for application in made:
        application.close()


def wrong(client: TestClient, username: str):
    return sign_in(client, username, "wrong-password-again")


def test_one_address_cannot_lock_someone_elses_account(console, logins):
    from_address = console()  # the defaults: 3 wrong passwords per account and address
    attacker = from_address("203.0.113.66")
    for _ in range(3):
        assert wrong(attacker, "eline").status_code == 401
    refused = wrong(attacker, "eline")
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert "Te veel pogingen om in te loggen. Wacht 15 minuten" in refused.text
    # Even the right password from there waits: the address is what is limited.
    assert sign_in(attacker, "eline", logins["eline"].password).status_code == 429
    # Eline herself, elsewhere, is not locked out (the account saw only 3 failures).
    assert sign_in(from_address("192.0.2.20"), "eline", logins["eline"].password).status_code == 303


def test_guessing_from_many_addresses_holds_off_new_addresses_only(console, logins):
    from_address = console()
    office = from_address("192.0.2.20")
    assert sign_in(office, "eline", logins["eline"].password).status_code == 303
    office.cookies.clear()
    for n in range(5):
        wrong(from_address(f"203.0.113.{n // 3 + 1}"), "eline")
    # A new address is held off, with the answer of a wrong password (bot/staff/sessions.py).
    held_off = sign_in(from_address("192.0.2.21"), "eline", logins["eline"].password)
    assert held_off.status_code == 401
    assert "gebruikersnaam of het wachtwoord klopt niet" in held_off.text
    assert sign_in(office, "eline", logins["eline"].password).status_code == 303


def test_one_address_cannot_try_a_password_on_every_account(console, logins):
    from_address = console(rate_signin_failures_per_address="4/15 minutes")
    sprayer = from_address("203.0.113.66")
    for username in ("anna", "bram", "eline", "admin"):
        assert wrong(sprayer, username).status_code == 401
    refused = wrong(sprayer, "team-oost")
    assert refused.status_code == 429
    assert "Te veel pogingen om in te loggen" in refused.text


def test_signing_in_clears_ones_own_typos(console, logins):
    from_address = console()
    office = from_address("192.0.2.30")
    wrong(office, "eline")
    wrong(office, "eline")
    assert sign_in(office, "eline", logins["eline"].password).status_code == 303
    office.cookies.clear()
    for _ in range(3):
        assert wrong(office, "eline").status_code == 401


def test_the_sign_in_limit_speaks_english_too(console, logins):
    from_address = console(rate_signin_failures_per_account="1/15 minutes")
    client = from_address("203.0.113.66")
    client.get("/console/language/en?next=/console/signin")
    wrong(client, "eline")
    page = client.get("/console/signin")
    refused = client.post(
        "/console/signin",
        data={"username": "eline", "password": "x", "csrf_token": csrf_token(page.text)},
    )
    assert refused.status_code == 429
    assert "Too many attempts to sign in. Wait 15 minutes and try again." in refused.text


# -- Telegram -----------------------------------------------------------------------------------


def test_a_telegram_chat_sending_too_fast_is_told_once_and_nothing_is_stored(
    sqlite_url, tmp_path, analyzer, clock, fake
):
    application = make_app(
        sqlite_url, tmp_path, analyzer, clock, rate_messages_per_conversation="3/minute"
    )
    chat, other = 777, 778

    async def scenario(channel):
        for n in range(3):
            before = len(fake.sent(chat))
            fake.text(chat, f"vraag {n}: waar is het buurthuis")
            await fake.wait_until(lambda b=before: len(fake.sent(chat)) > b, what="an answer")
        before = len(fake.sent(chat))
        fake.text(chat, "vraag 3")
        await fake.wait_until(
            lambda: any("Wacht een minuut" in p["text"] for p in fake.sent(chat)[before:]),
            what="the notice",
        )
        fake.text(chat, "vraag 4")
        fake.text(chat, "/help")  # a command counts too, and gets no second notice
        # Updates are handled in order: once another chat is answered, these were seen.
        fake.text(other, "hallo")
        await fake.wait_until(lambda: bool(fake.sent(other)), what="the other chat's answer")
        return fake.sent(chat)[before:]

    try:
        after = run(application, fake, scenario)
        notices = [p for p in after if "Wacht een minuut" in p["text"]]
        assert len(notices) == 1
        assert "112" in notices[0]["text"]
        (conversation,) = application.conversations.chat_conversations("telegram", str(chat))
        texts = resident_texts(application, conversation)
        assert texts == [f"vraag {n}: waar is het buurthuis" for n in range(3)]
    finally:
        application.close()


def test_an_ipv6_client_counts_by_its_64_network():
    """A home or phone gets a whole /64; taking a new address per request must not
    reset the count. IPv4 (and IPv4 mapped into IPv6) counts per address."""
    same = {client_address({"client": (f"2001:db8:1:2::{n:x}", 443)}) for n in (1, 0xBEEF, 0xFFFF)}
    assert same == {"2001:db8:1:2::/64"}
    assert client_address({"client": ("2001:db8:1:3::1", 443)}) != same.pop()
    assert client_address({"client": ("192.0.2.7", 443)}) == "192.0.2.7"
    assert client_address({"client": ("::ffff:192.0.2.7", 443)}) == "::ffff:192.0.2.7"
    assert client_address({}) == "unknown"
