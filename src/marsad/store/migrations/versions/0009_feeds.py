"""What `marsad watch` keeps between polls, and where a crawled page came from.

documents.crawled  when an archive (WARC-Date) or a feed client fetched the page (ISO date-time)
feeds              one row per watched feed: its validators (ETag, Last-Modified) for conditional requests,
                   when it was last polled and last read, consecutive failures and the last error (backoff)
feed_items         the items already ingested, by sha1(feed URL, item key), so a restart resumes

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("crawled", sa.String(40)))
    op.create_table(
        "feeds",
        sa.Column("url", sa.String(2048), primary_key=True),
        sa.Column("etag", sa.Text), sa.Column("modified", sa.Text),
        sa.Column("last_polled", sa.DateTime), sa.Column("last_ok", sa.DateTime),
        sa.Column("next_poll", sa.DateTime),
        sa.Column("failures", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("last_error", sa.Text),
        sa.Column("n_items", sa.Integer, nullable=False, server_default=sa.text("0")),
    )
    op.create_table(
        "feed_items",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("feed_url", sa.String(2048), nullable=False),
        sa.Column("item_key", sa.Text, nullable=False),
        sa.Column("doc_id", sa.String(200)),
        sa.Column("seen_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feed_items")
    op.drop_table("feeds")
    op.drop_column("documents", "crawled")
