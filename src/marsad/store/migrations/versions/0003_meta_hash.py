"""documents.meta_hash: a hash of the record's own provenance (url, outlet, title, lang, and a publication
date the input gave), so that re-ingesting a document whose text is unchanged but whose date or title was
corrected replaces it instead of being skipped. Rows stored before this revision keep null (compared by
their text only).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("meta_hash", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("meta_hash")
