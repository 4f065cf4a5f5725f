"""Tables owned by the handoff package: districts, their postcode ranges and teams."""

from __future__ import annotations

from sqlalchemy import ForeignKey, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


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
