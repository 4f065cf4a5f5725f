"""The insights page for policy staff (analysts) and admins: what residents ask, where help
is missing, how referrals fare; aggregates only, every small figure suppressed
(bot/insights/). Charts are SVG made on the server, each with its data table; the same
figures as CSV, and a monthly report to print for the college and the council."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from markupsafe import Markup

from bot.console.guard import require
from bot.console.rendering import application, console_texts, render, secure
from bot.console.ticket_texts import labels as inbox_labels
from bot.insights import charts
from bot.insights.figures import csv_rows, figures
from bot.insights.report import MONTH, WEEK, Report, Series
from bot.platform.i18n import Texts
from bot.staff.accounts import Role
from knowledge_base import safe_cell

router = APIRouter(prefix="/console/insights", include_in_schema=False)
ANALYSTS = (Role.ANALYST,)
TOP_DOMAINS = 5


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _month(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value + "-01") if value else None
    except ValueError:
        return None


def _query(request: Request) -> dict[str, object]:
    params = request.query_params
    bucket = WEEK if params.get("bucket") == WEEK else MONTH
    districts = {d.id for d in application(request).directory.districts()}
    district = params.get("district") or None
    return {
        "start": _date(params.get("from")),
        "end": _date(params.get("to")),
        "bucket": bucket,
        "district": district if district in districts or district == "" else None,
    }


def _charts(report: Report, texts: Texts) -> dict[str, Markup]:
    """The page's charts, each titled and summed up in words for screen readers."""
    hidden = f"< {report.min_count}"
    x = report.buckets
    gettext = texts.gettext

    def summary_of(series: list[Series]) -> str:
        shown = [s for s in series if s.total is not None]
        if not shown:
            return gettext("No figures in this period.")
        top = max(shown, key=lambda s: s.total or 0)
        return gettext(
            "Most: %(name)s, %(n)s conversations in the whole period.", name=top.label, n=top.total
        )

    top_domains = [s for s in report.domains if s.total is not None][:TOP_DOMAINS]
    return {
        "conversations": charts.line_chart(
            "chart-conversations",
            title=gettext("Conversations"),
            summary=summary_of([report.conversations]),
            x_labels=x,
            series=[(report.conversations.label, report.conversations.values)],
            suppressed_label=hidden,
            empty_label=gettext("No figures"),
        ),
        "domains": charts.line_chart(
            "chart-domains",
            title=gettext("The five living domains asked about most"),
            summary=summary_of(top_domains),
            x_labels=x,
            series=[(s.label, s.values) for s in top_domains],
            suppressed_label=hidden,
            empty_label=gettext("No figures"),
        ),
        "routes": charts.stacked_bar_chart(
            "chart-routes",
            title=gettext("How conversations went"),
            summary=summary_of(report.routes),
            labels=x,
            series=[(s.label, s.values) for s in report.routes],
            suppressed_label=hidden,
            empty_label=gettext("No figures"),
        ),
        "languages": charts.bar_chart(
            "chart-languages",
            title=gettext("Languages"),
            summary=summary_of(report.languages),
            labels=[s.label for s in report.languages],
            values=[s.total for s in report.languages],
            suppressed_label=hidden,
            empty_label=gettext("No figures"),
        ),
        "unmet": charts.bar_chart(
            "chart-unmet",
            title=gettext("Needs no provision fitted"),
            summary=gettext(
                "Themes of questions without a fitting provision, or marked “Dit past niet”."
            ),
            labels=[t.theme for t in report.unmet],
            values=[t.conversations for t in report.unmet],
            suppressed_label=hidden,
            empty_label=gettext("No figures"),
        ),
    }


def _page(request: Request, template: str, **query: object) -> Response:
    staff = require(request, *ANALYSTS)
    texts = console_texts(request)
    app = application(request)
    report = figures(app, texts, **query)  # type: ignore[arg-type]
    return secure(
        render(
            request,
            template,
            staff=staff,
            report=report,
            charts=_charts(report, texts),
            query=query,
            districts=[(d.id, d.name) for d in app.directory.districts()],
            district_name={d.id: d.name for d in app.directory.districts()},
            outcome_names=inbox_labels(texts)["outcome"],
            team_names={t.team: t.name for t in report.teams},
        )
    )


@router.get("")
async def insights_page(request: Request) -> Response:
    query = _query(request)
    return await run_in_threadpool(_page, request, "insights.html", **query)


@router.get("/report")
async def monthly_report(request: Request) -> Response:
    """One calendar month by week, laid out to print (or save as PDF from the browser)."""
    month = _month(request.query_params.get("month"))
    query = _query(request)
    if month is not None:
        query["start"] = month
        query["end"] = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(
            days=1
        )
    query["bucket"] = WEEK
    return await run_in_threadpool(_page, request, "insights_report.html", **query)


@router.get(".csv")
def insights_csv(request: Request) -> Response:
    require(request, *ANALYSTS)
    report = figures(application(request), console_texts(request), **_query(request))  # type: ignore[arg-type]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in csv_rows(report):
        writer.writerow(safe_cell(v) for v in row)
    name = f"insights-{report.start.isoformat()}-{report.end.isoformat()}.csv"
    return secure(
        Response(
            out.getvalue().encode("utf-8-sig"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    )
