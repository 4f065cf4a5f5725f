"""Tables owned by the knowledge base: organisations, provisions, FAQ entries, history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, MetaData, Numeric, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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


class Organization(Base):
    __tablename__ = "kb_organizations"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))


class Service(Base):
    """A provision (algemene voorziening). Texts in Dutch with optional English."""

    __tablename__ = "kb_services"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    organization_id: Mapped[str] = mapped_column(ForeignKey("kb_organizations.id"))
    service_types: Mapped[list[Any]]
    domains: Mapped[list[Any]]
    access: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text)
    summary_en: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(Text)
    audience_en: Mapped[str | None] = mapped_column(Text)
    eligibility: Mapped[dict[str, Any]] = mapped_column(default=dict)
    cost_kind: Mapped[str] = mapped_column(String(20))
    cost_amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    cost_unit: Mapped[str | None] = mapped_column(String(100))
    cost_unit_en: Mapped[str | None] = mapped_column(String(100))
    cost_note: Mapped[str | None] = mapped_column(Text)
    cost_note_en: Mapped[str | None] = mapped_column(Text)
    how_to_apply: Mapped[str] = mapped_column(Text)
    how_to_apply_en: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(320))
    website: Mapped[str | None] = mapped_column(String(300))
    location: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    districts: Mapped[list[Any]]
    schedule: Mapped[list[Any]]
    schedule_note: Mapped[str | None] = mapped_column(Text)
    schedule_note_en: Mapped[str | None] = mapped_column(Text)
    languages: Mapped[list[Any]]
    keywords: Mapped[list[Any]]
    last_reviewed: Mapped[date | None]
    reviewed_by: Mapped[str | None] = mapped_column(String(200))
    retired: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Normalised words of every searchable field, maintained on write, for full-text search.
    search_text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]

    # Every UPDATE says "WHERE version = <the version read>": of two saves based on the
    # same version, on SQLite as on PostgreSQL, the second finds no row and fails.
    __mapper_args__ = {"version_id_col": version}


class Faq(Base):
    __tablename__ = "kb_faqs"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    question_en: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    answer_en: Mapped[str | None] = mapped_column(Text)
    domains: Mapped[list[Any]]
    keywords: Mapped[list[Any]]
    last_reviewed: Mapped[date | None]
    search_text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class Change(Base):
    """Who changed what in the catalogue, and when."""

    __tablename__ = "kb_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(80), index=True)
    action: Mapped[str] = mapped_column(String(20))
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[datetime]
    diff: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Revision(Base):
    """One row whose number goes up in every transaction that changes the catalogue.

    Server processes compare it with the number their in-memory copy was read at. Unlike
    the newest history id, it rises in commit order: writers queue on this row's lock.
    """

    __tablename__ = "kb_revision"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    number: Mapped[int] = mapped_column(default=0)
