"""API tokens for the district teams' own systems (hashes only)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_team_tokens_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_team_tokens_token_hash")),
    )
    with op.batch_alter_table("team_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_tokens_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("team_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_tokens_team_id"))
    op.drop_table("team_tokens")
