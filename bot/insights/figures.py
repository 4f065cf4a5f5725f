"""One way in for the page, ``vraagwijzer insights`` and ``GET /api/v1/insights``: the
period asked for (or the last twelve whole months), the labels, the threshold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from bot.insights.labels import labeler
from bot.insights.report import MONTH, WEEK, Period, Report, build
from bot.insights.rollup import local_day
from bot.platform.clock import Clock
from bot.platform.i18n import Texts
from bot.platform.settings import Settings
from handoff import Directory
from knowledge_base import Catalogue

# The longest period one request may ask for: beyond it the page, the CSV and the endpoint
# would count and draw hundreds of weeks for one caller.
LONGEST = timedelta(days=3 * 366)


class Source(Protocol):
    """What the figures read: the application's parts, without importing the application
    (the insights sit below it)."""

    @property
    def sessions(self) -> sessionmaker[Session]: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def directory(self) -> Directory: ...
    @property
    def catalogue(self) -> Catalogue: ...


def period_of(app: Source, start: date | None, end: date | None, bucket: str) -> Period:
    """The whole weeks or months asked for (at most LONGEST, the latest part of it), or by
    default the last twelve whole months (thirteen weeks by week)."""
    today = local_day(app.clock())
    if start is None and end is None:
        if bucket == WEEK:
            last = today - timedelta(days=today.weekday() + 1)  # last Sunday
            return Period.of(last - timedelta(weeks=13) + timedelta(days=1), last, WEEK)
        return Period.last_year(today)
    end = end or today
    start = start or end - timedelta(days=364)
    if start > end:
        start, end = end, start
    start = max(start, end - LONGEST)
    return Period.of(start, end, bucket)


def figures(
    app: Source,
    texts: Texts,
    *,
    start: date | None = None,
    end: date | None = None,
    bucket: str = MONTH,
    district: str | None = None,
) -> Report:
    return build(
        app.sessions,
        period_of(app, start, end, bucket),
        district=district or None,
        min_count=app.settings.insights_min_count,
        label=labeler(texts, app.directory, app.catalogue),
    )


def csv_rows(report: Report) -> Iterator[list[str]]:
    """The report as one table: section, key, name, and a column per bucket plus the
    period's total; a suppressed figure is an empty cell."""

    def cell(value: int | None) -> str:
        return "" if value is None else str(value)

    yield ["section", "key", "name", *report.buckets, "total"]
    sections = [
        ("conversations", [report.conversations]),
        ("domain", report.domains),
        ("route", report.routes),
        ("language", report.languages),
        ("channel", report.channels),
        ("takeover", [report.takeovers]),
        ("crisis", report.crises),
    ]
    blanks = [""] * len(report.buckets)
    for section, series in sections:
        for s in series:
            yield [section, s.key, s.label, *map(cell, s.values), cell(s.total)]
    for p in report.provisions:
        yield ["shown", p.id, p.name, *blanks, cell(p.shown)]
        yield ["helpful", p.id, p.name, *blanks, cell(p.helpful)]
        yield ["unfit", p.id, p.name, *blanks, cell(p.unfit)]
    for row in report.by_district:
        yield ["district", row.district, row.district, *blanks, cell(row.conversations)]
        for key, value in row.domains.items():
            yield [f"district_domain:{key}", row.district, row.district, *blanks, cell(value)]
    for theme in report.unmet:
        yield ["unmet", theme.theme, theme.theme, *blanks, str(theme.conversations)]
    for team in report.teams:
        for field in ("created", "accepted", "contacted", "closed", "late", "rerouted"):
            yield [f"referrals_{field}", team.team, team.name, *blanks, cell(getattr(team, field))]
