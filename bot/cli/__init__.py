"""The command line, ``vraagwijzer``: one module per command group, each added here to the
root group of ``common`` (the settings, logging and database helpers they share)."""

from bot.cli.common import main
from bot.cli.db import db
from bot.cli.demo import demo
from bot.cli.districts import districts
from bot.cli.insights import insights
from bot.cli.kb import kb
from bot.cli.nlu import nlu
from bot.cli.outbox import outbox
from bot.cli.purge import purge
from bot.cli.serve import serve
from bot.cli.team import team
from bot.cli.user import user

for _command in (serve, db, demo, user, districts, team, insights, nlu, outbox, purge, kb):
    main.add_command(_command)

__all__ = ["main"]
