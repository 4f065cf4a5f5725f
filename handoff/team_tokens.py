"""API tokens for the district teams' own case systems: one token, one team.

A token is a bearer secret, shown once when it is issued and stored only as its SHA-256
hash, so that a copy of the database cannot be used to act as a team. A token is found by
its hash: the database compares hashes of what the caller sent, so how long a comparison
takes tells nothing about any stored secret (the hash is compared once more in constant
time, should an index ever match loosely). Revoking keeps the row, so the list of tokens
still says which system had access and until when.

Plain SHA-256 rather than a password hash is enough here: the token carries 256 random
bits, there is nothing to guess, and every API call checks it.
"""

from __future__ import annotations

import builtins
import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from handoff.models import Team, TeamToken

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]

MARK = "vwt_"  # recognisable in a configuration file or a secret scanner
PREFIX_LENGTH = 12  # "vwt_" and 8 random characters: enough to tell tokens apart
MAX_LABEL = 100
# Recording every call would turn each read into a write; the minute is what matters.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# Longer than any token we issue; anything longer is refused before it is hashed.
_MAX_TOKEN_CHARS = 200


class TeamTokenError(ValueError):
    """A token cannot be issued or found: unknown team, empty label, unknown token id."""


@dataclass(frozen=True)
class TeamTokenView:
    """A token as an administrator (or the API) sees it: never the secret itself."""

    id: int
    team_id: str
    label: str
    prefix: str
    created_at: datetime  # naive UTC, as every timestamp in the database
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TeamTokens:
    """Issue, check, list and revoke the teams' API tokens."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock = _utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def issue(self, team_id: str, *, label: str) -> str:
        """A new token for ``team_id``; the returned secret cannot be shown again."""
        label = label.strip()
        if not label:
            raise TeamTokenError("a token needs a label saying which system uses it")
        if len(label) > MAX_LABEL:
            raise TeamTokenError(f"a label has at most {MAX_LABEL} characters")
        token = MARK + secrets.token_urlsafe(32)
        with self._sessions() as session, session.begin():
            _check_team(session, team_id)
            row = TeamToken(
                team_id=team_id,
                token_hash=_hash(token),
                prefix=token[:PREFIX_LENGTH],
                label=label,
                created_at=self._clock(),
                last_used_at=None,
                revoked_at=None,
            )
            session.add(row)
            session.flush()
            logger.info("API token %d issued for team %s", row.id, team_id)
        return token

    def authenticate(self, token: str) -> TeamTokenView | None:
        """The active token behind ``token``, or None (unknown, malformed or revoked)."""
        if not token.startswith(MARK) or len(token) > _MAX_TOKEN_CHARS:
            return None
        digest = _hash(token)
        with self._sessions() as session:
            row = session.scalar(select(TeamToken).where(TeamToken.token_hash == digest))
            if row is None or not hmac.compare_digest(row.token_hash, digest):
                return None
            if row.revoked_at is not None:
                return None
            view = _view(row)
        now = self._clock()
        if view.last_used_at is None or now - view.last_used_at >= LAST_USED_RESOLUTION:
            self._touch(view.id, now)
        return view

    def team_for(self, token: str) -> str | None:
        """The team an active token belongs to, or None."""
        view = self.authenticate(token)
        return view.team_id if view is not None else None

    def _touch(self, token_id: int, now: datetime) -> None:
        # Conditional, so parallel calls in the same minute write once and none of them
        # moves the time backwards.
        stale = now - LAST_USED_RESOLUTION
        with self._sessions() as session, session.begin():
            session.execute(
                update(TeamToken)
                .where(TeamToken.id == token_id)
                .where(or_(TeamToken.last_used_at.is_(None), TeamToken.last_used_at <= stale))
                .values(last_used_at=now)
            )

    def revoke(self, which: int | str) -> TeamTokenView:
        """Revoke a token by its id, its prefix (as ``list`` shows it) or the token itself.

        Revoking twice is harmless: the first time is kept.
        """
        with self._sessions() as session, session.begin():
            row = _find(session, which)
            if row.revoked_at is None:
                row.revoked_at = self._clock()
                logger.info("API token %d of team %s revoked", row.id, row.team_id)
            session.flush()
            return _view(row)

    def list(self, team_id: str) -> builtins.list[TeamTokenView]:
        """A team's tokens, revoked ones included, oldest first."""
        with self._sessions() as session:
            _check_team(session, team_id)
            rows = session.scalars(
                select(TeamToken)
                .where(TeamToken.team_id == team_id)
                .order_by(TeamToken.created_at, TeamToken.id)
            )
            return [_view(row) for row in rows]


def _check_team(session: Session, team_id: str) -> None:
    if session.get(Team, team_id) is None:
        known = ", ".join(session.scalars(select(Team.id).order_by(Team.id))) or "none yet"
        raise TeamTokenError(f"unknown team {team_id!r} (known teams: {known})")


def _find(session: Session, which: int | str) -> TeamToken:
    text = str(which).strip()
    # ASCII and short: int() must not fail on "²" nor overflow the database's integer.
    is_id = text.isascii() and text.isdigit() and len(text) <= 18
    if is_id:
        row = session.get(TeamToken, int(text))
    elif text.startswith(MARK) and len(text) >= PREFIX_LENGTH:
        row = session.scalar(select(TeamToken).where(TeamToken.token_hash == _hash(text)))
        if row is None:
            matches = session.scalars(
                select(TeamToken).where(TeamToken.prefix == text[:PREFIX_LENGTH]).limit(2)
            ).all()
            if len(matches) > 1:
                raise TeamTokenError(f"more than one token starts with {text[:PREFIX_LENGTH]}")
            row = matches[0] if matches else None
    else:
        raise TeamTokenError(
            f"give a token id or a prefix of {PREFIX_LENGTH} characters starting with {MARK}"
        )
    if row is None:
        shown = text if is_id else text[:PREFIX_LENGTH] + "…"
        raise TeamTokenError(f"no token {shown}")
    return row


def _view(row: TeamToken) -> TeamTokenView:
    return TeamTokenView(
        id=row.id,
        team_id=row.team_id,
        label=row.label,
        prefix=row.prefix,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )
