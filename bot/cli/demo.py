"""``vraagwijzer demo``: the fictional demo municipality (bot/demo)."""

from __future__ import annotations

import click

from bot.cli.common import read_settings, setup_logging, with_application


@click.group()
def demo() -> None:
    """The fictional demo municipality."""


@demo.command("seed")
def demo_seed() -> None:
    """Load the demo municipality, catalogue and staff accounts (and print the logins)."""
    from bot.demo.seed import logins_file, seed, seed_insights

    setup_logging("WARNING")
    settings = read_settings()
    # One file per database: the logins printed are always this database's.
    kept_in = logins_file(settings.data_dir, settings.resolved_database_url)
    with with_application(settings) as app:
        logins = seed(app, logins_file=kept_in)
        rows = seed_insights(app)
        click.echo(
            f"Demo municipality {app.municipality.name}: "
            f"{len(app.directory.districts())} districts, "
            f"{len(app.catalogue)} provisions."
        )
    click.echo(f"A year of insights figures up to yesterday ({rows} daily counts).")
    click.echo(f"Staff accounts of this database (username / password / role; kept in {kept_in}):")
    for login in logins:
        teams = f" ({', '.join(login.teams)})" if login.teams else ""
        click.echo(f"  {login.username:18} {login.password}  {login.role}{teams}")
