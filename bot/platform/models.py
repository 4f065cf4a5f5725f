"""Tables owned by the application: conversations, their message log, staff accounts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, MetaData, String, Text, UniqueConstraint
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


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    # The channel's own id for the chat (a Telegram chat id); None for the web widget.
    channel_ref: Mapped[str | None] = mapped_column(String(64))
    token_hash: Mapped[str | None] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(40))
    state_data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    district_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_activity_at: Mapped[datetime]
    # The last message of the log a push channel (Telegram) has delivered to the chat:
    # everything after it is still to be sent, in order, even after a crash or an outage.
    delivered_id: Mapped[int] = mapped_column(default=0, server_default="0")
    # A volunteer who took over: the assistant stays quiet until they hand back.
    held_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    held_by_name: Mapped[str | None] = mapped_column(String(200))
    held_since: Mapped[datetime | None]
    reviewed_at: Mapped[datetime | None]
    reviewed_by: Mapped[str | None] = mapped_column(String(120))
    # Buttons of messages before this one no longer work: set to the notice of a
    # volunteer's take-over, so an old question cannot be answered behind their back.
    buttons_from_id: Mapped[int] = mapped_column(default=0, server_default="0")
    # A short code to go on with this conversation on another device (bot/conversation/
    # resume.py): only its hash is kept, it works once, and only until it expires.
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    resume_code_expires_at: Mapped[datetime | None]

    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", order_by="Message.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("channel", "channel_ref"),
        Index("ix_conversations_last_activity", "last_activity_at"),
    )


class Message(Base):
    """One line in a conversation's log: from the resident, the assistant, or a person."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    sender: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    payload: Mapped[str | None] = mapped_column(String(200))
    # The client's own id for a resident message, so a retried send is stored once.
    client_id: Mapped[str | None] = mapped_column(String(64))
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    parts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    understanding: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    # The text with personal data masked, made once when the message is stored: staff
    # pages show this and never mask again (None: made before masking was stored).
    masked_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]

    conversation: Mapped[Conversation] = relationship(back_populates="messages")

    __table_args__ = (UniqueConstraint("conversation_id", "client_id"),)


class ConversationNote(Base):
    """A volunteer's internal note on a conversation; the resident never sees it."""

    __tablename__ = "conversation_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class TranscriptView(Base):
    """Who opened which transcript, when: read by admins, kept apart from the transcripts
    (no foreign key), so the record stays when a conversation is deleted."""

    __tablename__ = "transcript_views"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(32))
    staff_username: Mapped[str] = mapped_column(String(120))
    staff_role: Mapped[str] = mapped_column(String(20))
    viewed_at: Mapped[datetime] = mapped_column(index=True)
    # What was opened: a conversation's transcript, or a ticket (with its reference), whose
    # page shows the resident's contact details and the transcript (bot/console/access_log.py).
    kind: Mapped[str] = mapped_column(String(20), default="transcript", server_default="transcript")
    reference: Mapped[str | None] = mapped_column(String(32))


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    # Wrong passwords from addresses this account does not usually use (bot/staff/sessions.py):
    # past a few of them such addresses are held off until ``locked_until``, a while that
    # grows with each further one. The account's usual addresses are never held off, so
    # strangers cannot lock its owner out. The run is forgotten a day after its last one.
    failed_signins: Mapped[int] = mapped_column(default=0, server_default="0")
    last_failed_signin_at: Mapped[datetime | None]
    locked_until: Mapped[datetime | None]
    # When the right password was last given (admins see it on the accounts page).
    last_signed_in_at: Mapped[datetime | None]

    memberships: Mapped[list[TeamMembership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )


class StaffSession(Base):
    """A signed-in browser. The cookie holds a random token; only its hash is stored, so a
    copy of the database does not let anyone sign in."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]

    user: Mapped[StaffUser] = relationship()


class TeamMembership(Base):
    """A staff member's place in a district team (teams belong to the handoff package)."""

    __tablename__ = "team_memberships"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[str] = mapped_column(String(64), primary_key=True)

    user: Mapped[StaffUser] = relationship(back_populates="memberships")


class OutboxMessage(Base):
    """A notification to send (an e-mail to a team, a call to a case system's webhook),
    written in the same transaction as the change it announces and sent afterwards,
    with retries: a mail server that is down delays a notification, it never loses one."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    # The same event announced twice (a retried request) is stored once.
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]


class StaffSigninAddress(Base):
    """An address a staff account signed in from with the right password: a keyed hash
    (HMAC with the secret key) of it, never the address, so the table alone does not say
    where anyone works. Sign-ins from these are never held off by other people's guesses."""

    __tablename__ = "staff_signin_addresses"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True
    )
    address_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_signed_in_at: Mapped[datetime]


class InsightCount(Base):
    """A daily roll-up for the municipality's insights (bot/insights/rollup.py): how many
    conversations (or referrals) of one day, in one district, had one feature. Only
    counts: no conversation id, no text but the masked short phrases of an unmet-needs
    theme, so the figures outlive the conversations, which the retention purge deletes.

    ``measure`` names the feature's kind and ``key`` the feature: ``domain``/``money``,
    ``language``/``ar``, ``shown``/a provision id, ``ref_closed``/``wt-oost|helped``.
    ``district`` is the district id, or "" when the conversation named none.
    """

    __tablename__ = "insight_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    district: Mapped[str] = mapped_column(String(64))
    measure: Mapped[str] = mapped_column(String(24))
    key: Mapped[str] = mapped_column(String(160))
    count: Mapped[int]

    __table_args__ = (
        UniqueConstraint("day", "district", "measure", "key"),
        Index("ix_insight_counts_measure_day", "measure", "day"),
    )


class InsightTotal(Base):
    """The daily counts summed per ISO week (``period`` "week", ``start`` its Monday) and
    per calendar month ("month", the 1st): the page reads a year of these, not 365 days'
    worth of rows. Made again with each day of the week or month (bot/insights/rollup.py)."""

    __tablename__ = "insight_totals"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(8))
    start: Mapped[date]
    district: Mapped[str] = mapped_column(String(64))
    measure: Mapped[str] = mapped_column(String(24))
    key: Mapped[str] = mapped_column(String(160))
    count: Mapped[int]

    __table_args__ = (
        UniqueConstraint("period", "start", "district", "measure", "key"),
        Index("ix_insight_totals_period_start", "period", "start"),
    )


class InsightToken(Base):
    """A key for GET /api/v1/insights (the municipality's own dashboards), read-only. As
    the teams' API tokens: only its SHA-256 is kept, with a prefix to tell tokens apart;
    revoking keeps the row, so the list still says who had access and until when."""

    __tablename__ = "insight_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class InsightDay(Base):
    """A day whose roll-up was made, and when: made again while its conversations are
    still kept (a late answer, a referral's later steps), left as it is once they are gone."""

    __tablename__ = "insight_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    rolled_up_at: Mapped[datetime]
    conversations: Mapped[int]
