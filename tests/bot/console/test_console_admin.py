"""Admins manage accounts and district teams in the console; nobody else can."""

from __future__ import annotations

import re

import pytest

from bot.staff.accounts import account
from tests.bot.console_client import as_user, csrf_token, sign_in


def form_post(console, page_path: str, path: str, data: dict):
    token = csrf_token(console.get(page_path).text)
    return console.post(path, data={"csrf_token": token, **data}, follow_redirects=False)


def test_an_admin_makes_an_account_whose_password_works_once_shown(console, logins, staff_app):
    as_user(console, logins, "admin")
    made = form_post(
        console,
        "/console/admin/users/new",
        "/console/admin/users/new",
        {"username": "sanne", "display_name": "Sanne", "role": "volunteer"},
    )
    assert made.status_code == 200
    password = re.search(r'<code class="password">([^<]+)</code>', made.text).group(1)
    console.cookies.clear()
    assert sign_in(console, "sanne", password).status_code == 303
    assert console.get("/console/live").status_code == 200


def test_account_problems_are_explained_and_nothing_is_made(console, logins, staff_app):
    as_user(console, logins, "admin")
    for data, message in (
        ({"username": "anna", "display_name": "x", "role": "volunteer"}, "al in gebruik"),
        ({"username": "Bad Name!", "display_name": "x", "role": "volunteer"}, "kleine letters"),
        ({"username": "kees", "display_name": "Kees", "role": "team_member"}, "minstens één team"),
        ({"username": "kees", "display_name": "Kees", "role": "boss"}, "Kies een rol"),
    ):
        page = form_post(console, "/console/admin/users/new", "/console/admin/users/new", data)
        assert message in page.text, data
    assert account(staff_app.sessions, "kees") is None


def test_switching_an_account_off_signs_it_out_at_once(logins, staff_app, console):
    from fastapi.testclient import TestClient

    from bot.web.app import create_app

    with TestClient(create_app(staff_app)) as anna:
        sign_in(anna, "anna", logins["anna"].password)
        assert anna.get("/console/live").status_code == 200
        as_user(console, logins, "admin")
        saved = form_post(
            console,
            "/console/admin/users/anna",
            "/console/admin/users/anna",
            {"display_name": "Anna", "role": "volunteer"},  # "active" left unticked
        )
        assert saved.status_code == 303
        assert anna.get("/console/live", follow_redirects=False).status_code == 303
    assert not account(staff_app.sessions, "anna").active


def test_an_admin_cannot_lock_themselves_out(console, logins, staff_app):
    as_user(console, logins, "admin")
    page = form_post(
        console,
        "/console/admin/users/admin",
        "/console/admin/users/admin",
        {"display_name": "Beheerder", "role": "volunteer", "active": "on"},
    )
    assert "niet uitzetten" in page.text
    assert account(staff_app.sessions, "admin").role.value == "admin"


def test_an_admin_gives_a_new_password(console, logins, staff_app):
    as_user(console, logins, "admin")
    page = form_post(
        console,
        "/console/admin/users/eline",
        "/console/admin/users/eline",
        {"action": "reset-password"},
    )
    password = re.search(r'<code class="password">([^<]+)</code>', page.text).group(1)
    console.cookies.clear()
    assert sign_in(console, "eline", logins["eline"].password).status_code != 303
    assert sign_in(console, "eline", password).status_code == 303


def test_an_admin_changes_how_a_team_is_reached_and_adds_one(console, logins, staff_app):
    as_user(console, logins, "admin")
    team = staff_app.directory.teams()[0]
    saved = form_post(
        console,
        "/console/admin/teams",
        "/console/admin/teams",
        {"id": team.id, "name": team.name, "email": "nieuw@example.nl", "phone": "0344 000 000"},
    )
    assert saved.status_code == 303
    assert staff_app.directory.team(team.id).email == "nieuw@example.nl"
    form_post(
        console,
        "/console/admin/teams",
        "/console/admin/teams",
        {"id": "wt-nieuw", "name": "Wijkteam Nieuw", "email": "", "phone": ""},
    )
    assert staff_app.directory.team("wt-nieuw").name == "Wijkteam Nieuw"
    bad = form_post(
        console,
        "/console/admin/teams",
        "/console/admin/teams",
        {"id": "wt-x", "name": "X", "email": "geen-adres", "phone": ""},
    )
    assert bad.status_code == 400
    assert staff_app.directory.team("wt-x") is None


@pytest.mark.parametrize("username", ["anna", "eline", "team-lindenhof"])
def test_only_admins_manage_accounts_and_teams(console, logins, username):
    as_user(console, logins, username)
    for path in ("/console/admin/users", "/console/admin/users/new", "/console/admin/teams"):
        assert console.get(path).status_code == 403, path
    response = console.post(
        "/console/admin/users/new",
        data={"csrf_token": "x", "username": "evil", "role": "admin"},
        follow_redirects=False,
    )
    assert response.status_code == 403


