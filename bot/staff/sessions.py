"""Staff sign-in for the console: the password check, holding off guessers without locking
anyone out, server-side sessions that time out, and the CSRF token every form carries.

Sessions live in the database (``staff_sessions``) rather than in a signed cookie, so that
signing out, an idle time-out or deactivating an account ends them at once, on every
server process.

Guessing. Wrong passwords are limited per client address and per (address, account name)
in ``bot/platform/ratelimit.py``. What those cannot see is one account tried from many
addresses. For that each account remembers the addresses it signed in from with the right
password (keyed hashes, ``staff_signin_addresses``). Wrong passwords from any other address
are counted on the account, and after ``max_failures`` of them other addresses are held
off: one try, then a wait of a minute that doubles with each further wrong password, at
most ``lock``. A held-off try is answered exactly like a wrong password, whatever was typed,
so a guesser learns nothing from it; the account's usual addresses are never held off, so
strangers cannot lock its owner out. Admins see such an account on the accounts page, and
the log says so at WARNING.

Every path costs the same: an unknown name runs the queries a known one does (against an
id no row has), then exactly one argon2 verification, for an unknown name (against a dummy
hash), a wrong password, a held-off try and the right password alike. The decision comes
after the check, so the time taken does not tell which names exist or which accounts are
being held off. (The per-address limits answer before any of this, without a check: they
depend only on what the caller's address did, for any name typed.)
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import case, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import Clock
from bot.platform.models import StaffSession, StaffSigninAddress, StaffUser
from bot.staff.accounts import Role, hash_password, verify_password

logger = logging.getLogger(__name__)

# An address stays "usual" for an account this long after its last right password there.
USUAL_ADDRESS_DAYS = 90
# The first wait for other addresses once an account has had too many wrong passwords from
# them; it doubles with each further one, up to the policy's ``lock``.
FIRST_WAIT = timedelta(minutes=1)
# A run of wrong passwords from other addresses is forgotten after this long without one.
FORGET_AFTER = timedelta(days=1)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked when the username is unknown, so that a wrong name takes as long as a wrong
    password and the timing does not tell which names exist."""
    return hash_password(secrets.token_urlsafe(16))


def address_tag(secret: str, address: str) -> str:
    """What is stored of a client address: an HMAC with the server's secret key, so a copy
    of the table does not say where staff sign in from (not without the key, at least)."""
    return hmac.new(
        secret.encode(), f"signin-address {address}".encode(), hashlib.sha256
    ).hexdigest()


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
    # The account holds off addresses it does not know and this was one: the password
    # was checked (for the time it takes) but not believed. Never shown to the caller.
    held_off: bool = False


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta
    lifetime: timedelta
    max_failures: int  # wrong passwords from other addresses before they are held off
    lock: timedelta  # the longest they are held off after one more


