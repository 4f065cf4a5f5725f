"""``vraagwijzer districts``: the municipality's districts, their postcodes and teams."""

from __future__ import annotations

import json
from typing import Any

import click

from bot.cli.common import with_database


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def districts(as_json: bool) -> None:
    """List the districts with their postcode ranges and teams."""
    from handoff import Directory

    with with_database() as database:
        rows: list[dict[str, Any]] = [
            {
                "id": d.id,
                "name": d.name,
                "postcodes": [f"{lo}-{hi}" for lo, hi in d.postcode_ranges],
                "team_id": d.team_id,
            }
            for d in Directory(database.sessions).districts()
        ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(
            f"{row['id']:16} {row['name']:20} {' '.join(row['postcodes']):12} "
            f"{row['team_id'] or '-'}"
        )
