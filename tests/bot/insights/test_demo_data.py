"""The demo's year of insight roll-ups: consistent counts, the same every time, and the
stories the insights page is meant to show (energy bills, one district's rising debts)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.insights import (
    debt_district,
    money_provisions,
    provisions_by_type,
    seed_year,
)
from bot.insights import measures as m
from bot.insights.rollup import Rollups
from bot.insights.themes import content_words, theme_of
from bot.platform.db import make_engine, make_sessionmaker
from bot.platform.migrate import upgrade
from bot.platform.models import InsightCount, InsightDay
from bot.platform.municipality import load_municipality
from handoff import Outcome
from knowledge_base.io import DEMO_DIR, read_bundle
from knowledge_base.spec import domain_ids
from nlu import CrisisKind

END = date(2026, 11, 30)
START = END - timedelta(days=364)
MUNICIPALITY = load_municipality()
DISTRICTS = [d.id for d in MUNICIPALITY.districts]
TEAMS = [t.id for t in MUNICIPALITY.teams]
TEAM_OF = {d: t.id for t in MUNICIPALITY.teams for d in t.districts} | {
    "": next(t.id for t in MUNICIPALITY.teams if t.central)
}
SERVICES = read_bundle(DEMO_DIR).services
PROVISIONS = [s.id for s in SERVICES]

Row = tuple[date, str, str, str, int]


def new_database(directory: Path) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{directory / 'insights.db'}")
    upgrade(engine)
    return make_sessionmaker(engine)


def seed(sessions: sessionmaker[Session], per_day: int, seed: int = 7) -> int:
    return seed_year(
        sessions,
        end=END,
        districts=DISTRICTS,
        teams=TEAMS,
        provisions=PROVISIONS,
        per_day=per_day,
        seed=seed,
        team_of=TEAM_OF,
    )


def read_rows(sessions: sessionmaker[Session]) -> list[Row]:
    with sessions() as session:
        found = session.execute(
            select(
                InsightCount.day,
                InsightCount.district,
                InsightCount.measure,
                InsightCount.key,
                InsightCount.count,
            )
        )
        return sorted(
            (day, district, measure, key, count) for day, district, measure, key, count in found
        )


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[sessionmaker[Session], int]]:
    """The demo's year at its own size, seeded once for the module."""
    sessions = new_database(tmp_path_factory.mktemp("year"))
    written = seed(sessions, per_day=300)
    yield sessions, written
    sessions.kw["bind"].dispose()


@pytest.fixture(scope="module")
def rows(year: tuple[sessionmaker[Session], int]) -> list[Row]:
    return read_rows(year[0])


