"""The first schema: documents, clusters, mentions, quotes, posts.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _doc_fk() -> sa.Column:
    return sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                     nullable=False, index=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("content_hash", sa.String(40), nullable=False, index=True),
        sa.Column("url", sa.Text), sa.Column("outlet", sa.Text), sa.Column("title", sa.Text),
        sa.Column("published", sa.Date), sa.Column("lang", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("version", sa.String(64), nullable=False, index=True),
        sa.Column("n_events", sa.Integer, nullable=False), sa.Column("n_quotes", sa.Integer, nullable=False),
        sa.Column("n_posts", sa.Integer, nullable=False),
    )
    op.create_table(
        "clusters",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("country", sa.String(100)),
        sa.Column("date_start", sa.Date), sa.Column("date_end", sa.Date),
        sa.Column("n_mentions", sa.Integer, nullable=False),
        sa.Column("profile", sa.JSON, nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
    )
    op.create_index("ix_clusters_block", "clusters", ["event_type", "country", "date_start"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(40), primary_key=True),
        _doc_fk(),
        sa.Column("cluster_id", sa.String(40), sa.ForeignKey("clusters.id"), nullable=False, index=True),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("date_start", sa.Date), sa.Column("date_end", sa.Date),
        sa.Column("country", sa.String(100)), sa.Column("admin1", sa.String(100)),
        sa.Column("location", sa.Text),
        sa.Column("actor1", sa.Text), sa.Column("actor2", sa.Text),
        sa.Column("fatalities", sa.Integer), sa.Column("confidence", sa.Float),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.String(40), primary_key=True),
        _doc_fk(),
        sa.Column("speaker", sa.Text), sa.Column("date", sa.Date),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    op.create_table(
        "posts",
        sa.Column("id", sa.String(40), primary_key=True),
        _doc_fk(),
        sa.Column("payload", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for name in ("posts", "quotes", "mentions", "clusters", "documents"):
        op.drop_table(name)
