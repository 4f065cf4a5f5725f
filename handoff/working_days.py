"""Deadlines in working days, as the municipality's district teams count them.

A referral promises the resident contact within so many working days; a team's working
days are Monday to Friday in Europe/Amsterdam, less the days municipal staff are off.

Which holidays: the ``holidays`` package's Dutch calendar follows the Algemene
termijnenwet, with two differences from a municipality's working year, both corrected
here:

- Bevrijdingsdag (5 May) is a public holiday in ``holidays.NL`` only in lustrum years
  (2025, 2030: what most collective agreements give); it lists the other years in its
  ``optional`` category. The CAO Gemeenten (art. 6.6, since 2024) makes it a paid day
  off for municipal staff every year, so every year counts here.
- Goede Vrijdag is in ``holidays.NL`` but not in the Algemene termijnenwet nor in the
  CAO Gemeenten: town halls are open, so it is a working day here.

Koningsdag is on 27 April, or on Saturday 26 April when the 27th is a Sunday (the
package handles the move). Christmas Eve and New Year's Eve are working days.

Datetimes come and go as naive UTC, the way the project stores them; the counting happens
on the Amsterdam calendar, so summer time changes nothing about the local time of day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

TIME_ZONE = ZoneInfo("Europe/Amsterdam")
# The Dutch name the package gives Good Friday (its default language is Dutch).
_GOOD_FRIDAY = "Goede vrijdag"


@cache
def _days_off(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays(
        "NL", years=year, categories=(holidays.PUBLIC, holidays.OPTIONAL), language="nl"
    )
    return frozenset(day for day, name in calendar.items() if name != _GOOD_FRIDAY)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a day off for municipal staff."""
    return day.weekday() < 5 and day not in _days_off(day.year)


def add_working_days(start: datetime, days: int) -> datetime:
    """``start`` (naive UTC) plus ``days`` working days, as naive UTC.

    The local time of day is kept: Friday 10:00 plus one working day is Monday 10:00.
    A start outside working days counts from the beginning (00:00) of the next working
    day, so a request sent on Saturday with one working day is due at the end of Monday.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    local = start.replace(tzinfo=UTC).astimezone(TIME_ZONE)
    day = local.date()
    clock = local.time().replace(tzinfo=None)
    if not is_working_day(day):
        clock = time(0, 0)
        while not is_working_day(day):
            day += timedelta(days=1)
    for _ in range(days):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    # Summer time starts and ends on Sundays, never a working day, so this local time
    # always exists and is never ambiguous.
    due = datetime.combine(day, clock, tzinfo=TIME_ZONE)
    return due.astimezone(UTC).replace(tzinfo=None)


# When a team's working day ends, for "contact on the same working day".
END_OF_DAY = time(17, 0)


def end_of_working_day(start: datetime, closing: time = END_OF_DAY) -> datetime:
    """The end (``closing``, local time) of the working day ``start`` (naive UTC) falls
    on, or of the next working day when ``start`` is after closing or on a day off: the
    deadline of "today" for urgent referrals. Naive UTC."""
    local = start.replace(tzinfo=UTC).astimezone(TIME_ZONE)
    day = local.date()
    if local.time().replace(tzinfo=None) >= closing:
        day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    due = datetime.combine(day, closing, tzinfo=TIME_ZONE)
    return due.astimezone(UTC).replace(tzinfo=None)


def due_after(start: datetime, days: int) -> datetime:
    """The deadline ``days`` working days after ``start``; 0 days is the end of this
    working day (``end_of_working_day``). Naive UTC in and out."""
    return end_of_working_day(start) if days == 0 else add_working_days(start, days)
