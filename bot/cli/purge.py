"""``vraagwijzer purge``: delete what has passed its retention period (bot/privacy)."""

from __future__ import annotations

import click

from bot.cli.common import with_application


@click.command()
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
def purge(dry_run: bool) -> None:
    """Delete what has passed its retention period (the running server does this every
    VRAAGWIJZER_PURGE_INTERVAL_MINUTES); prints counts, never content."""
    with with_application(understands=False) as app:
        policy = app.retention.policy
        click.echo(
            f"retention: conversations {policy.retention_days} days after the last message, "
            f"ticket transcripts {policy.ticket_transcript_days} days after closing, "
            f"access log {policy.access_log_days} days"
        )
        for line in app.retention.purge(dry_run=dry_run).lines():
            click.echo(line)
