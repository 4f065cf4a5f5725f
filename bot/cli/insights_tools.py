"""``vraagwijzer insights``: the figures on the command line (as text, or the JSON of
``GET /api/v1/insights``), and ``insights rollup`` to make the daily roll-ups by hand."""

from __future__ import annotations

from datetime import date

from bot.application import Application
from bot.insights.figures import figures
from bot.insights.report import Report, Series


def report_for(
    app: Application, *, start: date | None, end: date | None, bucket: str, district: str | None
) -> Report:
    texts = app.console_catalogs.get(app.settings.default_locale)
    return figures(app, texts, start=start, end=end, bucket=bucket, district=district)


def as_text(report: Report) -> str:
    hidden = f"< {report.min_count}"

    def n(value: int | None) -> str:
        return hidden if value is None else str(value)

    def block(title: str, series: list[Series]) -> list[str]:
        lines = [title]
        lines += [f"  {s.label:40} {n(s.total):>8}" for s in series]
        return lines

    out = [
        f"Insights {report.start} to {report.end} (per {report.bucket}; "
        f"{report.days_with_data} days counted; district: {report.district or 'all'})",
        f"Conversations: {n(report.conversations.total)}; taken over by a volunteer: "
        f"{n(report.takeovers.total)}",
        "",
    ]
    out += [*block("Living domains", report.domains), ""]
    out += [*block("How conversations went", report.routes), ""]
    out += [*block("Languages", report.languages), ""]
    out += [*block("Channels", report.channels), ""]
    out += ["Provisions shown most (shown / helps / does not fit)"]
    out += [
        f"  {p.name[:40]:40} {n(p.shown):>8} {n(p.helpful):>8} {n(p.unfit):>8}"
        for p in report.provisions
    ]
    out += ["", "Where help is missing (themes)"]
    out += [
        f"  {t.theme[:40]:40} {t.conversations:>8}  "
        + ", ".join(f"{p.phrase} ({p.conversations})" for p in t.phrases)
        for t in report.unmet
    ]
    out += ["", "Referrals (made / taken up / contacted / closed / late / median first contact)"]
    out += [
        f"  {t.name[:40]:40} {n(t.created):>6} {n(t.accepted):>6} {n(t.contacted):>6} "
        f"{n(t.closed):>6} {n(t.late):>6}  {t.median_first_contact_hours or '-'}"
        for t in report.teams
    ]
    return "\n".join(out)
