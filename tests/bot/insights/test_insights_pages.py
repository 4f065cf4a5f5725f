"""The insights page, its CSV and monthly report, the JSON endpoint and the CLI, over
roll-up counts written by hand: who may see them, what is hidden, and that the three ways
out give the same figures."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert

from bot.insights import measures as m
from bot.insights.report import MONTH, WEEK, Period, build
from bot.insights.rollup import sum_up_range
from bot.platform.models import InsightCount, InsightDay, InsightTotal
from tests.bot.console_client import as_user
from tests.command_line import vraagwijzer, with_trained_model

START, END = date(2026, 9, 1), date(2026, 10, 31)
SMALL = 3  # a count below the threshold (10): never to be shown


def write(app, rows: list[tuple[date, str, str, str, int]]) -> None:
    with app.sessions.begin() as session:
        session.execute(delete(InsightCount))
        session.execute(delete(InsightDay))
        session.execute(delete(InsightTotal))
        if not rows:
            return
        session.execute(
            insert(InsightCount),
            [
                {"day": d, "district": dist, "measure": ms, "key": k, "count": n}
                for d, dist, ms, k, n in rows
            ],
        )
        days = sorted({r[0] for r in rows})
        session.execute(
            insert(InsightDay),
            [{"day": d, "rolled_up_at": app.clock(), "conversations": 0} for d in days],
        )
    sum_up_range(app.sessions, days[0], days[-1])


@pytest.fixture
def counts(staff_app):
    districts = [d.id for d in staff_app.directory.districts()]
    first, second = districts[0], districts[1]
    rows = []
    day = START
    while day <= END:
        rows += [
            (day, first, m.CONVERSATIONS, "", 20),
            (day, second, m.CONVERSATIONS, "", 15),
            (day, first, m.DOMAIN, "money", 12),
            (day, second, m.DOMAIN, "money", 9),
            (day, first, m.ROUTE, "answer", 20),
            (day, second, m.ROUTE, "answer", 15),
            (day, first, m.LANGUAGE, "nl", 20),
            (day, second, m.LANGUAGE, "nl", 15),
            (day, first, m.CHANNEL, "web", 20),
            (day, second, m.CHANNEL, "web", 15),
        ]
        day += timedelta(days=1)
    # Rare things: one Tigrinya conversation in a month; a theme only three share.
    rows += [
        (date(2026, 9, 10), first, m.LANGUAGE, "ti", SMALL),
        (date(2026, 9, 10), first, m.UNMET, "energietoeslag", 14),
        (date(2026, 9, 10), first, m.UNMET_PHRASE, "energietoeslag|energietoeslag aanvragen", 12),
        (date(2026, 9, 10), first, m.UNMET_PHRASE, "energietoeslag|toeslag gemist", SMALL),
        (date(2026, 9, 11), first, m.UNMET, "zeldzaam", SMALL),
        (date(2026, 9, 12), first, m.REF_CREATED, "wt-lindenhof", 40),
        (date(2026, 9, 12), first, m.REF_LATE, "wt-lindenhof", 4),
    ]
    write(staff_app, rows)
    return first, second


QUERY = f"from={START}&to={END}"


@pytest.mark.parametrize(
    ("username", "status"),
    [("pieter", 200), ("admin", 200), ("anna", 403), ("eline", 403), ("team-lindenhof", 403)],
)
def test_only_analysts_and_admins_see_the_insights(console, logins, counts, username, status):
    as_user(console, logins, username)
    for path in ("/console/insights", "/console/insights.csv", "/console/insights/report"):
        assert console.get(f"{path}?{QUERY}").status_code == status, path


def test_signed_out_gets_the_sign_in_page(console):
    page = console.get("/console/insights")
    assert "signin" in str(page.url) or 'name="password"' in page.text


def test_the_page_shows_figures_and_hides_the_small_ones(console, logins, counts):
    as_user(console, logins, "pieter")
    page = console.get(f"/console/insights?{QUERY}").text
    assert "<svg" in page
    assert 'role="img"' in page
    assert "Schulden en geld" in page or "Geld" in page
    assert "&lt; 10" in page
    assert "energietoeslag aanvragen" in page  # 12 conversations share it
    assert "toeslag gemist" not in page  # only 3 do
    assert "zeldzaam" not in page  # a theme of 3
    assert ">3<" not in page
    assert "Tigrinya" in page  # the language is named, its count hidden
    assert "Per wijk" in page
    report = console.get("/console/insights/report?month=2026-09").text
    assert "Sociaal domein" in report or "VraagWijzer" in report
    export = console.get(f"/console/insights.csv?{QUERY}").content.decode("utf-8-sig")
    lines = export.splitlines()
    assert lines[0].startswith("section;key;name;2026-09;2026-10;total")
    (ti,) = [line for line in lines if line.startswith("language;ti;")]
    assert ti.split(";")[3:] == ["", "0", ""]  # September: 3, hidden; October: none


def test_the_endpoint_needs_its_token_and_gives_what_the_cli_gives(
    staff_app, console, counts, tmp_path
):
    url = staff_app.db.url.render_as_string(hide_password=False)
    # The test run's trained model: `insights` builds the application, NLU and all.
    data_dir = with_trained_model(tmp_path)
    env = {"VRAAGWIJZER_DATABASE_URL": url, "VRAAGWIJZER_DATA_DIR": str(data_dir)}
    made = vraagwijzer("insights", "token", "--label", "Dashboard", env=env)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("vwi_")
    assert console.get("/api/v1/insights").status_code == 401
    wrong = console.get("/api/v1/insights", headers={"Authorization": "Bearer vwi_nope"})
    assert wrong.status_code == 401
    response = console.get(
        f"/api/v1/insights?{QUERY}", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    api = response.json()
    result = vraagwijzer("insights", "--json", "--from", str(START), "--to", str(END), env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == api
    assert api["conversations"]["total"] == 35 * 61
    assert api["languages"][-1]["total"] is None  # Tigrinya: 3

    listed = vraagwijzer("insights", "tokens", env=env)
    assert "Dashboard" in listed.stdout
    assert token not in listed.stdout
    revoked = vraagwijzer("insights", "revoke", token[:12], env=env)
    assert revoked.returncode == 0, revoked.stderr
    again = console.get("/api/v1/insights", headers={"Authorization": f"Bearer {token}"})
    assert again.status_code == 401


def test_without_a_token_nobody_reads_the_endpoint(client):
    response = client.get("/api/v1/insights", headers={"Authorization": "Bearer anything"})
    assert response.status_code == 401


# -- the differencing attack across views: all districts against each district -------------


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 10_000), bucket=st.sampled_from([WEEK, MONTH]))
def test_no_view_gives_back_a_hidden_count(staff_app, seed, bucket):
    """Whatever the counts: for every key and bucket, what all districts show minus what
    the districts show is 0 or at least min_count, and no small count is ever shown."""
    rng = random.Random(seed)
    districts = ["noord", "zuid", "oost", ""]
    rows = []
    truth: dict[tuple[str, str, date], int] = {}
    for offset in range(0, 61, 3):
        day = START + timedelta(days=offset)
        for district in districts:
            for key in ("nl", "ar", "ti"):
                n = rng.choice([0, 0, 1, 2, 5, 9, 10, 14, 30, 80])
                if n:
                    rows.append((day, district, m.LANGUAGE, key, n))
                    # The same counts as a living domain: the per-district table reads them.
                    rows.append((day, district, m.DOMAIN, key, n))
                    truth[(district, key, day)] = n
    write(staff_app, rows)
    period = Period.of(START, END, bucket)
    k = 10
    everyone = build(staff_app.sessions, period, district=None, min_count=k)
    views = {d: build(staff_app.sessions, period, district=d, min_count=k) for d in districts}
    buckets = period.buckets()
    for key in ("nl", "ar", "ti"):
        total = next((s for s in everyone.languages if s.key == key), None)
        if total is None:
            continue
        parts = {d: next(s for s in v.languages if s.key == key) for d, v in views.items()}
        for i, (_, first, last) in enumerate(buckets):
            true = {
                d: sum(
                    n
                    for (dd, kk, day), n in truth.items()
                    if dd == d and kk == key and first <= day <= last
                )
                for d in districts
            }
            for d in districts:
                shown = parts[d].values[i]
                assert shown is None or shown == true[d]
                if 0 < true[d] < k:
                    assert shown is None
            all_shown = total.values[i]
            if all_shown is not None:
                hidden = all_shown - sum(parts[d].values[i] or 0 for d in districts)
                assert hidden == 0 or hidden >= k
        # The per-district table of the period: each district's total for the key.
        grand = next(s for s in everyone.domains if s.key == key).total
        shown = {row.district: row.domains[key] for row in everyone.by_district}
        for d in districts:
            true = sum(n for (dd, kk, _), n in truth.items() if dd == d and kk == key)
            assert shown[d] is None or shown[d] == true
            if 0 < true < k:
                assert shown[d] is None
        if grand is not None:
            hidden = grand - sum(v or 0 for v in shown.values())
            assert hidden == 0 or hidden >= k


def test_a_period_without_counts_shows_zeros_not_an_error(console, logins, staff_app):
    write(staff_app, [])
    as_user(console, logins, "pieter")
    page = console.get(f"/console/insights?{QUERY}")
    assert page.status_code == 200
    assert "Geen cijfers in deze periode." in page.text
