"""conversations: a short code (stored hashed) to resume the conversation on another device

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 19:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resume_code_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("resume_code_expires_at", sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_conversations_resume_code_hash"), ["resume_code_hash"]
        )


def downgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_conversations_resume_code_hash"), type_="unique")
        batch_op.drop_column("resume_code_expires_at")
        batch_op.drop_column("resume_code_hash")
