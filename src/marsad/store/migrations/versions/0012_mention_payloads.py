"""Event payloads without a second copy of their document.

mentions.payload   kept without what the document's row holds (store/compact.py): a span's `doc_id` when it
                   is the mention's document and its `text` when it is the document's text at its offsets,
                   and `sources` when it is just that document's SOURCE; the store puts them back when it
                   reads a mention, so every event read is the one written

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

from marsad.store.compact import doc_source, pack_event, unpack_event

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BATCH = 2000


def _rewrite(change: Callable[[dict[str, Any], str, str, dict[str, Any]], dict[str, Any]]) -> None:
    """Rewrite every mention's payload with `change(payload, doc_id, text, source)`, BATCH at a time."""
    conn = op.get_bind()
    mentions = sa.table("mentions", sa.column("id", sa.String), sa.column("doc_id", sa.String),
                        sa.column("payload", sa.JSON))
    documents = sa.table("documents", sa.column("id", sa.String), sa.column("text", sa.Text),
                         sa.column("url", sa.Text), sa.column("outlet", sa.Text), sa.column("published", sa.Date))
    q = (sa.select(mentions.c.id, mentions.c.payload, documents.c.id, documents.c.text, documents.c.url,
                   documents.c.outlet, documents.c.published)
         .join(documents, documents.c.id == mentions.c.doc_id).order_by(mentions.c.id).limit(BATCH))
    update = mentions.update().where(mentions.c.id == sa.bindparam("b_id")).values(
        payload=sa.bindparam("b_payload", type_=sa.JSON))
    last = None
    while True:
        rows = conn.execute(q if last is None else q.where(mentions.c.id > last)).all()
        if not rows:
            return
        changed = []
        for mid, payload, doc_id, text, url, outlet, published in rows:
            new = change(payload, doc_id, text, doc_source(doc_id, url, outlet, published))
            if new != payload:
                changed.append({"b_id": mid, "b_payload": new})
        if changed:
            conn.execute(update, changed)
        last = rows[-1][0]


def upgrade() -> None:
    _rewrite(pack_event)


def downgrade() -> None:
    _rewrite(unpack_event)