@dataclass(frozen=True)
class _StrangerTry:
    """A try from an address the account does not know, counted before the check."""

    count: int
    failed_before: datetime | None  # the account's last wrong password before this try
    wait_before: datetime | None  # the account's hold-off before this try
    wait_until: datetime | None  # the hold-off this try started, if it did


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
        _dummy_hash()  # made now: the first unknown name must not take longer than others

    def sign_in(
        self, username: str, password: str, address_hash: str | None = None
    ) -> SignInResult:
        """Check a password. ``address_hash`` (``address_tag``) is where the attempt comes
        from; without one it counts as an address the account does not know.

        An attempt from an unknown address is counted before the (slow) check, atomically,
        so that parallel guesses cannot slip past the hold-off."""
        now = self._clock()
        self.purge_expired()
        with self._sessions() as db, db.begin():
            found = db.scalars(
                select(StaffUser).where(StaffUser.username == username.strip())
            ).first()
            user = found if found is not None and found.active else None
            known = user is not None
            # An unknown name (or a switched-off account) runs the same queries against an
            # id no row has, and checks the password against a dummy hash.
            user_id = user.id if user is not None else -1
            password_hash = user.password_hash if user is not None else _dummy_hash()
            failed_before = user.last_failed_signin_at if user is not None else None
            wait_before = user.locked_until if user is not None else None
            usual = self._usual(db, user_id, address_hash, now)
            tried = (
                None
                if usual
                else self._count_stranger(db, user_id, now, failed_before, wait_before)
            )
            held_off = known and not usual and tried is None
        # One verification on every path, before anything is decided, outside the
        # transaction (it takes a while, and the attempt is already counted).
        right = verify_password(password_hash, password)
        if not right or not known or held_off:
            if tried is not None and tried.wait_until is not None:
                # No name, no address: the id is enough for an admin, who sees the
                # account flagged on the accounts page.
                logger.warning(
                    "staff account %d: %d wrong passwords from addresses it does not "
                    "usually sign in from; other addresses now wait %d s before their next "
                    "try",
                    user_id,
                    tried.count,
                    int((tried.wait_until - now).total_seconds()),
                )
            return SignInResult(None, held_off=held_off)
        token = secrets.token_urlsafe(32)
        with self._sessions() as db, db.begin():
            if tried is not None:
                # It was the owner: her own try counts no more, and what it set is taken
                # back (unless another try has changed it since).
                undo: dict[str, Any] = {
                    "failed_signins": case(
                        (StaffUser.failed_signins > 0, StaffUser.failed_signins - 1), else_=0
                    ),
                    "last_failed_signin_at": case(
                        (StaffUser.last_failed_signin_at == now, tried.failed_before),
                        else_=StaffUser.last_failed_signin_at,
                    ),
                }
                if tried.wait_until is not None:
                    undo["locked_until"] = case(
                        (StaffUser.locked_until == tried.wait_until, tried.wait_before),
                        else_=StaffUser.locked_until,
                    )
                db.execute(update(StaffUser).where(StaffUser.id == user_id).values(**undo))
            if address_hash:
                self._remember(db, user_id, address_hash, now)
            db.execute(
                update(StaffUser).where(StaffUser.id == user_id).values(last_signed_in_at=now)
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

    def _usual(self, db: Session, user_id: int, address_hash: str | None, now: datetime) -> bool:
        """Whether the account signed in from this address lately."""
        found = db.scalar(
            select(StaffSigninAddress.user_id).where(
                StaffSigninAddress.user_id == user_id,
                StaffSigninAddress.address_hash == (address_hash or ""),
                StaffSigninAddress.last_signed_in_at >= now - timedelta(days=USUAL_ADDRESS_DAYS),
            )
        )
        return found is not None and address_hash is not None

    def _count_stranger(
        self,
        db: Session,
        user_id: int,
        now: datetime,
        failed_before: datetime | None,
        wait_before: datetime | None,
    ) -> _StrangerTry | None:
        """Count a try from an address the account does not know, unless such addresses
        are held off at the moment (None, nothing counted). From ``max_failures`` on, each
        one holds off the next for a while that doubles each time."""
        count = db.execute(
            update(StaffUser)
            .where(
                StaffUser.id == user_id,
                or_(StaffUser.locked_until.is_(None), StaffUser.locked_until <= now),
            )
            .values(
                failed_signins=case(
                    (
                        or_(
                            StaffUser.last_failed_signin_at.is_(None),
                            StaffUser.last_failed_signin_at < now - FORGET_AFTER,
                        ),
                        1,
                    ),
                    else_=StaffUser.failed_signins + 1,
                ),
                last_failed_signin_at=now,
            )
            .returning(StaffUser.failed_signins)
        ).scalar_one_or_none()
        if count is None:
            return None
        beyond = count - self._policy.max_failures
        if beyond < 0:
            return _StrangerTry(count, failed_before, wait_before, None)
        wait_until = now + min(self._policy.lock, FIRST_WAIT * 2 ** min(beyond, 20))
        db.execute(update(StaffUser).where(StaffUser.id == user_id).values(locked_until=wait_until))
        return _StrangerTry(count, failed_before, wait_before, wait_until)

    def _remember(self, db: Session, user_id: int, address_hash: str, now: datetime) -> None:
        """Note a right password from this address; forget addresses not used for long."""
        db.execute(
            delete(StaffSigninAddress).where(
                StaffSigninAddress.user_id == user_id,
                StaffSigninAddress.last_signed_in_at < now - timedelta(days=USUAL_ADDRESS_DAYS),
            )
        )
        seen = db.execute(
            update(StaffSigninAddress)
            .where(
                StaffSigninAddress.user_id == user_id,
                StaffSigninAddress.address_hash == address_hash,
            )
            .values(last_signed_in_at=now)
        )
        if getattr(seen, "rowcount", 0):
            return
        try:
            with db.begin_nested():
                db.execute(
                    insert(StaffSigninAddress).values(
                        user_id=user_id, address_hash=address_hash, last_signed_in_at=now
                    )
                )
        except IntegrityError:
            pass  # the same person signing in twice at once from there: noted already

    def under_attack(self) -> set[str]:
        """Usernames whose wrong passwords from other addresses reached ``max_failures``
        in the last day: someone who does not know the password keeps trying."""
        with self._sessions() as db:
            return set(
                db.scalars(
                    select(StaffUser.username).where(
                        StaffUser.failed_signins >= self._policy.max_failures,
                        StaffUser.last_failed_signin_at >= self._clock() - FORGET_AFTER,
                    )
                )
            )

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
