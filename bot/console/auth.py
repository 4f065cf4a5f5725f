"""Staff sign-in for the console: password check with lock-out, server-side sessions that
time out, and the CSRF token every form carries.

Sessions live in the database (``staff_sessions``) rather than in a signed cookie, so that
signing out, an idle time-out or deactivating an account ends them at once, on every
server process.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock
from bot.models import StaffSession, StaffUser
from bot.staff import Role, hash_password, verify_password


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked when the username is unknown, so that a wrong name takes as long as a wrong
    password and the timing does not tell which names exist."""
    return hash_password(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Staff:
    """The person behind a console request."""

    id: int
    username: str
    display_name: str
    role: Role
    teams: tuple[str, ...]
    csrf_token: str

    def may(self, *roles: Role) -> bool:
        return self.role in roles or self.role is Role.ADMIN


@dataclass(frozen=True)
class SignInResult:
    token: str | None  # the new session's cookie value when the sign-in worked
    locked: bool = False


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta
    lifetime: timedelta
    max_failures: int
    lock: timedelta


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class StaffSessions:
    """Signing staff in and out, and finding who is behind a session cookie."""

    def __init__(
        self, sessions: sessionmaker[Session], policy: SessionPolicy, clock: Clock
    ) -> None:
        self._sessions = sessions
        self._policy = policy
        self._clock = clock

    def sign_in(self, username: str, password: str) -> SignInResult:
        """Check a password. Every attempt is counted before the (slow) check, atomically,
        so that parallel guesses cannot slip past the lock-out."""
        now = self._clock()
        self.purge_expired()
        with self._sessions() as db, db.begin():
            user = db.scalars(
                select(StaffUser).where(StaffUser.username == username.strip())
            ).first()
            if user is None or not user.active:
                verify_password(_dummy_hash(), password)
                return SignInResult(None)
            user_id, password_hash = user.id, user.password_hash
            if user.locked_until is not None and user.locked_until > now:
                return SignInResult(None, locked=True)
            if user.locked_until is not None:
                # The lock has run out: count afresh.
                db.execute(
                    update(StaffUser)
                    .where(StaffUser.id == user_id)
                    .values(failed_signins=0, locked_until=None)
                )
            attempts = db.execute(
                update(StaffUser)
                .where(StaffUser.id == user_id)
                .values(failed_signins=StaffUser.failed_signins + 1)
                .returning(StaffUser.failed_signins)
            ).scalar_one()
            if attempts > self._policy.max_failures:
                db.execute(
                    update(StaffUser)
                    .where(StaffUser.id == user_id)
                    .values(locked_until=now + self._policy.lock)
                )
                return SignInResult(None, locked=True)
        # The hash is checked outside the transaction: it takes a while, and the attempt
        # is already counted.
        if not verify_password(password_hash, password):
            return SignInResult(None)
        token = secrets.token_urlsafe(32)
        with self._sessions() as db, db.begin():
            db.execute(
                update(StaffUser)
                .where(StaffUser.id == user_id)
                .values(failed_signins=0, locked_until=None)
            )
            db.add(
                StaffSession(
                    token_hash=_hash(token),
                    user_id=user_id,
                    csrf_token=secrets.token_urlsafe(32),
                    created_at=now,
                    last_seen_at=now,
                )
            )
        return SignInResult(token)

    def staff(self, token: str | None) -> Staff | None:
        """Who holds this cookie, or None when it is unknown, expired or idle too long."""
        if not token or len(token) > 200:
            return None
        now = self._clock()
        with self._sessions() as db, db.begin():
            row = db.get(StaffSession, _hash(token))
            if row is None:
                return None
            if (
                not row.user.active
                or now - row.last_seen_at > self._policy.idle
                or now - row.created_at > self._policy.lifetime
            ):
                db.delete(row)
                return None
            # Written at most once a minute: a page full of requests is one update.
            if now - row.last_seen_at > timedelta(minutes=1):
                row.last_seen_at = now
            user = row.user
            return Staff(
                id=user.id,
                username=user.username,
                display_name=user.display_name,
                role=Role(user.role),
                teams=tuple(m.team_id for m in user.memberships),
                csrf_token=row.csrf_token,
            )

    def sign_out(self, token: str | None) -> None:
        if not token:
            return
        with self._sessions() as db, db.begin():
            db.execute(delete(StaffSession).where(StaffSession.token_hash == _hash(token)))

    def purge_expired(self) -> int:
        """Remove sessions past their idle or total lifetime; returns how many."""
        now = self._clock()
        with self._sessions() as db, db.begin():
            result = db.execute(
                delete(StaffSession).where(
                    (StaffSession.last_seen_at < now - self._policy.idle)
                    | (StaffSession.created_at < now - self._policy.lifetime)
                )
            )
            return int(getattr(result, "rowcount", 0) or 0)


def csrf_ok(staff: Staff, submitted: str | None) -> bool:
    return bool(submitted) and hmac.compare_digest(staff.csrf_token, str(submitted))
