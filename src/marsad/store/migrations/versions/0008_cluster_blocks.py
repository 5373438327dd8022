"""Indexes for the candidate lookup of a new mention (store._candidates), so that it reads a bounded window
whatever the store's size: clusters (event_type, date_start) for a mention with no country (before, every
cluster of the event type was read), and the same, partial, over the few clusters that span more than
SPAN_CAP (31) days (before, every older cluster of the type and country was read).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_clusters_type_start", "clusters", ["event_type", "date_start"])
    op.create_index("ix_clusters_long", "clusters", ["event_type", "date_start"],
                    sqlite_where=sa.text("span > 31"), postgresql_where=sa.text("span > 31"))


def downgrade() -> None:
    op.drop_index("ix_clusters_long", table_name="clusters")
    op.drop_index("ix_clusters_type_start", table_name="clusters")
