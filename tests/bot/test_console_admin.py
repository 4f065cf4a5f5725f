"""Admins manage accounts and district teams in the console; nobody else can."""

from __future__ import annotations

import re

import pytest

from bot.staff import account
from tests.bot.console_client import as_user, csrf_token, sign_in


def form_post(browser, page_path: str, path: str, data: dict):
    token = csrf_token(browser.get(page_path).text)
    return browser.post(path, data={"csrf_token": token, **data}, follow_redirects=False)


def test_an_admin_makes_an_account_whose_password_works_once_shown(browser, logins, staff_app):
    as_user(browser, logins, "admin")
    made = form_post(
        browser,
        "/console/admin/users/new",
        "/console/admin/users/new",
        {"username": "sanne", "display_name": "Sanne", "role": "volunteer"},
    )
    assert made.status_code == 200
    password = re.search(r'<code class="password">([^<]+)</code>', made.text).group(1)
    browser.cookies.clear()
    assert sign_in(browser, "sanne", password).status_code == 303
    assert browser.get("/console/live").status_code == 200


def test_account_problems_are_explained_and_nothing_is_made(browser, logins, staff_app):
    as_user(browser, logins, "admin")
    for data, message in (
        ({"username": "anna", "display_name": "x", "role": "volunteer"}, "al in gebruik"),
        ({"username": "Bad Name!", "display_name": "x", "role": "volunteer"}, "kleine letters"),
        ({"username": "kees", "display_name": "Kees", "role": "team_member"}, "minstens één team"),
        ({"username": "kees", "display_name": "Kees", "role": "boss"}, "Kies een rol"),
    ):
        page = form_post(browser, "/console/admin/users/new", "/console/admin/users/new", data)
        assert message in page.text, data
    assert account(staff_app.sessions, "kees") is None


def test_switching_an_account_off_signs_it_out_at_once(logins, staff_app, browser):
    from fastapi.testclient import TestClient

    from bot.web.app import create_app

    with TestClient(create_app(staff_app)) as anna:
        sign_in(anna, "anna", logins["anna"].password)
        assert anna.get("/console/live").status_code == 200
        as_user(browser, logins, "admin")
        saved = form_post(
            browser,
            "/console/admin/users/anna",
            "/console/admin/users/anna",
            {"display_name": "Anna", "role": "volunteer"},  # "active" left unticked
        )
        assert saved.status_code == 303
        assert anna.get("/console/live", follow_redirects=False).status_code == 303
    assert not account(staff_app.sessions, "anna").active


def test_an_admin_cannot_lock_themselves_out(browser, logins, staff_app):
    as_user(browser, logins, "admin")
    page = form_post(
        browser,
        "/console/admin/users/admin",
        "/console/admin/users/admin",
        {"display_name": "Beheerder", "role": "volunteer", "active": "on"},
    )
    assert "niet uitzetten" in page.text
    assert account(staff_app.sessions, "admin").role.value == "admin"


def test_an_admin_gives_a_new_password(browser, logins, staff_app):
    as_user(browser, logins, "admin")
    page = form_post(
        browser,
        "/console/admin/users/eline",
        "/console/admin/users/eline",
        {"action": "reset-password"},
    )
    password = re.search(r'<code class="password">([^<]+)</code>', page.text).group(1)
    browser.cookies.clear()
    assert sign_in(browser, "eline", logins["eline"].password).status_code != 303
    assert sign_in(browser, "eline", password).status_code == 303


def test_an_admin_changes_how_a_team_is_reached_and_adds_one(browser, logins, staff_app):
    as_user(browser, logins, "admin")
    team = staff_app.directory.teams()[0]
    saved = form_post(
        browser,
        "/console/admin/teams",
        "/console/admin/teams",
        {"id": team.id, "name": team.name, "email": "nieuw@example.nl", "phone": "0344 000 000"},
    )
    assert saved.status_code == 303
    assert staff_app.directory.team(team.id).email == "nieuw@example.nl"
    form_post(
        browser,
        "/console/admin/teams",
        "/console/admin/teams",
        {"id": "wt-nieuw", "name": "Wijkteam Nieuw", "email": "", "phone": ""},
    )
    assert staff_app.directory.team("wt-nieuw").name == "Wijkteam Nieuw"
    bad = form_post(
        browser,
        "/console/admin/teams",
        "/console/admin/teams",
        {"id": "wt-x", "name": "X", "email": "geen-adres", "phone": ""},
    )
    assert bad.status_code == 400
    assert staff_app.directory.team("wt-x") is None


@pytest.mark.parametrize("username", ["anna", "eline", "team-lindenhof"])
def test_only_admins_manage_accounts_and_teams(browser, logins, username):
    as_user(browser, logins, username)
    for path in ("/console/admin/users", "/console/admin/users/new", "/console/admin/teams"):
        assert browser.get(path).status_code == 403, path
    response = browser.post(
        "/console/admin/users/new",
        data={"csrf_token": "x", "username": "evil", "role": "admin"},
        follow_redirects=False,
    )
    assert response.status_code == 403
