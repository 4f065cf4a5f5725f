"""``vraagwijzer team``: the district teams' API tokens for their own case systems
(handoff's inbox API)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from bot.cli.common import when, with_database

if TYPE_CHECKING:
    from handoff import TeamTokens


@click.group()
def team() -> None:
    """District teams: API tokens for their own case systems."""


@contextmanager
def _team_tokens() -> Iterator[TeamTokens]:
    """The teams' tokens; a refusal (an unknown team or token) is the command's error."""
    from handoff import TeamTokenError, TeamTokens

    with with_database() as database:
        try:
            yield TeamTokens(database.sessions)
        except TeamTokenError as exc:
            raise click.ClickException(str(exc)) from None


@team.command("token")
@click.argument("team_id")
@click.option(
    "--label",
    default="case system",
    show_default=True,
    help="Which system uses the token; the ticket history names it.",
)
def team_token(team_id: str, label: str) -> None:
    """Make an API token for TEAM_ID; it is printed once, on stdout, and never again."""
    with _team_tokens() as tokens:
        token = tokens.issue(team_id, label=label)
    # Only the token on stdout, so that a script can capture it; the advice on stderr.
    click.echo(token)
    click.echo(
        f"This is the API token for {team_id} ({label.strip()}). It is shown only now: store "
        "it in the case system's secrets. List tokens with `vraagwijzer team tokens "
        f"{team_id}`.",
        err=True,
    )


@team.command("tokens")
@click.argument("team_id")
def team_tokens(team_id: str) -> None:
    """List TEAM_ID's API tokens (never the tokens themselves)."""
    with _team_tokens() as tokens:
        found = tokens.list(team_id)
    if not found:
        click.echo(f"{team_id} has no API tokens")
        return
    click.echo(f"{'id':>5}  {'prefix':14} {'label':24} {'created':20} {'last used':20} revoked")
    for t in found:
        click.echo(
            f"{t.id:>5}  {t.prefix + '…':14} {t.label[:24]:24} {when(t.created_at):20} "
            f"{when(t.last_used_at):20} {when(t.revoked_at)}"
        )


@team.command("revoke")
@click.argument("token_id")
def team_revoke(token_id: str) -> None:
    """Revoke a token at once, by its id (or the prefix `team tokens` shows)."""
    with _team_tokens() as tokens:
        view = tokens.revoke(token_id)
    click.echo(
        f"token {view.id} of {view.team_id} ({view.label}) revoked since {when(view.revoked_at)}"
    )
