"""documents.published_source: where a document's publication date came from.

"input" (the record, or --published), "html" (the page's metadata), "url", "text" (read from the article);
null when there is no date. Rows stored before this revision keep null.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: a plain ALTER TABLE ADD COLUMN on both SQLite and PostgreSQL
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("published_source", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:  # SQLite rebuilds the table to drop a column
        batch.drop_column("published_source")