@pytest.fixture(scope="module")
def cells(rows: list[Row]) -> dict[tuple[date, str], dict[str, dict[str, int]]]:
    """Per day and district: measure -> key -> count."""
    found: dict[tuple[date, str], dict[str, dict[str, int]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for day, district, measure, key, count in rows:
        found[day, district][measure][key] = count
    return found


def total(rows: list[Row], measure: str, key: str | None = None, **where: object) -> int:
    return sum(
        count
        for day, district, row_measure, row_key, count in rows
        if row_measure == measure
        and (key is None or row_key == key)
        and all(
            {"district": district, "month": day.month, "quarter": _quarter(day)}[name] == value
            for name, value in where.items()
        )
    )


def _quarter(day: date) -> int:
    """0..3: the quarter of the seeded year (not the calendar's)."""
    return min(3, (day - START).days * 4 // 365)


def test_it_writes_one_year_and_says_how_many_rows(
    year: tuple[sessionmaker[Session], int], rows: list[Row]
) -> None:
    sessions, written = year
    with sessions() as session:
        days = session.execute(select(InsightDay.day, InsightDay.conversations)).all()
    assert written == len(rows) + len(days)
    assert sorted(day for day, _ in days) == [START + timedelta(days=i) for i in range(365)]
    assert {day for day, *_ in rows} <= {day for day, _ in days}
    per_day = Counter[date]()
    for day, _, measure, _, count in rows:
        if measure == m.CONVERSATIONS:
            per_day[day] += count
    assert {day: n for day, n in days} == dict(per_day)


def test_counts_are_positive_and_keys_are_known(rows: list[Row]) -> None:
    domains = set(domain_ids())
    kinds = {k.value for k in CrisisKind} | {"unspecified"}
    outcomes = {o.value for o in Outcome}
    buckets = {str(h) for h in m.FIRST_CONTACT_HOURS} | {m.MORE}
    team_keyed = {
        m.REF_CREATED,
        m.REF_ACCEPTED,
        m.REF_CONTACTED,
        m.REF_LATE,
        m.REF_REROUTED,
    }
    for _, district, measure, key, count in rows:
        assert count > 0
        assert district in {*DISTRICTS, ""}
        if measure in (m.CONVERSATIONS, m.TAKEOVER):
            assert key == ""
        elif measure == m.ROUTE:
            assert key in m.ROUTES
        elif measure == m.DOMAIN:
            assert key in domains
        elif measure == m.CHANNEL:
            assert key in ("web", "telegram")
        elif measure == m.LANGUAGE:
            assert re.fullmatch(r"[a-z]{2}", key)
        elif measure in (m.SHOWN, m.HELPFUL, m.UNFIT):
            assert key in PROVISIONS
        elif measure == m.CRISIS:
            assert key in kinds
        elif measure == m.UNMET:
            assert re.fullmatch(r"[a-z]+", key)
        elif measure == m.UNMET_PHRASE:
            assert re.fullmatch(r"[a-z]+\|[a-z]+ [a-z]+", key)
        elif measure in team_keyed:
            assert key in TEAMS
        elif measure == m.REF_CLOSED:
            team, outcome = key.split(m.SEP)
            assert team in TEAMS
            assert outcome in outcomes
        elif measure == m.REF_FIRST_CONTACT:
            team, bucket = key.split(m.SEP)
            assert team in TEAMS
            assert bucket in buckets
        else:
            pytest.fail(f"unknown measure {measure}")


def test_counts_add_up_per_day_and_district(
    cells: dict[tuple[date, str], dict[str, dict[str, int]]],
) -> None:
    for (day, district), measures in cells.items():
        where = f"{day} {district!r}"
        conversations = measures.get(m.CONVERSATIONS, {}).get("", 0)
        if conversations:
            routes = measures[m.ROUTE]
            assert sum(routes.values()) == conversations, where
            assert sum(measures[m.CHANNEL].values()) == conversations, where
            assert sum(measures[m.LANGUAGE].values()) == conversations, where
            assert sum(measures.get(m.CRISIS, {}).values()) == routes.get("crisis", 0), where
        else:
            # A day and district with no conversations has only referral events.
            assert all(measure.startswith("ref_") for measure in measures), where
        for measure in (m.DOMAIN, m.UNMET, m.SHOWN, m.TAKEOVER):
            assert all(n <= conversations for n in measures.get(measure, {}).values()), where
        shown = measures.get(m.SHOWN, {})
        helpful = measures.get(m.HELPFUL, {})
        unfit = measures.get(m.UNFIT, {})
        for provision in helpful.keys() | unfit.keys():
            assert helpful.get(provision, 0) + unfit.get(provision, 0) <= shown[provision], where
        unmet = measures.get(m.UNMET, {})
        phrased = Counter[str]()
        for key, n in measures.get(m.UNMET_PHRASE, {}).items():
            phrased[key.split(m.SEP)[0]] += n
        assert all(n <= unmet.get(theme, 0) for theme, n in phrased.items()), where
        contacted = measures.get(m.REF_CONTACTED, {})
        first = Counter[str]()
        for key, n in measures.get(m.REF_FIRST_CONTACT, {}).items():
            first[key.split(m.SEP)[0]] += n
        assert dict(first) == contacted, where


def test_the_mix_looks_like_a_municipality(rows: list[Row]) -> None:
    conversations = total(rows, m.CONVERSATIONS)
    assert 270 * 365 < conversations < 330 * 365

    def share(measure: str, key: str) -> float:
        return total(rows, measure, key) / conversations

    assert share(m.ROUTE, "answer") == pytest.approx(0.70, abs=0.02)
    assert share(m.ROUTE, "referral") == pytest.approx(0.15, abs=0.02)
    assert share(m.ROUTE, "crisis") == pytest.approx(0.02, abs=0.005)
    assert share(m.CHANNEL, "web") == pytest.approx(0.75, abs=0.03)
    assert share(m.LANGUAGE, "en") == pytest.approx(0.08, abs=0.01)
    assert share(m.TAKEOVER, "") == pytest.approx(0.03, abs=0.01)
    assert total(rows, m.CONVERSATIONS, district="") / conversations == pytest.approx(0.2, abs=0.02)
    shown = total(rows, m.SHOWN)
    assert total(rows, m.HELPFUL) / shown == pytest.approx(0.30, abs=0.03)
    assert total(rows, m.UNFIT) / shown == pytest.approx(0.08, abs=0.02)
    created = total(rows, m.REF_CREATED)
    assert 0.85 < created / total(rows, m.ROUTE, "referral") <= 1
    assert total(rows, m.REF_LATE) / created == pytest.approx(0.08, abs=0.02)
    assert total(rows, m.REF_REROUTED) / created == pytest.approx(0.03, abs=0.01)
    buckets = Counter[str]()
    for _, _, measure, key, count in rows:
        if measure == m.REF_FIRST_CONTACT:
            buckets[key.split(m.SEP)[1]] += count
    assert buckets["24"] + buckets["48"] + buckets["72"] > sum(buckets.values()) / 2
    assert buckets[m.MORE] > 0


def test_weekends_christmas_and_summer_are_quieter(rows: list[Row]) -> None:
    per_day = Counter[date]()
    for day, _, measure, _, count in rows:
        if measure == m.CONVERSATIONS:
            per_day[day] += count
    weekdays = [n for day, n in per_day.items() if day.weekday() < 5]
    weekends = [n for day, n in per_day.items() if day.weekday() >= 5]
    assert sum(weekends) / len(weekends) < 0.7 * sum(weekdays) / len(weekdays)
    assert per_day[date(2025, 12, 25)] < 0.6 * per_day[date(2025, 12, 18)]
    june = sum(n for day, n in per_day.items() if day.month == 6) / 30
    august = sum(n for day, n in per_day.items() if day.month == 8) / 31
    assert august < june


def test_energy_bills_peak_in_winter(rows: list[Row]) -> None:
    assert total(rows, m.DOMAIN, "money", month=1) > 1.3 * total(rows, m.DOMAIN, "money", month=6)
    assert total(rows, m.UNMET, "energietoeslag", month=1) > 3 * total(
        rows, m.UNMET, "energietoeslag", month=6
    )
    debt_help = set(money_provisions(PROVISIONS))
    assert "schuldhulp-kredietbank" in debt_help

    def shown(month: int) -> int:
        return sum(total(rows, m.SHOWN, p, month=month) for p in debt_help)

    assert shown(11) > 1.3 * shown(6)


def test_one_district_sees_debts_rise(rows: list[Row]) -> None:
    district = debt_district(DISTRICTS)
    assert district == "havenkwartier"

    def money_share(quarter: int) -> float:
        return total(rows, m.DOMAIN, "money", district=district, quarter=quarter) / total(
            rows, m.CONVERSATIONS, district=district, quarter=quarter
        )

    assert money_share(0) == pytest.approx(0.17, abs=0.04)
    assert money_share(3) > money_share(0) + 0.1
    team = TEAM_OF[district]
    for measure in (m.REF_CREATED, m.REF_LATE):
        first = total(rows, measure, team, district=district, quarter=0)
        last = total(rows, measure, team, district=district, quarter=3)
        assert last > 1.3 * first, measure


def test_rare_languages_stay_under_ten_a_week(rows: list[Row]) -> None:
    weekly = Counter[tuple[str, tuple[int, int]]]()
    for day, _, measure, key, count in rows:
        if measure == m.LANGUAGE:
            weekly[key, day.isocalendar()[:2]] += count
    languages = {key for key, _ in weekly}
    rare = {k for k in languages if max(n for (key, _), n in weekly.items() if key == k) < 10}
    assert {"nl", "en", "ar", "tr", "pl", "uk"} <= languages - rare
    assert len(rare) >= 3


def test_the_same_seed_gives_the_same_rows_and_seeding_again_replaces_them(
    tmp_path: Path,
) -> None:
    first = new_database(tmp_path / "a")
    second = new_database(tmp_path / "b")
    outside = {"day": END + timedelta(days=1), "district": "", "measure": m.CONVERSATIONS}
    with first.begin() as session:
        session.execute(insert(InsightCount), [{**outside, "key": "", "count": 5}])

    written = seed(first, per_day=10)
    rows = read_rows(first)
    assert seed(first, per_day=10) == written
    assert read_rows(first) == rows
    with first() as session:
        assert session.scalar(select(func.count()).select_from(InsightDay)) == 365
    # Only the seeded days are replaced.
    assert (END + timedelta(days=1), "", m.CONVERSATIONS, "", 5) in rows

    seed(second, per_day=10)
    assert read_rows(second) == [row for row in rows if row[0] <= END]


def test_teams_are_guessed_from_the_ids_without_a_map(tmp_path: Path) -> None:
    sessions = new_database(tmp_path)
    seed_year(
        sessions,
        end=END,
        districts=DISTRICTS,
        teams=TEAMS,
        provisions=PROVISIONS[:5],
        per_day=20,
    )
    created = Counter[tuple[str, str]]()
    for _, district, measure, key, count in read_rows(sessions):
        if measure == m.REF_CREATED:
            created[district, key] += count
    assert ("havenkwartier", "wt-havenkwartier") in created
    assert ("oosterveld", "wt-oost") in created
    assert ("", "wt-centraal") in created


def test_provisions_by_type_groups_the_catalogue() -> None:
    by_type = provisions_by_type(SERVICES)
    assert "schuldhulp-kredietbank" in by_type["schuldhulpverlening"]
    assert sum(len(ids) for ids in by_type.values()) >= len(PROVISIONS)


def test_themes_and_phrases_are_ones_the_roll_up_could_make(rows: list[Row]) -> None:
    for _, _, measure, key, _ in rows:
        if measure == m.UNMET:
            assert theme_of(key) == key
        elif measure == m.UNMET_PHRASE:
            theme, phrase = key.split(m.SEP)
            assert content_words(phrase) == phrase.split()
            # The theme is the longest word of the question the phrase came from.
            assert theme_of(f"{theme} {phrase}") == theme


def test_the_roll_up_does_not_make_the_seeded_days_again(
    year: tuple[sessionmaker[Session], int],
) -> None:
    sessions, _ = year
    morning = datetime.combine(END + timedelta(days=1), time(9, 0))
    rollups = Rollups(sessions, tickets=None, clock=lambda: morning, keep_days=60)  # type: ignore[arg-type]
    assert rollups.due() == []
