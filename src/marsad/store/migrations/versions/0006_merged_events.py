"""clusters.merged: the merged EVENT of each cluster (dedup.merge_mentions of its mentions and reasons),
kept up to date on every write, so that reading a page of events is one indexed query instead of a merge per
event. Existing clusters are merged here.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("clusters", sa.Column("merged", sa.JSON, nullable=True))
    from marsad.dedup import merge_mentions
    from marsad.model.results import EventRecord

    conn = op.get_bind()
    mentions = sa.table("mentions", sa.column("id", sa.String), sa.column("cluster_id", sa.String),
                        sa.column("payload", sa.JSON))
    clusters = sa.table("clusters", sa.column("id", sa.String), sa.column("reasons", sa.JSON),
                        sa.column("merged", sa.JSON))
    members: dict[str, list[EventRecord]] = {}
    for cid, payload in conn.execute(sa.select(mentions.c.cluster_id, mentions.c.payload).order_by(mentions.c.id)):
        members.setdefault(cid, []).append(EventRecord.from_json(payload))
    reasons = dict(conn.execute(sa.select(clusters.c.id, clusters.c.reasons)).all())
    if members:
        conn.execute(clusters.update().where(clusters.c.id == sa.bindparam("b_id")).values(
            merged=sa.bindparam("b_merged", type_=sa.JSON)),
            [{"b_id": cid, "b_merged": merge_mentions(cid, ps, reasons.get(cid) or []).to_json()} for cid, ps in members.items()])


def downgrade() -> None:
    op.drop_column("clusters", "merged")
