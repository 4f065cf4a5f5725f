"""Guessing a staff password from many addresses (issue 17, item 3): it holds off other
addresses for a growing while, never the account owner at her usual address; every name
costs the same one password check; the answers and headers tell nothing about accounts."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

import bot.staff.sessions
from bot.staff.accounts import set_password
from bot.web.app import create_app
from tests.bot.console_client import sign_in

OFFICE = "192.0.2.20"  # where eline usually signs in
ATTACKERS = ["203.0.113.1", "203.0.113.2", "203.0.113.3"]
WRONG = "wrong-password-again"
GENERIC = "De gebruikersnaam of het wachtwoord klopt niet."


@pytest.fixture
def from_address(staff_app) -> Iterator[Callable[[str], TestClient]]:
    """A browser at a client address of our choosing (the connection's own address)."""
    asgi = create_app(staff_app)
    opened: list[TestClient] = []

    def client(address: str) -> TestClient:
        made = TestClient(asgi, client=(address, 40000), raise_server_exceptions=False)
        made.__enter__()
        opened.append(made)
        return made

    yield client
    for made in opened:
        made.__exit__(None, None, None)


@pytest.fixture
def verifications(monkeypatch) -> list[str]:
    """Every argon2 verification sign-in makes, through the module's own name for it."""
    calls: list[str] = []
    real = bot.staff.sessions.verify_password

    def counted(password_hash: str, password: str) -> bool:
        calls.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(bot.staff.sessions, "verify_password", counted)
    return calls


def usual_sign_in(from_address, logins) -> None:
    """Eline signs in at the office once, so the office is one of her usual addresses."""
    office = from_address(OFFICE)
    assert sign_in(office, "eline", logins["eline"].password).status_code == 303
    office.cookies.clear()


def guess(from_address, username: str, times: int) -> None:
    """Wrong passwords spread over the attackers' addresses, as many per address as the
    per-address limit lets through (3 for one account from one address)."""
    for n in range(times):
        response = sign_in(from_address(ATTACKERS[n // 3]), username, WRONG)
        assert response.status_code == 401


def error_text(response) -> str:
    return response.text[response.text.index('class="error"') :].split("</p>")[0]


def timing_metrics(response) -> list[str]:
    header = response.headers.get("server-timing", "")
    return sorted(part.split(";")[0].strip() for part in header.split(",") if part.strip())


def test_guesses_from_foreign_addresses_do_not_stop_the_owner_at_her_usual_address(
    from_address, logins
):
    usual_sign_in(from_address, logins)
    guess(from_address, "eline", 9)
    office = from_address(OFFICE)
    assert sign_in(office, "eline", logins["eline"].password).status_code == 303
    assert office.get("/console", follow_redirects=False).status_code == 200


def test_every_name_costs_one_password_check_and_the_same_headers(
    from_address, logins, staff_app, verifications
):
    usual_sign_in(from_address, logins)
    guess(from_address, "eline", 6)  # other addresses are now held off eline's account
    stranger = "198.51.100.9"
    cases = {
        "unknown name": ("nobody", WRONG),
        "known name, wrong password": ("bram", WRONG),
        "held off, wrong password": ("eline", WRONG),
        # The right password, but from an address eline never used while she is held off:
        # checked all the same, and answered like a wrong one, so guessers learn nothing.
        "held off, right password": ("eline", logins["eline"].password),
    }
    answers = {}
    for case, (username, password) in cases.items():
        verifications.clear()
        answers[case] = sign_in(from_address(stranger), username, password)
        assert verifications == [password], case
    assert {r.status_code for r in answers.values()} == {401}
    assert len({error_text(r) for r in answers.values()}) == 1
    # Server-Timing has one total for the whole request, the same metrics in every case.
    assert len({tuple(timing_metrics(r)) for r in answers.values()}) == 1
    assert timing_metrics(answers["unknown name"]) == ["app"]
    verifications.clear()
    assert sign_in(from_address(OFFICE), "eline", logins["eline"].password).status_code == 303
    assert len(verifications) == 1


def test_a_limited_address_is_refused_without_a_check_for_any_name(from_address, verifications):
    """The per-address limits answer at once, known name or not: they count only what
    this address did, so the quick answer says nothing about the account."""
    attacker = from_address(ATTACKERS[0])
    for username in ("eline", "nobody"):
        for _ in range(3):
            sign_in(attacker, username, WRONG)
        verifications.clear()
        refused = sign_in(attacker, username, WRONG)
        assert refused.status_code == 429
        assert verifications == []
        assert timing_metrics(refused) == ["app"]


def test_one_wrong_password_says_only_that_it_is_wrong(from_address):
    response = sign_in(from_address(OFFICE), "eline", WRONG)
    assert response.status_code == 401
    message = error_text(response)
    assert GENERIC in message
    assert "te vaak" not in message
    assert "Wacht" not in message
    assert "retry-after" not in response.headers


def test_held_off_addresses_wait_longer_each_time_and_then_get_a_try(from_address, logins, clock):
    usual_sign_in(from_address, logins)
    guess(from_address, "eline", 5)  # the fifth starts a wait of a minute
    home = from_address("198.51.100.30")
    assert sign_in(home, "eline", logins["eline"].password).status_code == 401
    clock.advance(seconds=61)
    sign_in(from_address("203.0.113.40"), "eline", WRONG)  # the one try: now 2 minutes
    clock.advance(seconds=61)
    assert sign_in(home, "eline", logins["eline"].password).status_code == 401
    clock.advance(seconds=60)
    # Her own try after the wait: it works, and home is one of her addresses from now on.
    assert sign_in(home, "eline", logins["eline"].password).status_code == 303
    home.cookies.clear()
    sign_in(from_address("203.0.113.41"), "eline", WRONG)  # 4 minutes for strangers
    assert sign_in(home, "eline", logins["eline"].password).status_code == 303


def test_the_wait_is_capped_and_the_run_is_forgotten_after_a_quiet_day(
    from_address, logins, clock, staff_app
):
    guess(from_address, "eline", 5)
    for n in range(6):  # waits of 1, 2, 4, 8, then 15 (the cap) minutes
        clock.advance(minutes=16)
        sign_in(from_address(f"203.0.113.{50 + n}"), "eline", WRONG)
    assert staff_app.staff_sessions.under_attack() == {"eline"}
    clock.advance(minutes=15, seconds=1)  # not the 64 minutes that doubling would give
    first = from_address("198.51.100.31")
    assert sign_in(first, "eline", logins["eline"].password).status_code == 303
    clock.advance(days=1, minutes=1)
    assert staff_app.staff_sessions.under_attack() == set()
    # A day without wrong passwords: the run starts again, and four do not hold off.
    for n in range(4):
        sign_in(from_address(f"203.0.113.{60 + n}"), "eline", WRONG)
    second = from_address("198.51.100.34")
    assert sign_in(second, "eline", logins["eline"].password).status_code == 303


def test_admins_see_the_attack_and_the_log_says_so_without_names(from_address, logins, caplog):
    with caplog.at_level(logging.WARNING, logger="bot.staff.sessions"):
        guess(from_address, "eline", 6)
    warnings = [r.getMessage() for r in caplog.records if r.name == "bot.staff.sessions"]
    assert warnings, "no WARNING about the guessing"
    for line in warnings:
        assert "eline" not in line
        assert not any(address in line for address in ATTACKERS)
    admin = from_address(OFFICE)
    sign_in(admin, "admin", logins["admin"].password)
    page = admin.get("/console/admin/users")
    assert "Iemand probeert steeds verkeerde wachtwoorden op deze accounts: eline." in page.text
    assert "verdachte pogingen" in page.text


def test_a_new_password_ends_the_holding_off(from_address, logins, staff_app):
    guess(from_address, "eline", 6)
    set_password(staff_app.sessions, "eline", "a-brand-new-password-1")
    assert staff_app.staff_sessions.under_attack() == set()
    elsewhere = from_address("198.51.100.32")
    assert sign_in(elsewhere, "eline", "a-brand-new-password-1").status_code == 303


def test_usual_addresses_are_stored_as_keyed_hashes_only(from_address, logins, staff_app):
    from sqlalchemy import select

    from bot.platform.models import StaffSigninAddress
    from bot.staff.sessions import address_tag

    usual_sign_in(from_address, logins)
    with staff_app.sessions() as db:
        stored = list(db.scalars(select(StaffSigninAddress.address_hash)))
    secret = staff_app.settings.secret_key.get_secret_value()
    assert stored == [address_tag(secret, OFFICE)]
    assert OFFICE not in stored[0]
    assert address_tag("another-secret", OFFICE) != stored[0]


def test_holding_off_is_exact_on_either_database(database_url, clock):
    """The counting, the hold-off and taking back the owner's own try, straight on
    StaffSessions, on SQLite and PostgreSQL: parallel guesses from unknown addresses get
    ``max_failures`` checks that count, the usual address always gets in."""
    from concurrent.futures import ThreadPoolExecutor
    from datetime import timedelta

    from bot.platform.db import make_engine, make_sessionmaker
    from bot.staff.accounts import Role, add_user
    from bot.staff.sessions import SessionPolicy, StaffSessions, address_tag

    engine = make_engine(database_url)
    try:
        sessions = make_sessionmaker(engine)
        add_user(
            sessions,
            username="piet",
            display_name="Piet",
            role=Role.EDITOR,
            password="the-right-password-1",
        )
        policy = SessionPolicy(
            idle=timedelta(minutes=30),
            lifetime=timedelta(hours=12),
            max_failures=5,
            lock=timedelta(minutes=15),
        )
        staff = StaffSessions(sessions, policy, clock)
        office, home = address_tag("key", "192.0.2.20"), address_tag("key", "198.51.100.1")
        assert staff.sign_in("piet", "the-right-password-1", office).token is not None
        # The owner's own try from elsewhere is taken back: it does not count.
        assert staff.sign_in("piet", "the-right-password-1", home).token is not None
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(lambda _: staff.sign_in("piet", "guess-guess"), range(12)))
        assert sum(not r.held_off for r in results) == 5
        assert staff.under_attack() == {"piet"}
        assert staff.sign_in("piet", "the-right-password-1").held_off
        assert staff.sign_in("piet", "the-right-password-1", home).token is not None
        assert staff.sign_in("piet", "the-right-password-1", office).token is not None
        clock.advance(minutes=1, seconds=1)
        assert staff.sign_in("piet", "the-right-password-1").token is not None
    finally:
        engine.dispose()
