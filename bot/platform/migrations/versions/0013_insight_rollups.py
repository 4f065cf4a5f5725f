"""insights: daily roll-ups of counts per district, measure and key, their sums per week
and month, the days made, and the tokens of the insights API

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "insight_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=False),
        sa.Column("measure", sa.String(length=24), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_counts")),
        sa.UniqueConstraint(
            "day", "district", "measure", "key", name=op.f("uq_insight_counts_day")
        ),
    )
    op.create_index("ix_insight_counts_measure_day", "insight_counts", ["measure", "day"])
    op.create_table(
        "insight_totals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=False),
        sa.Column("measure", sa.String(length=24), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_totals")),
        sa.UniqueConstraint(
            "period", "start", "district", "measure", "key", name=op.f("uq_insight_totals_period")
        ),
    )
    op.create_index("ix_insight_totals_period_start", "insight_totals", ["period", "start"])
    op.create_table(
        "insight_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_insight_tokens_token_hash")),
    )
    op.create_table(
        "insight_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rolled_up_at", sa.DateTime(), nullable=False),
        sa.Column("conversations", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_insight_days")),
    )


def downgrade() -> None:
    op.drop_table("insight_days")
    op.drop_table("insight_tokens")
    op.drop_index("ix_insight_totals_period_start", table_name="insight_totals")
    op.drop_table("insight_totals")
    op.drop_index("ix_insight_counts_measure_day", table_name="insight_counts")
    op.drop_table("insight_counts")
