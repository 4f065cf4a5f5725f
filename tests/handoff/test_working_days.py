"""Due dates over weekends, Dutch public holidays and summer time (times are naive UTC)."""

from datetime import date, datetime

import pytest

from handoff import add_working_days, due_after, end_of_working_day
from handoff.working_days import is_working_day


@pytest.mark.parametrize(
    ("start", "days", "due", "why"),
    [
        ("2026-11-27 09:00", 1, "2026-11-30 09:00", "Friday + 1 is Monday"),
        ("2026-11-25 09:00", 5, "2026-12-02 09:00", "a working week"),
        ("2026-12-24 09:00", 1, "2026-12-28 09:00", "Christmas on Friday, then a weekend"),
        ("2025-12-23 09:00", 2, "2025-12-29 09:00", "Christmas on Thursday and Friday"),
        ("2026-04-24 08:00", 1, "2026-04-28 08:00", "Koningsdag on Monday 27 April"),
        ("2026-04-02 08:00", 1, "2026-04-03 08:00", "Goede Vrijdag: town halls are open"),
        ("2026-04-03 08:00", 1, "2026-04-07 08:00", "Easter Monday"),
        ("2026-05-13 08:00", 1, "2026-05-15 08:00", "Ascension Day"),
        ("2026-05-22 08:00", 1, "2026-05-26 08:00", "Whit Monday"),
        ("2026-05-04 08:00", 1, "2026-05-06 08:00", "Bevrijdingsdag outside a lustrum year"),
        ("2030-05-03 08:00", 1, "2030-05-06 08:00", "Bevrijdingsdag on a Sunday"),
        ("2026-12-31 09:00", 1, "2027-01-04 09:00", "New Year's Day, then a weekend"),
    ],
)
def test_working_days_skip_weekends_and_holidays(start, days, due, why):
    assert add_working_days(_utc(start), days) == _utc(due), why


def test_the_local_time_of_day_is_kept_when_summer_time_starts_and_ends():
    # 10:00 in Amsterdam on both sides: 09:00 UTC in winter time, 08:00 UTC in summer.
    assert add_working_days(_utc("2026-03-27 09:00"), 1) == _utc("2026-03-30 08:00")
    assert add_working_days(_utc("2026-10-23 08:00"), 1) == _utc("2026-10-26 09:00")


def test_a_start_outside_working_days_counts_from_the_next_working_morning():
    # Saturday: one working day is all of Monday, so due at Tuesday 00:00 in Amsterdam.
    assert add_working_days(_utc("2026-11-28 12:00"), 1) == _utc("2026-11-30 23:00")
    # Friday 23:30 UTC is already Saturday in Amsterdam.
    assert add_working_days(_utc("2026-11-27 23:30"), 1) == _utc("2026-11-30 23:00")
    assert add_working_days(_utc("2026-11-28 12:00"), 0) == _utc("2026-11-29 23:00")


def test_zero_days_on_a_working_day_is_the_start_and_negative_days_are_refused():
    assert add_working_days(_utc("2026-11-25 09:00"), 0) == _utc("2026-11-25 09:00")
    with pytest.raises(ValueError, match="negative"):
        add_working_days(_utc("2026-11-25 09:00"), -1)


def test_bevrijdingsdag_is_a_day_off_every_year_and_goede_vrijdag_never():
    for year in range(2024, 2036):
        liberation = date(year, 5, 5)
        if liberation.weekday() < 5:
            assert not is_working_day(liberation), year
    assert is_working_day(date(2026, 4, 3))  # Goede Vrijdag
    assert is_working_day(date(2026, 12, 24))
    assert not is_working_day(date(2025, 4, 21))  # Easter Monday
    assert not is_working_day(date(2027, 4, 27))  # Koningsdag on a Tuesday


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("start", "due", "why"),
    [
        # Naive UTC; Amsterdam is UTC+1 in winter, UTC+2 in summer.
        (datetime(2026, 11, 25, 9, 0), datetime(2026, 11, 25, 16, 0), "a Wednesday morning"),
        (datetime(2026, 11, 25, 16, 30), datetime(2026, 11, 26, 16, 0), "after closing time"),
        (datetime(2026, 11, 27, 20, 0), datetime(2026, 11, 30, 16, 0), "Friday evening"),
        (datetime(2026, 12, 25, 9, 0), datetime(2026, 12, 28, 16, 0), "Christmas Day"),
        (datetime(2026, 6, 3, 8, 0), datetime(2026, 6, 3, 15, 0), "summer time"),
    ],
)
def test_the_same_working_day_ends_at_five(start, due, why):
    assert due_after(start, 0) == due, why
    assert end_of_working_day(start) == due, why
    assert due_after(start, 2) == add_working_days(start, 2)
