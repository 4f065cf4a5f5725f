"""access log: what was opened (a transcript or a ticket, with its reference); staff
accounts: when each last signed in

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 17:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("transcript_views", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), server_default="transcript", nullable=False)
        )
        batch_op.add_column(sa.Column("reference", sa.String(length=32), nullable=True))
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_signed_in_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.drop_column("last_signed_in_at")
    with op.batch_alter_table("transcript_views", schema=None) as batch_op:
        batch_op.drop_column("reference")
        batch_op.drop_column("kind")
