"""``vraagwijzer user``: staff accounts for the console, each with a password printed
once."""

from __future__ import annotations

import click

from bot.cli.common import with_database


@click.group()
def user() -> None:
    """Staff accounts for the console."""


@user.command("add")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="The name colleagues see.")
@click.option(
    "--role",
    type=click.Choice(["volunteer", "team_member", "editor", "analyst", "admin"]),
    required=True,
)
@click.option("--team", "teams", multiple=True, help="A team id (team members; repeatable).")
def user_add(username: str, display_name: str, role: str, teams: tuple[str, ...]) -> None:
    """Create an account; prints a new password once."""
    from bot.staff.accounts import Role, StaffError, add_user, new_password

    with with_database() as database:
        password = new_password()
        try:
            add_user(
                database.sessions,
                username=username,
                display_name=display_name,
                role=Role(role),
                password=password,
                teams=teams,
            )
        except StaffError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"{username}: {password}  (shown only now; give it to {display_name} in person)")


@user.command("reset-password")
@click.argument("username")
def user_reset_password(username: str) -> None:
    """A new password (printed once); unlocks the account and signs out its sessions."""
    from bot.staff.accounts import StaffError, new_password, set_password

    with with_database() as database:
        password = new_password()
        try:
            set_password(database.sessions, username, password)
        except StaffError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"{username}: {password}  (shown only now)")
