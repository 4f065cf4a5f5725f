"""What a resident is told while the database cannot be reached: sorry, try again in a
moment, and always the crisis numbers.

A resident in crisis may write exactly when the database is down, so the notice is built
from what is in memory: the catalogs (read at start-up), the crisis reply's own wording
(``replies.crisis``) and the municipality's central team from its file (also read at
start-up). Nothing here touches the database.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlalchemy import exc as sa_exc

from bot.conversation import replies
from bot.platform.i18n import Texts
from bot.platform.municipality import Municipality
from handoff import TeamInfo

# PostgreSQL error classes that mean "not now" rather than "wrong": connection
# exceptions, insufficient resources, operator intervention (shutdown), system errors.
_TRANSIENT_SQLSTATE_CLASSES = frozenset({"08", "53", "57", "58"})
# SQLite's wordings for the same (its OperationalError also covers bugs such as a
# missing table or a syntax error, which retrying will never fix).
_TRANSIENT_SQLITE = ("locked", "busy", "unable to open", "disk i/o error")


def is_database_down(error: BaseException) -> bool:
    """True for a failure that means "the database cannot be reached right now" (server
    stopped, connection lost, a SQLite file locked or unreadable, no pooled connection
    free), as opposed to a bug (a missing table, bad SQL): trying again later will work.
    Residents are told to wait only for the first kind; a bug stays a 500 and is logged."""
    if isinstance(error, sa_exc.InterfaceError | sa_exc.TimeoutError):
        return True
    if not isinstance(error, sa_exc.DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    if not isinstance(error, sa_exc.OperationalError):
        return False
    sqlstate = getattr(error.orig, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate:
        return sqlstate[:2] in _TRANSIENT_SQLSTATE_CLASSES
    if isinstance(error.orig, sqlite3.Error):
        message = str(error.orig).lower()
        return any(words in message for words in _TRANSIENT_SQLITE)
    # No code at all: the driver could not even connect (psycopg's "connection refused").
    return True


@dataclass(frozen=True)
class OutageNotice:
    locale: str
    text: str  # sorry, and what happens now
    crisis: str  # the crisis numbers and the municipality's own

    def as_text(self) -> str:
        return f"{self.text}\n\n{self.crisis}"


def outage_notice(
    texts: Texts, municipality: Municipality, *, answered_later: bool = False
) -> OutageNotice:
    """The notice in ``texts``' language. ``answered_later``: the channel keeps the
    message and answers it by itself once the database is back (Telegram), so the
    resident need not send it again."""
    if answered_later:
        text = texts.gettext(
            "Sorry, something is not working on our side right now. "
            "I will answer your message as soon as it works again."
        )
    else:
        text = texts.gettext(
            "Sorry, something is not working on our side right now. "
            "Please try again in a few minutes."
        )
    crisis = [replies.crisis(texts, None).text]
    central = _central_team(municipality)
    if central is not None and central.phone:
        crisis.append(replies.team_contact(texts, central).text)
    else:
        crisis.append(
            texts.gettext(
                "You can also call %(municipality)s: %(phone)s.",
                municipality=municipality.name,
                phone=municipality.general_contact.phone,
            )
        )
    return OutageNotice(locale=texts.locale, text=text, crisis=" ".join(crisis))


def _central_team(municipality: Municipality) -> TeamInfo | None:
    """The team a resident without a known district is sent to, from the municipality's
    file (the directory in the database says the same, but cannot be read now)."""
    team = next((t for t in municipality.teams if t.central), None)
    if team is None:
        return None
    return TeamInfo(id=team.id, name=team.name, email=team.email, phone=team.phone, central=True)
