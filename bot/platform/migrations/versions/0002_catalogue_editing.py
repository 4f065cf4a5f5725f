"""catalogue editing: a version per provision, a catalogue revision number, PostgreSQL
search with the Dutch configuration

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 19:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tsv(config: str) -> None:
    op.execute("DROP INDEX IF EXISTS ix_kb_search_tsv")
    op.execute("ALTER TABLE kb_search DROP COLUMN tsv")
    op.execute(
        "ALTER TABLE kb_search ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector('{config}', title), 'A') || "
        f"setweight(to_tsvector('{config}', body), 'B')) STORED"
    )
    op.execute("CREATE INDEX ix_kb_search_tsv ON kb_search USING GIN (tsv)")


def upgrade() -> None:
    # Editors save with the version they started from, so two editors cannot silently
    # overwrite each other's work.
    with op.batch_alter_table('kb_services', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    revision_table = op.create_table(
        'kb_revision',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_revision')),
    )
    op.bulk_insert(revision_table, [{'id': 1, 'number': 0}])
    if op.get_bind().dialect.name == 'postgresql':
        _tsv('dutch')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        _tsv('simple')
    op.drop_table('kb_revision')
    with op.batch_alter_table('kb_services', schema=None) as batch_op:
        batch_op.drop_column('version')
