"""``vraagwijzer outbox``: the notifications waiting to be sent, and sending them by hand."""

from __future__ import annotations

import click

from bot.cli.common import with_application


@click.group()
def outbox() -> None:
    """Notifications waiting to be sent (e-mails to teams, webhook calls)."""


@outbox.command("send")
def outbox_send() -> None:
    """Send what is due now (the running server does this every few seconds)."""
    with with_application(understands=False) as app:
        report = app.outbox.deliver_due(limit=1000)
        click.echo(f"{report.sent} sent, {report.failed} failed (retried later)")


@outbox.command("status")
def outbox_status() -> None:
    """How many notifications wait, and how many of them failed before."""
    with with_application(understands=False) as app:
        backlog = app.outbox.backlog()
        oldest = backlog.oldest.isoformat(timespec="seconds") if backlog.oldest else "-"
        click.echo(f"waiting: {backlog.waiting}, failing: {backlog.failing}, oldest: {oldest}")