def _log_rows(page: str) -> list[str]:
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return [re.sub(r"\s+", " ", row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_the_access_log_names_people_groups_reloads_and_filters(console, logins, staff_app, clock):
    from tests.bot.console.test_console_live import resident

    first = resident(staff_app, "hallo, ik heb een vraag")
    second = resident(staff_app, "ik zoek hulp bij de boodschappen")
    as_user(console, logins, "anna")
    for _ in range(3):  # three reloads: one line
        assert console.get(f"/console/conversations/{first}").status_code == 200
    clock.advance(minutes=30)
    console.get(f"/console/conversations/{first}")  # later again: a line of its own
    as_user(console, logins, "bram")
    console.get(f"/console/conversations/{second}")

    as_user(console, logins, "admin")
    rows = _log_rows(console.get("/console/admin/access-log").text)
    assert len(rows) == 3
    assert "Bram" in rows[0]
    assert first not in rows[0]
    assert "Anna" in rows[1]
    assert "1×" in rows[1]
    assert "Anna" in rows[2]
    assert "3×" in rows[2]
    assert "Vrijwilliger" in rows[2]
    assert "volunteer" not in " ".join(rows)

    only_anna = _log_rows(console.get("/console/admin/access-log?person=anna").text)
    assert len(only_anna) == 2
    assert all("Anna" in r for r in only_anna)
    one_conversation = _log_rows(
        console.get(f"/console/admin/access-log?conversation={second}").text
    )
    assert len(one_conversation) == 1
    assert "Bram" in one_conversation[0]
    clock.advance(days=2)
    as_user(console, logins, "admin")  # the session has ended in the meantime
    nothing = _log_rows(console.get("/console/admin/access-log?period=day").text)
    assert len(nothing) == 1
    assert "In deze periode is niets geopend." in nothing[0]
    assert len(_log_rows(console.get("/console/admin/access-log?period=all").text)) == 3


def test_a_team_member_opening_a_ticket_is_in_the_access_log(console, logins, staff_app):
    from tests.bot.console.test_console_inbox import referral

    reference = referral(staff_app)
    as_user(console, logins, "team-centrum")  # another team: not theirs, nothing shown
    assert console.get(f"/console/tickets/{reference}").status_code == 404
    as_user(console, logins, "team-lindenhof")
    assert console.get(f"/console/tickets/{reference}").status_code == 200
    as_user(console, logins, "admin")
    rows = _log_rows(console.get("/console/admin/access-log").text)
    assert len(rows) == 1
    assert "Melding" in rows[0]
    assert reference in rows[0]
    assert "Medewerker wijkteam" in rows[0]
    by_reference = console.get(f"/console/admin/access-log?conversation={reference}").text
    assert len(_log_rows(by_reference)) == 1


def test_a_csv_export_is_in_the_access_log_for_each_ticket_in_it(console, logins, staff_app):
    from tests.bot.console.test_console_inbox import referral

    first, second = referral(staff_app), referral(staff_app)
    as_user(console, logins, "team-lindenhof")
    assert console.get("/console/tickets.csv").status_code == 200
    as_user(console, logins, "admin")
    rows = _log_rows(console.get("/console/admin/access-log").text)
    assert len(rows) == 2
    assert all("Melding in een CSV-export" in row for row in rows)
    assert {first, second} == {re.search(r"VW-[\w-]+", row).group() for row in rows}  # type: ignore[union-attr]
    by_reference = _log_rows(console.get(f"/console/admin/access-log?conversation={first}").text)
    assert len(by_reference) == 1
    assert "Medewerker wijkteam" in by_reference[0]


def test_the_accounts_page_shows_last_sign_in_and_lock_status(console, logins, staff_app, clock):
    from tests.bot.console.test_console_signin import guess_from_many_addresses

    as_user(console, logins, "eline")
    guess_from_many_addresses(staff_app, "bram", 6)
    as_user(console, logins, "admin")
    page = console.get("/console/admin/users").text
    rows = {
        re.search(r"/console/admin/users/([\w.-]+)", row).group(1): row  # type: ignore[union-attr]
        for row in re.findall(r"<tr class=\"[^\"]*\">(.*?)</tr>", page, re.S)
    }
    assert "Laatst ingelogd" in page
    assert "<time" in rows["eline"]
    assert "nooit" in rows["anna"]
    assert "actief, niet geblokkeerd" in rows["eline"]
    assert "nieuwe plekken wachten tot" in rows["bram"]
    detail = console.get("/console/admin/users/bram").text
    assert "inloggen vanaf nieuwe plekken moet wachten tot" in detail
