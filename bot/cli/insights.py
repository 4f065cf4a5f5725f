"""``vraagwijzer insights``: the municipality's figures on the command line (as text, or
the JSON of ``GET /api/v1/insights``), the daily roll-ups by hand, and the tokens of the
insights endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from bot.cli.common import setup_logging, when, with_application, with_database

if TYPE_CHECKING:
    from bot.insights.tokens import InsightTokens


@click.group(invoke_without_command=True)
@click.option("--from", "start", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@click.option("--to", "end", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@click.option("--bucket", type=click.Choice(["month", "week"]), default="month", show_default=True)
@click.option("--district", default=None, help="A district id (default: all districts).")
@click.option("--json", "as_json", is_flag=True, help="The JSON of GET /api/v1/insights.")
@click.pass_context
def insights(
    ctx: click.Context,
    start: Any,
    end: Any,
    bucket: str,
    district: str | None,
    as_json: bool,
) -> None:
    """The municipality's figures: what residents ask, where help is missing, how
    referrals fare (default: the last twelve whole months; small counts suppressed)."""
    if ctx.invoked_subcommand is not None:
        return
    from bot.cli.insights_tools import as_text, report_for

    setup_logging("WARNING")
    with with_application(understands=False) as app:
        report = report_for(
            app,
            start=start.date() if start else None,
            end=end.date() if end else None,
            bucket=bucket,
            district=district,
        )
    click.echo(report.model_dump_json(indent=2) if as_json else as_text(report))


@insights.command("rollup")
@click.option("--day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
def insights_rollup(day: Any) -> None:
    """Make the daily roll-ups that are due (the server does this by itself), or one day."""
    setup_logging("WARNING")
    with with_application(understands=False) as app:
        days = [day.date()] if day else app.rollups.due()
        for one in days:
            click.echo(f"{one}: {app.rollups.make(one)} conversations")


@contextmanager
def _insight_tokens() -> Iterator[InsightTokens]:
    """The endpoint's tokens; a refusal (an unknown token, say) is the command's error."""
    from bot.insights.tokens import InsightTokenError, InsightTokens
    from bot.platform.clock import utcnow

    with with_database() as database:
        try:
            yield InsightTokens(database.sessions, utcnow)
        except InsightTokenError as exc:
            raise click.ClickException(str(exc)) from exc


@insights.command("token")
@click.option("--label", required=True, help="Which dashboard or system uses it.")
def insights_token(label: str) -> None:
    """Make a token for GET /api/v1/insights (shown once)."""
    with _insight_tokens() as tokens:
        click.echo(tokens.issue(label=label))


@insights.command("tokens")
def insights_tokens() -> None:
    """List the insights tokens (never the secrets)."""
    with _insight_tokens() as tokens:
        for t in tokens.list():
            state = f"revoked {when(t.revoked_at)}" if t.revoked_at else "active"
            click.echo(f"{t.id:4} {t.prefix}…  {t.label:30} made {when(t.created_at)}  {state}")


@insights.command("revoke")
@click.argument("token_id")
def insights_revoke(token_id: str) -> None:
    """Revoke an insights token by its id or prefix."""
    with _insight_tokens() as tokens:
        view = tokens.revoke(token_id)
    click.echo(f"revoked {view.id} ({view.label})")
