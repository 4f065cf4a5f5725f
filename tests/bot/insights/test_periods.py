"""Periods are whole ISO weeks or calendar months: the default is the twelve whole months
before this one, whatever the length of the months in between."""

from __future__ import annotations

from datetime import date

import pytest

from bot.insights.report import MONTH, WEEK, Period


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (date(2026, 11, 25), date(2025, 11, 1), date(2026, 10, 31)),
        (date(2026, 12, 7), date(2025, 12, 1), date(2026, 11, 30)),
        (date(2026, 1, 15), date(2025, 1, 1), date(2025, 12, 31)),
        (date(2026, 3, 31), date(2025, 3, 1), date(2026, 2, 28)),
    ],
)
def test_the_last_year_is_twelve_whole_months(today, start, end):
    period = Period.last_year(today)
    assert (period.start, period.end, period.bucket) == (start, end, MONTH)
    assert len(period.buckets()) == 12


def test_a_period_by_week_snaps_to_whole_iso_weeks():
    period = Period.of(date(2026, 1, 1), date(2026, 1, 14), WEEK)
    assert period.start == date(2025, 12, 29)  # a Monday
    assert period.end == date(2026, 1, 18)  # a Sunday
    assert [label for label, _, _ in period.buckets()] == ["2026-W01", "2026-W02", "2026-W03"]


def test_dates_the_wrong_way_round_are_turned():
    assert Period.of(date(2026, 5, 20), date(2026, 3, 2), MONTH) == Period(
        date(2026, 3, 1), date(2026, 5, 31), MONTH
    )


def test_a_request_covers_at_most_three_years(app):
    from bot.insights.figures import period_of

    period = period_of(app, date(2000, 1, 1), date(2026, 6, 30), WEEK)
    assert period.end == date(2026, 7, 5)
    assert date(2023, 6, 26) <= period.start <= date(2023, 7, 10)
    assert len(period.buckets()) <= 158
    turned = period_of(app, date(2026, 6, 30), date(2026, 1, 1), MONTH)
    assert (turned.start, turned.end) == (date(2026, 1, 1), date(2026, 6, 30))
