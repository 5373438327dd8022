"""clusters.span: days from an event's first to its last date (0 for one day or undated), indexed, so that a
page of events in a date range, oldest first, starts its index walk at `from` minus the longest span in the
store instead of at the store's first day.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("clusters", sa.Column("span", sa.Integer, nullable=False, server_default=sa.text("0")))
    conn = op.get_bind()
    clusters = sa.table("clusters", sa.column("id", sa.String), sa.column("date_start", sa.Date),
                        sa.column("date_end", sa.Date), sa.column("span", sa.Integer))
    rows = [(cid, (b - a).days) for cid, a, b in conn.execute(
        sa.select(clusters.c.id, clusters.c.date_start, clusters.c.date_end).where(
            clusters.c.date_start.is_not(None), clusters.c.date_end.is_not(None))) if b != a]
    if rows:
        conn.execute(clusters.update().where(clusters.c.id == sa.bindparam("b_id")).values(
            span=sa.bindparam("b_span")), [{"b_id": cid, "b_span": s} for cid, s in rows])
    op.create_index("ix_clusters_span", "clusters", ["span"])


def downgrade() -> None:
    op.drop_index("ix_clusters_span", table_name="clusters")
    op.drop_column("clusters", "span")
