"""Staff accounts: volunteers, district team members, content editors and admins."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import utcnow
from bot.platform.models import StaffSession, StaffUser, TeamMembership

_hasher = PasswordHasher()


class Role(StrEnum):
    VOLUNTEER = "volunteer"
    TEAM_MEMBER = "team_member"
    EDITOR = "editor"
    # A policy officer or manager: reads the insights (aggregate figures) and nothing else.
    ANALYST = "analyst"
    ADMIN = "admin"


class StaffError(ValueError):
    """Why an account change was refused. ``code`` is stable for pages and the CLI: the
    class's ``staff.invalid``, or the reason a raise site names (``"taken"`` gives
    ``staff.taken``). The message is for logs and the CLI."""

    code = "staff.invalid"

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        if code:
            self.code = f"staff.{code}"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_password() -> str:
    """A password a person can type: four groups of four characters."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


def add_user(
    sessions: sessionmaker[Session],
    *,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    teams: Sequence[str] = (),
) -> None:
    if len(password) < 12:
        raise StaffError("a password needs at least 12 characters", "weak_password")
    if role is Role.TEAM_MEMBER and not teams:
        raise StaffError("a team member belongs to at least one team", "team_needed")
    with sessions() as session, session.begin():
        if session.scalars(select(StaffUser).where(StaffUser.username == username)).first():
            raise StaffError(f"user {username} exists already", "taken")
        session.add(
            StaffUser(
                username=username,
                display_name=display_name,
                role=role.value,
                password_hash=hash_password(password),
                created_at=utcnow(),
                memberships=[TeamMembership(team_id=t) for t in teams],
            )
        )


def set_password(sessions: sessionmaker[Session], username: str, password: str) -> None:
    if len(password) < 12:
        raise StaffError("a password needs at least 12 characters", "weak_password")
    with sessions() as session, session.begin():
        user = session.scalars(select(StaffUser).where(StaffUser.username == username)).first()
        if user is None:
            raise StaffError(f"there is no user {username}", "missing")
        user.password_hash = hash_password(password)
        # A new password ends any holding off of other addresses (the guessers' run is
        # moot now) and signs out every browser that had the old one.
        user.failed_signins = 0
        user.last_failed_signin_at = None
        user.locked_until = None
        session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))


def usernames(sessions: sessionmaker[Session]) -> set[str]:
    with sessions() as session:
        return set(session.scalars(select(StaffUser.username)))


def team_members(sessions: sessionmaker[Session], team_id: str) -> list[tuple[str, str]]:
    """(username, display name) of the active members of a team, by name."""
    with sessions() as session:
        rows = session.execute(
            select(StaffUser.username, StaffUser.display_name)
            .join(TeamMembership, TeamMembership.user_id == StaffUser.id)
            .where(TeamMembership.team_id == team_id, StaffUser.active.is_(True))
            .order_by(StaffUser.display_name)
        )
        return [(r[0], r[1]) for r in rows]


@dataclass(frozen=True)
class Account:
    """A staff account as admins see it (never the password hash)."""

    username: str
    display_name: str
    role: Role
    teams: tuple[str, ...]
    active: bool
    created_at: datetime
    last_signed_in_at: datetime | None = None
    # Until when sign-ins from addresses the account does not know wait (bot/staff/sessions.py):
    # someone tried too many wrong passwords from elsewhere. The owner's usual places never.
    held_off_until: datetime | None = None


def accounts(sessions: sessionmaker[Session]) -> list[Account]:
    with sessions() as session:
        users = session.scalars(select(StaffUser).order_by(StaffUser.username)).all()
        return [_account(u) for u in users]


def account(sessions: sessionmaker[Session], username: str) -> Account | None:
    with sessions() as session:
        user = session.scalars(select(StaffUser).where(StaffUser.username == username)).first()
        return _account(user) if user else None


def update_user(
    sessions: sessionmaker[Session],
    username: str,
    *,
    display_name: str,
    role: Role,
    teams: Sequence[str],
    active: bool,
) -> None:
    """Change an account. Switching it off (or taking a role away) signs it out at once."""
    display_name = display_name.strip()
    if not display_name:
        raise StaffError("a name is needed", "name_needed")
    if role is Role.TEAM_MEMBER and not teams:
        raise StaffError("a team member belongs to at least one team", "team_needed")
    with sessions() as session, session.begin():
        user = session.scalars(select(StaffUser).where(StaffUser.username == username)).first()
        if user is None:
            raise StaffError(f"there is no user {username}", "missing")
        if user.role != role.value or (user.active and not active):
            session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))
        user.display_name = display_name
        user.role = role.value
        user.active = active
        session.execute(delete(TeamMembership).where(TeamMembership.user_id == user.id))
        session.flush()
        for team in dict.fromkeys(teams):
            session.add(TeamMembership(user_id=user.id, team_id=team))


def _account(user: StaffUser) -> Account:
    return Account(
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        teams=tuple(sorted(m.team_id for m in user.memberships)),
        active=user.active,
        created_at=user.created_at,
        last_signed_in_at=user.last_signed_in_at,
        held_off_until=user.locked_until,
    )
