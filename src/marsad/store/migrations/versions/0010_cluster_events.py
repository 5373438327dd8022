"""Cluster updates that cost what is added, not the cluster's size.

A merged event (up to hundreds of KB for a story reported hundreds of times) lived in clusters.merged and its
merge reasons in clusters.reasons, so every mention that joined rewrote them whole (SQLite rewrites a whole
row on any update). Now:

cluster_events     the merged EVENT of each cluster, by cluster id; a batch ingest drops the rows of the
                   clusters it changes and writes them again once at its end (a reader merges a cluster
                   without a row from its mentions, as before)
mentions.merge_reason, mentions.joined
                   why a mention joined its cluster, and when (the cluster's joins counter then): the merge
                   reasons are its mentions' reasons in that order
clusters.joins     mentions that joined the cluster so far (never decreases)

clusters.merged and clusters.reasons are no longer written (left NULL / []).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("cluster_events", sa.Column("id", sa.String(40), primary_key=True),
                    sa.Column("merged", sa.JSON, nullable=False))
    op.add_column("mentions", sa.Column("merge_reason", sa.Text))
    op.add_column("mentions", sa.Column("joined", sa.Integer, nullable=False, server_default=sa.text("0")))
    op.add_column("clusters", sa.Column("joins", sa.Integer, nullable=False, server_default=sa.text("0")))
    conn = op.get_bind()
    clusters = sa.table("clusters", sa.column("id", sa.String), sa.column("reasons", sa.JSON),
                        sa.column("merged", sa.JSON), sa.column("joins", sa.Integer))
    mentions = sa.table("mentions", sa.column("id", sa.String), sa.column("doc_id", sa.String),
                        sa.column("cluster_id", sa.String), sa.column("merge_reason", sa.Text),
                        sa.column("joined", sa.Integer))
    events = sa.table("cluster_events", sa.column("id", sa.String), sa.column("merged", sa.JSON))
    rows = conn.execute(sa.select(clusters.c.id, clusters.c.reasons, clusters.c.merged)).all()
    batch_events, batch_reasons, batch_joins = [], [], []
    for cid, reasons, merged in rows:
        if merged is not None:
            batch_events.append({"id": cid, "merged": merged})
        for k, r in enumerate(reasons or [], start=1):
            batch_reasons.append({"b_cid": cid, "b_doc": r.split(": ", 1)[0], "b_reason": r, "b_joined": k})
        if reasons:
            batch_joins.append({"b_id": cid, "b_joins": len(reasons)})
    if batch_events:
        conn.execute(events.insert(), batch_events)
    if batch_reasons:
        conn.execute(mentions.update().where(mentions.c.cluster_id == sa.bindparam("b_cid"),
                                             mentions.c.doc_id == sa.bindparam("b_doc"))
                     .values(merge_reason=sa.bindparam("b_reason"), joined=sa.bindparam("b_joined")),
                     batch_reasons)
    if batch_joins:
        conn.execute(clusters.update().where(clusters.c.id == sa.bindparam("b_id"))
                     .values(joins=sa.bindparam("b_joins")), batch_joins)
    conn.execute(clusters.update().values(merged=sa.null(), reasons=[]))


def downgrade() -> None:
    op.drop_column("clusters", "joins")
    op.drop_column("mentions", "joined")
    op.drop_column("mentions", "merge_reason")
    op.drop_table("cluster_events")
