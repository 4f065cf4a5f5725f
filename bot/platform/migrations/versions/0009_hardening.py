"""hardening: buttons older than a volunteer's take-over stop working; each message keeps
a masked copy made once when it is stored (staff pages read that, never mask again)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("buttons_from_id", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("masked_text", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("masked_text")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_column("buttons_from_id")
