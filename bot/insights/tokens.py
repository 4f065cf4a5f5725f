"""Keys for ``GET /api/v1/insights``, the municipality's own dashboards: issued, listed and
revoked on the command line (``vraagwijzer insights token|tokens|revoke``), as the teams'
API tokens are. Shown once, stored as SHA-256 (256 random bits: nothing to guess), found
by that hash; revoking keeps the row."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import Clock
from bot.platform.db import unit_of_work
from bot.platform.models import InsightToken

MARK = "vwi_"
PREFIX_LENGTH = 12
MAX_LABEL = 100
_MAX_TOKEN_CHARS = 200


class InsightTokenError(ValueError):
    """A token cannot be issued or found."""

    code = "insights.token"


@dataclass(frozen=True)
class InsightTokenView:
    id: int
    label: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _view(row: InsightToken) -> InsightTokenView:
    return InsightTokenView(row.id, row.label, row.prefix, row.created_at, row.revoked_at)


class InsightTokens:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def issue(self, *, label: str) -> str:
        """A new token; the secret returned cannot be shown again."""
        label = label.strip()
        if not label or len(label) > MAX_LABEL:
            raise InsightTokenError(f"a token needs a label of 1 to {MAX_LABEL} characters")
        token = MARK + secrets.token_urlsafe(32)
        with unit_of_work(self._sessions) as session:
            session.add(
                InsightToken(
                    token_hash=_hash(token),
                    prefix=token[:PREFIX_LENGTH],
                    label=label,
                    created_at=self._clock(),
                    revoked_at=None,
                )
            )
        return token

    def valid(self, token: str) -> bool:
        if not token.startswith(MARK) or len(token) > _MAX_TOKEN_CHARS:
            return False
        digest = _hash(token)
        with self._sessions() as session:
            row = session.scalar(select(InsightToken).where(InsightToken.token_hash == digest))
            return (
                row is not None
                and hmac.compare_digest(row.token_hash, digest)
                and row.revoked_at is None
            )

    def list(self) -> list[InsightTokenView]:
        with self._sessions() as session:
            rows = session.scalars(select(InsightToken).order_by(InsightToken.id))
            return [_view(row) for row in rows]

    def revoke(self, which: str) -> InsightTokenView:
        """By id or by prefix (as ``list`` shows it); revoking twice keeps the first time."""
        text = which.strip()
        with unit_of_work(self._sessions) as session:
            if text.isascii() and text.isdigit() and len(text) <= 18:
                row = session.get(InsightToken, int(text))
            elif text.startswith(MARK):
                row = session.scalar(
                    select(InsightToken).where(InsightToken.prefix == text[:PREFIX_LENGTH])
                )
            else:
                raise InsightTokenError(f"give a token id or a prefix starting with {MARK}")
            if row is None:
                raise InsightTokenError(f"no token {text[:PREFIX_LENGTH]}")
            if row.revoked_at is None:
                row.revoked_at = self._clock()
            session.flush()
            return _view(row)
