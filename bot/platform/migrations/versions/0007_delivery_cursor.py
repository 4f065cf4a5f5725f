"""conversations.delivered_id: how far a push channel (Telegram) has delivered the log

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("delivered_id", sa.Integer(), server_default="0", nullable=False)
        )
    # What exists already counts as delivered: a new channel must not resend old logs.
    op.execute(
        "UPDATE conversations SET delivered_id = COALESCE("
        "(SELECT MAX(messages.id) FROM messages"
        " WHERE messages.conversation_id = conversations.id), 0)"
    )


def downgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_column("delivered_id")
