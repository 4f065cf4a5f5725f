"""The figures of the insights page, the CLI and the JSON endpoint, from the daily roll-ups,
with every small count suppressed.

One function, ``build``, makes all of them, so the page, ``vraagwijzer insights --json``
and ``GET /api/v1/insights`` cannot disagree. How suppression stays consistent between
views: for every key (a living domain, a language, a provision...) the counts form a
table of districts by time buckets, with the district totals, the bucket totals (all
districts) and the grand total as margins. That whole table is suppressed at once
(bot/insights/suppression.py), and every view reads from it: all districts show the
bucket totals, one district shows its row. So a figure for all districts minus the
figures of the districts can never give back a hidden one. Periods are whole ISO weeks
or calendar months.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.insights import measures as m
from bot.insights.suppression import SuppressedTable, suppress_table
from bot.platform.models import InsightDay, InsightTotal

WEEK = "week"
MONTH = "month"
# The measures shown over time, as charts; the others only as totals of the period.
OVER_TIME = (m.CONVERSATIONS, m.DOMAIN, m.ROUTE, m.LANGUAGE, m.CHANNEL, m.TAKEOVER, m.CRISIS)
TOTALS_ONLY = (
    m.SHOWN,
    m.HELPFUL,
    m.UNFIT,
    m.UNMET,
    m.UNMET_PHRASE,
    m.REF_CREATED,
    m.REF_ACCEPTED,
    m.REF_CONTACTED,
    m.REF_LATE,
    m.REF_REROUTED,
    m.REF_FIRST_CONTACT,
)
MAX_THEMES = 15
MAX_PROVISIONS = 15


@dataclass(frozen=True)
class Period:
    start: date  # a Monday or the 1st of a month
    end: date  # inclusive: a Sunday or the last day of a month
    bucket: str

    @classmethod
    def of(cls, start: date, end: date, bucket: str = MONTH) -> Period:
        """The whole weeks or months that cover [start, end]."""
        if end < start:
            start, end = end, start
        if bucket == WEEK:
            first = start - timedelta(days=start.weekday())
            last = end + timedelta(days=6 - end.weekday())
        else:
            first = start.replace(day=1)
            last = _next_month(end) - timedelta(days=1)
        return cls(first, last, bucket)

    @classmethod
    def last_year(cls, today: date) -> Period:
        """The twelve whole months before this one."""
        end = today.replace(day=1) - timedelta(days=1)
        months = end.year * 12 + end.month - 1 - 11
        return cls.of(date(months // 12, months % 12 + 1, 1), end, MONTH)

    def buckets(self) -> list[tuple[str, date, date]]:
        out = []
        day = self.start
        while day <= self.end:
            if self.bucket == WEEK:
                nxt = day + timedelta(days=7)
                year, week, _ = day.isocalendar()
                label = f"{year}-W{week:02d}"
            else:
                nxt = _next_month(day)
                label = f"{day.year}-{day.month:02d}"
            out.append((label, day, nxt - timedelta(days=1)))
            day = nxt
        return out


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


class Series(BaseModel):
    key: str
    label: str
    values: list[int | None] = Field(description="Per bucket; null: suppressed.")
    total: int | None = Field(description="The whole period; null: suppressed.")


class ProvisionRow(BaseModel):
    id: str
    name: str
    shown: int | None
    helpful: int | None
    unfit: int | None


class Phrase(BaseModel):
    phrase: str
    conversations: int


class Theme(BaseModel):
    theme: str
    conversations: int
    phrases: list[Phrase]


class TeamRow(BaseModel):
    team: str
    name: str
    created: int | None
    accepted: int | None
    contacted: int | None
    closed: int | None
    late: int | None
    late_share: float | None = Field(description="Past the due date, of those created.")
    rerouted: int | None
    median_first_contact_hours: str | None = Field(
        description="The bucket of the median time to first contact: '<= 24', or 'more' "
        "(more than 240 hours); null when fewer than min_count were contacted."
    )


class Outcomes(BaseModel):
    outcomes: list[str]
    teams: list[str]
    cells: list[list[int | None]] = Field(description="Teams by outcomes, closed referrals.")
    team_totals: list[int | None]
    outcome_totals: list[int | None]
    total: int | None


class DistrictRow(BaseModel):
    district: str = Field(description="A district id; empty: the conversation named none.")
    conversations: int | None
    domains: dict[str, int | None] = Field(description="Living domain id to conversations.")


class Report(BaseModel):
    start: date
    end: date
    bucket: str
    buckets: list[str]
    district: str | None
    min_count: int
    days_with_data: int
    conversations: Series
    domains: list[Series]
    routes: list[Series]
    languages: list[Series]
    channels: list[Series]
    takeovers: Series
    crises: list[Series]
    provisions: list[ProvisionRow]
    unmet: list[Theme]
    teams: list[TeamRow]
    outcomes: Outcomes
    by_district: list[DistrictRow] = Field(
        description="All districts' view only: each district's period totals, read from the "
        "same suppressed tables as the rest (empty when one district is shown)."
    )


Labeler = Callable[[str, str], str]  # (measure, key) -> a label people read


def build(
    sessions: sessionmaker[Session],
    period: Period,
    *,
    district: str | None,
    min_count: int,
    label: Labeler = lambda _measure, key: key,
) -> Report:
    buckets = period.buckets()
    with sessions() as session:
        rows = _counts(session, period)
        days = session.scalar(
            select(func.count())
            .select_from(InsightDay)
            .where(InsightDay.day >= period.start, InsightDay.day <= period.end)
        )
    index = {start: i for i, (_, start, _) in enumerate(buckets)}

    def bucket_of(day: date) -> int:
        if period.bucket == WEEK:
            return index[day - timedelta(days=day.weekday())]
        return index[day.replace(day=1)]

    # cube[measure][key][district][bucket] = count
    cube: dict[str, dict[str, dict[str, list[int]]]] = defaultdict(lambda: defaultdict(dict))
    districts: set[str] = set()
    width = {mm: len(buckets) for mm in OVER_TIME}
    for day, d, measure, key, count in rows:
        districts.add(d)
        row = cube[measure][key].setdefault(d, [0] * width.get(measure, 1))
        row[bucket_of(day) if measure in width else 0] += count
    # A period without counts still has its buckets: one empty row gives them zeros.
    order = sorted(districts) or [""]
    if district is not None and district not in districts:
        order.append(district)

    suppressed_tables: dict[tuple[str, str], SuppressedTable] = {}

    def table(measure: str, key: str) -> SuppressedTable:
        """Each key's table is suppressed once, whichever views read it."""
        if (measure, key) not in suppressed_tables:
            counts = cube[measure].get(key, {})
            size = width.get(measure, 1)
            suppressed_tables[measure, key] = suppress_table(
                [counts.get(d, [0] * size) for d in order], min_count=min_count
            )
        return suppressed_tables[measure, key]

    def view(measure: str, key: str) -> tuple[list[int | None], int | None]:
        suppressed = table(measure, key)
        if district is None:
            return list(suppressed.column_totals), suppressed.total
        at = order.index(district)
        return list(suppressed.cells[at]), suppressed.row_totals[at]

    def series(measure: str, keys: Sequence[str] | None = None) -> list[Series]:
        chosen = keys if keys is not None else sorted(cube[measure])
        out = []
        for key in chosen:
            values, total = view(measure, key)
            out.append(Series(key=key, label=label(measure, key), values=values, total=total))
        return sorted(out, key=lambda s: -(s.total or 0))

    def total(measure: str, key: str) -> int | None:
        return view(measure, key)[1]

    conversations = series(m.CONVERSATIONS, [""])[0]
    provisions = [
        ProvisionRow(
            id=key,
            name=label(m.SHOWN, key),
            shown=total(m.SHOWN, key),
            helpful=total(m.HELPFUL, key),
            unfit=total(m.UNFIT, key),
        )
        for key in cube[m.SHOWN]
    ]
    provisions = sorted(
        (p for p in provisions if p.shown is not None), key=lambda p: -(p.shown or 0)
    )[:MAX_PROVISIONS]

    phrases: dict[str, list[Phrase]] = defaultdict(list)
    for key in cube[m.UNMET_PHRASE]:
        theme, _, phrase = key.partition(m.SEP)
        n = total(m.UNMET_PHRASE, key)
        if n:
            phrases[theme].append(Phrase(phrase=phrase, conversations=n))
    themes = []
    for key in cube[m.UNMET]:
        n = total(m.UNMET, key)
        if n:
            shared = sorted(phrases[key], key=lambda p: -p.conversations)[:5]
            themes.append(Theme(theme=key, conversations=n, phrases=shared))
    themes = sorted(themes, key=lambda t: -t.conversations)[:MAX_THEMES]

    teams = sorted(
        {k for k in cube[m.REF_CREATED]}
        | {k.partition(m.SEP)[0] for k in cube[m.REF_FIRST_CONTACT]}
        | {k.partition(m.SEP)[0] for k in cube[m.REF_CLOSED]}
    )
    outcome_keys = sorted({k.partition(m.SEP)[2] for k in cube[m.REF_CLOSED]})
    outcomes = _outcomes(cube[m.REF_CLOSED], teams, outcome_keys, order, district, min_count)
    team_rows = []
    for i, team in enumerate(teams):
        created = total(m.REF_CREATED, team)
        late = total(m.REF_LATE, team)
        team_rows.append(
            TeamRow(
                team=team,
                name=label(m.REF_CREATED, team),
                created=created,
                accepted=total(m.REF_ACCEPTED, team),
                contacted=total(m.REF_CONTACTED, team),
                closed=outcomes.team_totals[i],
                late=late,
                late_share=round(late / created, 3) if late is not None and created else None,
                rerouted=total(m.REF_REROUTED, team),
                median_first_contact_hours=_median_bucket(
                    cube[m.REF_FIRST_CONTACT], team, district, min_count
                ),
            )
        )

    domains = series(m.DOMAIN)
    by_district: list[DistrictRow] = []
    if district is None:
        domain_keys = [s.key for s in domains]
        totals = {key: table(m.DOMAIN, key).row_totals for key in domain_keys}
        people = table(m.CONVERSATIONS, "").row_totals
        by_district = [
            DistrictRow(
                district=d,
                conversations=people[i],
                domains={key: totals[key][i] for key in domain_keys},
            )
            for i, d in enumerate(order)
        ]

    return Report(
        start=period.start,
        end=period.end,
        bucket=period.bucket,
        buckets=[b[0] for b in buckets],
        district=district,
        min_count=min_count,
        days_with_data=int(days or 0),
        conversations=conversations,
        domains=domains,
        routes=series(m.ROUTE, list(m.ROUTES)),
        languages=series(m.LANGUAGE),
        channels=series(m.CHANNEL),
        takeovers=series(m.TAKEOVER, [""])[0],
        crises=series(m.CRISIS),
        provisions=provisions,
        unmet=themes,
        teams=team_rows,
        outcomes=outcomes,
        by_district=by_district,
    )


