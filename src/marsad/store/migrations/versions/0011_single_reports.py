"""A smaller store: no second copy of single reports, no unused columns.

cluster_events     keeps the merged EVENT of clusters of two or more mentions only: a single report's
                   merged event is made from its one mention when read (as for any cluster without a row),
                   which drops a copy of most events (about a quarter of a store)
mentions.evidence_text
                   dropped: nothing read it (the search reads evidence_folded; the evidence is in payload)
clusters.merged, clusters.reasons
                   dropped: unwritten since migration 0010 (NULL / [])

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    clusters = sa.table("clusters", sa.column("id", sa.String), sa.column("n_mentions", sa.Integer))
    events = sa.table("cluster_events", sa.column("id", sa.String))
    conn.execute(events.delete().where(events.c.id.in_(sa.select(clusters.c.id).where(clusters.c.n_mentions < 2))))
    for table, column in (("mentions", "evidence_text"), ("clusters", "merged"), ("clusters", "reasons")):
        if conn.dialect.name == "sqlite":
            # SQLite >= 3.35 drops an unindexed column in place; alembic's batch mode would copy the table,
            # which the mentions' foreign key to clusters forbids
            conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        else:
            op.drop_column(table, column)


def downgrade() -> None:
    op.add_column("clusters", sa.Column("reasons", sa.JSON, nullable=False, server_default=sa.text("'[]'")))
    op.add_column("clusters", sa.Column("merged", sa.JSON))
    op.add_column("mentions", sa.Column("evidence_text", sa.Text, nullable=False, server_default=sa.text("''")))
