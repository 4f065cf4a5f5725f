"""Tables owned by the handoff package: districts, their postcode ranges, teams, the
referral tickets sent to those teams with their history and internal notes, and the API
tokens with which the teams' own systems read and move those tickets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, MetaData, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
JSONType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSONType, list[Any]: JSONType}


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))
    central: Mapped[bool] = mapped_column(default=False)

    districts: Mapped[list[District]] = relationship(back_populates="team")


class District(Base):
    __tablename__ = "districts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"))

    team: Mapped[Team | None] = relationship(back_populates="districts")
    postcode_ranges: Mapped[list[PostcodeRange]] = relationship(
        back_populates="district", cascade="all, delete-orphan", order_by="PostcodeRange.low"
    )


class PostcodeRange(Base):
    """An inclusive range of 4-digit postcode numbers that belongs to one district."""

    __tablename__ = "postcode_ranges"

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[str] = mapped_column(ForeignKey("districts.id", ondelete="CASCADE"))
    low: Mapped[int]
    high: Mapped[int]

    district: Mapped[District] = relationship(back_populates="postcode_ranges")


class Ticket(Base):
    """A warm referral: a resident's need, handed to one team with the resident's consent.

    The resident's contact details live only in this row, so that erasing them when the
    retention period ends leaves the history intact.
    """

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    # No foreign key: seeding replaces all districts, and a ticket must outlive that.
    district_id: Mapped[str | None] = mapped_column(String(64))
    # The application's conversation; no foreign key, that table is not ours.
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(30))
    urgency: Mapped[str] = mapped_column(String(10))
    domains: Mapped[list[Any]]
    zrm: Mapped[list[Any]]
    summary: Mapped[str] = mapped_column(Text)
    # None when the resident did not agree to share the conversation itself.
    transcript: Mapped[list[Any] | None] = mapped_column(JSONType)
    contact_method: Mapped[str] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(320))
    preferred_time: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    consent: Mapped[dict[str, Any]]
    # The promised first contact: counts as overdue only until the resident is contacted.
    due_at: Mapped[datetime]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    notify_resident: Mapped[bool] = mapped_column(default=False)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    # Bumped on every change; an update based on an older read fails instead of
    # overwriting (SQLite has no SELECT ... FOR UPDATE).
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class TicketEvent(Base):
    """One step in a ticket's history: who changed what, from which value to which."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    by: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    from_value: Mapped[str | None] = mapped_column(String(200))
    to_value: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)


class TicketNote(Base):
    """An internal note by a team member; never shown to the resident."""

    __tablename__ = "ticket_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    by: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)


class TeamToken(Base):
    """A key a team's own case system uses for the REST API.

    Only a SHA-256 hash of the token is kept: a copy of the database (a backup, a
    test restore) must not let anyone act as a team. The short ``prefix`` is stored so an
    administrator can tell which token a configuration file holds.
    """

    __tablename__ = "team_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
