"""Indexes for the API's pages: clusters.day (the start date, 0001-01-01 when undated: a sort key without
nulls) with (day, id) and (n_mentions, id) indexes for keyset paging, and mentions indexed by country, by
type and by coordinates for the filters.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

NO_DATE = datetime.date(1, 1, 1)


def upgrade() -> None:
    # a plain ADD COLUMN on both databases (batch mode would copy the table, which the mentions' foreign key
    # forbids on SQLite)
    op.add_column("clusters", sa.Column("day", sa.Date, nullable=False, server_default=sa.text("'0001-01-01'")))
    clusters = sa.table("clusters", sa.column("day", sa.Date), sa.column("date_start", sa.Date))
    op.execute(clusters.update().where(clusters.c.date_start.is_not(None)).values(day=clusters.c.date_start))
    op.create_index("ix_clusters_day", "clusters", ["day", "id"])
    op.create_index("ix_clusters_sources", "clusters", ["n_mentions", "id"])
    op.create_index("ix_mentions_country", "mentions", ["country", "cluster_id"])
    op.create_index("ix_mentions_type", "mentions", ["sub_event_type", "cluster_id"])
    op.create_index("ix_mentions_event_type", "mentions", ["event_type", "cluster_id"])
    op.create_index("ix_mentions_place", "mentions", ["longitude", "latitude", "cluster_id"])


def downgrade() -> None:
    for name, table in (("ix_mentions_place", "mentions"), ("ix_mentions_event_type", "mentions"), ("ix_mentions_type", "mentions"),
                        ("ix_mentions_country", "mentions"), ("ix_clusters_sources", "clusters"),
                        ("ix_clusters_day", "clusters")):
        op.drop_index(name, table_name=table)
    op.drop_column("clusters", "day")