def _counts(session: Session, period: Period) -> list[tuple[date, str, str, str, int]]:
    """The week's or month's sums (bot/insights/rollup.py), not the days: a year is 12
    months or 53 weeks of rows rather than 365 days of them."""
    query = select(
        InsightTotal.start,
        InsightTotal.district,
        InsightTotal.measure,
        InsightTotal.key,
        InsightTotal.count,
    ).where(
        InsightTotal.period == period.bucket,
        InsightTotal.start >= period.start,
        InsightTotal.start <= period.end,
    )
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def _outcomes(
    closed: dict[str, dict[str, list[int]]],
    teams: list[str],
    outcomes: list[str],
    order: list[str],
    district: str | None,
    min_count: int,
) -> Outcomes:
    """Closed referrals, teams by outcomes: one table with both margins, suppressed."""

    def count(team: str, outcome: str) -> int:
        by_district = closed.get(f"{team}{m.SEP}{outcome}", {})
        if district is None:
            return sum(row[0] for row in by_district.values())
        return by_district.get(district, [0])[0]

    cells = [[count(t, o) for o in outcomes] for t in teams]
    suppressed = suppress_table(cells, min_count=min_count) if teams else None
    return Outcomes(
        outcomes=outcomes,
        teams=teams,
        cells=[list(r) for r in suppressed.cells] if suppressed else [],
        team_totals=list(suppressed.row_totals) if suppressed else [],
        outcome_totals=list(suppressed.column_totals) if suppressed else [],
        total=suppressed.total if suppressed else None,
    )


def _median_bucket(
    histogram: dict[str, dict[str, list[int]]], team: str, district: str | None, min_count: int
) -> str | None:
    """The bucket the median first contact falls in; only from at least min_count
    referrals, so it says nothing about one resident."""
    counts: list[tuple[str, int]] = []
    for bucket in (*[str(h) for h in m.FIRST_CONTACT_HOURS], m.MORE):
        by_district = histogram.get(f"{team}{m.SEP}{bucket}", {})
        if district is None:
            n = sum(row[0] for row in by_district.values())
        else:
            n = by_district.get(district, [0])[0]
        counts.append((bucket, n))
    total = sum(n for _, n in counts)
    if total < min_count:
        return None
    seen = 0
    for bucket, n in counts:
        seen += n
        if seen * 2 >= total:
            return bucket if bucket == m.MORE else f"<= {bucket}"
    return None
