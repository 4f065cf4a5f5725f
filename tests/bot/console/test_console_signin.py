"""Signing in to the staff console: passwords, guessing, time-outs, CSRF, roles (guessing
from many addresses in detail: tests/bot/console/test_signin_guessing.py)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from tests.bot.console_client import csrf_token, sign_in
from tests.servers import live_server

CONSOLE_URLS = [
    "/console",
    "/console/catalogue",
    "/console/catalogue?status=stale",
    "/console/catalogue/new",
    "/console/catalogue/wijkteam-centrum",
    "/console/catalogue/wijkteam-centrum/history",
]


@pytest.mark.parametrize("url", CONSOLE_URLS)
def test_an_anonymous_visitor_gets_the_sign_in_page_for_every_console_url(console, url):
    response = console.get(url, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/console/signin?next=/console")
    page = console.get(url)
    assert page.status_code == 200
    assert 'name="password"' in page.text


@pytest.mark.parametrize("url", ["/console/catalogue/new", "/console/signout"])
def test_an_anonymous_post_changes_nothing_and_asks_to_sign_in(console, url):
    response = console.post(url, data={"name": "x"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/console/signin")


def test_signing_in_takes_you_where_you_were_going(console, logins):
    response = sign_in(
        console, "eline", logins["eline"].password, "/console/catalogue?status=stale"
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/console/catalogue?status=stale"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert console.get("/console/catalogue").status_code == 200


def test_sign_in_never_sends_you_to_another_site(console, logins):
    for target in ("https://evil.example/", "//evil.example/", "/api/v1/conversations"):
        console.cookies.clear()
        response = sign_in(console, "eline", logins["eline"].password, target)
        assert response.headers["location"] == "/console"


def test_a_wrong_password_or_name_gets_the_same_answer(console, logins):
    wrong_password = sign_in(console, "eline", "not-the-password")
    wrong_name = sign_in(console, "nobody", "not-the-password")
    assert wrong_password.status_code == wrong_name.status_code == 401
    assert "gebruikersnaam of het wachtwoord klopt niet" in wrong_password.text
    assert "gebruikersnaam of het wachtwoord klopt niet" in wrong_name.text


def guess_from_many_addresses(staff_app, username: str, times: int):
    """Wrong passwords from a new address every two tries: one address alone is stopped
    by its own limits (tests/bot/web/test_ratelimit.py)."""
    for n in range(times):
        with TestClient(create_app(staff_app), client=(f"203.0.113.{n // 2 + 1}", 1)) as client:
            response = sign_in(client, username, "wrong-password-again")
    return response


def test_an_account_being_guessed_at_and_an_unknown_name_look_the_same(console, staff_app, logins):
    held_off = guess_from_many_addresses(staff_app, "eline", 6)
    unknown = sign_in(console, "nobody", "wrong-password-again")
    # Even the right password from an address eline never used: it is not believed while
    # other addresses are held off, and the answer does not say so.
    right = sign_in(console, "eline", logins["eline"].password)
    assert held_off.status_code == unknown.status_code == right.status_code == 401

    def message(response):
        return response.text[response.text.index('class="error"') :].split("</p>")[0]

    assert message(held_off) == message(unknown) == message(right)


def test_parallel_guesses_cannot_slip_past_the_holding_off(staff_app, logins):
    from bot.staff.sessions import address_tag

    sessions = staff_app.staff_sessions
    office = address_tag("key", "192.0.2.20")
    assert sessions.sign_in("eline", logins["eline"].password, office).token is not None
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(
            pool.map(lambda _: sessions.sign_in("eline", "guess-guess-guess"), range(24))
        )
    assert all(r.token is None for r in results)
    assert sum(r.held_off for r in results) >= 24 - 5
    assert sessions.sign_in("eline", logins["eline"].password).token is None
    # Her usual address is never held off.
    assert sessions.sign_in("eline", logins["eline"].password, office).token is not None


def test_a_burst_of_guesses_from_one_address_stops_at_its_limit(staff_app, logins):
    """Simultaneous wrong passwords from one address take turns: only as many are checked
    as its per-account limit allows (3), so one address cannot make the account hold off
    other addresses (from 5)."""
    burst = 16
    with live_server(create_app(staff_app)) as base:
        clients = [httpx.Client(base_url=base, timeout=60) for _ in range(burst)]
        try:
            tokens = [csrf_token(client.get("/console/signin").text) for client in clients]
            start = threading.Barrier(burst)

            def guess(n: int) -> int:
                start.wait(timeout=30)
                form = {"username": "eline", "password": f"guess-{n}", "csrf_token": tokens[n]}
                return clients[n].post("/console/signin", data=form).status_code

            with ThreadPoolExecutor(max_workers=burst) as pool:
                statuses = sorted(pool.map(guess, range(burst)))
        finally:
            for client in clients:
                client.close()
        assert statuses == [401] * 3 + [429] * (burst - 3)
        # Not held off: the right password from another address still works.
        elsewhere = {"X-Forwarded-For": "198.51.100.7"}  # from a trusted proxy (loopback)
        with httpx.Client(base_url=base, timeout=60, headers=elsewhere) as colleague:
            page = colleague.get("/console/signin")
            form = {
                "username": "eline",
                "password": logins["eline"].password,
                "csrf_token": csrf_token(page.text),
            }
            assert colleague.post("/console/signin", data=form).status_code == 303


def test_five_wrong_passwords_hold_off_new_addresses_for_a_while(console, staff_app, logins, clock):
    guess_from_many_addresses(staff_app, "eline", 5)
    held_off = sign_in(console, "eline", logins["eline"].password)
    assert held_off.status_code == 401
    assert "te vaak" not in held_off.text
    clock.advance(minutes=1, seconds=1)
    assert sign_in(console, "eline", logins["eline"].password).status_code == 303


def test_a_sign_in_form_from_elsewhere_is_refused(console, logins):
    console.get("/console/signin")
    response = console.post(
        "/console/signin",
        data={"username": "eline", "password": logins["eline"].password, "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert console.get("/console/catalogue", follow_redirects=False).status_code == 303


def test_an_idle_session_ends_and_so_does_a_long_one(console, logins, clock):
    sign_in(console, "eline", logins["eline"].password)
    clock.advance(minutes=29)
    assert console.get("/console/catalogue", follow_redirects=False).status_code == 200
    clock.advance(minutes=31)
    assert console.get("/console/catalogue", follow_redirects=False).status_code == 303
    sign_in(console, "eline", logins["eline"].password)
    for _ in range(13):  # busy all day, but a session lasts 12 hours at most
        clock.advance(minutes=59)
        console.get("/console/catalogue", follow_redirects=False)
    assert console.get("/console/catalogue", follow_redirects=False).status_code == 303


def test_signing_out_ends_the_session_for_a_copied_cookie_too(console, logins):
    sign_in(console, "eline", logins["eline"].password)
    cookie = console.cookies.get("vw_console")
    page = console.get("/console")
    out = console.post(
        "/console/signout", data={"csrf_token": csrf_token(page.text)}, follow_redirects=False
    )
    assert out.status_code == 303
    console.cookies.set("vw_console", cookie, path="/console")
    assert console.get("/console", follow_redirects=False).status_code == 303


def test_sign_out_without_the_form_token_is_refused(console, logins):
    sign_in(console, "eline", logins["eline"].password)
    response = console.post("/console/signout", data={"csrf_token": "forged"})
    assert response.status_code == 403
    assert console.get("/console", follow_redirects=False).status_code == 200


@pytest.mark.parametrize("username", ["anna", "team-oost"])
def test_volunteers_and_team_members_cannot_open_the_catalogue(console, logins, username):
    sign_in(console, username, logins[username].password)
    assert console.get("/console").status_code == 200
    for url in CONSOLE_URLS[1:]:
        response = console.get(url, follow_redirects=False)
        assert response.status_code == 403, url
        assert "niet beschikbaar voor uw rol" in response.text
    page = console.get("/console")
    posted = console.post(
        "/console/catalogue/wijkteam-centrum/retire", data={"csrf_token": csrf_token(page.text)}
    )
    assert posted.status_code == 403


@pytest.mark.parametrize("username", ["eline", "admin"])
def test_editors_and_admins_can(console, logins, username):
    sign_in(console, username, logins[username].password)
    assert console.get("/console/catalogue").status_code == 200


def test_console_pages_are_not_cached_framed_or_sniffed(console, logins):
    sign_in(console, "eline", logins["eline"].password)
    response = console.get("/console/catalogue")
    assert response.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_console_speaks_english_on_request(console, logins):
    sign_in(console, "eline", logins["eline"].password)
    assert "Voorzieningen" in console.get("/console/catalogue").text
    console.get("/console/language/en?next=/console/catalogue")
    page = console.get("/console/catalogue")
    assert "Catalogue" in page.text
    assert 'lang="en"' in page.text


def test_a_new_password_ends_the_holding_off_and_the_sessions(console, logins, staff_app):
    from bot.staff.accounts import set_password

    sign_in(console, "eline", logins["eline"].password)
    assert console.get("/console", follow_redirects=False).status_code == 200
    for _ in range(6):
        staff_app.staff_sessions.sign_in("eline", "wrong-password-again")
    set_password(staff_app.sessions, "eline", "a-brand-new-password-1")
    assert console.get("/console", follow_redirects=False).status_code == 303
    assert staff_app.staff_sessions.sign_in("eline", "a-brand-new-password-1").token is not None


@pytest.mark.slow
def test_user_add_and_reset_password_on_the_command_line(sqlite_url, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    exe = str(Path(sys.executable).parent / "vraagwijzer")
    env = {"PATH": "/usr/bin:/bin", "VRAAGWIJZER_DATABASE_URL": sqlite_url}
    added = subprocess.run(
        [exe, "user", "add", "piet", "--name", "Piet (redactie)", "--role", "editor"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("piet: ")
    again = subprocess.run(
        [exe, "user", "add", "piet", "--name", "Piet", "--role", "editor"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert again.returncode == 1
    assert "exists already" in again.stderr
    reset = subprocess.run(
        [exe, "user", "reset-password", "nobody"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert reset.returncode == 1
    assert "there is no user nobody" in reset.stderr


def test_one_wrong_password_is_only_a_wrong_password(console, logins):
    """Not "too many attempts, wait 15 minutes": that is said only once this address has
    really used up its tries, and then the right password waits too."""
    for attempt in range(3):
        wrong = sign_in(console, "eline", "not-the-password")
        assert wrong.status_code == 401, attempt
        assert "gebruikersnaam of het wachtwoord klopt niet" in wrong.text
        assert "Te veel pogingen" not in wrong.text
    limited = sign_in(console, "eline", logins["eline"].password)
    assert limited.status_code == 429
    assert "Wacht 15 minuten" in limited.text


def test_a_wrong_password_then_the_right_one_signs_in(console, logins):
    assert sign_in(console, "eline", "not-the-password").status_code == 401
    right = sign_in(console, "eline", logins["eline"].password)
    assert right.status_code == 303
