"""What every command shares: the root group ``main`` (which refuses control characters in
any argument), the settings, the logging set-up, and the database or application a
command opens for its run and closes after it (``with_database``, ``with_application``).

The heavy imports (SQLAlchemy, the application, the NLU) happen inside the functions, so
that ``vraagwijzer --help`` and a command that needs none of them start quickly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from bot.platform.settings import Settings, SettingsError, load_settings
from bot.web.control_chars import control_character, describe

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from bot.application import Application


def read_settings(**overrides: object) -> Settings:
    """The settings from the environment; a bad one is the command's error message."""
    try:
        return load_settings(**overrides)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def setup_logging(level: str = "INFO") -> None:
    """Masked logs on stderr (bot.platform.logs), as VRAAGWIJZER_LOG_FORMAT and _LOG_LEVEL say; a
    quiet command passes a higher floor (WARNING)."""
    from bot.platform.logs import LEVELS, configure_logging

    try:
        settings: Settings | None = load_settings()
    except SettingsError:
        settings = None  # the command reports the bad setting itself
    wanted = settings.log_level if settings else "info"
    configure_logging(
        level=max(wanted, level.lower(), key=LEVELS.__getitem__),
        log_format=settings.log_format if settings else "text",
    )


@dataclass(frozen=True)
class Database:
    """An open database: its engine (for the migrations) and its sessions."""

    engine: Engine
    sessions: sessionmaker[Session]


@contextmanager
def with_database(settings: Settings | None = None) -> Iterator[Database]:
    """The database of ``settings`` (default: the environment's), open for the ``with``
    block and closed after it, also when the block fails."""
    from bot.platform.db import make_engine, make_sessionmaker

    engine = make_engine((settings or read_settings()).resolved_database_url)
    try:
        yield Database(engine, make_sessionmaker(engine))
    finally:
        engine.dispose()


@contextmanager
def with_application(
    settings: Settings | None = None, *, understands: bool = True
) -> Iterator[Application]:
    """The whole application, as the server builds it, for the ``with`` block; closed
    after it. A command that never reads a resident's message passes ``understands=False``
    and loads no language model."""
    from bot.application import build_application

    app = build_application(
        settings or read_settings(), analyzer=None if understands else _NoAnalyzer()
    )
    try:
        yield app
    finally:
        app.close()


class _NoAnalyzer:
    """Commands that never read a resident's message need no language model."""

    name = "none"

    def analyze(self, text: str, *, locale_hint: str | None = None) -> Any:
        raise RuntimeError("this command does not understand messages")


def when(moment: Any) -> str:
    """A moment of a token's life as a listing shows it."""
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment is not None else "-"


class ControlCharacterArgument(click.ClickException):
    exit_code = 2  # as click's own usage errors


class _Commands(click.Group):
    """Every argument of every command is checked here, before any command reads it: a
    control character (or bytes that are not UTF-8) would end up in the database, where
    PostgreSQL refuses a NUL. The same rule as the web app's (bot/web/control_chars.py)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        for argument in args:
            found = control_character(argument)
            if found:
                shown = argument if len(argument) <= 40 else argument[:37] + "..."
                # Python hands on bytes that are not UTF-8 as lone surrogates.
                what = "bytes that are not UTF-8" if "\udc80" <= found <= "\udcff" else None
                raise ControlCharacterArgument(
                    f"the argument {shown!r} contains {what or describe(found)}; leave it out"
                )
        return super().parse_args(ctx, args)


@click.group(cls=_Commands)
def main() -> None:
    """VraagWijzer: the chat assistant for residents' questions about daily life."""
