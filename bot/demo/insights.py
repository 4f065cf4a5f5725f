"""A year of invented insight roll-ups for the demo municipality and for benchmarks.

The insights page shows aggregate counts that only build up over months of real use; a
fresh demo has none, and an empty page neither shows what the page is for nor lets
anyone judge its charts, its small-count suppression or its speed. This module writes a
year of ``InsightCount`` rows (and one ``InsightDay`` per day) that look like a mid-size
Dutch municipality, with a few stories worth finding:

- energy bills: money questions, debt and energy provisions and the unmet theme
  "energietoeslag" peak in January-February and October-December;
- one district (the one whose id contains "haven", else the second) where debts rise:
  its share of money questions grows through the year, and so do its referrals and the
  referrals its team answers late;
- languages and unmet themes rare enough (under 10 a week) for the page to hide them.

The figures obey the rules of ``bot/insights/measures.py`` per day and district: routes,
channels and languages each add up to the conversations, a domain or theme never counts
more conversations than there were, "helpful" and "unfit" never more than "shown".
Referral events are simulated per ticket (accepted, contacted, closed, rerouted, late),
so each lands on the (working) day it happens, and tickets of the last weeks are still
open at ``end``.

Nothing here describes a resident: the numbers come from ``random.Random(seed)``, so the
same arguments always give the same rows.

This module writes the rows. The stories' numbers are in ``insights_patterns``, the
generator that draws the days from them in ``insights_plan``, its random draws in
``draws``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.insights_patterns import MONEY_KEYWORDS, debt_district, money_provisions
from bot.demo.insights_plan import DAYS, Plan
from bot.insights.rollup import LOCAL_TIME, REDO_DAYS, sum_up_range
from bot.platform.db import unit_of_work
from bot.platform.models import InsightCount, InsightDay
from handoff import Directory

__all__ = [
    "MONEY_KEYWORDS",
    "debt_district",
    "district_teams",
    "money_provisions",
    "provisions_by_type",
    "seed_year",
]

_CHUNK = 20_000


class _Typed(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def service_types(self) -> Sequence[str]: ...


def provisions_by_type(provisions: Iterable[_Typed]) -> dict[str, list[str]]:
    """Provision ids per service type (a catalogue's ``Provision`` or a bundle's ``ServiceIn``)."""
    found: dict[str, list[str]] = defaultdict(list)
    for provision in provisions:
        for service_type in provision.service_types:
            found[service_type].append(provision.id)
    return {key: sorted(ids) for key, ids in sorted(found.items())}


def district_teams(directory: Directory) -> dict[str, str]:
    """The team of each district, and under "" the central team (for unknown districts)."""
    teams = {d.id: d.team_id for d in directory.districts() if d.team_id}
    central = next((t.id for t in directory.teams() if t.central), None)
    if central:
        teams[""] = central
    return teams


def seed_year(
    sessions: sessionmaker[Session],
    *,
    end: date,
    districts: Sequence[str],
    teams: Sequence[str],
    provisions: Sequence[str],
    per_day: int = 300,
    seed: int = 7,
    team_of: Mapping[str, str] | None = None,
) -> int:
    """Write invented roll-ups for the 365 days up to and including ``end``.

    ``per_day`` conversations a day on average over the year; ``team_of`` gives the team
    of each district (and under "" the team of tickets without one, see
    ``district_teams``), else it is guessed from the ids. Rows already there for those
    days are replaced, so seeding twice leaves the same rows. Returns the rows written
    (``InsightCount`` rows and the 365 ``InsightDay`` rows).
    """
    if per_day < 0:
        raise ValueError("per_day must not be negative")
    plan = Plan(end, districts, teams, provisions, per_day, seed, team_of)
    start = end - timedelta(days=DAYS - 1)
    written = 0
    with unit_of_work(sessions) as session:
        session.execute(delete(InsightCount).where(InsightCount.day.between(start, end)))
        session.execute(delete(InsightDay).where(InsightDay.day.between(start, end)))
        rows: list[dict[str, Any]] = []
        days: list[dict[str, Any]] = []
        for day, day_rows, conversations in plan.days():
            rows.extend(day_rows)
            days.append(
                {
                    "day": day,
                    "rolled_up_at": _rolled_up_at(day, end),
                    "conversations": conversations,
                }
            )
            if len(rows) >= _CHUNK:
                session.execute(insert(InsightCount), rows)
                written += len(rows)
                rows = []
        if rows:
            session.execute(insert(InsightCount), rows)
            written += len(rows)
        session.execute(insert(InsightDay), days)
        written += len(days)
    # The weeks' and months' sums the page reads.
    sum_up_range(sessions, start, end)
    return written


def _rolled_up_at(day: date, end: date) -> datetime:
    """When the server would last have made the day, seen from the night after ``end``:
    each night it makes the last REDO_DAYS days again. A seeded day that looked older
    than that would be made again from the (missing) conversations at once, and the
    chart's last two weeks would drop to nothing."""
    night = min(day + timedelta(days=REDO_DAYS), end + timedelta(days=1))
    local = datetime.combine(night, time(2, 15), LOCAL_TIME)
    return local.astimezone(UTC).replace(tzinfo=None)
