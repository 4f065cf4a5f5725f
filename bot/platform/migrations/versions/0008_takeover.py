"""volunteers step in: who holds a conversation, internal notes, reviews, and the log of
who opened which transcript; an index on the message a reply answers

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every answered message is looked up by the message it answers (retries, restarts).
    op.create_index(op.f("ix_messages_reply_to_id"), "messages", ["reply_to_id"])
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("held_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("held_by_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("held_since", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_by", sa.String(length=120), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_conversations_held_by_id_staff_users"),
            "staff_users",
            ["held_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "conversation_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=32), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_notes_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_notes")),
    )
    op.create_index(
        op.f("ix_conversation_notes_conversation_id"),
        "conversation_notes",
        ["conversation_id"],
    )
    # No foreign key on purpose: the record of who read a transcript outlives the
    # transcript (deleted after its retention time or at the resident's request).
    op.create_table(
        "transcript_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=32), nullable=False),
        sa.Column("staff_username", sa.String(length=120), nullable=False),
        sa.Column("staff_role", sa.String(length=20), nullable=False),
        sa.Column("viewed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transcript_views")),
    )
    op.create_index(op.f("ix_transcript_views_viewed_at"), "transcript_views", ["viewed_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_messages_reply_to_id"), table_name="messages")
    op.drop_index(op.f("ix_transcript_views_viewed_at"), table_name="transcript_views")
    op.drop_table("transcript_views")
    op.drop_index(op.f("ix_conversation_notes_conversation_id"), table_name="conversation_notes")
    op.drop_table("conversation_notes")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_conversations_held_by_id_staff_users"), type_="foreignkey"
        )
        batch_op.drop_column("reviewed_by")
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("held_since")
        batch_op.drop_column("held_by_name")
        batch_op.drop_column("held_by_id")
