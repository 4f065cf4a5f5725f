"""sign-in: the addresses each staff account signed in from (keyed hashes), and when the
last wrong password from elsewhere came, so that guesses from strangers hold off only
strangers instead of locking the account

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_signin_addresses",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("address_hash", sa.String(length=64), nullable=False),
        sa.Column("last_signed_in_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["staff_users.id"],
            name=op.f("fk_staff_signin_addresses_user_id_staff_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "address_hash", name=op.f("pk_staff_signin_addresses")),
    )
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_failed_signin_at", sa.DateTime(), nullable=True))
    # A lock from before this version would now hold off strangers only; start clean.
    op.execute("UPDATE staff_users SET failed_signins = 0, locked_until = NULL")


def downgrade() -> None:
    # Not in batch mode: on SQLite that copies staff_users, and dropping the old copy
    # would cascade to every session and team membership.
    op.drop_column("staff_users", "last_failed_signin_at")
    op.drop_table("staff_signin_addresses")
