"""``vraagwijzer db``: the database schema."""

from __future__ import annotations

import click

from bot.cli.common import with_database


@click.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Bring the database to the newest schema."""
    from bot.platform.migrate import upgrade

    with with_database() as database:
        upgrade(database.engine)
    click.echo("database is up to date")
