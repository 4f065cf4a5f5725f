"""The command line, ``vraagwijzer``: one module per command group."""

from bot.cli.commands import main

__all__ = ["main"]
